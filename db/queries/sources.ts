/** Sources: config upserts, CLI management, the due list and the lease that keeps one pull per source. */
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client.js';
import { sources } from '../schema.js';

export type SourceRow = typeof sources.$inferSelect;

export interface SourceDefinition {
  name: string;
  kind: string;
  url?: string | null;
  official?: boolean;
  pollIntervalSeconds?: number;
  productHint?: string | null;
  regionHint?: string | null;
  options?: Record<string, unknown>;
  enabled?: boolean;
  demo?: boolean;
}

/** Rows changed by a write, on libSQL (rowsAffected) and D1 (meta.changes). */
export function changesOf(result: unknown): number {
  const r = result as { rowsAffected?: number; meta?: { changes?: number }; changes?: number };
  return Number(r?.rowsAffected ?? r?.meta?.changes ?? r?.changes ?? 0);
}

function values(d: SourceDefinition) {
  return {
    name: d.name,
    kind: d.kind,
    url: d.url ?? null,
    official: d.official ?? false,
    pollIntervalSeconds: d.pollIntervalSeconds ?? 300,
    productHint: d.productHint ?? null,
    regionHint: d.regionHint ?? null,
    options: d.options ?? {},
    enabled: d.enabled ?? true,
    demo: d.demo ?? false,
  };
}

/**
 * Inserts or updates sources by name (config is the truth for their settings; pull state is kept).
 * A changed URL or kind forgets the cursor and validators, which belonged to the old feed.
 */
export async function upsertSources(db: Db, defs: SourceDefinition[]): Promise<void> {
  if (defs.length === 0) return;
  const stmts = defs.map((d) =>
    db
      .insert(sources)
      .values(values(d))
      .onConflictDoUpdate({
        target: sources.name,
        set: {
          kind: sql`excluded.kind`,
          url: sql`excluded.url`,
          official: sql`excluded.official`,
          pollIntervalSeconds: sql`excluded.poll_interval_seconds`,
          productHint: sql`excluded.product_hint`,
          regionHint: sql`excluded.region_hint`,
          options: sql`excluded.options`,
          enabled: sql`excluded.enabled`,
          demo: sql`excluded.demo`,
          cursor: sql`CASE WHEN ${sources.url} IS excluded.url AND ${sources.kind} = excluded.kind THEN ${sources.cursor} END`,
          etag: sql`CASE WHEN ${sources.url} IS excluded.url AND ${sources.kind} = excluded.kind THEN ${sources.etag} END`,
          lastModified: sql`CASE WHEN ${sources.url} IS excluded.url AND ${sources.kind} = excluded.kind THEN ${sources.lastModified} END`,
        },
      }),
  );
  await db.batch(stmts as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

/** Adds a new source; returns null when the name is taken. */
export async function addSource(db: Db, def: SourceDefinition): Promise<SourceRow | null> {
  const rows = await db.insert(sources).values(values(def)).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(asc(sources.id));
}

export async function getSource(db: Db, idOrName: number | string): Promise<SourceRow | null> {
  const where = typeof idOrName === 'number' ? eq(sources.id, idOrName) : eq(sources.name, idOrName);
  const rows = await db.select().from(sources).where(where).limit(1);
  return rows[0] ?? null;
}

/** Enables or disables a source by id or name; false when there is no such source. */
export async function setSourceEnabled(db: Db, idOrName: number | string, enabled: boolean): Promise<boolean> {
  const where = typeof idOrName === 'number' ? eq(sources.id, idOrName) : eq(sources.name, idOrName);
  const res = await db.update(sources).set({ enabled }).where(where);
  return changesOf(res) > 0;
}

/** Ids of push sources by name, creating `push` sources for unknown names. */
export async function ensurePushSources(db: Db, names: string[]): Promise<Map<string, SourceRow>> {
  const unique = [...new Set(names)];
  const out = new Map<string, SourceRow>();
  if (unique.length === 0) return out;
  await db.run(sql`
    INSERT INTO sources (name, kind, options) SELECT value, 'push', '{}' FROM json_each(${JSON.stringify(unique)}) WHERE true
    ON CONFLICT (name) DO NOTHING`);
  const rows = await db.all<{ id: number }>(sql`SELECT s.id FROM json_each(${JSON.stringify(unique)}) j JOIN sources s ON s.name = j.value`);
  const ids = rows.map((r) => Number(r.id));
  const full = await db.select().from(sources).where(sql`${sources.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  for (const r of full) out.set(r.name, r);
  return out;
}

/**
 * Pullable sources due at `now` whose lease is free and whose breaker is not open, oldest due first.
 * `force` ignores next_poll_at (a manual run or the demo catch-up), never the lease.
 */
export async function dueSources(db: Db, now: number, force = false): Promise<SourceRow[]> {
  return db
    .select()
    .from(sources)
    .where(
      and(
        eq(sources.enabled, true),
        sql`${sources.kind} <> 'push'`,
        sql`${sources.url} IS NOT NULL`,
        force ? undefined : or(isNull(sources.nextPollAt), lte(sources.nextPollAt, now)),
        or(isNull(sources.leaseExpiresAt), lte(sources.leaseExpiresAt, now)),
        or(isNull(sources.breakerOpenUntil), lte(sources.breakerOpenUntil, now)),
      ),
    )
    .orderBy(sql`coalesce(${sources.nextPollAt}, 0)`, asc(sources.id));
}

/**
 * Claims the lease of a source with a conditional UPDATE: true only for the one caller (in any
 * process sharing the database) that found it free. The lease expires by itself if the holder dies.
 */
export async function claimLease(db: Db, id: number, owner: string, now: number, leaseMs: number, force = false): Promise<boolean> {
  const res = await db
    .update(sources)
    .set({ leaseOwner: owner, leaseExpiresAt: now + leaseMs })
    .where(
      and(
        eq(sources.id, id),
        eq(sources.enabled, true),
        or(isNull(sources.leaseExpiresAt), lte(sources.leaseExpiresAt, now)),
        force ? undefined : or(isNull(sources.nextPollAt), lte(sources.nextPollAt, now)),
      ),
    );
  return changesOf(res) === 1;
}

export interface SourceStatePatch {
  cursor?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  lastPolledAt: number;
  nextPollAt: number;
  lastSuccessAt?: number;
  lastError?: string | null;
  lastErrorAt?: number | null;
  consecutiveFailures: number;
  breakerOpenUntil: number | null;
}

/** Saves pull state and releases the lease; only takes effect while `owner` holds it. For db.batch. */
export function saveSourceState(db: Db, id: number, owner: string, patch: SourceStatePatch): BatchItem<'sqlite'> {
  return db
    .update(sources)
    .set({ ...patch, leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(sources.id, id), eq(sources.leaseOwner, owner)));
}

export async function releaseLease(db: Db, id: number, owner: string): Promise<void> {
  await db
    .update(sources)
    .set({ leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(sources.id, id), eq(sources.leaseOwner, owner)));
}

/** Marks push/import sources as having received data (no lease involved). */
export function touchSource(db: Db, id: number, now: number): BatchItem<'sqlite'> {
  return db.update(sources).set({ lastSuccessAt: now }).where(eq(sources.id, id));
}
