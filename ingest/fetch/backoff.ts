/** Retry timing: exponential backoff with full jitter, and Retry-After parsing. */

export interface BackoffOptions {
  /** First delay (ms) before jitter; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0 ≤ random() < 1; injectable for tests. */
  random: () => number;
}

/** Delay before retry number `attempt` (1 = first retry): uniform in [d/2, d], d = base·2^(attempt-1). */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const d = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(d / 2 + (d / 2) * o.random());
}

/** Retry-After as ms from `now`: delta-seconds or an HTTP date; null if absent or unparsable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}
