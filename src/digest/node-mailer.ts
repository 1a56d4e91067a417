/**
 * Node mailers for the digest: SMTP through nodemailer when SMTP_URL is set, else `.eml` files in
 * `data/outbox/` (one per date and recipient) with a log line saying where.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { DigestMessage, Mailer } from './mailer.js';

function toMail(m: DigestMessage) {
  return { from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, date: m.date, headers: m.headers };
}

/** The SMTP URL without its password, for logs and /healthz. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp (unparsable URL)';
  }
}

export function smtpMailer(smtpUrl: string, opts: { timeoutMs?: number } = {}): Mailer {
  const t = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport(smtpUrl, {} as never);
  // Short timeouts so a dead server fails the attempt instead of hanging the schedule.
  Object.assign(transport.options as object, { connectionTimeout: t, greetingTimeout: t, socketTimeout: t });
  return {
    describe: redactUrl(smtpUrl),
    async send(m) {
      const info = await transport.sendMail(toMail(m));
      return { messageId: info.messageId ?? m.messageId };
    },
    close: () => transport.close(),
  };
}

export function outboxMailer(dir: string, logger?: Logger): Mailer {
  const folder = resolve(dir);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `outbox ${folder}`,
    async send(m) {
      const info = await transport.sendMail(toMail(m));
      mkdirSync(folder, { recursive: true });
      const safe = m.to.replace(/[^\w.@+-]/g, '_');
      const file = join(folder, `${m.headers['X-Barometer-Digest-Date'] ?? 'digest'}-${safe}.eml`);
      writeFileSync(file, info.message as Buffer);
      logger?.info('digest written to outbox (no SMTP_URL set)', { file, to: m.to });
      return { messageId: m.messageId, where: file };
    },
  };
}

/** SMTP when configured, else the outbox under `cwd`/data/outbox. */
export function mailerFromConfig(config: Config, cwd: string, logger?: Logger): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl) : outboxMailer(join(cwd, 'data', 'outbox'), logger);
}
