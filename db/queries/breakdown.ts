/**
 * Breakdown: one row of summed rollup counts per product (for a region) or per region (for a
 * product) over a period. Reads rollups only, one primary-key range per product/region asked for.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rollups } from '../schema.js';
import { countColumns, int, type RollupCounts } from './trends.js';

export interface BreakdownQuery {
  by: 'product' | 'region';
  /** The other dimension, fixed: a region when by = product, a product when by = region ('*' = all). */
  fixed: string;
  /** The keys to break down into (known products or regions). */
  keys: readonly string[];
  from: number;
  to: number;
  grainSeconds: number;
}

export interface BreakdownRow extends RollupCounts {
  key: string;
}

export async function breakdown(db: Db, q: BreakdownQuery): Promise<BreakdownRow[]> {
  if (q.keys.length === 0) return [];
  const key = q.by === 'product' ? rollups.product : rollups.region;
  const fixed = q.by === 'product' ? eq(rollups.region, q.fixed) : eq(rollups.product, q.fixed);
  return db
    .select({ key, ...countColumns })
    .from(rollups)
    .where(
      and(
        sql`${rollups.bucketSeconds} = ${int(q.grainSeconds)}`,
        inArray(key, [...q.keys]),
        fixed,
        sql`${rollups.bucketStart} >= ${int(q.from)}`,
        sql`${rollups.bucketStart} < ${int(q.to)}`,
      ),
    )
    .groupBy(key);
}
