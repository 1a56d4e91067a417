/**
 * Rollups: counts per (5-minute bucket, product, region), with '*' totals on either axis and region
 * 'unknown' for posts naming no region (DESIGN.md "Definitions"). A post counts once in every cell of
 * (its products ∪ '*') × (its regions, or 'unknown', ∪ '*').
 *
 * Every write here is a *contribution* of a set of posts, computed by SQL from the posts and link
 * tables themselves inside the caller's atomic batch (see docs/decisions.md, 2026-11-26), so the
 * counts stay exact under re-delivery, edits, crashes and concurrent writers.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client.js';
import type { RollupCounts } from './trends.js';

export const ROLLUP_BUCKET_SECONDS = 300;
export const ROLLUP_BUCKET_MS = ROLLUP_BUCKET_SECONDS * 1000;

/**
 * Adds (`sign` 1) or subtracts (-1) the contribution of the posts `selected` yields. `selected` is a
 * SELECT returning posts columns id, published_at, outage, sentiment_label, sentiment_score,
 * comms_complaint, churn, revenue, credit.
 */
export function rollupContribution(db: Db, selected: SQL, sign: 1 | -1): BatchItem<'sqlite'> {
  const s = sql.raw(String(sign));
  // No LATERAL in SQLite: each post carries its products/regions as JSON arrays (correlated lookups on the
  // link tables' primary keys) and json_each expands them — linear in the posts selected, whatever the plan.
  return db.run(sql`
    WITH sel AS MATERIALIZED (
      SELECT x.*,
        (SELECT json_group_array(product) FROM post_products WHERE post_id = x.id) AS P,
        (SELECT json_group_array(region) FROM post_regions WHERE post_id = x.id) AS R
      FROM (${selected}) x
    )
    INSERT INTO rollups (bucket_start, bucket_seconds, product, region, posts, outage_posts, negative, positive,
                         comms_complaints, churn, revenue, credit, sentiment_sum)
    SELECT (s.published_at / ${sql.raw(String(ROLLUP_BUCKET_MS))}) * ${sql.raw(String(ROLLUP_BUCKET_MS))},
           ${sql.raw(String(ROLLUP_BUCKET_SECONDS))}, pr.value, rg.value,
           ${s} * count(*), ${s} * sum(s.outage), ${s} * sum(s.sentiment_label = 'neg'), ${s} * sum(s.sentiment_label = 'pos'),
           ${s} * sum(s.comms_complaint), ${s} * sum(s.churn), ${s} * sum(s.revenue), ${s} * sum(s.credit),
           ${s} * total(s.sentiment_score)
    FROM sel s,
      json_each(json_insert(s.P, '$[#]', '*')) pr,
      json_each(CASE WHEN json_array_length(s.R) = 0 THEN '["unknown","*"]' ELSE json_insert(s.R, '$[#]', '*') END) rg
    WHERE true
    GROUP BY 1, 3, 4
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

/** Removes cells left at zero posts in the given buckets (after edits moved or removed a post's count). */
export function dropEmptyRollups(db: Db, bucketStarts: number[]): BatchItem<'sqlite'> {
  return db.run(sql`
    DELETE FROM rollups WHERE bucket_seconds = ${ROLLUP_BUCKET_SECONDS} AND posts = 0
      AND bucket_start IN (SELECT value FROM json_each(${JSON.stringify(bucketStarts)}))`);
}

/** Recomputes every 5-minute rollup from posts, atomically. Returns the number of rollup rows. */
export async function rebuildRollups(db: Db): Promise<number> {
  await db.batch([
    db.run(sql`DELETE FROM rollups WHERE bucket_seconds = ${ROLLUP_BUCKET_SECONDS}`),
    rollupContribution(db, sql`SELECT ${POST_COLUMNS} FROM posts p`, 1),
  ]);
  const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM rollups WHERE bucket_seconds = ${ROLLUP_BUCKET_SECONDS}`);
  return Number(rows[0]?.n ?? 0);
}

export interface RollupRow extends RollupCounts {
  bucketStart: number;
  product: string;
  region: string;
}

/** Every 5-minute rollup row in a stable order (tests compare incremental against rebuilt). */
export async function allRollups(db: Db): Promise<RollupRow[]> {
  const rows = await db.all<Record<string, number | string>>(sql`
    SELECT bucket_start, product, region, posts, outage_posts, negative, positive, comms_complaints, churn, revenue, credit, sentiment_sum
    FROM rollups WHERE bucket_seconds = ${ROLLUP_BUCKET_SECONDS} AND posts <> 0
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
