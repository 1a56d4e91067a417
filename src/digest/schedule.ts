/**
 * The digest in the Node entry: node-cron ticks every minute and calls the portable
 * `runDueDigests` (which decides, in the configured zone, whether a digest is due). Ticking each
 * minute rather than cron's own `timezone` at the send hour means a DST change, a restart after the
 * hour or a failed send followed by a retry all work the same way; the `digests` rows keep it to
 * one message per date and recipient.
 */
import cron from 'node-cron';
import { runDueDigests, type DigestDeps } from './job.js';

export interface DigestSchedule {
  /** One tick (what cron calls); skipped while the previous one runs. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startDigestSchedule(deps: DigestDeps, opts: { schedule?: boolean } = {}): DigestSchedule {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return running;
    running = runDueDigests(deps)
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.error('digest tick failed', { error: (error as Error).message ?? String(error) }))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = opts.schedule === false || deps.config.digest.recipients.length === 0 ? null : cron.schedule('* * * * *', () => void tick(), { name: 'barometer-digest' });
  if (deps.config.digest.recipients.length) {
    deps.logger.info('digest scheduled', {
      recipients: deps.config.digest.recipients.length,
      hour: deps.config.digest.hour,
      timeZone: deps.config.digest.timeZone,
      via: deps.mailer?.describe ?? 'none',
    });
  }
  return {
    tick,
    async stop() {
      await task?.stop();
      await running;
      deps.mailer?.close?.();
    },
  };
}
