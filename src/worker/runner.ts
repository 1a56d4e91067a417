/**
 * The seam between the Worker and ingest/: `ingestOneSource` (queue consumer) and
 * `runDueSourcesOnce` (scheduled, no queue bound).
 *
 * TEMPORARY: until ingest/run.ts exports `runDueSources` and a per-source run, this file composes
 * the same parts the Node scheduler uses (lease → pullSource → storeBatch with the source state in
 * the same db.batch). When run.ts lands, each function body becomes one call into it.
 */
import type { Fetcher, AddressPolicy } from '../../ingest/fetch/types.js';
import { pullSource } from '../../ingest/pull.js';
import { createStoreContext, storeBatch, type StoreContext } from '../../ingest/store.js';
import { claimLease, dueSources, getSource, releaseLease, saveSourceState } from '../../db/queries/sources.js';
import type { WorkerIngestDeps } from './ingest.js';
import { addressPolicy, workerFetcher } from './env.js';

const LEASE_MS = 5 * 60_000;

let storeCtx: { config: object; ctx: StoreContext } | null = null;
function storeContextFor(deps: WorkerIngestDeps): StoreContext {
  if (storeCtx?.config !== deps.config) storeCtx = { config: deps.config, ctx: createStoreContext(deps.config) };
  return storeCtx.ctx;
}

export interface OneSourceRun {
  sourceId: number;
  now: number;
  fetcher: Fetcher;
  policy: AddressPolicy;
}

export interface OneSourceOutcome {
  status: 'ok' | 'not_modified' | 'failed' | 'skipped' | 'leased' | 'missing';
  inserted?: number;
  error?: string;
}

export async function ingestOneSource(deps: WorkerIngestDeps, run: OneSourceRun): Promise<OneSourceOutcome> {
  const { db } = deps;
  const source = await getSource(db, run.sourceId);
  if (!source || !source.url || !source.enabled) return { status: 'missing' };
  const owner = `worker:${crypto.randomUUID()}`;
  if (!(await claimLease(db, source.id, owner, run.now, LEASE_MS))) return { status: 'leased' };
  try {
    const breaker = {
      consecutiveFailures: source.consecutiveFailures,
      openUntil: source.breakerOpenUntil,
      lastError: source.lastError,
      lastErrorAt: source.lastErrorAt,
    };
    const outcome = await pullSource(
      { id: source.id, kind: source.kind, url: source.url, name: source.name, options: source.options },
      { cursor: source.cursor, etag: source.etag, lastModified: source.lastModified },
      breaker,
      { fetch: run.fetcher, now: run.now, policy: run.policy },
    );
    const r = outcome.result;
    const state = saveSourceState(db, source.id, owner, {
      ...(r ? { cursor: r.cursor, etag: r.etag ?? source.etag, lastModified: r.lastModified ?? source.lastModified } : {}),
      lastPolledAt: run.now,
      nextPollAt: run.now + source.pollIntervalSeconds * 1000,
      ...(outcome.status === 'ok' || outcome.status === 'not_modified' ? { lastSuccessAt: run.now } : {}),
      lastError: outcome.breaker.lastError,
      lastErrorAt: outcome.breaker.lastErrorAt,
      consecutiveFailures: outcome.breaker.consecutiveFailures,
      breakerOpenUntil: outcome.breaker.openUntil,
    });
    if (outcome.status === 'ok' && r) {
      const stored = await storeBatch(db, storeContextFor(deps), {
        source: { id: source.id, kind: source.kind, demo: source.demo, productHint: source.productHint, regionHint: source.regionHint },
        posts: r.posts,
        ...(r.officialUpdates ? { officialUpdates: r.officialUpdates } : {}),
        now: run.now,
        also: [state],
      });
      return { status: 'ok', inserted: stored.inserted };
    }
    await db.batch([state]);
    return { status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) };
  } catch (error) {
    await releaseLease(db, source.id, owner).catch(() => {});
    throw error;
  }
}

/** Every due source, a few at a time, in this invocation (no queue bound). */
export async function runDueSourcesOnce(deps: WorkerIngestDeps, now: number): Promise<OneSourceOutcome[]> {
  const due = await dueSources(deps.db, now);
  const fetcher = workerFetcher(deps.env);
  const policy = addressPolicy(deps.env);
  const out: OneSourceOutcome[] = [];
  const concurrency = deps.config.ingest.concurrency;
  for (let i = 0; i < due.length; i += concurrency) {
    const slice = due.slice(i, i + concurrency);
    out.push(...(await Promise.all(slice.map((s) => ingestOneSource(deps, { sourceId: s.id, now, fetcher, policy })))));
  }
  return out;
}
