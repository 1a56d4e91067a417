/**
 * Rollups: counts per (bucket, product, region), with '*' totals on either axis and region 'unknown'
 * for posts naming no region (DESIGN.md "Definitions"). A post counts once in every cell of
 * (its products ∪ '*') × (its regions, or 'unknown', ∪ '*').
 *
 * Every cell is stored at three grains (ROLLUP_GRAINS: 5 min, 1 h, 1 day; `bucket_seconds` in the key),
 * all written by the same statement, so reads over long ranges sum a few hour/day rows instead of
 * thousands of 5-minute ones (see ./trends.ts rollupSegments and docs/decisions.md, 2026-11-26).
 *
 * Every write here is a *contribution* of a set of posts, computed by SQL from the posts and link
 * tables themselves inside the caller's atomic batch (see docs/decisions.md, 2026-11-26), so the
 * counts stay exact under re-delivery, edits, crashes and concurrent writers.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client.js';
import type { RollupCounts } from './trends.js';

/** The finest grain: the spike bucket, what ingest counts posts into. */
export const ROLLUP_BUCKET_SECONDS = 300;
export const ROLLUP_BUCKET_MS = ROLLUP_BUCKET_SECONDS * 1000;
/** Every stored grain (seconds), finest first; each divides the next, all aligned to the UTC epoch. */
export const ROLLUP_GRAINS = [ROLLUP_BUCKET_SECONDS, 3_600, 86_400] as const;

/** An integer inlined as a SQL literal (libSQL would bind a JS number as REAL). */
const lit = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return sql.raw(String(n));
};

/**
 * Adds (`sign` 1) or subtracts (-1) the contribution of the posts `selected` yields, at every grain.
 * `selected` is a SELECT returning posts columns id, published_at, outage, sentiment_label,
 * sentiment_score, comms_complaint, churn, revenue, credit.
 */
export function rollupContribution(db: Db, selected: SQL, sign: 1 | -1): BatchItem<'sqlite'> {
  const s = lit(sign);
  // No LATERAL in SQLite: each post carries its products/regions as JSON arrays (correlated lookups on the
  // link tables' primary keys) and json_each expands them — linear in the posts selected, whatever the plan.
  // The expansion runs once, into 5-minute cells (`fine`); the coarser grains are sums of those cells, so
  // they cost a group-by over a few hundred rows, not another pass over the posts.
  const coarser = ROLLUP_GRAINS.slice(1).map(
    (g) => sql`
    UNION ALL
    SELECT (f.b / ${lit(g * 1000)}) * ${lit(g * 1000)}, ${lit(g)}, f.product, f.region, sum(f.n), sum(f.o), sum(f.neg), sum(f.pos),
           sum(f.cc), sum(f.ch), sum(f.rv), sum(f.cr), total(f.ss)
    FROM fine f GROUP BY 1, 3, 4`,
  );
  return db.run(sql`
    WITH sel AS MATERIALIZED (
      SELECT x.*,
        (SELECT json_group_array(product) FROM post_products WHERE post_id = x.id) AS P,
        (SELECT json_group_array(region) FROM post_regions WHERE post_id = x.id) AS R
      FROM (${selected}) x
    ),
    fine AS MATERIALIZED (
      SELECT (s.published_at / ${lit(ROLLUP_BUCKET_MS)}) * ${lit(ROLLUP_BUCKET_MS)} AS b, pr.value AS product, rg.value AS region,
             count(*) AS n, sum(s.outage) AS o, sum(s.sentiment_label = 'neg') AS neg, sum(s.sentiment_label = 'pos') AS pos,
             sum(s.comms_complaint) AS cc, sum(s.churn) AS ch, sum(s.revenue) AS rv, sum(s.credit) AS cr,
             total(s.sentiment_score) AS ss
      FROM sel s,
        json_each(json_insert(s.P, '$[#]', '*')) pr,
        json_each(CASE WHEN json_array_length(s.R) = 0 THEN '["unknown","*"]' ELSE json_insert(s.R, '$[#]', '*') END) rg
      WHERE true
      GROUP BY 1, 2, 3
    )
    INSERT INTO rollups (bucket_start, bucket_seconds, product, region, posts, outage_posts, negative, positive,
                         comms_complaints, churn, revenue, credit, sentiment_sum)
    SELECT c.b, c.g, c.product, c.region, ${s} * c.n, ${s} * c.o, ${s} * c.neg, ${s} * c.pos,
           ${s} * c.cc, ${s} * c.ch, ${s} * c.rv, ${s} * c.cr, ${s} * c.ss
    FROM (
      SELECT f.b, ${lit(ROLLUP_BUCKET_SECONDS)} AS g, f.product, f.region, f.n, f.o, f.neg, f.pos, f.cc, f.ch, f.rv, f.cr, f.ss
      FROM fine f${sql.join(coarser)}
    ) c
    WHERE true
    ON CONFLICT (bucket_seconds, product, region, bucket_start) DO UPDATE SET
      posts = rollups.posts + excluded.posts,
      outage_posts = rollups.outage_posts + excluded.outage_posts,
      negative = rollups.negative + excluded.negative,
      positive = rollups.positive + excluded.positive,
      comms_complaints = rollups.comms_complaints + excluded.comms_complaints,
      churn = rollups.churn + excluded.churn,
      revenue = rollups.revenue + excluded.revenue,
      credit = rollups.credit + excluded.credit,
      sentiment_sum = rollups.sentiment_sum + excluded.sentiment_sum
  `);
}

const POST_COLUMNS = sql.raw(
  'p.id, p.published_at, p.outage, p.sentiment_label, p.sentiment_score, p.comms_complaint, p.churn, p.revenue, p.credit',
);

/**
 * Removes cells left at zero posts in the given 5-minute buckets, and in the hour and day cells holding
 * them (after edits moved or removed a post's count).
 */
export function dropEmptyRollups(db: Db, bucketStarts: number[]): BatchItem<'sqlite'> {
  const perGrain = ROLLUP_GRAINS.map((g) => {
    const ms = g * 1000;
    const starts = [...new Set(bucketStarts.map((b) => Math.floor(b / ms) * ms))];
    return sql`(bucket_seconds = ${lit(g)} AND bucket_start IN (SELECT value FROM json_each(${JSON.stringify(starts)})))`;
  });
  return db.run(sql`DELETE FROM rollups WHERE posts = 0 AND (${sql.join(perGrain, sql` OR `)})`);
}

/** Recomputes every rollup (all grains) from posts, atomically. Returns the number of 5-minute rows. */
export async function rebuildRollups(db: Db): Promise<number> {
  await db.batch([db.run(sql`DELETE FROM rollups`), rollupContribution(db, sql`SELECT ${POST_COLUMNS} FROM posts p`, 1)]);
  const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM rollups WHERE bucket_seconds = ${lit(ROLLUP_BUCKET_SECONDS)}`);
  return Number(rows[0]?.n ?? 0);
}

export interface RollupRow extends RollupCounts {
  bucketStart: number;
  product: string;
  region: string;
}

/** Every rollup row of one grain (default 5 minutes) in a stable order (tests compare incremental against rebuilt). */
export async function allRollups(db: Db, grainSeconds: number = ROLLUP_BUCKET_SECONDS): Promise<RollupRow[]> {
  const rows = await db.all<Record<string, number | string>>(sql`
    SELECT bucket_start, product, region, posts, outage_posts, negative, positive, comms_complaints, churn, revenue, credit, sentiment_sum
    FROM rollups WHERE bucket_seconds = ${lit(grainSeconds)} AND posts <> 0
    ORDER BY bucket_start, product, region`);
  return rows.map((r) => ({
    bucketStart: Number(r['bucket_start']),
    product: String(r['product']),
    region: String(r['region']),
    posts: Number(r['posts']),
    outagePosts: Number(r['outage_posts']),
    negative: Number(r['negative']),
    positive: Number(r['positive']),
    commsComplaints: Number(r['comms_complaints']),
    churn: Number(r['churn']),
    revenue: Number(r['revenue']),
    credit: Number(r['credit']),
    // Float sums differ in the last bits depending on addition order.
    sentimentSum: Math.round(Number(r['sentiment_sum']) * 1e6) / 1e6,
  }));
}

export { POST_COLUMNS };
