/**
 * The daily digest's own queries: the send ledger (`digests`: at most one message per local date and
 * recipient, claimed with one conditional insert-or-update so two processes never both send) and
 * the candidate quotes of a day (posts with the name and kind of their source). The numbers of the
 * digest come from the same queries as the API (trends, breakdown, incidents).
 */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { digests, postProducts, postRegions, posts, sources } from '../schema.js';

export type DigestRow = typeof digests.$inferSelect;

export interface ClaimOptions {
  date: string;
  recipient: string;
  now: number;
  /** How long the claim holds while sending (a crashed sender's row stays 'sending' and is reported, not resent). */
  leaseMs: number;
  /** Retry a failed row even before its backoff ends and past maxAttempts (an operator's `digest send`). */
  force?: boolean;
  /** Automatic retries stop after this many attempts. */
  maxAttempts: number;
}

/**
 * Claims (date, recipient) for sending: inserts a 'sending' row, or turns a 'failed' row whose backoff
 * has ended back into 'sending'. Returns the row when this caller owns the send, null otherwise
 * (already sent, being sent by someone else, or waiting for its backoff). One statement: atomic on
 * libSQL and D1.
 */
export async function claimDigest(db: Db, o: ClaimOptions): Promise<DigestRow | null> {
  const retryable = o.force
    ? sql`${digests.status} = 'failed'`
    : sql`${digests.status} = 'failed' and coalesce(${digests.claimedUntil}, 0) <= ${o.now} and ${digests.attempts} < ${o.maxAttempts}`;
  const rows = await db
    .insert(digests)
    .values({ date: o.date, recipient: o.recipient, status: 'sending', attempts: 0, claimedUntil: o.now + o.leaseMs, createdAt: o.now })
    .onConflictDoUpdate({
      target: [digests.date, digests.recipient],
      set: { status: 'sending', claimedUntil: o.now + o.leaseMs },
      setWhere: retryable,
    })
    .returning();
  return rows[0] ?? null;
}

/** Counts one SMTP attempt on a claimed row (kept 'sending'). */
export async function countAttempt(db: Db, id: number, claimedUntil: number): Promise<void> {
  await db
    .update(digests)
    .set({ attempts: sql`${digests.attempts} + 1`, claimedUntil })
    .where(and(eq(digests.id, id), eq(digests.status, 'sending')));
}

export async function markDigestSent(db: Db, id: number, at: number, messageId: string): Promise<void> {
  await db
    .update(digests)
    .set({ status: 'sent', sentAt: at, messageId, claimedUntil: null, lastError: null })
    .where(and(eq(digests.id, id), eq(digests.status, 'sending')));
}

/** A failed send: retried by the scheduler after `retryAt`. */
export async function markDigestFailed(db: Db, id: number, error: string, retryAt: number): Promise<void> {
  await db
    .update(digests)
    .set({ status: 'failed', lastError: error.slice(0, 500), claimedUntil: retryAt })
    .where(and(eq(digests.id, id), eq(digests.status, 'sending')));
}

export async function digestRowsFor(db: Db, date: string): Promise<DigestRow[]> {
  return db.select().from(digests).where(eq(digests.date, date));
}

/** Rows that need a person's eye: failed, or 'sending' past their claim (the sender stopped mid-send). */
export async function troubledDigests(db: Db, now: number, limit = 20): Promise<DigestRow[]> {
  return db
    .select()
    .from(digests)
    .where(sql`${digests.status} = 'failed' or (${digests.status} = 'sending' and coalesce(${digests.claimedUntil}, 0) <= ${now})`)
    .orderBy(desc(digests.date))
    .limit(limit);
}

export async function lastSentDigest(db: Db): Promise<DigestRow | null> {
  const [row] = await db.select().from(digests).where(eq(digests.status, 'sent')).orderBy(desc(digests.sentAt)).limit(1);
  return row ?? null;
}

export interface QuoteCandidate {
  id: number;
  text: string;
  title: string | null;
  publishedAt: number;
  sentimentScore: number;
  outageScore: number;
  commsComplaint: boolean;
  churn: boolean;
  sourceName: string;
  sourceKind: string;
  products: string[];
  regions: string[];
}

/** Negative or outage posts of customers (not official sources) in [from, to), most outage-like first. */
export async function quoteCandidates(db: Db, q: { from: number; to: number; limit: number }): Promise<QuoteCandidate[]> {
  const rows = await db
    .select({
      id: posts.id,
      text: posts.text,
      title: posts.title,
      publishedAt: posts.publishedAt,
      sentimentScore: posts.sentimentScore,
      outageScore: posts.outageScore,
      commsComplaint: posts.commsComplaint,
      churn: posts.churn,
      sourceName: sources.name,
      sourceKind: sources.kind,
      products: sql<string | null>`(SELECT group_concat(${postProducts.product}) FROM ${postProducts} WHERE ${postProducts.postId} = ${posts.id})`,
      regions: sql<string | null>`(SELECT group_concat(${postRegions.region}) FROM ${postRegions} WHERE ${postRegions.postId} = ${posts.id})`,
    })
    .from(posts)
    .innerJoin(sources, eq(sources.id, posts.sourceId))
    .where(
      and(
        gte(posts.publishedAt, q.from),
        lt(posts.publishedAt, q.to),
        eq(sources.official, false),
        sql`(${posts.outage} = 1 or ${posts.sentimentLabel} = 'neg' or ${posts.commsComplaint} = 1)`,
      ),
    )
    .orderBy(sql`${posts.outageScore} desc`, posts.id)
    .limit(q.limit);
  return rows.map((r) => ({
    ...r,
    products: r.products ? r.products.split(',').sort() : [],
    regions: r.regions ? r.regions.split(',').sort() : [],
  }));
}
