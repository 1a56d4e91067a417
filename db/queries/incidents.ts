/** Incidents as the API and digest read them. Writes live in ./signals.ts (recomputed from scratch). */
import { and, asc, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alerts, incidents } from '../schema.js';
import type { AlertRow, IncidentRow } from './signals.js';

export type { IncidentRow } from './signals.js';

export interface IncidentFilter {
  product?: string;
  state?: IncidentRow['state'];
  /** first_signal_at in [from, to) */
  from?: number;
  to?: number;
  beforeId?: number;
  limit?: number;
}

/** Newest first. */
export async function listIncidents(db: Db, f: IncidentFilter = {}): Promise<IncidentRow[]> {
  const conds: (SQL | undefined)[] = [
    f.product ? eq(incidents.product, f.product) : undefined,
    f.state ? eq(incidents.state, f.state) : undefined,
    f.from !== undefined ? gte(incidents.firstSignalAt, f.from) : undefined,
    f.to !== undefined ? lt(incidents.firstSignalAt, f.to) : undefined,
    f.beforeId !== undefined ? lt(incidents.id, f.beforeId) : undefined,
  ];
  return db
    .select()
    .from(incidents)
    .where(and(...conds))
    .orderBy(desc(incidents.firstSignalAt), desc(incidents.id))
    .limit(Math.min(Math.max(f.limit ?? 100, 1), 1000));
}

export async function getIncident(db: Db, id: number): Promise<IncidentRow | null> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  return row ?? null;
}

/** The alerts linked to an incident, oldest bucket first. */
export async function incidentAlerts(db: Db, id: number): Promise<AlertRow[]> {
  return db.select().from(alerts).where(eq(alerts.incidentId, id)).orderBy(asc(alerts.bucketStart));
}
