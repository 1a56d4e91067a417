/**
 * Bluesky `app.bsky.feed.searchPosts` (e.g. `https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=outlook+down`).
 * Asks `sort=latest&since=CURSOR` and follows the API's `cursor` through pages up to the page limit.
 * Our cursor is the newest post time seen (ISO). Posts without text (image-only) are skipped.
 * Options: limit (default 100), maxPages.
 */
import type { Connector, ConnectorContext, RawPost, SourceConfig, SourceState } from '../types.js';
import { PostCollector, authorHash, badBody, isObject, maxPages, option, toMs, withQuery } from './common.js';

export function bskyToPost(p: Record<string, unknown>): RawPost | null {
  const uri = typeof p['uri'] === 'string' ? p['uri'] : null;
  const record = isObject(p['record']) ? p['record'] : null;
  if (!uri || !record) return null;
  const text = typeof record['text'] === 'string' ? record['text'].trim() : '';
  const when = toMs(record['createdAt']) ?? toMs(p['indexedAt']);
  if (!text || when === null) return null;
  const author = isObject(p['author']) ? p['author'] : {};
  const handle = typeof author['handle'] === 'string' ? author['handle'] : undefined;
  const post: RawPost = { externalId: uri, text, publishedAt: when };
  const rkey = uri.split('/').pop();
  if (handle && rkey) post.url = `https://bsky.app/profile/${handle}/post/${rkey}`;
  const ah = authorHash(handle);
  if (ah) post.authorHash = ah;
  const reply = isObject(record['reply']) ? record['reply'] : null;
  if (reply && isObject(reply['parent']) && typeof reply['parent']['uri'] === 'string') post.parentId = reply['parent']['uri'];
  if (reply && isObject(reply['root']) && typeof reply['root']['uri'] === 'string') post.threadId = reply['root']['uri'];
  const langs = record['langs'];
  if (Array.isArray(langs) && typeof langs[0] === 'string') post.lang = langs[0];
  const meta: Record<string, unknown> = {};
  for (const k of ['likeCount', 'repostCount', 'replyCount', 'quoteCount'] as const) if (typeof p[k] === 'number') meta[k] = p[k];
  post.meta = meta;
  return post;
}

/** Time the search index sorts by: the earlier of createdAt and indexedAt. */
function sortAt(p: Record<string, unknown>): number | null {
  const rec = isObject(p['record']) ? p['record'] : {};
  const times = [toMs(rec['createdAt']), toMs(p['indexedAt'])].filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : null;
}

export const blueskyConnector: Connector = {
  kind: 'bluesky',
  async pull(source: SourceConfig, state: SourceState, ctx: ConnectorContext) {
    const out = new PostCollector();
    // A cursor that is not a time (corrupted, or from another kind) is ignored.
    const sinceMs = state.cursor ? toMs(state.cursor) : null;
    const since = sinceMs === null ? undefined : new Date(sinceMs).toISOString();
    let newest = sinceMs;
    let apiCursor: string | undefined;
    for (let page = 0; page < maxPages(source); page++) {
      const url = withQuery(source.url, {
        sort: 'latest',
        limit: option(source, 'limit', 100),
        since,
        cursor: apiCursor,
      });
      const res = await ctx.fetch.get(url, { expect: 'json' });
      const body = res.json<unknown>();
      if (!isObject(body) || !Array.isArray(body['posts'])) throw badBody(res.url, 'expected a searchPosts result with posts[]');
      for (const p of body['posts'] as unknown[]) {
        if (!isObject(p)) continue;
        const t = sortAt(p);
        if (t !== null && (newest === null || t > newest)) newest = t;
        out.add(bskyToPost(p));
      }
      apiCursor = typeof body['cursor'] === 'string' && body['cursor'] ? body['cursor'] : undefined;
      if (!apiCursor || (body['posts'] as unknown[]).length === 0) break;
    }
    return { posts: out.posts, cursor: newest === null ? null : new Date(newest).toISOString() };
  },
};
