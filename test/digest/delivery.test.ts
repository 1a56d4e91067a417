/**
 * Delivery guarantees against a real SMTP server: a dead server is retried, then reported in
 * /healthz and the logs, and a later run sends exactly once; a restart after sending sends nothing;
 * two processes sending at once deliver one message per recipient.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueDigests, sendDigests } from '../../src/digest/job.js';
import { deadPort, startSmtp, type TestSmtp } from './smtp.js';
import { createDigestWorld, RECIPIENTS, type DigestWorld } from './world.js';

let w: DigestWorld;
const servers: TestSmtp[] = [];
beforeAll(async () => {
  w = await createDigestWorld('Europe/Dublin', 8);
}, 60_000);
afterAll(async () => {
  for (const s of servers) await s.close();
  w.close();
});

const health = async () => (await (await w.app.request('/healthz')).json()) as Record<string, any>;

describe('digest delivery', () => {
  // 2026-03-11 08:00 in Dublin (GMT) = 08:00Z: the digest of 2026-03-10 is due.
  const due = Date.UTC(2026, 2, 11, 8, 0);
  let port = 0;
  let smtp: TestSmtp;

  it('retries a dead SMTP server, then reports the failure in /healthz and the log', async () => {
    port = await deadPort();
    w.clock.set(due);
    const report = await runDueDigests(w.deps(`smtp://127.0.0.1:${port}`));
    expect(report?.results.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    const attempts = w.logs.filter((l) => l.msg === 'digest send attempt failed');
    expect(attempts).toHaveLength(3 * RECIPIENTS.length);
    expect(String(attempts[0]!.error)).toMatch(/ECONNREFUSED|connect/i);
    expect(w.logs.filter((l) => l.level === 'error' && l.msg === 'digest send failed; will retry')).toHaveLength(2);
    const h = await health();
    expect(h.status).toBe('ok');
    expect(h.digest.status).toBe('failing');
    expect(h.digest.problems).toHaveLength(2);
    expect(h.digest.problems[0]).toMatchObject({ date: '2026-03-10', status: 'failed', attempts: 3 });
    expect(h.digest.problems[0].error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('waits out the backoff, then a later run sends each recipient exactly once', async () => {
    smtp = await startSmtp(port);
    servers.push(smtp);
    w.clock.set(due + 60_000);
    expect(await runDueDigests(w.deps(smtp.url))).toBeNull(); // still backing off
    expect(smtp.messages).toHaveLength(0);
    w.clock.set(due + 6 * 60_000);
    const report = await runDueDigests(w.deps(smtp.url));
    expect(report?.results.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    expect(smtp.messages.map((m) => (m.to as { text: string }).text).sort()).toEqual([...RECIPIENTS].sort());
    w.clock.set(due + 7 * 60_000);
    expect(await runDueDigests(w.deps(smtp.url))).toBeNull();
    const h = await health();
    expect(h.digest.status).toBe('ok');
    expect(h.digest.lastSent.date).toBe('2026-03-10');
  });

  it('after a restart (a new connection, a new mailer) sends nothing again, even when asked', async () => {
    const other = await w.reopen();
    try {
      w.clock.set(due + 60 * 60_000);
      expect(await runDueDigests(w.deps(smtp.url, other.db))).toBeNull();
      const forced = await sendDigests(w.deps(smtp.url, other.db), '2026-03-10', { force: true });
      expect(forced.results.map((r) => r.outcome)).toEqual(['already-sent', 'already-sent']);
      expect(smtp.messages).toHaveLength(2);
    } finally {
      other.close();
    }
  });

  it('two processes sending the same digest at once deliver one message per recipient', async () => {
    const a = await w.reopen();
    const b = await w.reopen();
    try {
      const before = smtp.messages.length;
      const [ra, rb] = await Promise.all([sendDigests(w.deps(smtp.url, a.db), '2026-03-09'), sendDigests(w.deps(smtp.url, b.db), '2026-03-09')]);
      const outcomes = [...ra.results, ...rb.results].map((r) => r.outcome).sort();
      expect(outcomes.filter((o) => o === 'sent')).toHaveLength(2);
      expect(outcomes.filter((o) => o !== 'sent').every((o) => o === 'busy' || o === 'already-sent')).toBe(true);
      const mine = smtp.messages.slice(before);
      expect(mine.map((m) => (m.to as { text: string }).text).sort()).toEqual([...RECIPIENTS].sort());
    } finally {
      a.close();
      b.close();
    }
  });
});
