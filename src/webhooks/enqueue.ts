/**
 * When alerts fire, one delivery row per matching webhook is written to the queue (no network here:
 * delivery never blocks the engine or ingestion). Filters (all optional, all must pass):
 * products (alert product in the list), regions (alert region in the list; product-wide silence and
 * recovery alerts, region '*', pass any region filter), minSeverity, kinds.
 */
import type { Db } from '../../db/client.js';
import type { AlertRow } from '../../db/queries/signals.js';
import { enqueueDeliveries, listWebhooks, type WebhookFilters, type WebhookRow } from '../../db/queries/webhooks.js';

const SEVERITY_RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function matchesFilters(filters: WebhookFilters | Record<string, unknown>, alert: AlertRow): boolean {
  const f = filters as WebhookFilters;
  if (Array.isArray(f.kinds) && f.kinds.length > 0 && !f.kinds.includes(alert.kind)) return false;
  if (Array.isArray(f.products) && f.products.length > 0 && !f.products.includes(alert.product)) return false;
  if (Array.isArray(f.regions) && f.regions.length > 0) {
    const productWide = alert.region === '*' && alert.kind !== 'spike';
    if (!productWide && !f.regions.includes(alert.region)) return false;
  }
  if (typeof f.minSeverity === 'string' && f.minSeverity in SEVERITY_RANK) {
    if ((SEVERITY_RANK[alert.severity] ?? 0) < (SEVERITY_RANK[f.minSeverity] as number)) return false;
  }
  return true;
}

export const eventOf = (alert: AlertRow): string => `alert.${alert.kind}`;

/** The JSON body receivers get (times as ISO strings). */
export function alertPayload(alert: AlertRow): string {
  return JSON.stringify({
    type: eventOf(alert),
    alert: {
      id: alert.id,
      kind: alert.kind,
      product: alert.product,
      region: alert.region,
      bucketStart: new Date(alert.bucketStart).toISOString(),
      observed: alert.observed,
      expected: alert.expected,
      score: alert.score,
      severity: alert.severity,
      incidentId: alert.incidentId,
      topPostIds: alert.topPostIds,
      firedAt: new Date(alert.firedAt).toISOString(),
    },
  });
}

/** Queues deliveries of `alerts` to every enabled webhook whose filters match; returns rows created. */
export async function enqueueAlertDeliveries(db: Db, alerts: readonly AlertRow[], now: number, hooks?: WebhookRow[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const targets = hooks ?? (await listWebhooks(db, { enabledOnly: true }));
  const rows = targets.flatMap((w) =>
    alerts
      .filter((a) => matchesFilters(w.filters, a))
      .map((a) => ({ webhookId: w.id, alertId: a.id, event: eventOf(a), payload: alertPayload(a), nextAttemptAt: now })),
  );
  return enqueueDeliveries(db, rows);
}
