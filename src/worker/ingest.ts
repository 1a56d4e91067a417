/**
 * Ingest on Workers. The Cron Trigger's `scheduled` enqueues one message per due source (producer);
 * the `queue` handler pulls and stores each (consumer), so a slow source only holds up its own
 * message. Without a queue binding, `scheduled` runs the same `runDueSources` as node-cron inline.
 * Source trouble (timeouts, 5xx, bad feeds) and storage failures are recorded on the source by
 * runDueSources and the message is acked (the next Cron Trigger tries again); only errors that
 * escape it (the database unreachable) make the message retry, then dead-letter.
 */
import type { Config } from '../config-schema.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../log.js';
import { dueSources } from '../../db/queries/sources.js';
import { workerFetcher, type MessageBatchLike, type SourceJob, type WorkerEnv } from './env.js';
import { ingestDue, signalsTick, syncConfigSources } from './runner.js';

export interface WorkerIngestDeps {
  env: WorkerEnv;
  config: Config;
  db: Db;
  logger: Logger;
}

/** Queue.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

/**
 * One Cron Trigger: sync config sources, fan the due ones out (or pull them inline without a
 * queue), then the signals tick (silence alerts, webhook deliveries) that node's timers do.
 */
export async function scheduledIngest(deps: WorkerIngestDeps, now: number): Promise<{ enqueued: number } | { inline: unknown }> {
  await syncConfigSources(deps);
  const queue = deps.env.INGEST_QUEUE;
  let result: { enqueued: number } | { inline: unknown };
  if (!queue) {
    result = { inline: await ingestDue(deps, { now }) };
  } else {
    const due = await dueSources(deps.db, now);
    const jobs = due.map((s) => ({ body: { sourceId: s.id, dueAt: now } satisfies SourceJob }));
    for (let i = 0; i < jobs.length; i += SEND_BATCH) await queue.sendBatch(jobs.slice(i, i + SEND_BATCH));
    deps.logger.info('sources enqueued', { count: jobs.length });
    result = { enqueued: jobs.length };
  }
  const tick = await signalsTick(deps, now);
  deps.logger.info('signals tick', { alertsFired: tick.signals.fired.length, webhooks: tick.webhooks });
  return result;
}

export async function consumeSourceJobs(deps: WorkerIngestDeps, batch: MessageBatchLike<SourceJob>): Promise<void> {
  const fetcher = workerFetcher(deps.env);
  // Messages of one batch run side by side: each source is its own unit of work.
  await Promise.all(
    batch.messages.map(async (message) => {
      const { sourceId } = message.body;
      try {
        // A source no longer due (pulled meanwhile, disabled, leased) is simply not in the result.
        const run = await ingestDue(deps, { sourceId, now: Date.now(), fetcher });
        const r = run.sources[0];
        deps.logger.info('source pulled', {
          sourceId,
          status: r?.status ?? 'not_due',
          inserted: run.inserted,
          alertsFired: run.alertsFired,
          ...(r?.error ? { error: r.error } : {}),
          attempt: message.attempts,
        });
        message.ack();
      } catch (error) {
        deps.logger.error('source job failed; the queue will retry it', {
          sourceId,
          attempt: message.attempts,
          error: error instanceof Error ? error.message : String(error),
        });
        message.retry({ delaySeconds: Math.min(300, 10 * 2 ** (message.attempts - 1)) });
      }
    }),
  );
}
