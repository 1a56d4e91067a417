/**
 * The few reads the dashboard needs that API v1 does not have (everything else it reuses from the
 * sibling query files): where the data ends (default periods follow the data, not the wall clock),
 * a breakdown restricted to one source kind (rollups carry no source, so this one reads posts), and
 * the settings the dashboard keeps (its session-signing secret).
 */
import { and, eq, gte, lt, max, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { postProducts, postRegions, posts, rollups, settings, sources } from '../schema.js';
import type { RollupCounts } from './trends.js';

/** Start of the newest stored rollup bucket at this grain, or null when nothing is stored. */
export async function latestRollupAt(db: Db, grainSeconds: number): Promise<number | null> {
  const [row] = await db.select({ at: max(rollups.bucketStart) }).from(rollups).where(eq(rollups.bucketSeconds, grainSeconds));
  return row?.at ?? null;
}

export interface KindBreakdownQuery {
  by: 'product' | 'region';
  /** Source kind (rss, discourse, …). */
  kind: string;
  product?: string;
  region?: string;
  from: number;
  to: number;
}

/** Like ./breakdown.ts but only posts from sources of one kind; reads posts (published_at index). */
export async function breakdownBySourceKind(db: Db, q: KindBreakdownQuery): Promise<(RollupCounts & { key: string })[]> {
  const link = q.by === 'product' ? postProducts : postRegions;
  const key = q.by === 'product' ? postProducts.product : postRegions.region;
  const conds = [
    gte(posts.publishedAt, q.from),
    lt(posts.publishedAt, q.to),
    eq(sources.kind, q.kind),
    q.product && q.by === 'region'
      ? sql`EXISTS (SELECT 1 FROM ${postProducts} WHERE ${postProducts.postId} = ${posts.id} AND ${postProducts.product} = ${q.product})`
      : undefined,
    q.region && q.by === 'product'
      ? sql`EXISTS (SELECT 1 FROM ${postRegions} WHERE ${postRegions.postId} = ${posts.id} AND ${postRegions.region} = ${q.region})`
      : undefined,
  ];
  const n = (col: unknown) => sql<number>`coalesce(sum(${col}), 0)`.mapWith(Number);
  return db
    .select({
      key,
      posts: sql<number>`count(*)`.mapWith(Number),
      outagePosts: n(posts.outage),
      negative: sql<number>`sum(${posts.sentimentLabel} = 'neg')`.mapWith(Number),
      positive: sql<number>`sum(${posts.sentimentLabel} = 'pos')`.mapWith(Number),
      commsComplaints: n(posts.commsComplaint),
      churn: n(posts.churn),
      revenue: n(posts.revenue),
      credit: n(posts.credit),
      sentimentSum: n(posts.sentimentScore),
    })
    .from(posts)
    .innerJoin(sources, eq(sources.id, posts.sourceId))
    .innerJoin(link, eq(link.postId, posts.id))
    .where(and(...conds))
    .groupBy(key);
}

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value ?? null;
}

/** Stores `value` unless the key already has one; returns the value that stands (first writer wins). */
export async function setSettingOnce(db: Db, key: string, value: string): Promise<string> {
  await db.insert(settings).values({ key, value }).onConflictDoNothing();
  return (await getSetting(db, key)) ?? value;
}
