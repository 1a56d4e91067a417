/**
 * The delivery worker: sends due webhook deliveries (signed), retries failures with backoff and
 * dead-letters a delivery after `maxAttempts`. It runs on its own timer, reading the queue the
 * engine writes, so a slow or dead receiver never delays evaluation or ingestion.
 * HTTP goes through the project's fetcher (SSRF guard: receivers on private or loopback addresses
 * are refused unless the fetcher's policy allows them).
 */
import type { Db } from '../../db/client.js';
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from '../../db/queries/webhooks.js';
import { FetchError, describeError } from '../../ingest/fetch/errors.js';
import type { Fetcher } from '../../ingest/fetch/types.js';
import { silentLogger, type Logger } from '../log.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './sign.js';

/** Waits after the 1st, 2nd, … failed attempt. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];

export interface DeliveryOptions {
  fetcher: Fetcher;
  now: () => number;
  /** Default DEFAULT_BACKOFF_MS; the last value repeats if maxAttempts asks for more. */
  backoffMs?: readonly number[];
  /** Attempts before a delivery is dead. Default backoffMs.length + 1 (6). */
  maxAttempts?: number;
  /** Per-request time limit. Default 10 s. */
  timeoutMs?: number;
  /** Deliveries claimed per round. Default 20. */
  batchSize?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  logger?: Logger;
}

export interface DeliveryRound {
  attempted: number;
  delivered: number;
  retried: number;
  dead: number;
}

async function sendOne(db: Db, c: ClaimedDelivery, o: Required<Omit<DeliveryOptions, 'logger'>> & { logger: Logger }): Promise<DeliveryRound> {
  const d = c.delivery;
  const attempts = d.attempts + 1;
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await o.fetcher.get(c.url, {
      method: 'POST',
      body: d.payload,
      idempotent: false,
      expect: 'any',
      maxBytes: 64 * 1024,
      signal: AbortSignal.timeout(o.timeoutMs),
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signatureHeader(c.secret, d.payload, o.now()),
        [EVENT_HEADER]: d.event,
        [DELIVERY_HEADER]: String(d.id),
      },
    });
    statusCode = res.status;
  } catch (e) {
    statusCode = e instanceof FetchError ? (e.status ?? null) : null;
    error = describeError(e).slice(0, 500);
  }
  const at = o.now();
  if (error === null) {
    await recordAttempt(db, d.id, { outcome: 'delivered', attempts, at, statusCode, error: null });
    return { attempted: 1, delivered: 1, retried: 0, dead: 0 };
  }
  if (attempts >= o.maxAttempts) {
    await recordAttempt(db, d.id, { outcome: 'dead', attempts, at, statusCode, error });
    o.logger.warn('webhook delivery dead', { delivery: d.id, webhook: d.webhookId, attempts, error });
    return { attempted: 1, delivered: 0, retried: 0, dead: 1 };
  }
  const wait = o.backoffMs[Math.min(attempts - 1, o.backoffMs.length - 1)] ?? 60_000;
  await recordAttempt(db, d.id, { outcome: 'retry', attempts, at, statusCode, error, nextAttemptAt: at + wait });
  o.logger.info('webhook delivery failed; will retry', { delivery: d.id, webhook: d.webhookId, attempts, retryInMs: wait, error });
  return { attempted: 1, delivered: 0, retried: 1, dead: 0 };
}

function resolved(o: DeliveryOptions) {
  const backoffMs = o.backoffMs ?? DEFAULT_BACKOFF_MS;
  return {
    fetcher: o.fetcher,
    now: o.now,
    backoffMs,
    maxAttempts: o.maxAttempts ?? backoffMs.length + 1,
    timeoutMs: o.timeoutMs ?? 10_000,
    batchSize: o.batchSize ?? 20,
    concurrency: o.concurrency ?? 4,
    logger: o.logger ?? silentLogger,
  };
}

/** One round: claims the deliveries due now and sends them (up to `concurrency` at once). */
export async function deliverDue(db: Db, options: DeliveryOptions): Promise<DeliveryRound> {
  const o = resolved(options);
  // The lease outlasts one request, so another loop never sends a row this round is still sending.
  const claimed = await claimDueDeliveries(db, { now: o.now(), limit: o.batchSize, leaseMs: o.timeoutMs + 60_000 });
  const total: DeliveryRound = { attempted: 0, delivered: 0, retried: 0, dead: 0 };
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const c = claimed[next++] as ClaimedDelivery;
      const r = await sendOne(db, c, o);
      total.attempted += r.attempted;
      total.delivered += r.delivered;
      total.retried += r.retried;
      total.dead += r.dead;
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, claimed.length) }, worker));
  return total;
}

export interface DeliveryLoop {
  /** Runs a round soon (e.g. right after alerts were queued) instead of waiting for the timer. */
  kick(): void;
  /** Stops the timer and waits for the round in flight. */
  stop(): Promise<void>;
}

/** Runs `deliverDue` every `intervalMs` (default 5 s), one round at a time; errors are logged, never thrown. */
export function startDeliveryLoop(db: Db, options: DeliveryOptions & { intervalMs?: number }): DeliveryLoop {
  const logger = options.logger ?? silentLogger;
  const intervalMs = options.intervalMs ?? 5_000;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const round = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const r = await deliverDue(db, options);
          if (r.attempted > 0) logger.debug('webhook round', { ...r });
          // a full batch means more may be due
          if (r.attempted >= (options.batchSize ?? 20)) again = true;
        } while (again && !stopped);
      } catch (error) {
        logger.error('webhook delivery round failed', { error: describeError(error) });
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(round, intervalMs);
  timer.unref?.();
  return {
    kick: () => setImmediate(round),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
