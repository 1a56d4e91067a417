/**
 * Trends read rollups only (DESIGN.md: "Trends read rollups, never scan posts"). Rollups are stored at
 * 5 minutes, 1 hour and 1 day (./rollups.ts ROLLUP_GRAINS); a read splits its range into pieces each
 * served by the coarsest grain that fits (rollupSegments: whole days from day rows, the hours at the
 * edges from hour rows, the minutes at the very edges from 5-minute rows) and sums them (rollupRows), each
 * piece one range of the rollups primary key (bucket_seconds, product, region, bucket_start).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { ROLLUP_GRAINS } from './rollups.js';

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
  /** The finest stored rollup grain (seconds): a range counts the cells of this grain starting in it. */
  grainSeconds: number;
}

/** A piece of a range read at one stored grain: rows with bucket_start in [from, to). */
export interface RollupSegment {
  grainSeconds: number;
  from: number;
  to: number;
}

/**
 * Splits [from, to) into pieces, each read at the coarsest stored grain that fits it, such that together
 * they count exactly the cells of grain `finestSeconds` that start in [from, to) (what a read of only
 * that grain counts). With `unitMs` (an output bucket size), only grains dividing it are used, so no
 * coarse row straddles two output buckets. At most 2·(grains − 1) + 1 pieces, in time order.
 */
export function rollupSegments(from: number, to: number, finestSeconds: number, unitMs?: number): RollupSegment[] {
  const known = (ROLLUP_GRAINS as readonly number[]).includes(finestSeconds);
  const grains = known
    ? ROLLUP_GRAINS.filter((g) => g === finestSeconds || (g > finestSeconds && (unitMs === undefined || unitMs % (g * 1000) === 0)))
    : [finestSeconds];
  const f = finestSeconds * 1000;
  const out: RollupSegment[] = [];
  // Coarsest first; what a grain cannot cover whole goes to the next finer one.
  const split = (a: number, b: number, i: number) => {
    if (a >= b) return;
    const g = grains[i]!;
    if (i === 0) {
      out.push({ grainSeconds: g, from: a, to: b });
      return;
    }
    const ms = g * 1000;
    const ca = Math.ceil(a / ms) * ms;
    const cb = Math.floor(b / ms) * ms;
    if (ca >= cb) return split(a, b, i - 1);
    split(a, ca, i - 1);
    out.push({ grainSeconds: g, from: ca, to: cb });
    split(cb, b, i - 1);
  };
  split(Math.ceil(from / f) * f, Math.ceil(to / f) * f, grains.length - 1);
  return out;
}

/**
 * The rollup rows of `segments` matching `where`, as [key column, posts, outage_posts, negative, positive,
 * comms_complaints, churn, revenue, credit, sentiment_sum] arrays, unsorted. They travel as one JSON
 * value: the libSQL client builds an object with a property per column for every row, which cost ~4x
 * the query itself for a week of hourly points (profiled); the sums are then a loop in JS instead of
 * SQL's temp B-tree for GROUP BY (half of what was left). Same SQL on D1.
 */
export async function rollupRows(
  db: Db,
  segments: readonly RollupSegment[],
  key: 'bucket_start' | 'product' | 'region',
  where: SQL,
): Promise<[string | number, ...number[]][]> {
  if (segments.length === 0) return [];
  const k = sql.raw(key);
  const parts = segments.map(
    (s) => sql`SELECT ${k} AS k, posts, outage_posts, negative, positive, comms_complaints, churn, revenue, credit, sentiment_sum
      FROM rollups WHERE bucket_seconds = ${int(s.grainSeconds)} AND ${where}
      AND bucket_start >= ${int(s.from)} AND bucket_start < ${int(s.to)}`,
  );
  const rows = await db.all<{ j: string | null }>(sql`
    SELECT json_group_array(json_array(k, posts, outage_posts, negative, positive, comms_complaints, churn, revenue, credit, sentiment_sum)) AS j
    FROM (${sql.join(parts, sql` UNION ALL `)})`);
  return JSON.parse(rows[0]?.j ?? '[]') as [string | number, ...number[]][];
}

/** Adds one rollupRows array to `into`. */
function addRow(into: RollupCounts, a: readonly (string | number)[]): void {
  into.posts += a[1] as number;
  into.outagePosts += a[2] as number;
  into.negative += a[3] as number;
  into.positive += a[4] as number;
  into.commsComplaints += a[5] as number;
  into.churn += a[6] as number;
  into.revenue += a[7] as number;
  into.credit += a[8] as number;
  into.sentimentSum += a[9] as number;
}

/** Sums rollupRows per group (`groupOf` the row's key), in first-seen order. */
export function sumRows<K>(rows: readonly (readonly (string | number)[])[], groupOf: (key: string | number) => K): Map<K, RollupCounts> {
  const out = new Map<K, RollupCounts>();
  for (const a of rows) {
    const g = groupOf(a[0]!);
    let c = out.get(g);
    if (!c) out.set(g, (c = { posts: 0, outagePosts: 0, negative: 0, positive: 0, commsComplaints: 0, churn: 0, revenue: 0, credit: 0, sentimentSum: 0 }));
    addRow(c, a);
  }
  return out;
}

/**
 * An integer as a SQL literal. libSQL binds every JS number as REAL, and comparing an INTEGER column
 * with a REAL parameter costs about twice the CPU on these range scans; `Math.trunc` makes it safe.
 */
export function int(n: number): SQL {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return sql.raw(String(Math.trunc(n)));
}

/** Non-empty buckets of one series, ascending. Callers fill the gaps (zero counts). */
export async function trendSeries(db: Db, q: TrendQuery): Promise<TrendPoint[]> {
  const segments = rollupSegments(q.from, q.to, q.grainSeconds, q.bucketMs);
  const rows = await rollupRows(db, segments, 'bucket_start', sql`product = ${q.product} AND region = ${q.region}`);
  const size = q.bucketMs;
  const sums = sumRows(rows, (b) => Math.floor((b as number) / size) * size);
  const points = [...sums].map(([bucketStart, counts]) => ({ bucketStart, ...counts }));
  return points.sort((x, y) => x.bucketStart - y.bucketStart);
}
