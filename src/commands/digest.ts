/**
 * `barometer digest preview [--date] [--format html|text|json]` prints a digest on stdout;
 * `barometer digest send [--date]` sends it now (default: yesterday in the digest time zone), still at
 * most once per date and recipient. Without SMTP_URL, messages go to data/outbox/ as .eml files.
 */
import { loadConfig, isDemoMode } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { systemClock } from '../clock.js';
import { createLogger } from '../log.js';
import { composeDigest, sendDigests, yesterday } from '../digest/job.js';
import { mailerFromConfig } from '../digest/node-mailer.js';
import { isDate } from '../digest/time.js';
import { CliError, type Command, type CliIO } from './types.js';

function dateOf(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  const s = String(value);
  if (!isDate(s)) throw new CliError(`--date must be a date as YYYY-MM-DD, got "${s}"`);
  return s;
}

async function withDb<T>(io: CliIO, fn: (ctx: { db: Awaited<ReturnType<typeof openDb>>['db']; config: ReturnType<typeof loadConfig> }) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.digest.timeZone });
  } catch {
    throw new CliError(`digest.timeZone "${config.digest.timeZone}" is not an IANA time zone (e.g. Europe/Dublin)`);
  }
  const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken);
  try {
    await applyMigrations(db);
    return await fn({ db, config });
  } finally {
    close();
  }
}

export const digestPreviewCommand: Command = {
  name: 'digest preview',
  summary: 'Print the daily digest for a date (HTML, text or JSON model) on stdout',
  options: {
    date: { type: 'string', description: 'local date YYYY-MM-DD (default: yesterday in the digest time zone)' },
    format: { type: 'string', description: 'html | text | json', default: 'html' },
  },
  async run({ values }, io) {
    const format = String(values.format ?? 'html');
    if (!['html', 'text', 'json'].includes(format)) throw new CliError(`--format must be html, text or json, got "${format}"`);
    await withDb(io, async ({ db, config }) => {
      const date = dateOf(values.date, yesterday(systemClock.now(), config));
      const c = await composeDigest({ db, config, demo: isDemoMode(config) }, date);
      io.stderr.write(`subject: ${c.model.subject}\n`);
      io.stdout.write(format === 'html' ? c.html : format === 'text' ? c.text : JSON.stringify(c.model, null, 2) + '\n');
    });
  },
};

export const digestSendCommand: Command = {
  name: 'digest send',
  summary: 'Send the daily digest now to the configured recipients (never twice per date and recipient)',
  description:
    'Recipients: digest.recipients in the config file or BAROMETER_DIGEST_TO (comma-separated). SMTP_URL selects the mail server; ' +
    'without it each message is written to data/outbox/. A failed earlier send is retried at once; a sent one is never resent.',
  options: {
    date: { type: 'string', description: 'local date YYYY-MM-DD (default: yesterday in the digest time zone)' },
  },
  async run({ values }, io) {
    return withDb(io, async ({ db, config }) => {
      if (config.digest.recipients.length === 0) throw new CliError('no recipients: set digest.recipients in the config file or BAROMETER_DIGEST_TO');
      const date = dateOf(values.date, yesterday(systemClock.now(), config));
      const logger = createLogger(config.logLevel, { part: 'digest' }, (line) => io.stderr.write(line + '\n'));
      const mailer = mailerFromConfig(config, io.cwd, logger);
      try {
        const report = await sendDigests({ db, config, clock: systemClock, logger, mailer, demo: isDemoMode(config) }, date, { force: true });
        io.stdout.write(JSON.stringify(report, null, 2) + '\n');
        return report.results.some((r) => r.outcome === 'failed') ? 1 : 0;
      } finally {
        mailer.close?.();
      }
    });
  },
};
