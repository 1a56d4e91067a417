/** Alerts as the API reads them: list with filters, one by id, acknowledge (who/when). */
import { and, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alerts } from '../schema.js';
import type { AlertRow } from './signals.js';

export type { AlertRow } from './signals.js';

export interface AlertFilter {
  kind?: AlertRow['kind'];
  product?: string;
  region?: string;
  /** fired_at in [from, to) */
  from?: number;
  to?: number;
  unacknowledged?: boolean;
  /** Cursor: only alerts with id below this (newest first). */
  beforeId?: number;
  limit?: number;
}

/** Newest first. */
export async function listAlerts(db: Db, f: AlertFilter = {}): Promise<AlertRow[]> {
  const conds: (SQL | undefined)[] = [
    f.kind ? eq(alerts.kind, f.kind) : undefined,
    f.product ? eq(alerts.product, f.product) : undefined,
    f.region ? eq(alerts.region, f.region) : undefined,
    f.from !== undefined ? gte(alerts.firedAt, f.from) : undefined,
    f.to !== undefined ? lt(alerts.firedAt, f.to) : undefined,
    f.unacknowledged ? isNull(alerts.acknowledgedAt) : undefined,
    f.beforeId !== undefined ? lt(alerts.id, f.beforeId) : undefined,
  ];
  return db
    .select()
    .from(alerts)
    .where(and(...conds))
    .orderBy(desc(alerts.id))
    .limit(Math.min(Math.max(f.limit ?? 100, 1), 1000));
}

export async function getAlert(db: Db, id: number): Promise<AlertRow | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row ?? null;
}

/** Records who acknowledged the alert and when; the first acknowledgement stands. Null if no such alert. */
export async function acknowledgeAlert(db: Db, id: number, by: string, at: number): Promise<AlertRow | null> {
  await db
    .update(alerts)
    .set({ acknowledgedBy: by, acknowledgedAt: at })
    .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)));
  return getAlert(db, id);
}

/** Alerts whose bucket lies in [from, to) — e.g. the demo's quiet weeks. */
export async function alertsInBuckets(db: Db, q: { from: number; to: number; kind?: AlertRow['kind'] }): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(and(gte(alerts.bucketStart, q.from), lt(alerts.bucketStart, q.to), q.kind ? eq(alerts.kind, q.kind) : undefined))
    .orderBy(alerts.bucketStart);
}
