/**
 * Reads the signals engine needs (rollup series for the baseline, the posts and official updates of
 * a product) and its idempotent writes (alerts once per (kind, product, region, bucket); incidents
 * recomputed from scratch and matched to the stored rows by overlap, so ids stay stable).
 * Keys follow the rollups: product '*' and region '*' are the totals over all.
 */
import { and, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alerts, incidents, officialUpdates, postProducts, postRegions, posts, rollups } from '../schema.js';

export const ALL = '*';

export interface OutagePoint {
  product: string;
  region: string;
  bucketStart: number;
  count: number;
}

/** Outage-post counts per bucket in [from, to) (non-zero rows only), optionally for one product. */
export async function loadOutageCounts(
  db: Db,
  q: { bucketSeconds: number; from: number; to: number; product?: string; region?: string },
): Promise<OutagePoint[]> {
  const rows = await db
    .select({ product: rollups.product, region: rollups.region, bucketStart: rollups.bucketStart, count: rollups.outagePosts })
    .from(rollups)
    .where(
      and(
        eq(rollups.bucketSeconds, q.bucketSeconds),
        gte(rollups.bucketStart, q.from),
        lt(rollups.bucketStart, q.to),
        sql`${rollups.outagePosts} > 0`,
        q.product === undefined ? undefined : eq(rollups.product, q.product),
        q.region === undefined ? undefined : eq(rollups.region, q.region),
      ),
    );
  return rows;
}

/** The (product, region) series with outage posts in [from, to): the only ones that can spike there. */
export async function activeSeries(db: Db, q: { bucketSeconds: number; from: number; to: number }): Promise<{ product: string; region: string }[]> {
  return db
    .selectDistinct({ product: rollups.product, region: rollups.region })
    .from(rollups)
    .where(and(eq(rollups.bucketSeconds, q.bucketSeconds), gte(rollups.bucketStart, q.from), lt(rollups.bucketStart, q.to), sql`${rollups.outagePosts} > 0`));
}

/** Since when counts are known: the first rollup bucket of any post (null with no data). */
export async function coverageStart(db: Db, bucketSeconds: number): Promise<number | null> {
  const [row] = await db
    .select({ first: sql<number | null>`min(${rollups.bucketStart})` })
    .from(rollups)
    .where(eq(rollups.bucketSeconds, bucketSeconds));
  return row?.first ?? null;
}

/** Products (not '*') with any posts counted in [from, to). */
export async function productsWithPosts(db: Db, q: { bucketSeconds: number; from: number; to: number }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ product: rollups.product })
    .from(rollups)
    .where(and(eq(rollups.bucketSeconds, q.bucketSeconds), gte(rollups.bucketStart, q.from), lt(rollups.bucketStart, q.to)));
  return rows.map((r) => r.product).filter((p) => p !== ALL);
}

export interface ProductPost {
  id: number;
  publishedAt: number;
  outage: boolean;
  outageScore: number;
  sentimentScore: number;
  sentimentLabel: 'neg' | 'neu' | 'pos';
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
  /** Macro regions the post names; ['unknown'] when none. */
  regions: string[];
}

/** Every classified post of a product published in [from, to), with its regions. */
export async function loadProductPosts(db: Db, q: { product: string; from: number; to: number }): Promise<ProductPost[]> {
  const rows = await db
    .select({
      id: posts.id,
      publishedAt: posts.publishedAt,
      outage: posts.outage,
      outageScore: posts.outageScore,
      sentimentScore: posts.sentimentScore,
      sentimentLabel: posts.sentimentLabel,
      commsComplaint: posts.commsComplaint,
      churn: posts.churn,
      revenue: posts.revenue,
      credit: posts.credit,
      regions: sql<string | null>`(select group_concat(${postRegions.region}) from ${postRegions} where ${postRegions.postId} = ${posts.id})`,
    })
    .from(postProducts)
    .innerJoin(posts, eq(posts.id, postProducts.postId))
    .where(and(eq(postProducts.product, q.product), gte(postProducts.publishedAt, q.from), lt(postProducts.publishedAt, q.to)))
    .orderBy(postProducts.publishedAt);
  return rows.map((r) => ({ ...r, regions: r.regions ? r.regions.split(',') : ['unknown'] }));
}

/**
 * The outage posts behind a spike: in the bucket, of the product ('*' any) and region ('*' any,
 * 'unknown' = naming none), most confident first.
 */
export async function topOutagePosts(
  db: Db,
  q: { product: string; region: string; from: number; to: number; limit: number },
): Promise<number[]> {
  const conds = [eq(posts.outage, true), gte(posts.publishedAt, q.from), lt(posts.publishedAt, q.to)];
  if (q.product !== ALL) {
    conds.push(sql`exists (select 1 from ${postProducts} where ${postProducts.postId} = ${posts.id} and ${postProducts.product} = ${q.product})`);
  }
  if (q.region === 'unknown') {
    conds.push(sql`not exists (select 1 from ${postRegions} where ${postRegions.postId} = ${posts.id})`);
  } else if (q.region !== ALL) {
    conds.push(sql`exists (select 1 from ${postRegions} where ${postRegions.postId} = ${posts.id} and ${postRegions.region} = ${q.region})`);
  }
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(...conds))
    .orderBy(sql`${posts.outageScore} desc`, posts.publishedAt)
    .limit(q.limit);
  return rows.map((r) => r.id);
}

export type OfficialUpdateRow = typeof officialUpdates.$inferSelect;

/**
 * Official updates of every provider incident that has an update in [from, to) — whole incidents,
 * so an incident straddling `from` is never cut in half.
 */
export async function loadOfficialIncidents(db: Db, q: { from: number; to: number }): Promise<OfficialUpdateRow[]> {
  const refs = db
    .selectDistinct({ ref: officialUpdates.incidentRef })
    .from(officialUpdates)
    .where(and(gte(officialUpdates.postedAt, q.from), lt(officialUpdates.postedAt, q.to)));
  return db
    .select()
    .from(officialUpdates)
    .where(and(inArray(officialUpdates.incidentRef, refs), lt(officialUpdates.postedAt, q.to)))
    .orderBy(officialUpdates.postedAt);
}

// ------------------------------------------------------------------ alerts

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlert = Omit<typeof alerts.$inferInsert, 'id'>;

const alertKey = (a: { kind: string; product: string; region: string; bucketStart: number }) =>
  `${a.kind}|${a.product}|${a.region}|${a.bucketStart}`;

/** Which of these alert identities are already stored. */
export async function existingAlertKeys(
  db: Db,
  candidates: readonly { kind: string; product: string; region: string; bucketStart: number }[],
): Promise<Set<string>> {
  const out = new Set<string>();
  if (candidates.length === 0) return out;
  const buckets = [...new Set(candidates.map((c) => c.bucketStart))];
  for (let i = 0; i < buckets.length; i += 200) {
    const rows = await db
      .select({ kind: alerts.kind, product: alerts.product, region: alerts.region, bucketStart: alerts.bucketStart })
      .from(alerts)
      .where(inArray(alerts.bucketStart, buckets.slice(i, i + 200)));
    for (const r of rows) out.add(alertKey(r));
  }
  return out;
}

/**
 * Inserts alerts that are not stored yet; returns only the rows this call created (an alert fires
 * once per (kind, product, region, bucket), even when two evaluations race: the unique index decides).
 */
export async function insertAlertsOnce(db: Db, rows: readonly NewAlert[]): Promise<AlertRow[]> {
  const out: AlertRow[] = [];
  for (let i = 0; i < rows.length; i += 50) {
    const chunk = rows.slice(i, i + 50);
    if (chunk.length === 0) continue;
    const inserted = await db.insert(alerts).values([...chunk]).onConflictDoNothing().returning();
    out.push(...inserted);
  }
  return out;
}

/**
 * Links alerts to incidents by identity (kind, product, region, bucket). Reads the current links
 * first and writes only the ones that changed, so re-evaluating a quiet incident costs one read.
 */
export async function linkAlerts(db: Db, links: readonly { key: { kind: AlertRow['kind']; product: string; region: string; bucketStart: number }; incidentId: number }[]) {
  if (links.length === 0) return;
  const current = new Map<string, { id: number; incidentId: number | null }>();
  const buckets = [...new Set(links.map((l) => l.key.bucketStart))];
  const products = [...new Set(links.map((l) => l.key.product))];
  for (let i = 0; i < buckets.length; i += 200) {
    const rows = await db
      .select({ id: alerts.id, kind: alerts.kind, product: alerts.product, region: alerts.region, bucketStart: alerts.bucketStart, incidentId: alerts.incidentId })
      .from(alerts)
      .where(and(inArray(alerts.bucketStart, buckets.slice(i, i + 200)), inArray(alerts.product, products)));
    for (const r of rows) current.set(alertKey(r), { id: r.id, incidentId: r.incidentId });
  }
  const stmts = links.flatMap((l) => {
    const row = current.get(alertKey(l.key));
    if (!row || row.incidentId === l.incidentId) return [];
    return [db.update(alerts).set({ incidentId: l.incidentId }).where(eq(alerts.id, row.id))];
  });
  for (let i = 0; i < stmts.length; i += 100) {
    const chunk = stmts.slice(i, i + 100);
    await db.batch(chunk as [(typeof chunk)[number], ...(typeof chunk)[number][]]);
  }
}

// ------------------------------------------------------------------ incidents

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentValues = Omit<typeof incidents.$inferInsert, 'id'>;

/** Stored incidents of a product still open, or ending at/after `from`, and starting before `to`. */
export async function incidentsTouching(db: Db, q: { product: string; from: number; to: number }): Promise<IncidentRow[]> {
  return db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.product, q.product),
        lt(incidents.firstSignalAt, q.to),
        or(isNull(incidents.resolvedAt), gte(incidents.resolvedAt, q.from)),
      ),
    );
}

/** Products with an open incident (their silence clock keeps running between ingests). */
export async function productsWithOpenIncidents(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ product: incidents.product }).from(incidents).where(eq(incidents.state, 'open'));
  return rows.map((r) => r.product);
}

export interface IncidentSyncResult {
  /** Stored id for each computed incident, in the order given. */
  ids: number[];
  inserted: number;
  updated: number;
  deleted: number;
}

const spanOf = (i: { firstSignalAt: number; resolvedAt?: number | null }, now: number) => ({
  from: i.firstSignalAt,
  to: i.resolvedAt ?? now,
});

/**
 * Replaces the stored incidents of `product` overlapping [from, now] with `computed` (a fresh
 * recomputation over [from, now]): a computed incident takes the id of the stored one it shares a
 * provider incident with, else of the one its span overlaps most; stored ones left over are deleted
 * (their alerts unlinked). One atomic batch (libSQL and D1 alike).
 */
export async function syncIncidents(
  db: Db,
  q: { product: string; from: number; now: number },
  computed: readonly IncidentValues[],
): Promise<IncidentSyncResult> {
  const starts = computed.map((c) => c.firstSignalAt);
  const from = Math.min(q.from, ...starts);
  // every stored incident overlapping [from, now]: it is either recomputed (matched) or gone
  const stored = await db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.product, q.product),
        lt(incidents.firstSignalAt, q.now + 1),
        or(gte(incidents.firstSignalAt, from), isNull(incidents.resolvedAt), gte(incidents.resolvedAt, from)),
      ),
    );
  const free = new Map(stored.map((s) => [s.id, s]));
  const matchOf: (number | null)[] = computed.map((c) => {
    const refs = new Set(c.officialIncidentRefs ?? []);
    let best: { id: number; score: number } | null = null;
    const cs = spanOf(c, q.now);
    for (const s of free.values()) {
      const shared = s.officialIncidentRefs.some((r) => refs.has(r));
      const ss = spanOf(s, q.now);
      const overlap = Math.min(cs.to, ss.to) - Math.max(cs.from, ss.from);
      if (!shared && overlap < 0) continue;
      const score = (shared ? 1e15 : 0) + overlap;
      if (!best || score > best.score) best = { id: s.id, score };
    }
    if (best) free.delete(best.id);
    return best?.id ?? null;
  });
  // Leftovers that start inside the window were not reproduced: gone. Ones that started before it
  // (an old incident still open) are kept as stored.
  for (const [id, s] of free) if (s.firstSignalAt < from) free.delete(id);
  const stmts = [];
  for (const id of free.keys()) {
    stmts.push(db.update(alerts).set({ incidentId: null }).where(eq(alerts.incidentId, id)));
    stmts.push(db.delete(incidents).where(eq(incidents.id, id)));
  }
  const insertAt: number[] = [];
  computed.forEach((c, i) => {
    const id = matchOf[i];
    if (id != null) stmts.push(db.update(incidents).set(c).where(eq(incidents.id, id)));
    else insertAt.push(i);
  });
  // inserts last, so their returned ids are the tail of the batch's results
  for (const i of insertAt) stmts.push(db.insert(incidents).values(computed[i] as IncidentValues).returning({ id: incidents.id }));
  const ids = matchOf.map((m) => m ?? -1);
  if (stmts.length > 0) {
    const results = (await db.batch(stmts as [(typeof stmts)[number], ...(typeof stmts)[number][]])) as unknown[];
    // returning() statements answer with rows; they are the last insertAt.length statements
    const tail = results.slice(results.length - insertAt.length);
    insertAt.forEach((ci, k) => {
      const rows = tail[k] as { id: number }[];
      ids[ci] = rows[0]?.id ?? -1;
    });
  }
  return { ids, inserted: insertAt.length, updated: computed.length - insertAt.length, deleted: free.size };
}
