/**
 * The seam between the Worker and ingest/ + src/signals: `syncConfigSources` and `signalsTick`
 * (every Cron Trigger), `ingestOneSource` (queue consumer) and `runDueSourcesOnce` (scheduled, no
 * queue bound). After each stored batch the signals engine evaluates the buckets it touched, as the
 * Node process's `onBatch` hook does.
 *
 * TEMPORARY: until ingest/run.ts exports `runDueSources` and a per-source run, this file composes
 * the same parts the Node scheduler uses (lease → pullSource → storeBatch with the source state in
 * the same db.batch). When run.ts lands, each function body becomes one call into it.
 */
import type { Fetcher, AddressPolicy } from '../../ingest/fetch/types.js';
import { pullSource } from '../../ingest/pull.js';
import { createStoreContext, storeBatch, type StoreContext } from '../../ingest/store.js';
import { claimLease, dueSources, getSource, releaseLease, saveSourceState, upsertSources } from '../../db/queries/sources.js';
import { evaluateSignals, type EvaluateSummary } from '../signals/evaluate.js';
import { deliverDue, type DeliveryRound } from '../webhooks/deliver.js';
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
  alertsFired?: number;
  error?: string;
}

/** Config is the truth for source settings (as on Node): upsert them by name, keep pull state. */
export async function syncConfigSources(deps: WorkerIngestDeps): Promise<number> {
  const defs = deps.config.sources.filter((s) => s.url);
  await upsertSources(deps.db, defs);
  return defs.length;
}

/** Re-evaluates the last 2 hours (silence alerts fire on time without new posts) and delivers due webhooks. */
export async function signalsTick(deps: WorkerIngestDeps, now: number): Promise<{ signals: EvaluateSummary; webhooks: DeliveryRound }> {
  const signals = await evaluateSignals({ db: deps.db, config: deps.config, now, logger: deps.logger });
  const webhooks = await deliverDue(deps.db, { fetcher: workerFetcher(deps.env), now: () => Date.now(), logger: deps.logger });
  return { signals, webhooks };
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
      let alertsFired = 0;
      if (stored.publishedRange) {
        const summary = await evaluateSignals({ db, config: deps.config, now: Date.now(), range: stored.publishedRange, logger: deps.logger });
        alertsFired = summary.fired.length;
      }
      return { status: 'ok', inserted: stored.inserted, alertsFired };
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
