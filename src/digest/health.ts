/** The digest's part of /healthz: the last message sent, and rows that need a person's eye. */
import type { Db } from '../../db/client.js';
import { lastSentDigest, troubledDigests } from '../../db/queries/digest.js';

export interface DigestHealth {
  status: 'ok' | 'failing';
  lastSent: { date: string; recipient: string; at: string | null } | null;
  /** Failed sends (retried with backoff) and sends whose outcome is unknown (the sender stopped mid-send). */
  problems: { date: string; recipient: string; status: 'failed' | 'unknown'; attempts: number; error: string | null; retryAt: string | null }[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function digestHealth(db: Db, now: number): Promise<DigestHealth> {
  const [last, troubled] = await Promise.all([lastSentDigest(db), troubledDigests(db, now)]);
  return {
    status: troubled.length ? 'failing' : 'ok',
    lastSent: last ? { date: last.date, recipient: last.recipient, at: iso(last.sentAt) } : null,
    problems: troubled.map((r) => ({
      date: r.date,
      recipient: r.recipient,
      status: r.status === 'failed' ? 'failed' : 'unknown',
      attempts: r.attempts,
      error: r.status === 'failed' ? r.lastError : 'the sender stopped mid-send; check the mail server log before resending',
      retryAt: r.status === 'failed' ? iso(r.claimedUntil) : null,
    })),
  };
}
