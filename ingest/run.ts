/**
 * `runDueSources`: the one scheduling entry (node-cron on Node, Cron Triggers on Workers). Picks enabled
 * sources due by their own interval, claims each one's lease with a conditional UPDATE (so a source is
 * never pulled twice at once, across processes too), pulls under its breaker with a concurrency limit,
 * and stores posts + cursor/validators + breaker state in one atomic batch. A failing source records
 * its error and backs off; it never stalls the others.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client.js';
import {
  claimLease,
  dueSources,
  releaseLease,
  saveSourceState,
  upsertSources,
  type SourceDefinition,
  type SourceRow,
} from '../db/queries/sources.js';
import type { BreakerState } from './fetch/breaker.js';
import { describeError } from './fetch/errors.js';
import type { AddressPolicy, Fetcher } from './fetch/types.js';
import { pullSource, type PullStatus } from './pull.js';
import { createStoreContext, storeBatch, type CatalogueConfig, type StoreContext } from './store.js';

export interface BatchEvent {
  sourceId: number;
  inserted: number;
  updated: number;
  /** published_at span of inserted/updated posts; null when only official updates (or nothing) changed. */
  publishedRange: { from: number; to: number } | null;
  officialUpdates: number;
}

export interface RunConfig extends CatalogueConfig {
  ingest: { concurrency: number; maxBatchSize?: number };
}

export interface RunOptions {
  db: Db;
  config: RunConfig;
  /** One fetcher for all, or one per source (the demo uses a loopback fetcher without politeness delay). */
  fetcher: Fetcher | ((source: SourceRow) => Fetcher);
  /** Epoch ms of this run. */
  now: number;
  /** Lease owner id, unique per process (e.g. `${hostname}:${pid}:${random}`). */
  owner: string;
  onBatch?: (event: BatchEvent) => void | Promise<void>;
  /** Precompiled catalogue (compiled from config when absent). */
  ctx?: StoreContext;
  /** Pull every matching source now, ignoring next_poll_at (never the lease or an open breaker). */
  force?: boolean;
  /** Only sources this accepts. */
  filter?: (source: SourceRow) => boolean;
  /** Default 10 minutes; a dead holder's lease expires by itself. */
  leaseMs?: number;
  /** Per-pull deadline (default 120 s). */
  deadlineMs?: number;
  log?: (msg: string, fields: Record<string, unknown>) => void;
}

export interface SourceRunResult {
  sourceId: number;
  name: string;
  status: PullStatus | 'leased_elsewhere' | 'store_failed';
  inserted: number;
  updated: number;
  unchanged: number;
  officialUpdates: number;
  error?: string;
  durationMs: number;
}

export interface RunSummary {
  sources: SourceRunResult[];
  inserted: number;
  updated: number;
  failed: number;
}

/** The `sources` rows that config entries become (marks the demo ones). */
export function configSourceDefinitions(
  entries: { name: string; kind: string; url?: string; official: boolean; pollIntervalSeconds: number; productHint?: string; regionHint?: string; options: Record<string, unknown>; enabled: boolean }[],
  demo = false,
): SourceDefinition[] {
  return entries.map((e) => ({
    name: e.name,
    kind: e.kind,
    url: e.url ?? null,
    official: e.official,
    pollIntervalSeconds: e.pollIntervalSeconds,
    productHint: e.productHint ?? null,
    regionHint: e.regionHint ?? null,
    options: e.options,
    enabled: e.enabled,
    demo: demo || e.options['demo'] === true,
  }));
}

/** Upserts the config's sources into the `sources` table (on start). */
export async function syncConfigSources(db: Db, config: { sources: Parameters<typeof configSourceDefinitions>[0] }): Promise<void> {
  await upsertSources(db, configSourceDefinitions(config.sources));
}

function breakerOf(s: SourceRow): BreakerState {
  return { consecutiveFailures: s.consecutiveFailures, openUntil: s.breakerOpenUntil, lastError: s.lastError, lastErrorAt: s.lastErrorAt };
}

/** Loopback only for demo sources that ask for it (the replay server); every other source keeps the guard. */
function policyOf(s: SourceRow): AddressPolicy | undefined {
  return s.demo && s.options?.['allowLoopback'] === true ? { allowLoopback: true } : undefined;
}

async function runOne(s: SourceRow, o: RunOptions, ctx: StoreContext): Promise<SourceRunResult> {
  const base = { sourceId: s.id, name: s.name, inserted: 0, updated: 0, unchanged: 0, officialUpdates: 0 };
  const leaseMs = o.leaseMs ?? 600_000;
  if (!(await claimLease(o.db, s.id, o.owner, o.now, leaseMs, o.force))) {
    return { ...base, status: 'leased_elsewhere', durationMs: 0 };
  }
  const t0 = Date.now();
  const interval = s.pollIntervalSeconds * 1000;
  try {
    const fetcher = typeof o.fetcher === 'function' ? o.fetcher(s) : o.fetcher;
    const policy = policyOf(s);
    const outcome = await pullSource(
      { id: s.id, kind: s.kind, url: s.url ?? '', name: s.name, options: s.options },
      { cursor: s.cursor, etag: s.etag, lastModified: s.lastModified },
      breakerOf(s),
      { fetch: fetcher, now: o.now, ...(policy ? { policy } : {}), ...(o.deadlineMs ? { deadlineMs: o.deadlineMs } : {}) },
    );
    const b = outcome.breaker;
    if (outcome.status === 'skipped' || outcome.status === 'failed') {
      await o.db.batch([
        saveSourceState(o.db, s.id, o.owner, {
          lastPolledAt: o.now,
          nextPollAt: Math.max(o.now + interval, b.openUntil ?? 0),
          lastError: b.lastError,
          lastErrorAt: b.lastErrorAt,
          consecutiveFailures: b.consecutiveFailures,
          breakerOpenUntil: b.openUntil,
        }),
      ]);
      o.log?.('source failed', { source: s.name, error: outcome.error, failures: b.consecutiveFailures, breakerOpenUntil: b.openUntil });
      return { ...base, status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}), durationMs: Date.now() - t0 };
    }
    const result = outcome.result!;
    const state: BatchItem<'sqlite'> = saveSourceState(o.db, s.id, o.owner, {
      cursor: result.cursor,
      etag: result.etag ?? s.etag,
      lastModified: result.lastModified ?? s.lastModified,
      lastPolledAt: o.now,
      nextPollAt: o.now + interval,
      lastSuccessAt: o.now,
      consecutiveFailures: 0,
      breakerOpenUntil: null,
    });
    const stored = await storeBatch(o.db, ctx, {
      source: { id: s.id, kind: s.kind, demo: s.demo, productHint: s.productHint, regionHint: s.regionHint },
      posts: result.posts,
      officialUpdates: result.officialUpdates ?? [],
      now: o.now,
      also: [state],
    });
    if (o.onBatch) {
      try {
        await o.onBatch({
          sourceId: s.id,
          inserted: stored.inserted,
          updated: stored.updated,
          publishedRange: stored.publishedRange,
          officialUpdates: stored.officialUpdates,
        });
      } catch (error) {
        o.log?.('onBatch failed', { source: s.name, error: describeError(error) });
      }
    }
    return {
      ...base,
      status: outcome.status,
      inserted: stored.inserted,
      updated: stored.updated,
      unchanged: stored.unchanged,
      officialUpdates: stored.officialUpdates,
      durationMs: Date.now() - t0,
    };
  } catch (error) {
    // Storage (not the source) failed: record it, keep the cursor, try again next interval.
    const message = `store: ${describeError(error)}`.slice(0, 500);
    try {
      await o.db.batch([
        saveSourceState(o.db, s.id, o.owner, {
          lastPolledAt: o.now,
          nextPollAt: o.now + interval,
          lastError: message,
          lastErrorAt: o.now,
          consecutiveFailures: s.consecutiveFailures + 1,
          breakerOpenUntil: s.breakerOpenUntil,
        }),
      ]);
    } catch {
      await releaseLease(o.db, s.id, o.owner).catch(() => undefined);
    }
    o.log?.('source store failed', { source: s.name, error: message });
    return { ...base, status: 'store_failed', error: message, durationMs: Date.now() - t0 };
  }
}

export async function runDueSources(o: RunOptions): Promise<RunSummary> {
  const ctx = o.ctx ?? createStoreContext(o.config);
  const due = (await dueSources(o.db, o.now, o.force)).filter((s) => !o.filter || o.filter(s));
  const results: SourceRunResult[] = new Array(due.length);
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const i = next++;
      results[i] = await runOne(due[i]!, o, ctx);
    }
  };
  const n = Math.max(1, Math.min(o.config.ingest.concurrency, due.length));
  await Promise.all(Array.from({ length: n }, worker));
  return {
    sources: results,
    inserted: results.reduce((a, r) => a + r.inserted, 0),
    updated: results.reduce((a, r) => a + r.updated, 0),
    failed: results.filter((r) => r.status === 'failed' || r.status === 'store_failed').length,
  };
}
