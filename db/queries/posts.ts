/**
 * Writing posts in batches. Rows travel as one JSON parameter per chunk (`json_each`), so a batch of
 * thousands of posts is a handful of statements, works within D1's bound-parameter limit, and every
 * statement is built by SQL from data the batch itself sees — see docs/decisions.md (2026-11-26).
 *
 * `postWriteStatements` returns statements for the caller's `db.batch([...])` (atomic on libSQL and D1):
 *   1. subtract the rollup contribution of rows this batch will change (content hash or analyzer differ)
 *   2. drop their product/region links
 *   3. upsert the posts (an unchanged re-delivery touches nothing); written rows get the batch token
 *   4. insert product/region links (carrying published_at) for rows holding the token
 *   5. add the rollup contribution of rows holding the token
 */
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client.js';
import { POST_COLUMNS, ROLLUP_BUCKET_MS, dropEmptyRollups, rollupContribution } from './rollups.js';

/** One analysed post ready to store. */
export interface PostWrite {
  externalId: string;
  url?: string | null;
  authorHash?: string | null;
  title?: string | null;
  text: string;
  contentHash: string;
  publishedAt: number;
  lang?: string | null;
  threadId?: string | null;
  parentId?: string | null;
  sentimentScore: number;
  sentimentLabel: 'neg' | 'neu' | 'pos';
  outageScore: number;
  outage: boolean;
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
  analyzerVersion: string;
  products: string[];
  regions: string[];
}

export interface StoredPostState {
  externalId: string;
  contentHash: string;
  analyzerVersion: string;
  publishedAt: number;
}

/** Largest JSON parameter per statement (D1 caps a bound value at ~2 MB). */
export const MAX_CHUNK_JSON_BYTES = 1_000_000;

/** What is already stored for these external ids of one source (for skipping unchanged re-deliveries). */
export async function storedPostStates(db: Db, sourceId: number, externalIds: string[]): Promise<Map<string, StoredPostState>> {
  const out = new Map<string, StoredPostState>();
  for (const chunk of chunkStrings(externalIds)) {
    const rows = await db.all<{ external_id: string; content_hash: string; analyzer_version: string; published_at: number }>(sql`
      SELECT p.external_id, p.content_hash, p.analyzer_version, p.published_at
      FROM json_each(${JSON.stringify(chunk)}) j CROSS JOIN posts p ON p.source_id = ${sourceId} AND p.external_id = j.value`);
    for (const r of rows) {
      out.set(r.external_id, {
        externalId: r.external_id,
        contentHash: r.content_hash,
        analyzerVersion: r.analyzer_version,
        publishedAt: Number(r.published_at),
      });
    }
  }
  return out;
}

function chunkStrings(ids: string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    if (cur.length > 0 && bytes + id.length + 4 > MAX_CHUNK_JSON_BYTES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(id);
    bytes += id.length + 4;
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Each row travels as a JSON array (not an object): SQLite reads an array element by index without
 * matching key names, which made the posts INSERT ~30% cheaper (docs/decisions.md, ingest throughput).
 * F names the positions; `col(alias, F.x)` reads one.
 */
const F = { e: 0, u: 1, a: 2, t: 3, x: 4, h: 5, p: 6, l: 7, th: 8, pa: 9, ss: 10, sl: 11, os: 12, o: 13, c: 14, ch: 15, r: 16, cr: 17, v: 18, P: 19, R: 20 } as const;
/** A scalar field of the row `alias.value` (`->>`: SQL text/number; arrays come back as JSON text). */
const col = (alias: string, i: number) => sql.raw(`${alias}.value ->> ${i}`);

function encode(p: PostWrite): string {
  return JSON.stringify([
    p.externalId,
    p.url ?? null,
    p.authorHash ?? null,
    p.title ?? null,
    p.text,
    p.contentHash,
    p.publishedAt,
    p.lang ?? null,
    p.threadId ?? null,
    p.parentId ?? null,
    p.sentimentScore,
    p.sentimentLabel,
    p.outageScore,
    p.outage ? 1 : 0,
    p.commsComplaint ? 1 : 0,
    p.churn ? 1 : 0,
    p.revenue ? 1 : 0,
    p.credit ? 1 : 0,
    p.analyzerVersion,
    p.products,
    p.regions,
  ]);
}

export interface PostWriteInput {
  sourceId: number;
  fetchedAt: number;
  demo: boolean;
  /** Unique per batch (random); marks the rows this batch inserted or changed. */
  token: string;
  /** Unique by externalId. */
  posts: PostWrite[];
  /** Buckets that may be left at zero (old buckets of edited posts). */
  staleBuckets?: number[];
  /**
   * None of these posts was stored when checked: skip the subtract/unlink steps and insert with
   * ON CONFLICT DO NOTHING. Still exact if a concurrent writer stored one meanwhile (that row simply
   * keeps its version and is not counted again); about a third cheaper.
   */
  insertOnly?: boolean;
}

export function postWriteStatements(db: Db, input: PostWriteInput): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [];
  const { sourceId: S, token: T } = input;
  const D = input.demo ? 1 : 0;
  let parts: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (parts.length === 0) return;
    // Brackets on the end rows, so the ~1 MB parameter is built by one join, not copied again to wrap it.
    parts[0] = '[' + parts[0];
    parts[parts.length - 1] += ']';
    const J = parts.join(',');
    parts = [];
    bytes = 0;
    const changed = sql`
      SELECT ${POST_COLUMNS} FROM json_each(${J}) j
      CROSS JOIN posts p ON p.source_id = ${S} AND p.external_id = ${col('j', F.e)}
      WHERE p.content_hash <> ${col('j', F.h)} OR p.analyzer_version <> ${col('j', F.v)}`;
    if (!input.insertOnly) {
      out.push(rollupContribution(db, changed, -1));
      out.push(db.run(sql`DELETE FROM post_products WHERE post_id IN (SELECT id FROM (${changed}))`));
      out.push(db.run(sql`DELETE FROM post_regions WHERE post_id IN (SELECT id FROM (${changed}))`));
    }
    const onConflict = input.insertOnly
      ? sql`ON CONFLICT (source_id, external_id) DO NOTHING`
      : sql`ON CONFLICT (source_id, external_id) DO UPDATE SET
          url = excluded.url, author_hash = excluded.author_hash, title = excluded.title, text = excluded.text,
          content_hash = excluded.content_hash, published_at = excluded.published_at, fetched_at = excluded.fetched_at,
          lang = excluded.lang, thread_id = excluded.thread_id, parent_id = excluded.parent_id,
          sentiment_score = excluded.sentiment_score, sentiment_label = excluded.sentiment_label,
          outage_score = excluded.outage_score, outage = excluded.outage, comms_complaint = excluded.comms_complaint,
          churn = excluded.churn, revenue = excluded.revenue, credit = excluded.credit,
          analyzer_version = excluded.analyzer_version, ingest_batch = excluded.ingest_batch
        WHERE posts.content_hash <> excluded.content_hash OR posts.analyzer_version <> excluded.analyzer_version`;
    out.push(
      db.run(sql`
        INSERT INTO posts (source_id, external_id, url, author_hash, title, text, content_hash, published_at, fetched_at,
          lang, thread_id, parent_id, sentiment_score, sentiment_label, outage_score, outage, comms_complaint, churn,
          revenue, credit, analyzer_version, demo, ingest_batch)
        SELECT ${S}, ${col('j', F.e)}, ${col('j', F.u)}, ${col('j', F.a)}, ${col('j', F.t)},
          ${col('j', F.x)}, ${col('j', F.h)}, ${col('j', F.p)}, ${input.fetchedAt},
          ${col('j', F.l)}, ${col('j', F.th)}, ${col('j', F.pa)}, ${col('j', F.ss)},
          ${col('j', F.sl)}, ${col('j', F.os)}, ${col('j', F.o)}, ${col('j', F.c)},
          ${col('j', F.ch)}, ${col('j', F.r)}, ${col('j', F.cr)}, ${col('j', F.v)}, ${D}, ${T}
        FROM json_each(${J}) j WHERE true
        ${onConflict}`),
    );
    const mine = sql`json_each(${J}) j CROSS JOIN posts p ON p.source_id = ${S} AND p.external_id = ${col('j', F.e)} AND p.ingest_batch = ${T}`;
    out.push(
      db.run(sql`
        INSERT INTO post_products (post_id, product, published_at)
        SELECT p.id, k.value, p.published_at FROM ${mine}, json_each(${sql.raw(`j.value -> ${F.P}`)}) k WHERE true
        ON CONFLICT DO NOTHING`),
    );
    out.push(
      db.run(sql`
        INSERT INTO post_regions (post_id, region, published_at)
        SELECT p.id, k.value, p.published_at FROM ${mine}, json_each(${sql.raw(`j.value -> ${F.R}`)}) k WHERE true
        ON CONFLICT DO NOTHING`),
    );
    out.push(rollupContribution(db, sql`SELECT ${POST_COLUMNS} FROM ${mine}`, 1));
  };
  for (const p of input.posts) {
    const row = encode(p);
    if (parts.length > 0 && bytes + row.length + 1 > MAX_CHUNK_JSON_BYTES) flush();
    parts.push(row);
    bytes += row.length + 1;
  }
  flush();
  if (input.staleBuckets && input.staleBuckets.length > 0) out.push(dropEmptyRollups(db, input.staleBuckets));
  return out;
}

export function bucketOf(ms: number): number {
  return Math.floor(ms / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
}

/** Counts used by summaries and tests. */
export async function countPosts(db: Db, sourceId?: number): Promise<number> {
  const rows =
    sourceId === undefined
      ? await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM posts`)
      : await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM posts WHERE source_id = ${sourceId}`);
  return Number(rows[0]?.n ?? 0);
}

/** Posts marked demo (the embedded demo decides whether its catch-up already ran). */
export async function countDemoPosts(db: Db): Promise<number> {
  const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM posts WHERE demo = 1`);
  return Number(rows[0]?.n ?? 0);
}
