/**
 * The real connectors (ingest/) pulling the replay server: the contract that lets the demo feed
 * Barometer through the same path as real sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeedLinks, getConnector } from '../../ingest/connectors/index.js';
import { createNodeFetcher } from '../../ingest/fetch/node.js';
import type { SourceState } from '../../ingest/types.js';
import { generateDemo, type DemoDataset } from '../../src/demo/generate.js';
import { DEMO_MAX_STEP_MS, demoSources, startReplayServer, type ReplayServer } from '../../src/demo/replay-server.js';

let data: DemoDataset;
let srv: ReplayServer;
let asOf = 0;
const fetcher = createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 0 });

beforeAll(async () => {
  data = generateDemo();
  asOf = Date.UTC(2013, 10, 8, 0, 0);
  srv = await startReplayServer({ dataset: data, asOf: () => asOf });
}, 60_000);

afterAll(async () => {
  fetcher.close();
  await srv?.close();
});

describe('demo sources pulled by the real connectors', () => {
  it('lose no post across the busiest incident day when the replay advances 6 hours a pull', async () => {
    const sources = demoSources(srv.url).map((s, i) => ({ id: i + 1, kind: s.kind, url: s.url!, name: s.name, options: s.options }));
    const state = new Map<number, SourceState>(sources.map((s) => [s.id, { cursor: null, etag: null, lastModified: null }]));
    const seen = new Map(sources.map((s) => [s.kind, new Set<string>()]));
    const official = new Set<string>();
    const start = asOf;
    const end = Date.UTC(2013, 10, 9, 12, 0);
    for (; asOf <= end; asOf += DEMO_MAX_STEP_MS) {
      for (const s of sources) {
        const r = await getConnector(s.kind).pull(s, state.get(s.id)!, { fetch: fetcher, now: asOf });
        for (const p of r.posts) seen.get(s.kind)!.add(p.externalId);
        for (const u of r.officialUpdates ?? []) official.add(u.updateId);
        state.set(s.id, { cursor: r.cursor, etag: r.etag ?? null, lastModified: r.lastModified ?? null });
      }
    }
    const last = asOf - DEMO_MAX_STEP_MS;
    const expected = (source: string) => data.posts.filter((p) => p.source === source && p.publishedAt > start && p.publishedAt <= last);
    const missing = (source: string, kind: (typeof sources)[number]['kind']) => expected(source).filter((p) => !seen.get(kind)!.has(p.externalId)).length;
    expect(expected('social').length).toBeGreaterThan(2000);
    expect(missing('social', 'mastodon')).toBe(0);
    expect(missing('forum', 'discourse')).toBe(0);
    // WordPress comment guids carry the comment id: "<base>/blog/?p=<post>#comment-<id>".
    const blogIds = new Set([...seen.get('rss')!].map((id) => /comment-(\d+)$/.exec(id)?.[1] ?? id));
    expect(expected('blog').filter((p) => !blogIds.has(p.externalId))).toHaveLength(0);
    const a = data.statusIncidents.find((i) => i.id === 'demo2013exo1108')!;
    for (const u of a.updates) expect(official.has(u.id)).toBe(true);
  }, 120_000);

  it('lets an RSS source pointed at a blog post page discover that post’s comments feed', async () => {
    const post = data.blogPosts.find((b) => b.slug === 'single-sign-on-adfs')!; // published before the replay's "now"
    const page = await fetch(`${srv.url}/blog/${post.slug}/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const links = discoverFeedLinks(await page.text(), page.url);
    expect(links[0]).toBe(`${srv.url}/blog/${post.slug}/feed/`);
  });
});
