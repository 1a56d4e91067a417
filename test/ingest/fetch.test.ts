import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, backoffDelay, parseRetryAfter, createFetcher, createWebTransport, scopedFetcher, breakerAllows, breakerPhase, initialBreaker, recordFailure, recordSuccess } from '../../ingest/fetch/index.js';
import { createNodeFetcher, type NodeFetcherOptions } from '../../ingest/fetch/node.js';
import {
  endless,
  file,
  hang,
  json,
  redirect,
  sequence,
  slowDrip,
  startFixtureServer,
  status,
  text,
  type FixtureServer,
} from '../helpers/fixture-server.js';

let srv: FixtureServer;
const fetchers: Array<{ close(): void }> = [];
function loopbackFetcher(o: NodeFetcherOptions = {}) {
  const f = createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 0, ...o });
  fetchers.push(f);
  return f;
}
async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FetchError);
    return e as FetchError;
  }
  throw new Error('expected a FetchError');
}

beforeAll(async () => {
  srv = await startFixtureServer({
    routes: {
      '/feed.xml': file('rss/wordpress-comments.xml', { etag: true, lastModified: 'Tue, 12 Nov 2013 10:00:00 GMT' }),
      '/json': json({ ok: true }),
      '/broken.json': text('{"data": {"children": [', { type: 'application/json' }),
      '/png': text('\x89PNG', { type: 'image/png' }),
      '/endless': endless(),
      '/declared-2gb': endless({ declareLength: 2 * 1024 ** 3 }),
      '/slow': slowDrip({ intervalMs: 50 }),
      '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
      '/to-private': redirect('http://10.0.0.5/feed'),
      '/to-mapped': redirect('http://[::ffff:127.0.0.1]/feed'),
      '/loop': redirect('/loop'),
      '/hop1': redirect('/hop2', 301),
      '/hop2': redirect('/json', 307),
      '/rate-limited': sequence([status(429, { 'retry-after': '2' }), json({ ok: 'after wait' })]),
      '/rate-limited-long': status(429, { 'retry-after': '3600' }),
      '/flaky': sequence([status(503), status(502), json({ ok: 'third time' })]),
      '/always-500': status(500),
      '/cp1252': text(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x64, 0x6f, 0x77, 0x6e, 0x94, 0x20, 0x80]), {
        type: 'text/plain; charset=windows-1252',
      }),
      '/latin1.xml': text(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><p>'), Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]), Buffer.from('</p>')]), {
        type: 'application/xml',
      }),
      '/gzip': ({ res }) => {
        const body = gzipSync(Buffer.from(JSON.stringify({ zipped: 'yes' })));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(body);
      },
      '/gzip-bomb': ({ res }) => {
        const body = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(body);
      },
      '/hang': hang(),
      '/slow-json': ({ res }) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 80),
    },
  });
});
afterAll(async () => {
  for (const f of fetchers) f.close();
  await srv.close();
});

describe('fetcher', () => {
  it('names Barometer in the User-Agent and turns a matching ETag into a 304 with no body', async () => {
    const f = loopbackFetcher();
    const first = await f.get(srv.url('/feed.xml'), { expect: 'feed' });
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"/);
    expect(first.lastModified).toBe('Tue, 12 Nov 2013 10:00:00 GMT');
    const second = await f.get(srv.url('/feed.xml'), { expect: 'feed', etag: first.etag, lastModified: first.lastModified });
    expect(second.notModified).toBe(true);
    expect(second.bytes.byteLength).toBe(0);
    expect(second.etag).toBe(first.etag);
    const reqs = srv.requestsTo('/feed.xml');
    expect(reqs[0]!.headers['user-agent']).toMatch(/^Barometer\/\d+\.\d+\.\d+ \(\+http/);
    expect(reqs[1]!.headers['if-none-match']).toBe(first.etag);
  });

  it('stops reading an endless body at the cap, quickly', async () => {
    const f = loopbackFetcher({ maxBytes: 1024 * 1024 });
    const t0 = Date.now();
    const e = await failure(f.get(srv.url('/endless')));
    expect(e.code).toBe('too_large');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('refuses a declared 2 GB body without reading it', async () => {
    const e = await failure(loopbackFetcher().get(srv.url('/declared-2gb')));
    expect(e.code).toBe('too_large');
    expect(e.message).toContain('2147483648');
  });

  it('caps the decompressed size of a gzip bomb', async () => {
    const e = await failure(loopbackFetcher({ maxBytes: 1024 * 1024 }).get(srv.url('/gzip-bomb')));
    expect(e.code).toBe('too_large');
  });

  it('decodes gzip bodies', async () => {
    expect((await loopbackFetcher().get(srv.url('/gzip'))).json()).toEqual({ zipped: 'yes' });
  });

  it('times out a slow-loris server that keeps dripping bytes', async () => {
    const t0 = Date.now();
    const e = await failure(loopbackFetcher({ timeoutMs: 400 }).get(srv.url('/slow')));
    expect(e.code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('refuses loopback by default, including IPv4-mapped IPv6 and localhost', async () => {
    const f = createNodeFetcher({ retries: 0, minHostIntervalMs: 0 });
    fetchers.push(f);
    expect((await failure(f.get(srv.url('/json')))).code).toBe('blocked_address');
    expect((await failure(f.get(`http://[::ffff:127.0.0.1]:${srv.port}/json`))).code).toBe('blocked_address');
    expect((await failure(f.get(`http://localhost:${srv.port}/json`))).code).toBe('blocked_address');
    for (const host of ['2130706433', '0x7f.1', '127.1', '[::1]', '0.0.0.0', '[::]', '[fd00:ec2::254]', '169.254.169.254']) {
      expect((await failure(f.get(`http://${host}:${srv.port}/json`))).code).toBe('blocked_address');
    }
    expect(srv.requestsTo('/json')).toHaveLength(0);
  });

  it('refuses a redirect to the metadata service or a private network even when loopback is allowed', async () => {
    const f = loopbackFetcher();
    const meta = await failure(f.get(srv.url('/to-metadata')));
    expect(meta.code).toBe('blocked_address');
    expect(meta.message).toContain('169.254.169.254');
    expect((await failure(f.get(srv.url('/to-private')))).code).toBe('blocked_address');
  });

  it('refuses a redirect into loopback when loopback is not allowed, before connecting', async () => {
    // A public first hop cannot be served from loopback, so a scripted transport plays it; the
    // check under test is the fetcher's own re-check of every hop.
    const seen: string[] = [];
    const f = createFetcher({
      minHostIntervalMs: 0,
      retries: 0,
      transport: async (req) => {
        seen.push(req.url.href);
        return { status: 302, headers: { location: 'http://127.0.0.1:8080/admin' }, body: (async function* () {})(), cancel: () => {} };
      },
    });
    for (const target of ['http://127.0.0.1:8080/admin', 'http://[::ffff:7f00:1]/', 'http://localhost/x']) {
      const e = await failure(
        createFetcher({
          minHostIntervalMs: 0,
          retries: 0,
          transport: async (req) => {
            seen.push(req.url.href);
            return { status: 301, headers: { location: target }, body: (async function* () {})(), cancel: () => {} };
          },
        }).get('https://status.example.com/feed'),
      );
      expect(e.code).toBe('blocked_address');
    }
    expect((await failure(f.get('https://blog.example.com/feed'))).code).toBe('blocked_address');
    expect(seen.every((u) => u.startsWith('https://'))).toBe(true);
  });

  it('checks every address a host resolves to and connects to the one it checked', async () => {
    const hostile = createNodeFetcher({
      retries: 0,
      minHostIntervalMs: 0,
      resolver: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    const pinned = loopbackFetcher({ resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
    fetchers.push(hostile);
    expect((await failure(hostile.get(`http://feeds.example:${srv.port}/json`))).code).toBe('blocked_address');
    const ok = await pinned.get(`http://feeds.example:${srv.port}/json`);
    expect(ok.json()).toEqual({ ok: true });
    expect(srv.requests.at(-1)!.headers.host).toBe(`feeds.example:${srv.port}`);
  });

  it('follows redirects by hand and stops at the limit', async () => {
    const f = loopbackFetcher({ maxRedirects: 3 });
    const r = await f.get(srv.url('/hop1'));
    expect(r.url).toBe(srv.url('/json'));
    expect((await failure(f.get(srv.url('/loop')))).code).toBe('redirect_limit');
    expect(srv.requestsTo('/loop')).toHaveLength(4);
  });

  it('refuses non-http schemes and credentials in URLs', async () => {
    const f = loopbackFetcher();
    expect((await failure(f.get('file:///etc/passwd'))).code).toBe('bad_url');
    expect((await failure(f.get(`http://u:p@127.0.0.1:${srv.port}/json`))).code).toBe('bad_url');
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    const slept: number[] = [];
    const f = loopbackFetcher({ retries: 2, sleep: async (ms) => void slept.push(ms) });
    const r = await f.get(srv.url('/rate-limited'));
    expect(r.json()).toEqual({ ok: 'after wait' });
    expect(slept).toEqual([2000]);
    expect(r.attempts).toBe(2);
  });

  it('gives up at once when Retry-After is beyond the bound, reporting the wait', async () => {
    const slept: number[] = [];
    const f = loopbackFetcher({ retries: 3, maxRetryAfterMs: 60_000, sleep: async (ms) => void slept.push(ms) });
    const e = await failure(f.get(srv.url('/rate-limited-long')));
    expect(e.status).toBe(429);
    expect(e.retryAfterMs).toBe(3_600_000);
    expect(slept).toEqual([]);
  });

  it('retries 5xx with growing, jittered backoff', async () => {
    const slept: number[] = [];
    const f = loopbackFetcher({ retries: 3, baseDelayMs: 100, random: () => 0.5, sleep: async (ms) => void slept.push(ms) });
    const r = await f.get(srv.url('/flaky'));
    expect(r.json()).toEqual({ ok: 'third time' });
    expect(slept).toEqual([75, 150]);
  });

  it('opens the breaker after a source fails five pulls in a row; other sources keep flowing', async () => {
    const f = loopbackFetcher({ retries: 0 });
    let dead = initialBreaker();
    let alive = initialBreaker();
    let now = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(breakerAllows(dead, now)).toBe(true);
      const e = await failure(f.get(srv.url('/always-500')));
      dead = recordFailure(dead, e.toString(), now);
      await f.get(srv.url('/json'));
      alive = recordSuccess(alive);
      now += 60_000;
    }
    now -= 60_000; // the time of the fifth failure
    expect(breakerPhase(dead, now)).toBe('open');
    expect(breakerAllows(dead, now + 59_000)).toBe(false);
    expect(dead).toMatchObject({ consecutiveFailures: 5, lastError: expect.stringContaining('HTTP 500') });
    expect(JSON.parse(JSON.stringify(dead))).toEqual(dead);
    expect(breakerPhase(alive, now)).toBe('closed');
    expect(srv.requestsTo('/always-500')).toHaveLength(5);
    // After the open period one trial is allowed; another failure doubles the wait.
    const later = dead.openUntil!;
    expect(breakerPhase(dead, later)).toBe('half-open');
    const again = recordFailure(dead, 'http_status: HTTP 500', later);
    expect(again.openUntil! - later).toBe(2 * (dead.openUntil! - now));
    expect(breakerPhase(recordSuccess(again), later)).toBe('closed');
  });

  it('decodes windows-1252 by Content-Type and ISO-8859-1 by the XML prolog', async () => {
    const f = loopbackFetcher();
    expect((await f.get(srv.url('/cp1252'))).text()).toBe('Café “down” €');
    expect((await f.get(srv.url('/latin1.xml'))).text()).toContain('<p>München</p>');
  });

  it('reports malformed JSON and a wrong content type clearly', async () => {
    const f = loopbackFetcher();
    const r = await f.get(srv.url('/broken.json'), { expect: 'json' });
    let err: unknown;
    try {
      r.json();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('bad_body');
    expect((err as FetchError).message).toContain('/broken.json');
    const e = await failure(f.get(srv.url('/png'), { expect: 'feed' }));
    expect(e.code).toBe('bad_content_type');
    expect(e.message).toContain('image/png');
  });

  it('keeps at most N requests in flight per host', async () => {
    const f = loopbackFetcher({ perHostConcurrency: 2 });
    let active = 0;
    let peak = 0;
    srv.route('/counted', ({ res }) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }, 60);
    });
    await Promise.all(Array.from({ length: 6 }, () => f.get(srv.url('/counted'))));
    expect(peak).toBe(2);
  });

  it('spaces requests to one host by the minimum interval', async () => {
    const f = loopbackFetcher({ minHostIntervalMs: 100 });
    const before = srv.requests.length;
    await Promise.all([f.get(srv.url('/json')), f.get(srv.url('/json')), f.get(srv.url('/json'))]);
    const at = srv.requests.slice(before).map((r) => r.at);
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(150);
  });

  it('times out the connection when the host never resolves or connects', async () => {
    const f = loopbackFetcher({ connectTimeoutMs: 150, timeoutMs: 5_000, resolver: () => new Promise(() => {}) });
    const t0 = Date.now();
    const e = await failure(f.get('http://never.example/feed'));
    expect(e.code).toBe('connect_timeout');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('times out a server that accepts and never answers', async () => {
    const e = await failure(loopbackFetcher({ timeoutMs: 200 }).get(srv.url('/hang')));
    expect(e.code).toBe('timeout');
  });

  it('lets one call widen the policy through a scoped fetcher, and nothing else', async () => {
    const strict = createNodeFetcher({ retries: 0, minHostIntervalMs: 0 });
    fetchers.push(strict);
    const demoSource = scopedFetcher(strict, { policy: { allowLoopback: true } });
    expect((await demoSource.get(srv.url('/json'))).json()).toEqual({ ok: true });
    expect((await failure(strict.get(srv.url('/json')))).code).toBe('blocked_address');
    // Same host name, resolved to loopback: the socket kept alive for the permissive call is not reused.
    const named = createNodeFetcher({ retries: 0, minHostIntervalMs: 0, resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
    fetchers.push(named);
    const host = `http://feeds.example:${srv.port}/json`;
    expect((await named.get(host, { policy: { allowLoopback: true } })).status).toBe(200);
    expect((await failure(named.get(host))).code).toBe('blocked_address');
  });

  it('works over the platform fetch (the Workers transport) with the same guards', async () => {
    const f = createFetcher({ transport: createWebTransport(), policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 0, maxBytes: 256 * 1024 });
    expect((await f.get(srv.url('/hop1'))).json()).toEqual({ ok: true });
    expect((await failure(f.get(srv.url('/endless')))).code).toBe('too_large');
    expect((await failure(f.get(srv.url('/to-metadata')))).code).toBe('blocked_address');
    const strict = createFetcher({ transport: createWebTransport(), minHostIntervalMs: 0, retries: 0 });
    expect((await failure(strict.get(srv.url('/json')))).code).toBe('blocked_address');
  });

  it('sends a POST through the same guards, without retrying it, and refuses a webhook aimed at the metadata service', async () => {
    const f = loopbackFetcher({ retries: 3, sleep: async () => {} });
    srv.route('POST /hook', ({ res }) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}'));
    srv.route('POST /hook-503', status(503));
    const r = await f.get(srv.url('/hook'), { method: 'POST', body: '{"alert":"spike"}', headers: { 'content-type': 'application/json' } });
    expect(r.json()).toEqual({ ok: 1 });
    expect(srv.requestsTo('/hook')[0]).toMatchObject({ method: 'POST', body: '{"alert":"spike"}' });
    expect((await failure(f.get(srv.url('/hook-503'), { method: 'POST', body: 'x' }))).status).toBe(503);
    expect(srv.requestsTo('/hook-503')).toHaveLength(1);
    expect((await failure(f.get('http://169.254.169.254/hook', { method: 'POST', body: 'x' }))).code).toBe('blocked_address');
  });

  it('reads Retry-After as seconds or an HTTP date, and caps backoff', () => {
    const now = Date.parse('Wed, 13 Nov 2013 17:00:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 13 Nov 2013 17:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 13 Nov 2013 16:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    const o = { baseDelayMs: 500, maxDelayMs: 4_000, random: () => 1 };
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, o))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(backoffDelay(3, { ...o, random: () => 0 })).toBe(1000);
  });
});
