/** Types of the shared fetcher. Platform-neutral: no Node imports here. */

/** What a connector asks for; the fetcher checks the answer's Content-Type against it. */
export type Expect = 'json' | 'feed' | 'html' | 'any';

export interface FetchOptions {
  /** Default GET. Other methods (e.g. webhook POSTs) are not retried unless `idempotent` is set. */
  method?: string;
  body?: string | Uint8Array;
  idempotent?: boolean;
  /** Sends If-None-Match; a 304 comes back as `notModified: true`. */
  etag?: string | null;
  /** Sends If-Modified-Since. */
  lastModified?: string | null;
  expect?: Expect;
  headers?: Record<string, string>;
  /** Overrides the fetcher's body cap for this call. */
  maxBytes?: number;
  /** Aborts the whole call (all attempts). */
  signal?: AbortSignal;
  /** Replaces the fetcher's address policy for this call (e.g. a source that allows loopback). */
  policy?: AddressPolicy;
}

export interface FetchResponse {
  /** URL after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
  bytes: Uint8Array;
  /** Body decoded by BOM, Content-Type charset, XML prolog or HTML meta (utf-8 otherwise). */
  text(): string;
  /** Parsed JSON; throws FetchError('bad_body') with the URL on malformed JSON. */
  json<T = unknown>(): T;
  /** Attempts used (1 = no retry). */
  attempts: number;
}

export interface Fetcher {
  /** GET by default; `options.method`/`body` send other requests through the same guards. */
  get(url: string, options?: FetchOptions): Promise<FetchResponse>;
}

/** Which otherwise-refused destinations are allowed. Both default to false. */
export interface AddressPolicy {
  /** 127.0.0.0/8, ::1, localhost (tests and the demo replay server). */
  allowLoopback?: boolean;
  /** RFC 1918, ULA, CGNAT, link-local (never the cloud metadata addresses). */
  allowPrivate?: boolean;
}

/** One request as the transport sees it (no redirects followed, no retries). */
export interface TransportRequest {
  url: URL;
  method: string;
  body?: string | Uint8Array;
  headers: Record<string, string>;
  signal: AbortSignal;
  connectTimeoutMs: number;
  policy: AddressPolicy;
}

export interface TransportResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed body chunks. */
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and releases the connection. */
  cancel(): void;
}

/**
 * Sends one request. The Node transport resolves the host itself, refuses blocked addresses and
 * connects to the address it checked (no DNS rebinding window); a Worker transport wraps global fetch.
 */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;
