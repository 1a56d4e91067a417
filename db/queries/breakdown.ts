/**
 * Breakdown: one row of summed rollup counts per product (for a region) or per region (for a
 * product) over a period. Reads rollups only: per piece of the range (./trends.ts rollupSegments —
 * day rows for whole days, hour and 5-minute rows at the edges), one primary-key range per key.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rollupRows, rollupSegments, sumRows, type RollupCounts } from './trends.js';

export interface BreakdownQuery {
  by: 'product' | 'region';
  /** The other dimension, fixed: a region when by = product, a product when by = region ('*' = all). */
  fixed: string;
  /** The keys to break down into (known products or regions). */
  keys: readonly string[];
  from: number;
  to: number;
  /** The finest stored rollup grain (seconds). */
  grainSeconds: number;
}

export interface BreakdownRow extends RollupCounts {
  key: string;
}

export async function breakdown(db: Db, q: BreakdownQuery): Promise<BreakdownRow[]> {
  if (q.keys.length === 0) return [];
  const segments = rollupSegments(q.from, q.to, q.grainSeconds);
  if (segments.length === 0) return [];
  const fixed = sql.raw(q.by === 'product' ? 'region' : 'product');
  // Keys travel as one JSON parameter per piece (D1 allows 100 bound parameters per statement).
  const where = sql`${sql.raw(q.by)} IN (SELECT value FROM json_each(${JSON.stringify(q.keys)})) AND ${fixed} = ${q.fixed}`;
  const rows = await rollupRows(db, segments, q.by, where);
  return [...sumRows(rows, String)].map(([key, counts]) => ({ key, ...counts }));
}
