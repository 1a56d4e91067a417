import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../ingest/connectors/index.js';
import { createNodeFetcher } from '../../ingest/fetch/node.js';
import type { ConnectorResult, SourceState } from '../../ingest/types.js';
import { byQuery, file, json, sequence, startFixtureServer, text, type FixtureServer } from '../helpers/fixture-server.js';

const NOW = Date.UTC(2013, 10, 13, 18, 0);
const EMPTY: SourceState = { cursor: null, etag: null, lastModified: null };
let srv: FixtureServer;
const fetcher = createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 0 });
const ctx = { fetch: fetcher, now: NOW };
function pull(kind: string, path: string, state: SourceState = EMPTY, options: Record<string, unknown> = {}) {
  return getConnector(kind).pull({ id: 7, kind, url: srv.url(path), name: kind, options }, state, ctx);
}
const stateOf = (r: ConnectorResult): SourceState => ({ cursor: r.cursor, etag: r.etag ?? null, lastModified: r.lastModified ?? null });

beforeAll(async () => {
  srv = await startFixtureServer({
    routes: {
      '/r/sysadmin/new.json': byQuery('after', {
        '': file('reddit/new-page1.json'),
        t3_1qv9x2c: file('reddit/new-page2.json'),
        t3_1qv9w00: json({ kind: 'Listing', data: { after: null, children: [] } }),
      }),
      '/comments/1qv9x4a.json': file('reddit/thread.json'),
      '/r/blocked/new.json': text('<html><body>whoa there, pardner!</body></html>', { type: 'text/html' }),
      '/r/broken/new.json': text('{"kind": "Listing", "data": {"children": [', { type: 'application/json' }),
      '/api/v1/search_by_date': byQuery('page', { '0': file('hackernews/page0.json'), '1': file('hackernews/page1.json') }),
      '/api/v1/timelines/tag/azure': byQuery(
        'since_id',
        { '111398022545118240': file('mastodon/tag-newer.json') },
        byQuery('max_id', { '': file('mastodon/tag-page1.json'), '111398010000000000': file('mastodon/tag-page2.json') }),
      ),
      '/api/v1/accounts/lookup': byQuery('acct', { kat: json({ id: '10932', username: 'kat', acct: 'kat' }) }),
      '/api/v1/accounts/10932/statuses': file('mastodon/tag-newer.json'),
      '/xrpc/app.bsky.feed.searchPosts': byQuery('cursor', { '': file('bluesky/search-page1.json'), '25': file('bluesky/search-page2.json') }),
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

describe('reddit connector', () => {
  it('pages a listing with after=, skips removed posts and counts a post seen on two pages once', async () => {
    const r = await pull('reddit', '/r/sysadmin/new.json', EMPTY, { limit: 3 });
    expect(r.posts.map((p) => p.externalId)).toEqual(['t3_1qv9x4a', 't3_1qv9x2c', 't3_1qv9w00']);
    expect(r.posts[0]).toMatchObject({
      title: 'EXO mail stuck in queue - NA tenants?',
      publishedAt: 1384352400000,
      url: 'https://www.reddit.com/r/sysadmin/comments/1qv9x4a/exo_mail_stuck_in_queue_na_tenants/',
      meta: { subreddit: 'sysadmin', score: 57 },
    });
    // A link post has no selftext: its title is its text.
    expect(r.posts[1]).toMatchObject({ text: 'Lync Online status page still green while nobody can sign in', meta: { linkUrl: 'https://status.office365.example/' } });
    expect(r.posts[1]!.title).toBeUndefined();
    expect(r.cursor).toBe('1384352400');
    expect(srv.requests.map((q) => q.query.get('after'))).toEqual([null, 't3_1qv9x2c', 't3_1qv9w00']);
    expect(srv.requests[0]!.query.get('raw_json')).toBe('1');
  });

  it('accepts a subreddit URL as pasted from the browser', async () => {
    const r = await pull('reddit', '/r/sysadmin/', EMPTY, { maxPages: 1 });
    expect(srv.requests[0]!.pathname).toBe('/r/sysadmin/new.json');
    expect(r.posts).toHaveLength(2);
  });

  it('stops paging once it reaches the previous pull’s newest post', async () => {
    const r = await pull('reddit', '/r/sysadmin/new.json', { ...EMPTY, cursor: '1384352000' });
    expect(srv.requests).toHaveLength(1);
    expect(r.cursor).toBe('1384352400');
  });

  it('respects the page limit', async () => {
    await pull('reddit', '/r/sysadmin/new.json', EMPTY, { maxPages: 2 });
    expect(srv.requests).toHaveLength(2);
  });

  it('flattens a thread, skipping [deleted], [removed] and "more" stubs', async () => {
    const r = await pull('reddit', '/comments/1qv9x4a.json');
    expect(r.posts.map((p) => p.externalId)).toEqual(['t3_1qv9x4a', 't1_kx1a', 't1_kx3c']);
    expect(r.posts[2]).toMatchObject({ parentId: 't1_kx1a', threadId: 't3_1qv9x4a', meta: { editedAt: 1384353100000 } });
    expect(r.posts[1]!.authorHash).not.toBe(r.posts[2]!.authorHash);
    expect(r.posts[0]!.authorHash).toBe(r.posts[2]!.authorHash);
    expect(JSON.stringify(r.posts)).not.toContain('mailflow_mike');
  });

  it('returns an edited post again with its new text', async () => {
    const v1 = { kind: 'Listing', data: { after: null, children: [{ kind: 't3', data: { name: 't3_e', title: 'Down?', selftext: 'Mail down', created_utc: 1384352400, permalink: '/r/x/comments/e/' } }] } };
    const v2 = structuredClone(v1);
    v2.data.children[0]!.data.selftext = 'Mail down. Update: back after 3 hours, no word from support';
    srv.route('/r/edits/new.json', sequence([json(v1), json(v2)]));
    const a = await pull('reddit', '/r/edits/new.json');
    const b = await pull('reddit', '/r/edits/new.json', stateOf(a));
    expect(a.posts[0]!.externalId).toBe(b.posts[0]!.externalId);
    expect(b.posts[0]!.text).toContain('no word from support');
  });

  it('reports an HTML block page as a wrong content type and broken JSON as a bad body', async () => {
    await expect(pull('reddit', '/r/blocked/new.json')).rejects.toMatchObject({ code: 'bad_content_type' });
    await expect(pull('reddit', '/r/broken/new.json')).rejects.toMatchObject({ code: 'bad_body', message: expect.stringContaining('malformed JSON') });
  });
});

describe('hacker news connector', () => {
  it('asks for items after the cursor, pages to nbPages, skips deleted hits and de-duplicates', async () => {
    const r = await pull('hackernews', '/api/v1/search_by_date?query=office+365&tags=(story,comment)', { ...EMPTY, cursor: '1384300000' });
    expect(srv.requests[0]!.query.get('numericFilters')).toBe('created_at_i>1384300000');
    expect(srv.requests.map((q) => q.query.get('page'))).toEqual(['0', '1']);
    expect(r.posts.map((p) => p.externalId)).toEqual(['6731102', '6731040']);
    expect(r.posts[0]).toMatchObject({
      text: 'We lost about four hours of mail on Exchange Online today. What hurt more was the silence: no status update for the first two hours.\n\nOur customers can\'t wait that long.',
      parentId: '6731040',
      threadId: '6731040',
      url: 'https://news.ycombinator.com/item?id=6731102',
      publishedAt: 1384362131000,
      meta: { storyTitle: 'Office 365 outage delays email' },
    });
    expect(r.posts[1]).toMatchObject({ text: 'Office 365 outage delays email', meta: { points: 212 } });
    expect(r.cursor).toBe('1384362131');
  });

  it('keeps the cursor when nothing new arrived', async () => {
    srv.route('/quiet/search_by_date', file('hackernews/empty.json'));
    const r = await pull('hackernews', '/quiet/search_by_date?query=x', { ...EMPTY, cursor: '1384362131' });
    expect(r).toMatchObject({ posts: [], cursor: '1384362131' });
  });
});

describe('mastodon connector', () => {
  it('pages a tag timeline down with max_id, skipping boosts, and then asks only for newer statuses', async () => {
    const a = await pull('mastodon', '/api/v1/timelines/tag/azure', EMPTY, { limit: 2 });
    expect(srv.requests.map((q) => q.query.get('max_id'))).toEqual([null, '111398010000000000']);
    expect(a.posts.map((p) => p.externalId)).toEqual(['111398022545118240', '111397950000000000']);
    expect(a.posts[0]).toMatchObject({
      text: 'Is #Azure West Europe down for anyone else? Portal times out & status page is all green.',
      lang: 'en',
      url: 'https://mastodon.example/@kat/111398022545118240',
    });
    expect(a.posts[1]).toMatchObject({ title: 'outage vent', parentId: '111397900000000000', lang: 'de' });
    expect(a.posts[1]!.text).toBe('Seit 40 Minuten keine Antwort vom Support.\nWir verlieren Umsatz.');
    expect(a.cursor).toBe('111398022545118240');
    srv.requests.length = 0;
    const b = await pull('mastodon', '/api/v1/timelines/tag/azure', stateOf(a), { limit: 2 });
    expect(srv.requests[0]!.query.get('since_id')).toBe('111398022545118240');
    expect(b.posts.map((p) => p.externalId)).toEqual(['111398100000000000']);
    expect(b.cursor).toBe('111398100000000000');
  });

  it('accepts tag and profile URLs as pasted from the browser', async () => {
    const t = await pull('mastodon', '/tags/azure', EMPTY, { limit: 2, maxPages: 1 });
    expect(srv.requests[0]!.pathname).toBe('/api/v1/timelines/tag/azure');
    expect(t.posts).toHaveLength(1);
    srv.requests.length = 0;
    const a = await pull('mastodon', '/@kat');
    expect(srv.requests.map((q) => q.pathname)).toEqual(['/api/v1/accounts/lookup', '/api/v1/accounts/10932/statuses']);
    expect(a.posts.map((p) => p.externalId)).toEqual(['111398100000000000']);
  });

  it('ignores a cursor that is not a status id instead of sending it', async () => {
    const r = await pull('mastodon', '/api/v1/timelines/tag/azure', { ...EMPTY, cursor: '{"latest":1}' }, { limit: 2, maxPages: 1 });
    expect(srv.requests[0]!.query.has('since_id')).toBe(false);
    expect(r.cursor).toBe('111398022545118240');
  });

  it('hashes a local account with the instance host so it never collides with a remote namesake', async () => {
    const a = await pull('mastodon', '/api/v1/timelines/tag/azure', EMPTY, { limit: 2 });
    const { authorHash } = await import('../../ingest/connectors/common.js');
    expect(a.posts[0]!.authorHash).toBe(authorHash(`kat@${new URL(srv.origin).host}`));
  });
});

describe('bluesky connector', () => {
  it('follows the API cursor, skips text-less posts, de-duplicates and keeps the newest time as cursor', async () => {
    const r = await pull('bluesky', '/xrpc/app.bsky.feed.searchPosts?q=outlook+down');
    expect(srv.requests.map((q) => q.query.get('cursor'))).toEqual([null, '25']);
    expect(srv.requests[0]!.query.get('sort')).toBe('latest');
    expect(r.posts.map((p) => p.externalId)).toEqual([
      'at://did:plc:abc123xyz/app.bsky.feed.post/3kdxq2v4abc2a',
      'at://did:plc:def456/app.bsky.feed.post/3kdxpzz9xyz2b',
    ]);
    expect(r.posts[0]).toMatchObject({ url: 'https://bsky.app/profile/ops-lena.bsky.social/post/3kdxq2v4abc2a', lang: 'en', meta: { likeCount: 17 } });
    expect(r.posts[1]).toMatchObject({ parentId: 'at://did:plc:zzz/app.bsky.feed.post/3kdxpaaaaaa2c' });
    expect(r.cursor).toBe('2023-11-13T17:20:31.402Z');
    srv.requests.length = 0;
    await pull('bluesky', '/xrpc/app.bsky.feed.searchPosts?q=outlook+down', stateOf(r), { maxPages: 1 });
    expect(srv.requests[0]!.query.get('since')).toBe('2023-11-13T17:20:31.402Z');
    expect(srv.requests).toHaveLength(1);
  });
});
