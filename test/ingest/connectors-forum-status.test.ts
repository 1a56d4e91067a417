import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConnector, isPullKind, SOURCE_KINDS } from '../../ingest/connectors/index.js';
import { breakerAllows, breakerPhase, describeError, initialBreaker, recordFailure, recordSuccess, type BreakerState } from '../../ingest/fetch/index.js';
import { createNodeFetcher } from '../../ingest/fetch/node.js';
import type { ConnectorResult, SourceConfig, SourceState } from '../../ingest/types.js';
import { byQuery, file, json, startFixtureServer, status, type FixtureServer } from '../helpers/fixture-server.js';

const NOW = Date.UTC(2013, 10, 13, 20, 0);
const EMPTY: SourceState = { cursor: null, etag: null, lastModified: null };
let srv: FixtureServer;
const fetcher = createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 0 });
const ctx = { fetch: fetcher, now: NOW };
function pull(kind: string, path: string, state: SourceState = EMPTY, options: Record<string, unknown> = {}) {
  return getConnector(kind).pull({ id: 9, kind, url: srv.url(path), name: kind, options }, state, ctx);
}
const stateOf = (r: ConnectorResult): SourceState => ({ cursor: r.cursor, etag: r.etag ?? null, lastModified: r.lastModified ?? null });

beforeAll(async () => {
  srv = await startFixtureServer({
    routes: {
      '/posts.json': byQuery('before', { '': file('discourse/posts.json'), '904': file('discourse/posts-before-904.json'), '902': json({ latest_posts: [] }) }),
      '/t/exchange-online-mail-delays/412.json': file('discourse/topic-412.json'),
      '/t/412.json': file('discourse/topic-412.json'),
      '/t/412/posts.json': file('discourse/topic-412-posts.json'),
      '/latest.json': file('discourse/latest.json', { etag: true }),
      '/api/v2/incidents.json': file('statuspage/incidents.json', { etag: true }),
      '/api/v2/summary.json': file('statuspage/summary.json'),
      '/down/api/v2/incidents.json': status(500),
    },
  });
});
afterEach(() => {
  srv.requests.length = 0;
});
afterAll(async () => {
  fetcher.close();
  await srv.close();
});

describe('discourse connector', () => {
  it('pages /posts.json down with before=, skipping deleted and small-action posts', async () => {
    const r = await pull('discourse', '/posts.json', { ...EMPTY, cursor: '900' });
    expect(srv.requests.map((q) => q.query.get('before'))).toEqual([null, '904', '902']);
    expect(r.posts.map((p) => p.externalId)).toEqual(['905', '902']);
    expect(r.posts[0]).toMatchObject({
      text: 'Still no ETA from the provider. Their status page says degraded only.',
      threadId: 'topic:412',
      url: `${srv.origin}/t/exchange-online-mail-delays/412/7`,
      meta: { replyToPostNumber: 6, topicTitle: 'Exchange Online mail delays' },
    });
    expect(r.posts[0]!.title).toBeUndefined();
    expect(r.posts[1]!.title).toBe('Second outage this month');
    expect(r.cursor).toBe('905');
  });

  it('stops at the cursor', async () => {
    const r = await pull('discourse', '/posts.json', { ...EMPTY, cursor: '904' });
    expect(srv.requests).toHaveLength(1);
    expect(r.cursor).toBe('905');
  });

  it('reads a topic and fetches the stream posts missing from its first chunk', async () => {
    const r = await pull('discourse', '/t/exchange-online-mail-delays/412.json');
    expect(srv.requestsTo('/t/412/posts.json')[0]!.query.getAll('post_ids[]')).toEqual(['883', '882']);
    expect(r.posts.map((p) => p.externalId)).toEqual(['880', '883']); // 881 hidden, 882 a whisper
    expect(r.posts[0]!.title).toBe('Exchange Online mail delays');
    expect(r.cursor).toBe('883');
  });

  it('accepts forum and topic URLs as pasted from the browser', async () => {
    const t = await pull('discourse', '/t/exchange-online-mail-delays/412');
    expect(t.posts.map((p) => p.externalId)).toEqual(['880', '883']);
    srv.requests.length = 0;
    // Topic 300 is in the list but gone (404): the rest still comes through.
    const l = await pull('discourse', '/');
    expect(srv.requests.map((q) => q.pathname)).toEqual(['/latest.json', '/t/412.json', '/t/412/posts.json', '/t/300.json']);
    expect(l.posts.map((p) => p.externalId)).toEqual(['880', '883']);
  });

  it('reads topics bumped since the cursor from /latest.json and costs one 304 when unchanged', async () => {
    const a = await pull('discourse', '/latest.json', { ...EMPTY, cursor: String(Date.UTC(2013, 10, 1)) });
    expect(srv.requestsTo('/t/300.json')).toHaveLength(0);
    expect(a.posts.map((p) => p.externalId)).toEqual(['880', '883']);
    expect(a.cursor).toBe(String(Date.parse('2013-11-13T17:40:00.000Z')));
    srv.requests.length = 0;
    const b = await pull('discourse', '/latest.json', stateOf(a));
    expect(b).toMatchObject({ notModified: true, posts: [], cursor: a.cursor });
    expect(srv.requests).toHaveLength(1);
  });
});

describe('statuspage connector', () => {
  it('turns incident updates into official updates with their affected components', async () => {
    const r = await pull('statuspage', '/');
    expect(srv.requests[0]!.pathname).toBe('/api/v2/incidents.json');
    const u = r.officialUpdates!;
    expect(u.map((x) => [x.updateId, x.status])).toEqual([
      ['lyncupd00001', 'identified'],
      ['lyncupd00002', 'resolved'],
      ['7bw4f5ls3p3x', 'investigating'],
      ['cp8mbl4hvb6k', 'monitoring'],
      ['h3h1k5xg0tdr', 'resolved'],
    ]);
    expect(u[2]).toMatchObject({
      incidentId: 'p31zjtct2jer',
      components: ['Exchange Online', 'Outlook Web App'],
      title: 'Delayed mail delivery for some North American customers',
      body: 'We are investigating reports of delayed email delivery.',
      postedAt: Date.parse('2013-11-13T16:58:00.000Z'),
      url: 'https://stspg.io/p31zjtct2jer',
      meta: { impact: 'major' },
    });
    // No affected components on the update: the incident's components stand in.
    expect(u[3]!.components).toEqual(['Exchange Online', 'Outlook Web App']);
    expect(u[0]!.components).toEqual(['Lync Online']);
    expect(u[0]!.postedAt).toBe(Date.parse('2013-11-08T20:12:00.000Z')); // display_at wins
    expect(r.posts).toEqual([]);
    expect(r.cursor).toBe(String(Date.parse('2013-11-13T19:02:41.000Z')));
    const again = await pull('statuspage', '/', stateOf(r));
    expect(again).toMatchObject({ notModified: true, officialUpdates: [], cursor: r.cursor });
  });

  it('reads unresolved incidents from summary.json', async () => {
    const r = await pull('statuspage', '/api/v2/summary.json');
    expect(r.officialUpdates).toHaveLength(1);
    expect(r.officialUpdates![0]).toMatchObject({ status: 'investigating', components: ['Exchange Online'] });
  });
});

describe('registry and breaker', () => {
  it('knows every pull kind and refuses others', () => {
    expect(SOURCE_KINDS.sort()).toEqual(['bluesky', 'discourse', 'hackernews', 'mastodon', 'reddit', 'rss', 'statuspage']);
    expect(isPullKind('push')).toBe(false);
    expect(() => getConnector('push')).toThrow(/no connector/);
  });

  it('marks a source that returns 500 five times unhealthy while another keeps being pulled', async () => {
    const sources: SourceConfig[] = [
      { id: 1, kind: 'statuspage', url: srv.url('/down/'), name: 'down' },
      { id: 2, kind: 'statuspage', url: srv.url('/'), name: 'up' },
    ];
    const breakers = new Map<number, BreakerState>(sources.map((s) => [s.id, initialBreaker()]));
    let now = NOW;
    let upPulls = 0;
    for (let round = 0; round < 7; round++, now += 10_000) {
      for (const s of sources) {
        const b = breakers.get(s.id)!;
        if (!breakerAllows(b, now)) continue;
        try {
          await getConnector(s.kind).pull(s, EMPTY, { fetch: fetcher, now });
          breakers.set(s.id, recordSuccess(b));
          if (s.id === 2) upPulls++;
        } catch (e) {
          breakers.set(s.id, recordFailure(b, describeError(e), now));
        }
      }
    }
    const down = breakers.get(1)!;
    expect(srv.requestsTo('/down/api/v2/incidents.json')).toHaveLength(5);
    expect(breakerPhase(down, now)).toBe('open');
    expect(down.lastError).toBe(`http_status: HTTP 500 from ${srv.url('/down/api/v2/incidents.json')}`);
    expect(upPulls).toBe(7);
    // Once the open period (60 s) is over, one trial pull is allowed.
    expect(breakerPhase(down, down.openUntil!)).toBe('half-open');
  });
});

describe('pullSource', () => {
  it('returns what to persist: result and a reset breaker on success, the error and a counted failure otherwise', async () => {
    const { pullSource } = await import('../../ingest/pull.js');
    const ok = await pullSource({ id: 2, kind: 'statuspage', url: srv.url('/'), name: 'up' }, EMPTY, initialBreaker(), { fetch: fetcher, now: NOW });
    expect(ok.status).toBe('ok');
    expect(ok.result!.officialUpdates).toHaveLength(5);
    const again = await pullSource({ id: 2, kind: 'statuspage', url: srv.url('/'), name: 'up' }, stateOf(ok.result!), ok.breaker, { fetch: fetcher, now: NOW });
    expect(again.status).toBe('not_modified');
    let b = initialBreaker();
    for (let i = 0; i < 5; i++) {
      const bad = await pullSource({ id: 1, kind: 'statuspage', url: srv.url('/down/'), name: 'down' }, EMPTY, b, { fetch: fetcher, now: NOW });
      expect(bad.status).toBe('failed');
      expect(bad.error).toMatch(/^http_status: HTTP 500/);
      b = bad.breaker;
    }
    const skipped = await pullSource({ id: 1, kind: 'statuspage', url: srv.url('/down/'), name: 'down' }, EMPTY, b, { fetch: fetcher, now: NOW + 1000 });
    expect(skipped.status).toBe('skipped');
    expect(b.consecutiveFailures).toBe(5);
  });

  it('ends a pull that runs past its deadline', async () => {
    const { pullSource } = await import('../../ingest/pull.js');
    srv.route('/stuck/api/v2/incidents.json', () => {});
    const r = await pullSource({ id: 3, kind: 'statuspage', url: srv.url('/stuck/'), name: 'stuck' }, EMPTY, initialBreaker(), {
      fetch: fetcher,
      now: NOW,
      deadlineMs: 150,
    });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^timeout: pull exceeded 150 ms/);
  });
});
