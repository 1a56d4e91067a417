/**
 * Storing one batch of a source: analyse what is new or edited, then write posts, links, rollups,
 * official updates and the source's pull state in ONE `db.batch` (atomic on libSQL and D1). Re-delivered
 * unchanged posts are recognised by content hash before analysis and cost one indexed read.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { BatchItem } from 'drizzle-orm/batch';
import { analyze, analyzeBatch, compileCatalogue, ANALYZER_VERSION, type Analysis, type AnalyzeInput, type Catalogue } from '../analysis/index.js';
import type { Db } from '../db/client.js';
import { bucketOf, postWriteStatements, storedPostStates, type PostWrite } from '../db/queries/posts.js';
import { officialUpdateStatements, type OfficialUpdateWrite } from '../db/queries/official-updates.js';
import type { OfficialUpdate, RawPost } from './types.js';

export interface CatalogueConfig {
  products: { id: string; name: string; aliases: string[]; components: string[] }[];
  regionAliases?: Record<string, 'NA' | 'LATAM' | 'EMEA' | 'APAC'>;
}

/** Compiled once per process: the analysis catalogue and the status-page component → product map. */
export interface StoreContext {
  catalogue: Catalogue;
  componentProducts: Map<string, string[]>;
  /** Off-thread analysis (ingest/analysis-pool.ts on Node); synchronous analyzeBatch when absent. */
  analyzeMany?: (inputs: AnalyzeInput[]) => Promise<Analysis[]>;
}

export function createStoreContext(config: CatalogueConfig): StoreContext {
  const catalogue = compileCatalogue({ products: config.products, regionAliases: config.regionAliases ?? {} });
  const componentProducts = new Map<string, string[]>();
  for (const p of config.products) {
    for (const c of [...p.components, p.name]) {
      const key = c.trim().toLowerCase();
      const list = componentProducts.get(key) ?? [];
      if (!list.includes(p.id)) list.push(p.id);
      componentProducts.set(key, list);
    }
  }
  return { catalogue, componentProducts };
}

export interface StoreSource {
  id: number;
  kind: string;
  demo: boolean;
  productHint?: string | null;
  regionHint?: string | null;
}

export interface StoreInput {
  source: StoreSource;
  posts: RawPost[];
  officialUpdates?: OfficialUpdate[];
  /** fetched_at of this batch (epoch ms). */
  now: number;
  /** Extra statements committed in the same batch (the source's cursor, validators, breaker). */
  also?: BatchItem<'sqlite'>[];
}

export interface StoreResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Dropped before storage: empty text or no valid time. */
  skipped: number;
  officialUpdates: number;
  /** published_at span of inserted or updated posts; null when none. */
  publishedRange: { from: number; to: number } | null;
}

export function contentHash(title: string | undefined | null, text: string): string {
  return createHash('sha1')
    .update(title ?? '')
    .update('\u0000')
    .update(text)
    .digest('base64url');
}

function mapOfficial(ctx: StoreContext, u: OfficialUpdate): OfficialUpdateWrite {
  const products = new Set<string>();
  for (const c of u.components) for (const p of ctx.componentProducts.get(c.trim().toLowerCase()) ?? []) products.add(p);
  const a = analyze({ text: u.body, ...(u.title ? { title: u.title } : {}), sourceKind: 'statuspage' }, ctx.catalogue);
  if (products.size === 0) for (const p of a.products) products.add(p);
  return {
    incidentRef: u.incidentId,
    updateRef: u.updateId,
    status: u.status,
    title: u.title ?? null,
    body: u.body,
    components: u.components,
    products: [...products].sort(),
    regions: a.regions,
    url: u.url ?? null,
    postedAt: u.postedAt,
  };
}

/** A NaN score from a classifier bug must not fail the whole batch (NOT NULL columns, JSON has no NaN). */
const finite = (x: number) => (Number.isFinite(x) ? x : 0);

/** A batch analysed and ready to write (prepareBatch), so analysis of one batch can overlap the write of another. */
export interface PreparedBatch {
  input: StoreInput;
  rows: PostWrite[];
  official: OfficialUpdateWrite[];
  /** True when none of the posts was stored at preparation time. */
  noneStored: boolean;
  staleBuckets: number[];
  inserted: number;
  unchanged: number;
  skipped: number;
  publishedRange: { from: number; to: number } | null;
}

export async function storeBatch(db: Db, ctx: StoreContext, input: StoreInput): Promise<StoreResult> {
  return writeBatch(db, await prepareBatch(db, ctx, input));
}

/** Dedupes, skips what is stored unchanged, analyses the rest. Writes nothing. */
export async function prepareBatch(db: Db, ctx: StoreContext, input: StoreInput): Promise<PreparedBatch> {
  const { source } = input;
  // Last delivery of an external id wins; posts with no text or time cannot be counted.
  const byId = new Map<string, RawPost>();
  let skipped = 0;
  for (const p of input.posts) {
    if (!p.externalId || typeof p.text !== 'string' || p.text.trim() === '' || !Number.isFinite(p.publishedAt)) {
      skipped++;
      continue;
    }
    if (byId.has(p.externalId)) byId.delete(p.externalId);
    byId.set(p.externalId, p);
  }
  const unique = [...byId.values()];
  const hashes = unique.map((p) => contentHash(p.title, p.text));
  const stored = unique.length ? await storedPostStates(db, source.id, [...byId.keys()]) : new Map();

  const fresh: { post: RawPost; hash: string; isNew: boolean }[] = [];
  const staleBuckets = new Set<number>();
  for (let i = 0; i < unique.length; i++) {
    const post = unique[i]!;
    const old = stored.get(post.externalId);
    if (old && old.contentHash === hashes[i] && old.analyzerVersion === ANALYZER_VERSION) continue;
    if (old) staleBuckets.add(bucketOf(old.publishedAt));
    fresh.push({ post, hash: hashes[i]!, isNew: !old });
  }

  const inputs: AnalyzeInput[] = fresh.map(({ post }) => ({ text: post.text, ...(post.title ? { title: post.title } : {}), sourceKind: source.kind }));
  const analyses = ctx.analyzeMany && inputs.length > 0 ? await ctx.analyzeMany(inputs) : analyzeBatch(inputs, ctx.catalogue);
  let from = Infinity;
  let to = -Infinity;
  const rows: PostWrite[] = fresh.map(({ post, hash }, i) => {
    const a = analyses[i]!;
    if (post.publishedAt < from) from = post.publishedAt;
    if (post.publishedAt > to) to = post.publishedAt;
    const products = a.products.length ? a.products : source.productHint ? [source.productHint] : [];
    const regions: string[] = a.regions.length ? a.regions : source.regionHint ? [source.regionHint] : [];
    return {
      externalId: post.externalId,
      url: post.url ?? null,
      authorHash: post.authorHash ?? null,
      title: post.title ?? null,
      text: post.text,
      contentHash: hash,
      publishedAt: Math.trunc(post.publishedAt),
      lang: post.lang ?? null,
      threadId: post.threadId ?? null,
      parentId: post.parentId ?? null,
      sentimentScore: finite(a.sentiment.score),
      sentimentLabel: a.sentiment.label,
      outageScore: finite(a.outage.score),
      outage: a.outage.flag,
      commsComplaint: a.commsComplaint,
      churn: a.churn,
      revenue: a.revenue,
      credit: a.credit,
      analyzerVersion: a.version,
      products,
      regions,
    };
  });

  const official = (input.officialUpdates ?? []).map((u) => mapOfficial(ctx, u));
  const inserted = fresh.filter((f) => f.isNew).length;
  return {
    input,
    rows,
    official,
    noneStored: stored.size === 0,
    staleBuckets: [...staleBuckets],
    inserted,
    unchanged: unique.length - fresh.length,
    skipped,
    publishedRange: rows.length ? { from, to } : null,
  };
}

/** Writes a prepared batch atomically: posts, links, rollups, official updates and `also` in one db.batch. */
export async function writeBatch(db: Db, p: PreparedBatch): Promise<StoreResult> {
  const { input, rows } = p;
  const { source } = input;
  // Insert-only when nothing was stored — checked again now, as another batch may have written since.
  const insertOnly = p.noneStored && rows.length > 0 && (await storedPostStates(db, source.id, rows.map((r) => r.externalId))).size === 0;
  const statements: BatchItem<'sqlite'>[] = [
    ...(rows.length
      ? postWriteStatements(db, {
          sourceId: source.id,
          fetchedAt: input.now,
          demo: source.demo,
          token: randomUUID(),
          posts: rows,
          staleBuckets: p.staleBuckets,
          insertOnly,
        })
      : []),
    ...officialUpdateStatements(db, { sourceId: source.id, fetchedAt: input.now, demo: source.demo, updates: p.official }),
    ...(input.also ?? []),
  ];
  if (statements.length > 0) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return {
    inserted: p.inserted,
    updated: rows.length - p.inserted,
    unchanged: p.unchanged,
    skipped: p.skipped,
    officialUpdates: p.official.length,
    publishedRange: p.publishedRange,
  };
}
