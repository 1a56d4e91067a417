/**
 * The shared fetcher, platform-neutral: redirects (followed by hand, every hop re-checked), retries
 * with backoff + jitter honouring Retry-After, per-host politeness, per-attempt total timeout,
 * streamed body cap, conditional GET and charset decoding. Network and DNS live in a Transport
 * (node.ts for Node with a pinned, checked DNS lookup; web.ts for Workers' global fetch).
 */
import { checkHostName } from './address.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { decodeBody } from './charset.js';
import { FetchError } from './errors.js';
import { HostLimiter } from './hosts.js';
import type { AddressPolicy, Expect, FetchOptions, FetchResponse, Fetcher, Transport, TransportResponse } from './types.js';

export const BAROMETER_VERSION = '0.1.0';
export const DEFAULT_USER_AGENT = `Barometer/${BAROMETER_VERSION} (+https://github.com/barometer/barometer)`;

export interface FetcherOptions {
  transport: Transport;
  /** Destinations otherwise refused; defaults refuse loopback and private networks. */
  policy?: AddressPolicy;
  userAgent?: string;
  /** TCP (+TLS) connect, incl. DNS. Default 5 s. */
  connectTimeoutMs?: number;
  /** Whole attempt: connect, redirects, headers and body. Default 20 s. */
  timeoutMs?: number;
  /** Body cap in bytes (decompressed). Default 10 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Retries after the first attempt for retryable errors (network, 408/425/429/5xx). Default 2. */
  retries?: number;
  /** Backoff base (default 500 ms) and cap (default 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After the fetcher will sleep; longer ones fail at once with `retryAfterMs`. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Requests in flight per host (default 2) and minimum gap between their starts (default 1 s). */
  perHostConcurrency?: number;
  minHostIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function contentTypeOk(expect: Expect, ct: string): boolean {
  const t = ct.split(';')[0]!.trim().toLowerCase();
  if (t === '' || expect === 'any') return true;
  if (expect === 'json') return /(^|[/+])json$/.test(t) || t === 'text/javascript' || t === 'text/plain';
  if (expect === 'html') return t === 'text/html' || t === 'application/xhtml+xml';
  // feed: XML of any flavour, JSON Feed, and the generic types servers mislabel feeds with (HTML → discovery).
  return /(^|[/+])(xml|rss|atom|rdf|json)/.test(t) || t === 'text/plain' || t === 'text/html' || t === 'application/octet-stream';
}

async function readCapped(res: TransportResponse, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.cancel();
    throw new FetchError('too_large', `body of ${declared} bytes exceeds the ${maxBytes}-byte cap`, { url });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      res.cancel();
      throw new FetchError('too_large', `body exceeds the ${maxBytes}-byte cap (stopped reading)`, { url });
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

function makeResponse(
  url: string,
  status: number,
  headers: Record<string, string>,
  bytes: Uint8Array,
  attempts: number,
  sent: FetchOptions,
): FetchResponse {
  const contentType = headers['content-type'] ?? '';
  const notModified = status === 304;
  let text: string | undefined;
  const resp: FetchResponse = {
    url,
    status,
    notModified,
    headers,
    contentType,
    etag: headers['etag'] ?? (notModified ? (sent.etag ?? null) : null),
    lastModified: headers['last-modified'] ?? (notModified ? (sent.lastModified ?? null) : null),
    bytes,
    attempts,
    text: () => (text ??= decodeBody(bytes, contentType)),
    json: <T>() => {
      try {
        return JSON.parse(resp.text()) as T;
      } catch (e) {
        throw new FetchError('bad_body', `malformed JSON from ${url}: ${(e as Error).message}`, { url, cause: e });
      }
    },
  };
  return resp;
}

export function parseHttpUrl(raw: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    throw new FetchError('bad_url', `not a URL: ${raw.slice(0, 200)}`, { url: raw });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError('bad_url', `scheme ${u.protocol} is not allowed`, { url: u.href });
  }
  if (u.username || u.password) throw new FetchError('bad_url', 'credentials in URLs are not allowed', { url: u.href });
  return u;
}

export function createFetcher(options: FetcherOptions): Fetcher {
  const o = {
    policy: {},
    userAgent: DEFAULT_USER_AGENT,
    connectTimeoutMs: 5_000,
    timeoutMs: 20_000,
    maxBytes: 10 * 1024 * 1024,
    maxRedirects: 5,
    retries: 2,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 60_000,
    perHostConcurrency: 2,
    minHostIntervalMs: 1_000,
    sleep: realSleep,
    random: Math.random,
    now: Date.now,
    ...options,
  };
  const limiter = new HostLimiter({
    maxConcurrent: o.perHostConcurrency,
    minIntervalMs: o.minHostIntervalMs,
    sleep: o.sleep,
    now: o.now,
  });

  async function attempt(start: URL, opts: FetchOptions, attemptNo: number): Promise<FetchResponse> {
    const ac = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onCallerAbort = () => ac.abort();
    if (opts.signal?.aborted) throw new FetchError('aborted', 'aborted by caller', { url: start.href });
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let url = start;
    let method = (opts.method ?? 'GET').toUpperCase();
    let body = opts.body;
    const policy = opts.policy ?? o.policy;
    try {
      for (let hop = 0; ; hop++) {
        checkHostName(url.hostname, policy, url.href);
        const headers: Record<string, string> = {
          'user-agent': o.userAgent,
          accept: ACCEPT[opts.expect ?? 'any'],
          'accept-encoding': 'gzip, deflate, br',
          ...lower(opts.headers ?? {}),
        };
        // Validators go to every hop: after a permanent redirect they belong to the final URL.
        if (opts.etag) headers['if-none-match'] = opts.etag;
        if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
        const release = await limiter.acquire(url.host);
        // The attempt's clock starts once it holds a slot, so waiting politely is not a timeout.
        timer ??= setTimeout(() => {
          timedOut = true;
          ac.abort();
        }, o.timeoutMs);
        try {
          const res = await o.transport({
            url,
            method,
            ...(body !== undefined ? { body } : {}),
            headers,
            signal: ac.signal,
            connectTimeoutMs: o.connectTimeoutMs,
            policy,
          });
          const location = res.headers['location'];
          if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
            res.cancel();
            if (hop >= o.maxRedirects) {
              throw new FetchError('redirect_limit', `more than ${o.maxRedirects} redirects`, { url: start.href });
            }
            url = parseHttpUrl(location, url);
            // 301/302/303 turn a POST into a GET without body (as browsers do); 307/308 keep both.
            if (res.status !== 307 && res.status !== 308 && method !== 'GET' && method !== 'HEAD') {
              method = 'GET';
              body = undefined;
            }
            continue;
          }
          if (res.status === 304) {
            res.cancel();
            return makeResponse(url.href, 304, res.headers, new Uint8Array(0), attemptNo, opts);
          }
          if (res.status < 200 || res.status >= 300) {
            res.cancel();
            const ra = parseRetryAfter(res.headers['retry-after'], o.now());
            throw new FetchError('http_status', `HTTP ${res.status} from ${url.href}`, {
              url: url.href,
              status: res.status,
              ...(ra !== null ? { retryAfterMs: ra } : {}),
            });
          }
          const ct = res.headers['content-type'] ?? '';
          if (!contentTypeOk(opts.expect ?? 'any', ct)) {
            res.cancel();
            throw new FetchError('bad_content_type', `expected ${opts.expect}, got "${ct}" from ${url.href}`, { url: url.href });
          }
          const bytes = await readCapped(res, opts.maxBytes ?? o.maxBytes, url.href);
          return makeResponse(url.href, res.status, res.headers, bytes, attemptNo, opts);
        } finally {
          release();
        }
      }
    } catch (e) {
      if (e instanceof FetchError && e.code !== 'network') throw e;
      if (opts.signal?.aborted) throw new FetchError('aborted', 'aborted by caller', { url: url.href, cause: e });
      if (timedOut) throw new FetchError('timeout', `no complete response within ${o.timeoutMs} ms`, { url: url.href, cause: e });
      if (e instanceof FetchError) throw e;
      throw new FetchError('network', `${(e as Error)?.message ?? String(e)} (${url.href})`, { url: url.href, cause: e });
    } finally {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    async get(raw: string, opts: FetchOptions = {}): Promise<FetchResponse> {
      const url = parseHttpUrl(raw);
      for (let n = 1; ; n++) {
        try {
          return await attempt(url, opts, n);
        } catch (e) {
          const m = (opts.method ?? 'GET').toUpperCase();
          const idempotent = opts.idempotent ?? (m === 'GET' || m === 'HEAD');
          if (!(e instanceof FetchError) || !e.retryable || !idempotent || n > o.retries || opts.signal?.aborted) throw e;
          let delay = backoffDelay(n, { baseDelayMs: o.baseDelayMs, maxDelayMs: o.maxDelayMs, random: o.random });
          if (e.retryAfterMs !== undefined) {
            if (e.retryAfterMs > o.maxRetryAfterMs) throw e; // caller/breaker waits instead
            delay = Math.max(e.retryAfterMs, 0);
          }
          await o.sleep(delay);
        }
      }
    },
  };
}

const ACCEPT: Record<Expect, string> = {
  json: 'application/json, text/json;q=0.9, */*;q=0.1',
  feed: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1',
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1',
  any: '*/*',
};

function lower(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * A view of `fetcher` whose calls all carry `defaults` (call options win, headers are merged).
 * The scheduler uses it to give one source its policy and abort signal:
 * `scopedFetcher(fetcher, { policy: { allowLoopback: true }, signal })`.
 */
export function scopedFetcher(fetcher: Fetcher, defaults: FetchOptions): Fetcher {
  return {
    get: (url, opts = {}) =>
      fetcher.get(url, { ...defaults, ...opts, headers: { ...defaults.headers, ...opts.headers } }),
  };
}
