/**
 * Trends read rollups only (DESIGN.md: "Trends read rollups, never scan posts"). Rollups are stored at
 * 5 minutes, 1 hour and 1 day (./rollups.ts ROLLUP_GRAINS); a read splits its range into pieces each
 * served by the coarsest grain that fits (rollupSegments: whole days from day rows, the hours at the
 * edges from hour rows, the minutes at the very edges from 5-minute rows) and sums them in SQL, each
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

/** Rollup rows of one (product, region) series, or of several keys, over the pieces of a range, as one UNION ALL. */
export function segmentRows(segments: readonly RollupSegment[], where: SQL): SQL {
  return sql.join(
    segments.map(
      (s) => sql`SELECT * FROM rollups WHERE bucket_seconds = ${int(s.grainSeconds)} AND ${where}
        AND bucket_start >= ${int(s.from)} AND bucket_start < ${int(s.to)}`,
    ),
    sql` UNION ALL `,
  );
}

/** Summed counts of every rollup column (unqualified names), for select lists over segmentRows. */
export const COUNT_SUMS = sql.raw(
  'coalesce(sum(posts), 0) AS posts, coalesce(sum(outage_posts), 0) AS outage_posts, coalesce(sum(negative), 0) AS negative, ' +
    'coalesce(sum(positive), 0) AS positive, coalesce(sum(comms_complaints), 0) AS comms_complaints, coalesce(sum(churn), 0) AS churn, ' +
    'coalesce(sum(revenue), 0) AS revenue, coalesce(sum(credit), 0) AS credit, coalesce(sum(sentiment_sum), 0) AS sentiment_sum',
);

/** A row of COUNT_SUMS as RollupCounts. */
export function countsOf(r: Record<string, unknown>): RollupCounts {
  return {
    posts: Number(r['posts']),
    outagePosts: Number(r['outage_posts']),
    negative: Number(r['negative']),
    positive: Number(r['positive']),
    commsComplaints: Number(r['comms_complaints']),
    churn: Number(r['churn']),
    revenue: Number(r['revenue']),
    credit: Number(r['credit']),
    sentimentSum: Number(r['sentiment_sum']),
  };
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
  if (segments.length === 0) return [];
  // Inlined, not bound (see int()): REAL division would not even truncate.
  const size = int(q.bucketMs);
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT (bucket_start / ${size}) * ${size} AS b, ${COUNT_SUMS}
    FROM (${segmentRows(segments, sql`product = ${q.product} AND region = ${q.region}`)})
    GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ bucketStart: Number(r['b']), ...countsOf(r) }));
}
