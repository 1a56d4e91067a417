/**
 * Wiring for a long-running process: the ingest `onBatch` hook, a tick that keeps silence alerts
 * honest while nothing is ingested, and the webhook delivery loop on its own timer.
 * Evaluations run one at a time; ranges asked for while one runs are merged into the next run.
 */
import type { Db } from '../../db/client.js';
import { HOUR_MS, MINUTE_MS } from '../../analysis/signals/index.js';
import type { Fetcher } from '../../ingest/fetch/types.js';
import type { Clock } from '../clock.js';
import { silentLogger, type Logger } from '../log.js';
import { startDeliveryLoop, type DeliveryLoop, type DeliveryOptions } from '../webhooks/deliver.js';
import { AlertBus } from './bus.js';
import { evaluateSignals, type EvaluateSummary, type SignalsConfig } from './evaluate.js';

export interface SignalsDeps {
  db: Db;
  config: SignalsConfig;
  clock: Clock;
  logger?: Logger;
  bus?: AlertBus;
  /** Called when an evaluation queued webhook deliveries (e.g. `loop.kick`). */
  onQueued?: () => void;
}

/** What an ingest batch touched: the publication times of its oldest and newest stored posts. */
export interface BatchRange {
  from?: number;
  to?: number;
}

/**
 * The ingest hook: `onBatch(range)` schedules an evaluation of the buckets the batch touched and
 * returns a promise for its summary (await it or not: ingest need not wait). Late posts (older than
 * 2 days) still re-evaluate their own buckets.
 */
export type AfterBatch = ((batch?: BatchRange) => Promise<EvaluateSummary | null>) & {
  /** Resolves when no evaluation is running or pending. */
  idle(): Promise<void>;
};

export function signalsAfterBatch(deps: SignalsDeps): AfterBatch {
  const logger = deps.logger ?? silentLogger;
  let pending: { from: number; to: number } | null = null;
  let waiters: Array<(s: EvaluateSummary | null) => void> = [];
  let running: Promise<void> | null = null;
  const drain = async () => {
    while (pending) {
      const range = pending;
      const mine = waiters;
      pending = null;
      waiters = [];
      let summary: EvaluateSummary | null = null;
      try {
        summary = await evaluateSignals({
          db: deps.db, config: deps.config, now: deps.clock.now(), range, logger,
          ...(deps.bus ? { bus: deps.bus } : {}),
          ...(deps.onQueued ? { onQueued: () => deps.onQueued?.() } : {}),
        });
      } catch (error) {
        logger.error('signals evaluation failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
      for (const w of mine) w(summary);
    }
  };
  const start = () => {
    if (running) return;
    running = drain().finally(() => {
      running = null;
      if (pending) start(); // asked for between the last loop check and here
    });
  };
  const fn = (batch: BatchRange = {}) => {
    const now = deps.clock.now();
    const bucket = deps.config.spikes.bucketMinutes * MINUTE_MS;
    const from = Math.min(batch.from ?? now - bucket, now);
    const to = Math.min(Math.max(batch.to ?? now, from), now);
    pending = pending ? { from: Math.min(pending.from, from), to: Math.max(pending.to, to) } : { from, to };
    const done = new Promise<EvaluateSummary | null>((resolve) => waiters.push(resolve));
    start();
    return done;
  };
  return Object.assign(fn, { idle: async () => void (await running) });
}

export interface SignalsRuntime {
  bus: AlertBus;
  /** Schedules an evaluation of a batch's range; resolves with its summary (tests await it). */
  afterBatch: AfterBatch;
  /**
   * Pass as ingest's `onBatch` (ingest/run.ts BatchEvent): schedules the evaluation and returns at
   * once, so ingestion never waits for signals (batches arriving meanwhile are merged).
   */
  onBatch: (event: { publishedRange: { from: number; to: number } | null }) => void;
  delivery: DeliveryLoop;
  stop(): Promise<void>;
}

/**
 * Starts the engine's timers: the webhook delivery loop (every `deliveryIntervalMs`, default 5 s)
 * and a tick (every `tickMs`, default 1 min) that re-evaluates the last hour so silence alerts fire
 * on time even when no post arrives.
 */
export function startSignals(
  deps: Omit<SignalsDeps, 'onQueued'> & {
    fetcher: Fetcher;
    tickMs?: number;
    deliveryIntervalMs?: number;
    delivery?: Omit<DeliveryOptions, 'fetcher' | 'now' | 'logger'>;
  },
): SignalsRuntime {
  const bus = deps.bus ?? new AlertBus();
  const logger = deps.logger ?? silentLogger;
  const delivery = startDeliveryLoop(deps.db, {
    ...deps.delivery,
    fetcher: deps.fetcher,
    now: () => deps.clock.now(),
    logger: logger.child({ part: 'webhooks' }),
    intervalMs: deps.deliveryIntervalMs ?? 5_000,
  });
  const afterBatch = signalsAfterBatch({ ...deps, bus, logger: logger.child({ part: 'signals' }), onQueued: () => delivery.kick() });
  const tick = setInterval(() => void afterBatch({ from: deps.clock.now() - HOUR_MS }), deps.tickMs ?? 60_000);
  tick.unref?.();
  return {
    bus,
    afterBatch,
    onBatch: (event) => void afterBatch(event.publishedRange ?? {}),
    delivery,
    stop: async () => {
      clearInterval(tick);
      await delivery.stop();
      await afterBatch.idle();
    },
  };
}
