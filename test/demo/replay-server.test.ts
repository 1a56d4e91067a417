import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFileSchema } from '../../src/config.js';
import { generateDemo, type DemoDataset } from '../../src/demo/generate.js';
import { demoSources, ReplayHostError, startReplayServer, type ReplayServer } from '../../src/demo/replay-server.js';

let data: DemoDataset;
let srv: ReplayServer;
/** Same dataset, small comment pages and a "now" in the middle of incident A. */
let paged: ReplayServer;
const parser = new Parser({ customFields: { item: ['wfw:commentRss', 'slash:comments'] } });

beforeAll(async () => {
  data = generateDemo();
  srv = await startReplayServer({ dataset: data });
  paged = await startReplayServer({ dataset: data, commentsPerPage: 20, asOf: Date.UTC(2013, 10, 8, 15, 0) });
}, 60_000);

afterAll(async () => {
  await srv?.close();
  await paged?.close();
});

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  return { res, body: await res.text() };
}

describe('replay server', () => {
  it('listens on 127.0.0.1 only and refuses any other host', async () => {
    const addr = srv.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startReplayServer({ dataset: data, host: '0.0.0.0' })).rejects.toBeInstanceOf(ReplayHostError);
    await expect(startReplayServer({ dataset: data, host: 'localhost' })).rejects.toBeInstanceOf(ReplayHostError);
  });

  it('serves every feed it lists in a shape rss-parser or JSON.parse reads, all marked as demo', async () => {
    const { body: index } = await get(srv.url, '/');
    expect(index).toContain('[DEMO]');
    const entries = srv.feeds.entryPoints();
    expect(entries.length).toBe(7 + data.blogPosts.length);
    for (const { path } of entries) {
      const { res, body } = await get(srv.url, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-barometer-demo')).toBe('1');
      expect(body).not.toContain('commsComplaint'); // truth never leaves the generator
      if (path.includes('/feed/')) {
        expect(res.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
        const feed = await parser.parseString(body);
        expect(feed.title).toMatch(/\[DEMO\]/);
      } else {
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(() => JSON.parse(body)).not.toThrow();
      }
    }
    const summary = JSON.parse((await get(srv.url, '/api/v2/summary.json')).body);
    expect(summary.page.name).toBe('Demo provider (modelled on Office 365, Nov 2013)');
    expect(summary.status.indicator).toBe('none');
  });

  it('links each blog post to its own comments feed, holding exactly that post’s comments', async () => {
    const feed = await parser.parseString((await get(srv.url, '/blog/feed/')).body);
    expect(feed.items.length).toBe(data.blogPosts.length);
    let total = 0;
    for (const item of feed.items) {
      const url = String(item['wfw:commentRss']);
      expect(url.startsWith(`${srv.url}/blog/`)).toBe(true);
      const comments = await parser.parseString((await get(srv.url, url.slice(srv.url.length))).body);
      expect(comments.items.length).toBe(Number(item['slash:comments']));
      for (const c of comments.items) {
        expect(c.creator).toBeTruthy();
        expect((c as unknown as Record<string, string>)['content:encoded']).toMatch(/^<p>/);
        expect(Number.isNaN(Date.parse(c.pubDate!))).toBe(false);
      }
      total += comments.items.length;
    }
    expect(total).toBe(data.posts.filter((p) => p.source === 'blog').length);
  });

  it('answers a matching If-None-Match with 304 and no body, and a stale one with 200', async () => {
    const first = await get(srv.url, '/api/v1/timelines/tag/office365');
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await get(srv.url, '/api/v1/timelines/tag/office365', { 'If-None-Match': etag! });
    expect(again.res.status).toBe(304);
    expect(again.body).toBe('');
    const weak = await get(srv.url, '/blog/feed/', { 'If-None-Match': `"nope", W/${(await get(srv.url, '/blog/feed/')).res.headers.get('etag')}` });
    expect(weak.res.status).toBe(304);
    const stale = await get(srv.url, '/api/v1/timelines/tag/office365', { 'If-None-Match': '"stale"' });
    expect(stale.res.status).toBe(200);
    expect(JSON.parse(stale.body)).toHaveLength(20);
  });

  it('pages the Mastodon timeline through max_id / min_id and its Link header without gaps or overlaps', async () => {
    const seen: string[] = [];
    let path = '/api/v1/timelines/tag/office365?limit=40';
    for (let i = 0; i < 5; i++) {
      const { res, body } = await get(srv.url, path);
      const statuses = JSON.parse(body) as { id: string; created_at: string; account: { acct: string }; content: string }[];
      expect(statuses).toHaveLength(40);
      seen.push(...statuses.map((s) => s.id));
      const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      expect(next).toBeDefined();
      path = next!.slice(srv.url.length);
    }
    const social = data.posts.filter((p) => p.source === 'social').map((p) => p.externalId).reverse();
    expect(seen).toEqual(social.slice(0, 200));
    const since = JSON.parse((await get(srv.url, `/api/v1/timelines/tag/office365?since_id=${social[3]}`)).body) as { id: string }[];
    expect(since.map((s) => s.id)).toEqual(social.slice(0, 3));
    const min = JSON.parse((await get(srv.url, `/api/v1/timelines/tag/office365?min_id=${social[100]}&limit=5`)).body) as { id: string }[];
    expect(min.map((s) => s.id)).toEqual(social.slice(95, 100));
    expect(JSON.parse((await get(srv.url, '/api/v1/timelines/tag/somethingelse')).body)).toEqual([]);
    expect((await get(srv.url, '/api/v1/timelines/tag/office365?max_id=abc')).res.status).toBe(422);
  });

  it('pages Discourse: latest topics by page, latest posts by before, a topic by chunks', async () => {
    const p0 = JSON.parse((await get(srv.url, '/latest.json')).body);
    expect(p0.topic_list.topics).toHaveLength(30);
    expect(p0.topic_list.more_topics_url).toBe('/latest?no_definitions=true&page=1');
    const p1 = JSON.parse((await get(srv.url, '/latest.json?page=1')).body);
    const ids0 = new Set(p0.topic_list.topics.map((t: { id: number }) => t.id));
    expect(p1.topic_list.topics.some((t: { id: number }) => ids0.has(t.id))).toBe(false);

    const a = JSON.parse((await get(srv.url, '/posts.json')).body).latest_posts as { id: number; cooked: string; created_at: string }[];
    expect(a).toHaveLength(50);
    const oldest = a.at(-1)!.id;
    const b = JSON.parse((await get(srv.url, `/posts.json?before=${oldest}`)).body).latest_posts as { id: number }[];
    expect(b[0]!.id).toBe(oldest - 1);
    expect(b.every((p) => p.id < oldest)).toBe(true);

    const mega = [...srv.feeds.index.topics.values()].sort((x, y) => y.posts.length - x.posts.length)[0]!;
    expect(mega.posts.length).toBeGreaterThan(40);
    const t1 = JSON.parse((await get(srv.url, `/t/${mega.topic.id}.json`)).body);
    expect(t1.post_stream.posts).toHaveLength(20);
    expect(t1.post_stream.stream).toHaveLength(mega.posts.length);
    const t2 = JSON.parse((await get(srv.url, `/t/${mega.topic.slug}/${mega.topic.id}.json?page=2`)).body);
    expect(t2.post_stream.posts[0].post_number).toBe(21);
    const ids = t1.post_stream.stream.slice(40, 43) as number[];
    const more = JSON.parse((await get(srv.url, `/t/${mega.topic.id}/posts.json?${ids.map((i) => `post_ids[]=${i}`).join('&')}`)).body);
    expect(more.post_stream.posts.map((p: { id: number }) => p.id)).toEqual(ids);
    expect((await get(srv.url, '/t/999999.json')).res.status).toBe(404);
  });

  it('pages WordPress comment feeds with ?paged= and shows only what existed at its "now"', async () => {
    const site1 = await parser.parseString((await get(paged.url, '/blog/comments/feed/')).body);
    const site2 = await parser.parseString((await get(paged.url, '/blog/comments/feed/?paged=2')).body);
    expect(site1.items).toHaveLength(20);
    expect(site2.items).toHaveLength(20);
    const guids = new Set(site1.items.map((i) => i.guid));
    expect(site2.items.some((i) => guids.has(i.guid))).toBe(false);
    expect(Date.parse(site1.items[19]!.pubDate!)).toBeGreaterThanOrEqual(Date.parse(site2.items[0]!.pubDate!));
    expect((await get(paged.url, '/blog/comments/feed/?paged=9999')).res.status).toBe(404);

    const asOf = Date.UTC(2013, 10, 8, 15, 0);
    expect(Date.parse(site1.items[0]!.pubDate!)).toBeLessThanOrEqual(asOf);
    const summary = JSON.parse((await get(paged.url, '/api/v2/summary.json')).body);
    expect(summary.status.indicator).toBe('major');
    expect(summary.incidents).toHaveLength(1);
    expect(summary.incidents[0].incident_updates.map((u: { status: string }) => u.status)).toEqual(['investigating']);
    const latest = JSON.parse((await get(paged.url, '/api/v1/timelines/tag/office365')).body) as { created_at: string }[];
    expect(Date.parse(latest[0]!.created_at)).toBeLessThanOrEqual(asOf);
    expect(Date.parse(latest[0]!.created_at)).toBeGreaterThan(asOf - 5 * 60_000);
  });

  it('describes itself as config sources the config schema accepts', () => {
    const sources = demoSources(srv.url);
    const parsed = configFileSchema.parse({ sources });
    expect(parsed.sources.map((s) => s.kind).sort()).toEqual(['discourse', 'mastodon', 'rss', 'statuspage']);
    expect(parsed.sources.filter((s) => s.official).map((s) => s.kind)).toEqual(['statuspage']);
    for (const s of parsed.sources) expect(s.url!.startsWith(srv.url)).toBe(true);
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    expect((await get(srv.url, '/nope')).res.status).toBe(404);
    const res = await fetch(`${srv.url}/latest.json`, { method: 'POST' });
    expect(res.status).toBe(405);
  });
});
