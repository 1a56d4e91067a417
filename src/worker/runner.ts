/**
 * The seam between the Worker and ingest/ + src/signals. Every pull goes through the same
 * `runDueSources` node-cron calls (lease → pull under the breaker → one atomic db.batch); after each
 * stored batch the signals engine evaluates the buckets it touched, as the Node `onBatch` hook does.
 */
import { runDueSources, syncConfigSources as syncSources, type RunSummary } from '../../ingest/run.js';
import { createStoreContext, type StoreContext } from '../../ingest/store.js';
import type { Fetcher } from '../../ingest/fetch/types.js';
import { evaluateSignals, type EvaluateSummary } from '../signals/evaluate.js';
import { deliverDue, type DeliveryRound } from '../webhooks/deliver.js';
import type { WorkerIngestDeps } from './ingest.js';
import { workerFetcher } from './env.js';

/** Compiled once per isolate and config. */
let storeCtx: { config: object; ctx: StoreContext } | null = null;
function storeContextFor(deps: WorkerIngestDeps): StoreContext {
  if (storeCtx?.config !== deps.config) storeCtx = { config: deps.config, ctx: createStoreContext(deps.config) };
  return storeCtx.ctx;
}

/** Config is the truth for source settings (as on Node): upsert them by name, keep pull state. */
export async function syncConfigSources(deps: WorkerIngestDeps): Promise<void> {
  await syncSources(deps.db, deps.config);
}

export interface IngestRun {
  now: number;
  fetcher?: Fetcher;
  /** Only this source (a queue message); absent: every due source. */
  sourceId?: number;
}

/** `runDueSources` with the Worker's fetcher and signals after each batch. */
export async function ingestDue(deps: WorkerIngestDeps, run: IngestRun): Promise<RunSummary & { alertsFired: number }> {
  let alertsFired = 0;
  const summary = await runDueSources({
    db: deps.db,
    config: deps.config,
    fetcher: run.fetcher ?? workerFetcher(deps.env),
    now: run.now,
    owner: `worker:${crypto.randomUUID()}`,
    ctx: storeContextFor(deps),
    ...(run.sourceId !== undefined ? { filter: (s) => s.id === run.sourceId } : {}),
    onBatch: async (batch) => {
      if (!batch.publishedRange && batch.officialUpdates === 0) return;
      const range = batch.publishedRange ?? { from: run.now, to: run.now };
      const evaluated = await evaluateSignals({ db: deps.db, config: deps.config, now: Date.now(), range, logger: deps.logger });
      alertsFired += evaluated.fired.length;
    },
    log: (msg, fields) => deps.logger.warn(msg, fields),
  });
  return { ...summary, alertsFired };
}

/**
 * Re-evaluates the last 2 hours (silence alerts fire on time without new posts) and delivers due
 * webhooks. (The digest job is called from src/worker.ts's `scheduled`.)
 */
export async function signalsTick(deps: WorkerIngestDeps, now: number): Promise<{ signals: EvaluateSummary; webhooks: DeliveryRound }> {
  const signals = await evaluateSignals({ db: deps.db, config: deps.config, now, logger: deps.logger });
  const webhooks = await deliverDue(deps.db, { fetcher: workerFetcher(deps.env), now: () => Date.now(), logger: deps.logger });
  return { signals, webhooks };
}
