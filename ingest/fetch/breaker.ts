/**
 * Per-source circuit breaker as pure functions over a plain, serialisable state, so storage can keep
 * it in the `sources` row (consecutive_failures, open_until, last_error) and any process can resume it.
 *
 *   closed ──(failureThreshold consecutive failures)──► open until now + backoff
 *   open ──(now ≥ openUntil)──► half-open: one trial pull is allowed
 *   half-open ──success──► closed (counters reset) · ──failure──► open again, backoff doubled
 */

export interface BreakerState {
  consecutiveFailures: number;
  /** Epoch ms; null while closed. */
  openUntil: number | null;
  lastError: string | null;
  /** Epoch ms of the last failure (for `last_error_at`). */
  lastErrorAt: number | null;
}

export interface BreakerOptions {
  /** Consecutive failures that open the breaker (default 5). */
  failureThreshold: number;
  /** First open period (default 60 s); doubles with every further failure. */
  baseOpenMs: number;
  /** Longest open period (default 6 h). */
  maxOpenMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, baseOpenMs: 60_000, maxOpenMs: 6 * 3_600_000 };

export type BreakerPhase = 'closed' | 'open' | 'half-open';

export function initialBreaker(): BreakerState {
  return { consecutiveFailures: 0, openUntil: null, lastError: null, lastErrorAt: null };
}

export function breakerPhase(s: BreakerState, now: number): BreakerPhase {
  if (s.openUntil === null) return 'closed';
  return now < s.openUntil ? 'open' : 'half-open';
}

/** May this source be pulled now? (closed or half-open) */
export function breakerAllows(s: BreakerState, now: number): boolean {
  return breakerPhase(s, now) !== 'open';
}

/** A source is unhealthy while its breaker is open or half-open. */
export function isHealthy(s: BreakerState): boolean {
  return s.openUntil === null;
}

export function recordSuccess(s: BreakerState): BreakerState {
  return { consecutiveFailures: 0, openUntil: null, lastError: s.lastError, lastErrorAt: s.lastErrorAt };
}

/**
 * Counts a failed pull. `retryAfterMs` (a server's Retry-After beyond what the fetcher slept)
 * lengthens the open period when the breaker opens.
 */
export function recordFailure(
  s: BreakerState,
  error: string,
  now: number,
  opts: Partial<BreakerOptions> = {},
  retryAfterMs?: number,
): BreakerState {
  const o = { ...DEFAULT_BREAKER, ...opts };
  const failures = s.consecutiveFailures + 1;
  let openUntil: number | null = null;
  if (failures >= o.failureThreshold) {
    const extra = failures - o.failureThreshold;
    const period = Math.min(o.maxOpenMs, o.baseOpenMs * 2 ** Math.min(extra, 30));
    openUntil = now + Math.max(period, Math.min(retryAfterMs ?? 0, o.maxOpenMs));
  }
  return { consecutiveFailures: failures, openUntil, lastError: error.slice(0, 500), lastErrorAt: now };
}
