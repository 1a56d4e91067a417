/** `barometer signals evaluate [--from --to]`: recompute spikes, alerts and incidents over a range. */
import { loadConfig } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { systemClock } from '../clock.js';
import { evaluateSignals } from '../signals/evaluate.js';
import { measuredCost } from '../signals/cost.js';
import { CliError, type Command } from './types.js';

function timeOf(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(ms)) throw new CliError(`--${name} must be an ISO date/time or epoch milliseconds, got "${s}"`);
  return ms;
}

export const signalsEvaluateCommand: Command = {
  name: 'signals evaluate',
  summary: 'Recompute spikes, alerts and incidents over a time range and print a summary (JSON)',
  description:
    'Default range: the last 2 hours. Alerts fire once per (kind, product, region, bucket), so re-running is safe; ' +
    'incidents of the products touched are recomputed from scratch. New alerts are queued for webhooks.',
  options: {
    from: { type: 'string', description: 'start (ISO time or epoch ms); default now − 2 h' },
    to: { type: 'string', description: 'end (ISO time or epoch ms); default now' },
    now: { type: 'string', description: 'evaluate as of this time (default: the clock)' },
  },
  async run({ values }, io) {
    const config = loadConfig(io.env, io.cwd);
    const clockNow = systemClock.now();
    const to = timeOf('to', values.to) ?? clockNow;
    const from = timeOf('from', values.from) ?? to - 2 * 3_600_000;
    if (from > to) throw new CliError('--from must not be after --to');
    const now = timeOf('now', values.now) ?? clockNow;
    const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken);
    try {
      await applyMigrations(db);
      const s = await evaluateSignals({ db, config, now, range: { from, to } });
      const iso = (ms: number) => new Date(ms).toISOString();
      const byKind: Record<string, number> = {};
      for (const a of s.fired) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
      io.stdout.write(
        JSON.stringify(
          {
            from: iso(s.range.from),
            to: iso(s.range.to),
            now: iso(s.now),
            seriesEvaluated: s.seriesEvaluated,
            bucketsEvaluated: s.bucketsEvaluated,
            spikeBuckets: s.spikes,
            alertsFired: byKind,
            alerts: s.fired.map((a) => ({
              id: a.id, kind: a.kind, product: a.product, region: a.region, bucket: iso(a.bucketStart),
              observed: a.observed, expected: Number(a.expected.toFixed(2)), score: Number(a.score.toFixed(2)), severity: a.severity,
            })),
            incidents: s.incidents,
            webhookDeliveriesQueued: s.deliveriesQueued,
            measuredCostOfSilence: await measuredCost(db),
            ms: Math.round(s.ms),
          },
          null,
          2,
        ) + '\n',
      );
    } finally {
      close();
    }
  },
};
