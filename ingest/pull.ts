/**
 * One pull of one source, guarded by its circuit breaker: the building block the scheduler calls.
 * Never throws for source trouble; returns what to persist (result, breaker state, last error).
 */
import { getConnector } from './connectors/index.js';
import { scopedFetcher } from './fetch/core.js';
import { breakerAllows, recordFailure, recordSuccess, type BreakerOptions, type BreakerState } from './fetch/breaker.js';
import { FetchError, describeError } from './fetch/errors.js';
import type { AddressPolicy, Fetcher } from './fetch/types.js';
import type { ConnectorResult, SourceConfig, SourceState } from './types.js';

export type PullStatus = 'ok' | 'not_modified' | 'failed' | 'skipped';

export interface PullOutcome {
  status: PullStatus;
  /** Present for ok and not_modified: posts/updates plus the cursor and validators to store. */
  result?: ConnectorResult;
  /** New breaker state to persist (unchanged when skipped). */
  breaker: BreakerState;
  /** `code: message` for sources.last_error when failed. */
  error?: string;
  durationMs: number;
}

export interface PullOptions {
  fetch: Fetcher;
  now: number;
  breaker?: Partial<BreakerOptions>;
  /** Address policy for this source only (e.g. the demo replay source allows loopback). */
  policy?: AddressPolicy;
  /** Abort the whole pull (every request) after this long. Default 120 s. */
  deadlineMs?: number;
  /** Clock for durationMs (default Date.now); the breaker uses `now`. */
  clock?: () => number;
}

export async function pullSource(source: SourceConfig, state: SourceState, breaker: BreakerState, o: PullOptions): Promise<PullOutcome> {
  const clock = o.clock ?? Date.now;
  const t0 = clock();
  if (!breakerAllows(breaker, o.now)) return { status: 'skipped', breaker, durationMs: 0 };
  const ac = new AbortController();
  const deadline = setTimeout(() => ac.abort(), o.deadlineMs ?? 120_000);
  try {
    const fetch = scopedFetcher(o.fetch, { signal: ac.signal, ...(o.policy ? { policy: o.policy } : {}) });
    const result = await getConnector(source.kind).pull(source, state, { fetch, now: o.now });
    return { status: result.notModified ? 'not_modified' : 'ok', result, breaker: recordSuccess(breaker), durationMs: clock() - t0 };
  } catch (e) {
    const error = ac.signal.aborted ? `timeout: pull exceeded ${o.deadlineMs ?? 120_000} ms (${describeError(e)})` : describeError(e);
    const retryAfter = e instanceof FetchError ? e.retryAfterMs : undefined;
    return { status: 'failed', breaker: recordFailure(breaker, error, o.now, o.breaker, retryAfter), error, durationMs: clock() - t0 };
  } finally {
    clearTimeout(deadline);
  }
}
