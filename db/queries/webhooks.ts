/**
 * Webhook subscriptions and their delivery queue. Deliveries are rows: enqueued when alerts fire
 * (same moment, never a network call), claimed by the delivery loop with a lease so two loops never
 * send the same row at once, then marked delivered, rescheduled, or dead.
 */
import { and, asc, desc, eq, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { webhookDeliveries, webhooks } from '../schema.js';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type DeliveryStatus = DeliveryRow['status'];

export interface WebhookFilters {
  products?: string[];
  regions?: string[];
  minSeverity?: 'low' | 'medium' | 'high' | 'critical';
  kinds?: ('spike' | 'silence' | 'recovery')[];
}

export async function createWebhook(
  db: Db,
  w: { url: string; secret: string; filters?: WebhookFilters; enabled?: boolean },
): Promise<WebhookRow> {
  const [row] = await db
    .insert(webhooks)
    .values({ url: w.url, secret: w.secret, filters: { ...(w.filters ?? {}) }, enabled: w.enabled ?? true })
    .returning();
  return row as WebhookRow;
}

export async function listWebhooks(db: Db, q: { enabledOnly?: boolean } = {}): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(q.enabledOnly ? eq(webhooks.enabled, true) : undefined)
    .orderBy(asc(webhooks.id));
}

export async function getWebhook(db: Db, id: number): Promise<WebhookRow | null> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return row ?? null;
}

export async function updateWebhook(
  db: Db,
  id: number,
  patch: Partial<{ url: string; secret: string; filters: WebhookFilters; enabled: boolean }>,
): Promise<WebhookRow | null> {
  const set: Partial<typeof webhooks.$inferInsert> = {};
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.secret !== undefined) set.secret = patch.secret;
  if (patch.filters !== undefined) set.filters = { ...patch.filters };
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (Object.keys(set).length > 0) await db.update(webhooks).set(set).where(eq(webhooks.id, id));
  return getWebhook(db, id);
}

/** Deletes the webhook and (cascade) its deliveries. True when it existed. */
export async function deleteWebhook(db: Db, id: number): Promise<boolean> {
  const rows = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  return rows.length > 0;
}

export interface NewDelivery {
  webhookId: number;
  alertId: number | null;
  event: string;
  payload: string;
  nextAttemptAt: number;
}

/** Queues deliveries; one per (webhook, alert, event) however often it is asked. Returns rows created. */
export async function enqueueDeliveries(db: Db, rows: readonly NewDelivery[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 50) {
    const chunk = rows.slice(i, i + 50);
    if (chunk.length === 0) continue;
    const created = await db.insert(webhookDeliveries).values([...chunk]).onConflictDoNothing().returning({ id: webhookDeliveries.id });
    n += created.length;
  }
  return n;
}

export interface ClaimedDelivery {
  delivery: DeliveryRow;
  url: string;
  secret: string;
}

/**
 * Takes up to `limit` pending deliveries due at `now` (oldest first) and leases them until
 * `now + leaseMs` (a crashed sender's rows come back after the lease). A row another loop leased in
 * between is skipped.
 */
export async function claimDueDeliveries(db: Db, q: { now: number; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const due = await db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, q.now), eq(webhooks.enabled, true)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(q.limit);
  const out: ClaimedDelivery[] = [];
  for (const d of due) {
    const leased = await db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: q.now + q.leaseMs })
      .where(
        and(
          eq(webhookDeliveries.id, d.delivery.id),
          eq(webhookDeliveries.status, 'pending'),
          eq(webhookDeliveries.nextAttemptAt, d.delivery.nextAttemptAt),
        ),
      )
      .returning();
    if (leased[0]) out.push({ delivery: leased[0], url: d.url, secret: d.secret });
  }
  return out;
}

/** Outcome of one attempt: delivered, retry at `nextAttemptAt`, or dead (no more attempts). */
export async function recordAttempt(
  db: Db,
  id: number,
  r: { outcome: 'delivered' | 'retry' | 'dead'; attempts: number; at: number; statusCode: number | null; error: string | null; nextAttemptAt?: number },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: r.outcome === 'retry' ? 'pending' : r.outcome,
      attempts: r.attempts,
      lastStatusCode: r.statusCode,
      lastError: r.error,
      ...(r.outcome === 'delivered' ? { deliveredAt: r.at } : {}),
      ...(r.outcome === 'retry' && r.nextAttemptAt !== undefined ? { nextAttemptAt: r.nextAttemptAt } : {}),
    })
    .where(eq(webhookDeliveries.id, id));
}

/** Deliveries, newest first (dead letters: `status: 'dead'`). */
export async function listDeliveries(
  db: Db,
  q: { webhookId?: number; status?: DeliveryStatus; alertId?: number; limit?: number } = {},
): Promise<DeliveryRow[]> {
  const conds: (SQL | undefined)[] = [
    q.webhookId !== undefined ? eq(webhookDeliveries.webhookId, q.webhookId) : undefined,
    q.status ? eq(webhookDeliveries.status, q.status) : undefined,
    q.alertId !== undefined ? eq(webhookDeliveries.alertId, q.alertId) : undefined,
  ];
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...conds))
    .orderBy(desc(webhookDeliveries.id))
    .limit(Math.min(Math.max(q.limit ?? 100, 1), 1000));
}

/** Puts a dead (or pending) delivery back in the queue for one more round of attempts. */
export async function redeliver(db: Db, id: number, now: number): Promise<DeliveryRow | null> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(eq(webhookDeliveries.id, id))
    .returning();
  return rows[0] ?? null;
}
