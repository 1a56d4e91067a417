/**
 * Posts search for the API (`GET /api/v1/posts`) and for "the posts behind a number": text, product,
 * region, sentiment, flags and a time range, newest first, keyset-paginated on (published_at, id)
 * so page N costs the same as page 1. Every value goes in as a bound parameter.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { postProducts, postRegions, posts } from '../schema.js';
import { int } from './trends.js';

export interface PostSearch {
  /**
   * Words of title or text, through the posts_fts full-text index (migration 0002): every word must
   * occur (case- and accent-insensitive), the last one may be a prefix ("outag" finds "outage").
   */
  q?: string;
  product?: string;
  region?: string;
  sentiment?: 'neg' | 'neu' | 'pos';
  outage?: boolean;
  commsComplaint?: boolean;
  churn?: boolean;
  revenue?: boolean;
  credit?: boolean;
  from?: number;
  to?: number;
  /** Only posts with these ids (e.g. an alert's top posts). */
  ids?: readonly number[];
  /** Keyset: posts strictly older than this (published_at, id). */
  before?: { publishedAt: number; id: number };
  limit: number;
}

export interface PostHit {
  id: number;
  sourceId: number;
  url: string | null;
  title: string | null;
  text: string;
  publishedAt: number;
  lang: string | null;
  sentimentLabel: 'neg' | 'neu' | 'pos';
  sentimentScore: number;
  outageScore: number;
  outage: boolean;
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
  demo: boolean;
  products: string[];
  regions: string[];
}

/**
 * The user's words as an FTS5 query: each whitespace-separated word becomes a string literal (inner
 * `"` doubled), so FTS5 operators and metacharacters in user text (AND, OR, NOT, NEAR, `*`, `^`, `:`,
 * parentheses) are plain words; within a literal the tokenizer splits on punctuation, so
 * "zz-hostile-marker" is the phrase zz hostile marker. The last word is a prefix. Words with no letter
 * or digit (`%`, `_`, `--`) index to nothing and are dropped; null when nothing is left to search for.
 */
export function ftsQuery(q: string): string | null {
  const words = q.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** Below this many matches the full-text index drives the query; at or above it, the time index does. */
const FTS_DRIVE_MAX = 2000;

export async function searchPosts(db: Db, s: PostSearch): Promise<PostHit[]> {
  const where: (SQL | undefined)[] = [];
  if (s.q) {
    const match = ftsQuery(s.q);
    if (match === null) where.push(sql`0`);
    else {
      // posts_fts is a virtual table (not in schema.ts); its rowid is posts.id. A word few posts
      // contain: the index drives and its matches are sorted. A common word: walk posts newest first
      // (posts_published_idx) and keep those in the match set, stopping at the page size (the unary
      // `+` keeps SQLite from driving from the match set and sorting tens of thousands of rows).
      const [few] = await db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ${match} LIMIT ${FTS_DRIVE_MAX})`,
      );
      const drive = (few?.n ?? 0) < FTS_DRIVE_MAX;
      where.push(sql`${drive ? sql`` : sql`+`}${posts.id} IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ${match})`);
    }
  }
  if (s.product) {
    where.push(sql`EXISTS (SELECT 1 FROM ${postProducts} WHERE ${postProducts.postId} = ${posts.id} AND ${postProducts.product} = ${s.product})`);
  }
  if (s.region) {
    where.push(sql`EXISTS (SELECT 1 FROM ${postRegions} WHERE ${postRegions.postId} = ${posts.id} AND ${postRegions.region} = ${s.region})`);
  }
  if (s.sentiment) where.push(eq(posts.sentimentLabel, s.sentiment));
  if (s.outage !== undefined) where.push(eq(posts.outage, s.outage));
  if (s.commsComplaint !== undefined) where.push(eq(posts.commsComplaint, s.commsComplaint));
  if (s.churn !== undefined) where.push(eq(posts.churn, s.churn));
  if (s.revenue !== undefined) where.push(eq(posts.revenue, s.revenue));
  if (s.credit !== undefined) where.push(eq(posts.credit, s.credit));
  if (s.from !== undefined) where.push(sql`${posts.publishedAt} >= ${int(s.from)}`);
  if (s.to !== undefined) where.push(sql`${posts.publishedAt} < ${int(s.to)}`);
  if (s.ids) where.push(s.ids.length ? sql`${posts.id} IN (${sql.join(s.ids.map(int), sql`, `)})` : sql`0`);
  if (s.before) {
    where.push(
      sql`(${posts.publishedAt} < ${int(s.before.publishedAt)} OR (${posts.publishedAt} = ${int(s.before.publishedAt)} AND ${posts.id} < ${int(s.before.id)}))`,
    );
  }
  const rows = await db
    .select({
      id: posts.id,
      sourceId: posts.sourceId,
      url: posts.url,
      title: posts.title,
      text: posts.text,
      publishedAt: posts.publishedAt,
      lang: posts.lang,
      sentimentLabel: posts.sentimentLabel,
      sentimentScore: posts.sentimentScore,
      outageScore: posts.outageScore,
      outage: posts.outage,
      commsComplaint: posts.commsComplaint,
      churn: posts.churn,
      revenue: posts.revenue,
      credit: posts.credit,
      demo: posts.demo,
      products: sql<string | null>`(SELECT group_concat(${postProducts.product}) FROM ${postProducts} WHERE ${postProducts.postId} = ${posts.id})`,
      regions: sql<string | null>`(SELECT group_concat(${postRegions.region}) FROM ${postRegions} WHERE ${postRegions.postId} = ${posts.id})`,
    })
    .from(posts)
    .where(and(...where))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(s.limit);
  return rows.map((r) => ({
    ...r,
    products: r.products ? r.products.split(',').sort() : [],
    regions: r.regions ? r.regions.split(',').sort() : [],
  }));
}
