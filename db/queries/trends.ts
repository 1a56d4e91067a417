/**
 * Trends read rollups only (DESIGN.md: "Trends read rollups, never scan posts"). The stored grain is
 * the spike bucket (5 min by default); coarser buckets are summed on read, in SQL, over the rollups
 * primary key (bucket_seconds, product, region, bucket_start), so a series costs one index range.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rollups } from '../schema.js';

export interface RollupCounts {
  posts: number;
  outagePosts: number;
  negative: number;
  positive: number;
  commsComplaints: number;
  churn: number;
  revenue: number;
  credit: number;
  sentimentSum: number;
}

export interface TrendPoint extends RollupCounts {
  bucketStart: number;
}

export interface TrendQuery {
  /** Product id, or '*' for all products. */
  product: string;
  /** Macro region, 'unknown', or '*' for all regions. */
  region: string;
  /** Inclusive start, exclusive end (epoch ms). */
  from: number;
  to: number;
  /** Output bucket size; a multiple of `grainSeconds`. */
  bucketMs: number;
  /** The stored rollup grain (seconds). */
  grainSeconds: number;
}

/**
 * An integer as a SQL literal. libSQL binds every JS number as REAL, and comparing an INTEGER column
 * with a REAL parameter costs about twice the CPU on these range scans; `Math.trunc` makes it safe.
 */
export function int(n: number): SQL {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return sql.raw(String(Math.trunc(n)));
}

/** Summed counts of every rollup column, for select lists. */
export const countColumns = {
  posts: sql<number>`coalesce(sum(${rollups.posts}), 0)`.mapWith(Number),
  outagePosts: sql<number>`coalesce(sum(${rollups.outagePosts}), 0)`.mapWith(Number),
  negative: sql<number>`coalesce(sum(${rollups.negative}), 0)`.mapWith(Number),
  positive: sql<number>`coalesce(sum(${rollups.positive}), 0)`.mapWith(Number),
  commsComplaints: sql<number>`coalesce(sum(${rollups.commsComplaints}), 0)`.mapWith(Number),
  churn: sql<number>`coalesce(sum(${rollups.churn}), 0)`.mapWith(Number),
  revenue: sql<number>`coalesce(sum(${rollups.revenue}), 0)`.mapWith(Number),
  credit: sql<number>`coalesce(sum(${rollups.credit}), 0)`.mapWith(Number),
  sentimentSum: sql<number>`coalesce(sum(${rollups.sentimentSum}), 0)`.mapWith(Number),
};

/** Non-empty buckets of one series, ascending. Callers fill the gaps (zero counts). */
export async function trendSeries(db: Db, q: TrendQuery): Promise<TrendPoint[]> {
  // Inlined, not bound (see int()): REAL division would not even truncate.
  const size = int(q.bucketMs);
  const bucket = sql<number>`(${rollups.bucketStart} / ${size}) * ${size}`.mapWith(Number);
  return db
    .select({ bucketStart: bucket, ...countColumns })
    .from(rollups)
    .where(
      and(
        sql`${rollups.bucketSeconds} = ${int(q.grainSeconds)}`,
        eq(rollups.product, q.product),
        eq(rollups.region, q.region),
        sql`${rollups.bucketStart} >= ${int(q.from)}`,
        sql`${rollups.bucketStart} < ${int(q.to)}`,
      ),
    )
    .groupBy(bucket)
    .orderBy(bucket);
}
