/**
 * Posts search for the API (`GET /api/v1/posts`) and for "the posts behind a number": text, product,
 * region, sentiment, flags and a time range, newest first, keyset-paginated on (published_at, id)
 * so page N costs the same as page 1. Every value goes in as a bound parameter.
 *
 * Four plans, one result (docs/decisions.md, 2026-11-26, posts search): a text few posts match lets
 * posts_fts drive; a common text walks the time index in windows; no text with a product or region
 * filter walks that link table's (product|region, published_at, post_id) index; anything else walks
 * posts' time (or outage) index.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import { postProducts, postRegions, posts } from '../schema.js';
import { textMatch } from './search-text.js';
import { int } from './trends.js';

export { ftsQuery } from './search-text.js';

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

/** Below this many matches the full-text index drives the query; at or above it, the windowed walk. */
const FTS_DRIVE_MAX = 2000;
/**
 * Posts in the walk's first window per post asked for, doubled for each filter besides the text (a word
 * in 2,000 of 1M posts, the least that takes this plan, needs ~500 posts per hit; a common one ~20):
 * later windows grow with the hit rate seen (2x to 16x).
 */
const WINDOW_PER_POST = 40;
/** Smallest window: below this, the per-statement cost outweighs the posts walked. */
const WINDOW_FIRST = 2048;
/** A window larger than this ends the walk: the rest is one query, as before windowing. */
const WINDOW_MAX = 262_144;
/** A window whose ids span more than this many times its post count: ids do not follow time there. */
const LOOSE_IDS = 8;

const columns = {
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
};

type Row = Omit<PostHit, 'products' | 'regions'> & { products: string | null; regions: string | null };

const hasProduct = (s: PostSearch) =>
  sql`EXISTS (SELECT 1 FROM ${postProducts} WHERE ${postProducts.postId} = ${posts.id} AND ${postProducts.product} = ${s.product})`;
const hasRegion = (s: PostSearch) =>
  sql`EXISTS (SELECT 1 FROM ${postRegions} WHERE ${postRegions.postId} = ${posts.id} AND ${postRegions.region} = ${s.region})`;

/** Everything but text and time: product, region, sentiment, flags, ids. */
function filters(s: PostSearch, skip?: 'product' | 'region'): SQL[] {
  const out: SQL[] = [];
  if (s.product && skip !== 'product') out.push(hasProduct(s));
  if (s.region && skip !== 'region') out.push(hasRegion(s));
  if (s.sentiment) out.push(eq(posts.sentimentLabel, s.sentiment));
  if (s.outage !== undefined) out.push(eq(posts.outage, s.outage));
  if (s.commsComplaint !== undefined) out.push(eq(posts.commsComplaint, s.commsComplaint));
  if (s.churn !== undefined) out.push(eq(posts.churn, s.churn));
  if (s.revenue !== undefined) out.push(eq(posts.revenue, s.revenue));
  if (s.credit !== undefined) out.push(eq(posts.credit, s.credit));
  if (s.ids) out.push(s.ids.length ? sql`${posts.id} IN (${sql.join(s.ids.map(int), sql`, `)})` : sql`0`);
  return out;
}

/** from, to and the keyset cursor, on the given (published_at, id) columns. */
function timeBounds(s: PostSearch, at: SQLiteColumn = posts.publishedAt, id: SQLiteColumn = posts.id): SQL[] {
  const out: SQL[] = [];
  if (s.from !== undefined) out.push(sql`${at} >= ${int(s.from)}`);
  if (s.to !== undefined) out.push(sql`${at} < ${int(s.to)}`);
  if (s.before) {
    out.push(sql`(${at} < ${int(s.before.publishedAt)} OR (${at} = ${int(s.before.publishedAt)} AND ${id} < ${int(s.before.id)}))`);
  }
  return out;
}

function select(db: Db, where: SQL[], limit: number): Promise<Row[]> {
  return db
    .select(columns)
    .from(posts)
    .where(and(...where))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(limit);
}

function toHits(rows: Row[]): PostHit[] {
  return rows.map((r) => ({
    ...r,
    products: r.products ? r.products.split(',').sort() : [],
    regions: r.regions ? r.regions.split(',').sort() : [],
  }));
}

export async function searchPosts(db: Db, s: PostSearch): Promise<PostHit[]> {
  if (!s.q) {
    if ((s.product || s.region) && !s.ids) return toHits(await byLink(db, s));
    return toHits(await select(db, [...filters(s), ...timeBounds(s)], s.limit));
  }
  const text = await textMatch(db, s.q, FTS_DRIVE_MAX);
  if (text === null) return [];
  const { match } = text;
  // posts_fts is a virtual table (not in schema.ts); its rowid is posts.id.
  if (s.ids || text.count < FTS_DRIVE_MAX) {
    // Few matches (or a given id list): the index drives and its matches are sorted (a rare word: a few ms).
    const matches = sql`${posts.id} IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ${match})`;
    return toHits(await select(db, [matches, ...filters(s), ...timeBounds(s)], s.limit));
  }
  return toHits(await windowedWalk(db, s, match));
}

/**
 * A text thousands of posts match: walk posts newest first in windows of the time index and, in each,
 * keep only the posts among that window's matches — FTS5 asked for the rowids between the window's
 * smallest and largest post id, which is cheap when ids follow time (they do when posts are stored as
 * they arrive).
 * A window is the posts strictly newer than the oldest of the next `size` posts, so the next one starts
 * at that time and the (published_at, id) order and keyset cursor are unchanged. Where ids do not follow time (a backfill stores old posts with
 * new ids), where one millisecond holds a whole window, or past WINDOW_MAX, the rest is one query over
 * the whole match set, the plan used before windows (its cost grows with the match count).
 */
async function windowedWalk(db: Db, s: PostSearch, match: string): Promise<Row[]> {
  const others = filters(s);
  // Text alone walks in index order, so only returned rows are read: read them whole. With filters the
  // passing matches are sorted (each carried whole through the sorter): take ids, read the page after.
  const whole = others.length === 0;
  const found: (Row | { id: number })[] = [];
  const bounds = timeBounds(s);
  let older: SQL[] = []; // below the windows walked so far
  let size = Math.min(Math.max(s.limit * WINDOW_PER_POST * 2 ** others.length, WINDOW_FIRST), WINDOW_MAX);
  let scanned = 0;
  const ids = async (matches: SQL, where: SQL[]) => {
    const conds = [matches, ...others, ...bounds, ...where];
    if (whole) found.push(...(await select(db, conds, s.limit - found.length)));
    else {
      found.push(
        ...(await db
          .select({ id: posts.id })
          .from(posts)
          .where(and(...conds))
          .orderBy(desc(posts.publishedAt), desc(posts.id))
          .limit(s.limit - found.length)),
      );
    }
  };
  // Text alone: walk the window by time (unary `+`), stopping at the page's last hit. With filters most
  // matches fail them: start from the window's matches (a few hundred rows) and sort what passes.
  const inWindow = (lo: number, hi: number) =>
    sql`${others.length ? sql`` : sql`+`}${posts.id} IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ${match} AND rowid BETWEEN ${int(lo)} AND ${int(hi)})`;
  // The rest in one query: walk by time over the whole match set, as before windows (the `+` keeps
  // SQLite from driving from the match set and sorting thousands of rows).
  const everywhere = sql`+${posts.id} IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ${match})`;
  while (found.length < s.limit) {
    if (size > WINDOW_MAX) {
      await ids(everywhere, older);
      break;
    }
    const within = [...bounds, ...older];
    const [w] = await db.all<{ lo: number | null; hi: number | null; n: number; t0: number | null; t1: number | null }>(sql`
      SELECT min(id) AS lo, max(id) AS hi, count(*) AS n, min(published_at) AS t0, max(published_at) AS t1
      FROM (SELECT ${posts.id} AS id, ${posts.publishedAt} AS published_at FROM ${posts}
            WHERE ${within.length ? and(...within)! : sql`1`}
            ORDER BY ${posts.publishedAt} DESC, ${posts.id} DESC LIMIT ${int(size)})`);
    if (!w || w.lo === null || w.hi === null || w.t0 === null || w.t1 === null) break; // nothing left
    const n = Number(w.n);
    const last = n < size; // fewer than `size` posts left: this window is all of them
    if (w.hi - w.lo >= LOOSE_IDS * Math.max(n, WINDOW_FIRST) || (!last && w.t0 === w.t1)) {
      await ids(everywhere, older);
      break;
    }
    const window = last ? older : [...older, sql`${posts.publishedAt} > ${int(w.t0)}`];
    await ids(inWindow(w.lo, w.hi), window);
    if (last) break;
    scanned += n;
    older = [sql`${posts.publishedAt} <= ${int(w.t0)}`];
    // Next window: enough posts for what is missing at the hit rate seen so far (with a margin).
    const want = found.length ? Math.ceil(((s.limit - found.length) * scanned * 1.5) / found.length) : size * 16;
    size = Math.min(Math.max(want, size * 2), size * 16);
  }
  if (whole || found.length === 0) return found as Row[];
  return select(db, [sql`${posts.id} IN (${sql.join(found.map((r) => int(r.id)), sql`, `)})`], found.length);
}

/**
 * No text, a product or region filter: walk that link table's (product|region, published_at, post_id)
 * index newest first and join each post, instead of walking every post and probing the link tables. A link
 * row carries its post's published_at (db/queries/posts.ts writes both together and re-links a post
 * whose content changes), so ordering and paging on the link's (published_at, post_id) is ordering on
 * the post's (published_at, id). Product first: a product is a narrower slice than a region.
 */
async function byLink(db: Db, s: PostSearch): Promise<Row[]> {
  const [link, key, value, at, post, skip] = s.product
    ? ([postProducts, postProducts.product, s.product, postProducts.publishedAt, postProducts.postId, 'product'] as const)
    : ([postRegions, postRegions.region, s.region!, postRegions.publishedAt, postRegions.postId, 'region'] as const);
  return db
    .select(columns)
    .from(link)
    .innerJoin(posts, eq(posts.id, post))
    .where(and(eq(key, value), ...timeBounds(s, at, post), ...filters(s, skip)))
    .orderBy(desc(at), desc(post))
    .limit(s.limit);
}
