/**
 * The digest job, portable (Node's node-cron and the Worker's Cron Trigger both call
 * `runDueDigests`). Rules:
 * - Due: from the configured local hour in the configured IANA zone, the previous LOCAL day is due
 *   (so a DST change, a late start or a missed tick still sends once that day; none before the hour).
 * - At most one message per (date, recipient): each send first claims its `digests` row with one
 *   conditional insert-or-update; only the claimant sends. A sent row is never sent again.
 * - A failed send is retried a few times in the run (backoff), then marked failed with a retry time
 *   (backoff between runs) and logged; /healthz lists it. A row left 'sending' by a process that
 *   stopped mid-send is reported, never resent automatically (it may have been delivered).
 */
import type { Db } from '../../db/client.js';
import { claimDigest, countAttempt, digestRowsFor, markDigestFailed, markDigestSent } from '../../db/queries/digest.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { buildDigest, type DigestModel } from './content.js';
import { loadDigestData } from './data.js';
import { renderHtml } from './html.js';
import type { DigestMessage, Mailer } from './mailer.js';
import { renderText } from './text.js';
import { addDays, localDate, localParts, MINUTE_MS } from './time.js';

export interface DigestDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** null: no way to send here (e.g. a Worker without a mail binding): the job logs and skips. */
  mailer: Mailer | null;
  demo?: boolean;
  /** Waits between attempts in one run; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryPolicy>;
}

export interface RetryPolicy {
  /** SMTP attempts within one run. */
  attemptsPerRun: number;
  /** Wait before the n-th retry in a run: base × 2^(n−1). */
  inRunBackoffMs: number;
  /** After a failed run, wait base × 2^(failed runs − 1), capped, before the next run may retry. */
  betweenRunsBackoffMs: number;
  maxBackoffMs: number;
  /** Automatic retries stop here (an operator's `barometer digest send` may still try). */
  maxAttempts: number;
  /** How long a claim holds while sending. */
  leaseMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attemptsPerRun: 3,
  inRunBackoffMs: 2_000,
  betweenRunsBackoffMs: 5 * MINUTE_MS,
  maxBackoffMs: 60 * MINUTE_MS,
  maxAttempts: 24,
  leaseMs: 10 * MINUTE_MS,
};

export function publicUrlOf(config: Config): string {
  return (config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`).replace(/\/+$/, '');
}

/** The local date whose digest is due at `now`, or null before the send hour of today. */
export function dueDate(now: number, config: Pick<Config, 'digest'>): string | null {
  const { hour, timeZone } = config.digest;
  if (localParts(now, timeZone).hour < hour) return null;
  return addDays(localDate(now, timeZone), -1);
}

/** Yesterday in the configured zone (the default date of `barometer digest send|preview`). */
export function yesterday(now: number, config: Pick<Config, 'digest'>): string {
  return addDays(localDate(now, config.digest.timeZone), -1);
}

export interface ComposedDigest {
  model: DigestModel;
  html: string;
  text: string;
}

export async function composeDigest(deps: Pick<DigestDeps, 'db' | 'config' | 'demo'>, date: string): Promise<ComposedDigest> {
  const data = await loadDigestData(deps.db, deps.config, date);
  const model = buildDigest(data, { publicUrl: publicUrlOf(deps.config), products: deps.config.products, provider: deps.config.provider, demo: deps.demo ?? false });
  return { model, html: renderHtml(model), text: renderText(model) };
}

/** FNV-1a, hex: a stable, portable tag for message ids (not a secret). */
function tag(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

export function messageFor(c: ComposedDigest, recipient: string, config: Config, now: number): DigestMessage {
  let host = 'localhost';
  try {
    host = new URL(publicUrlOf(config)).hostname.replace(/^\[|\]$/g, '') || 'localhost';
  } catch {
    // keep localhost
  }
  const domain = /^[\d.:]+$/.test(host) ? 'barometer.localhost' : host;
  return {
    from: `Barometer <barometer@${domain}>`,
    to: recipient,
    subject: c.model.subject,
    text: c.text,
    html: c.html,
    messageId: `<digest.${c.model.date}.${tag(recipient.toLowerCase())}@${domain}>`,
    date: new Date(now),
    headers: { 'X-Barometer-Digest-Date': c.model.date, 'Auto-Submitted': 'auto-generated' },
  };
}

export type SendOutcome = 'sent' | 'already-sent' | 'busy' | 'waiting' | 'failed' | 'no-mailer';

export interface SendReport {
  date: string;
  results: { recipient: string; outcome: SendOutcome; messageId?: string; where?: string; error?: string }[];
}

/** Dates already warned about in this process/isolate (a cron tick each minute would repeat it). */
const warnedNoMailer = new Set<string>();

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends the digest of `date` to every configured recipient that has not had it. `force` (an
 * operator's command) retries a failed row at once, ignoring backoff and the attempt cap; it never
 * resends a sent row nor touches one another process is sending.
 */
export async function sendDigests(deps: DigestDeps, date: string, opts: { force?: boolean; recipients?: readonly string[] } = {}): Promise<SendReport> {
  const { db, config, logger, clock } = deps;
  const policy = { ...DEFAULT_RETRY, ...deps.retry };
  const sleep = deps.sleep ?? defaultSleep;
  const recipients = [...new Set(opts.recipients ?? config.digest.recipients)];
  const report: SendReport = { date, results: [] };
  if (recipients.length === 0) return report;
  if (!deps.mailer) {
    if (!warnedNoMailer.has(date)) logger.warn('digest due but no mailer here; skipped (Workers have no SMTP: the Node server or an injected Mailer sends it)', { date });
    warnedNoMailer.add(date);
    for (const recipient of recipients) report.results.push({ recipient, outcome: 'no-mailer' });
    return report;
  }
  const existing = new Map((await digestRowsFor(db, date)).map((r) => [r.recipient, r]));
  const pending = recipients.filter((r) => existing.get(r)?.status !== 'sent');
  for (const r of recipients) if (!pending.includes(r)) report.results.push({ recipient: r, outcome: 'already-sent', messageId: existing.get(r)?.messageId ?? undefined });
  if (pending.length === 0) return report;
  const composed = await composeDigest(deps, date);
  for (const recipient of pending) {
    const claimed = await claimDigest(db, { date, recipient, now: clock.now(), leaseMs: policy.leaseMs, force: opts.force, maxAttempts: policy.maxAttempts });
    if (!claimed) {
      const row = (await digestRowsFor(db, date)).find((x) => x.recipient === recipient);
      report.results.push({ recipient, outcome: row?.status === 'sent' ? 'already-sent' : row?.status === 'sending' ? 'busy' : 'waiting', error: row?.lastError ?? undefined });
      continue;
    }
    let attempts = claimed.attempts;
    let lastError = '';
    let sent: { messageId: string; where?: string } | null = null;
    for (let n = 0; n < policy.attemptsPerRun && !sent; n++) {
      if (n > 0) await sleep(policy.inRunBackoffMs * 2 ** (n - 1));
      attempts++;
      await countAttempt(db, claimed.id, clock.now() + policy.leaseMs);
      try {
        sent = await deps.mailer.send(messageFor(composed, recipient, config, clock.now()));
      } catch (error) {
        lastError = (error as Error).message?.split('\n')[0] ?? String(error);
        logger.warn('digest send attempt failed', { date, recipient, attempt: attempts, error: lastError, mailer: deps.mailer.describe });
      }
    }
    if (sent) {
      await markDigestSent(db, claimed.id, clock.now(), sent.messageId);
      logger.info('digest sent', { date, recipient, messageId: sent.messageId, via: sent.where ?? deps.mailer.describe });
      report.results.push({ recipient, outcome: 'sent', messageId: sent.messageId, where: sent.where });
    } else {
      const runsFailed = Math.max(1, Math.ceil(attempts / policy.attemptsPerRun));
      const retryAt = clock.now() + Math.min(policy.maxBackoffMs, policy.betweenRunsBackoffMs * 2 ** (runsFailed - 1));
      await markDigestFailed(db, claimed.id, lastError, retryAt);
      const gaveUp = attempts >= policy.maxAttempts;
      logger.error(gaveUp ? 'digest send failed; automatic retries exhausted' : 'digest send failed; will retry', {
        date,
        recipient,
        attempts,
        error: lastError,
        ...(gaveUp ? { fix: `barometer digest send --date ${date}` } : { retryAt: new Date(retryAt).toISOString() }),
      });
      report.results.push({ recipient, outcome: 'failed', error: lastError });
    }
  }
  return report;
}

/** One scheduler tick: sends the due digest (if any) to whoever has not had it. */
export async function runDueDigests(deps: DigestDeps): Promise<SendReport | null> {
  if (deps.config.digest.recipients.length === 0) return null;
  const date = dueDate(deps.clock.now(), deps.config);
  if (!date) return null;
  const policy = { ...DEFAULT_RETRY, ...deps.retry };
  const now = deps.clock.now();
  const rows = new Map((await digestRowsFor(deps.db, date)).map((r) => [r.recipient, r]));
  // Only recipients a claim could succeed for: not sent, not being sent, not waiting out a backoff.
  const actionable = deps.config.digest.recipients.filter((recipient) => {
    const r = rows.get(recipient);
    if (!r) return true;
    return r.status === 'failed' && (r.claimedUntil ?? 0) <= now && r.attempts < policy.maxAttempts;
  });
  if (actionable.length === 0) return null;
  return sendDigests(deps, date, { recipients: actionable });
}
