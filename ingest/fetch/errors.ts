/** One error type for everything that can go wrong while pulling a source. */

export type FetchErrorCode =
  | 'bad_url' // not http(s), credentials in URL, unparsable
  | 'blocked_address' // SSRF guard refused the destination
  | 'dns' // host did not resolve
  | 'connect_timeout'
  | 'timeout' // total time for one attempt (headers + body) exceeded
  | 'network' // reset, refused, TLS…
  | 'too_large' // body passed the cap (reading stopped there)
  | 'http_status' // non-2xx after retries
  | 'bad_content_type'
  | 'bad_body' // malformed JSON/XML or an unexpected shape
  | 'redirect_limit'
  | 'aborted' // caller's signal
  | 'circuit_open'; // breaker refused the pull

const RETRYABLE = new Set<FetchErrorCode>(['dns', 'connect_timeout', 'timeout', 'network']);

export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly url: string | undefined;
  readonly status: number | undefined;
  /** Server-requested wait from Retry-After (ms). The fetcher sleeps it when ≤ maxRetryAfterMs, else fails at once with it. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: FetchErrorCode,
    message: string,
    extra: { url?: string; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.code = code;
    this.url = extra.url;
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
  }

  /** Worth another attempt: network trouble, 408/425/429/5xx. */
  get retryable(): boolean {
    if (RETRYABLE.has(this.code)) return true;
    if (this.code === 'http_status' && this.status !== undefined) {
      return this.status === 408 || this.status === 425 || this.status === 429 || this.status >= 500;
    }
    return false;
  }

  /** `code: message` — what storage writes to sources.last_error. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Text for sources.last_error from anything thrown. */
export function describeError(err: unknown): string {
  if (err instanceof FetchError) return err.toString();
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
