/**
 * Mastodon: a tag timeline (`/api/v1/timelines/tag/TAG`) or an account's statuses
 * (`/api/v1/accounts/ID/statuses`). The cursor is the newest status id; each pull asks
 * `since_id=CURSOR` and pages down with `max_id` (exclusive) while pages come back full, up to the
 * page limit. Boosts (reblogs) are skipped: the original is its own status. HTML → text.
 * Options: limit (default 40), maxPages.
 */
import { htmlToText } from '../../analysis/html.js';
import type { Connector, ConnectorContext, RawPost, SourceConfig, SourceState } from '../types.js';
import { PostCollector, authorHash, badBody, isObject, maxId, maxPages, option, toMs, withQuery } from './common.js';

function minId(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return maxId(a, b) === a ? b : a;
}

export function statusToPost(s: Record<string, unknown>, host: string): RawPost | null {
  const id = typeof s['id'] === 'string' ? s['id'] : null;
  const when = toMs(s['created_at']);
  if (!id || when === null || s['reblog']) return null;
  const text = htmlToText(typeof s['content'] === 'string' ? s['content'] : '').trim();
  if (!text) return null;
  const post: RawPost = { externalId: id, text, publishedAt: when };
  const url = typeof s['url'] === 'string' ? s['url'] : typeof s['uri'] === 'string' ? s['uri'] : undefined;
  if (url) post.url = url;
  const spoiler = typeof s['spoiler_text'] === 'string' ? s['spoiler_text'].trim() : '';
  if (spoiler) post.title = spoiler;
  const account = isObject(s['account']) ? s['account'] : {};
  const acct = typeof account['acct'] === 'string' ? account['acct'] : undefined;
  const ah = authorHash(acct && !acct.includes('@') ? `${acct}@${host}` : acct);
  if (ah) post.authorHash = ah;
  if (typeof s['in_reply_to_id'] === 'string') post.parentId = s['in_reply_to_id'];
  if (typeof s['language'] === 'string') post.lang = s['language'];
  const meta: Record<string, unknown> = {};
  if (typeof s['edited_at'] === 'string') meta['editedAt'] = toMs(s['edited_at']);
  for (const k of ['replies_count', 'reblogs_count', 'favourites_count'] as const) if (typeof s[k] === 'number') meta[k] = s[k];
  if (Array.isArray(s['tags'])) meta['tags'] = (s['tags'] as unknown[]).map((t) => (isObject(t) ? t['name'] : null)).filter(Boolean);
  post.meta = meta;
  return post;
}

/**
 * API URL for what an operator pastes: `https://host/tags/azure` → the tag timeline;
 * `https://host/@name` → the account's statuses (one lookup request). API URLs pass through.
 */
export async function mastodonUrl(url: string, ctx: ConnectorContext): Promise<string> {
  const u = new URL(url);
  const tag = /^\/tags\/([^/]+)\/?$/.exec(u.pathname);
  if (tag) return `${u.origin}/api/v1/timelines/tag/${tag[1]}${u.search}`;
  const acct = /^\/@([^/]+)\/?$/.exec(u.pathname);
  if (acct) {
    const res = await ctx.fetch.get(`${u.origin}/api/v1/accounts/lookup?acct=${encodeURIComponent(decodeURIComponent(acct[1]!))}`, { expect: 'json' });
    const a = res.json<unknown>();
    if (!isObject(a) || typeof a['id'] !== 'string') throw badBody(res.url, 'expected an account with an id');
    return `${u.origin}/api/v1/accounts/${a['id']}/statuses${u.search}`;
  }
  return url;
}

export const mastodonConnector: Connector = {
  kind: 'mastodon',
  async pull(rawSource: SourceConfig, state: SourceState, ctx: ConnectorContext) {
    const source = { ...rawSource, url: await mastodonUrl(rawSource.url, ctx) };
    const out = new PostCollector();
    const limit = option(source, 'limit', 40);
    const host = new URL(source.url).host;
    // A cursor that is not a status id (corrupted, or from another kind) is ignored.
    const since = state.cursor !== null && /^\d+$/.test(state.cursor) ? state.cursor : null;
    let newest = since;
    let below: string | undefined;
    for (let page = 0; page < maxPages(source); page++) {
      const url = withQuery(source.url, { limit, since_id: since ?? undefined, max_id: below });
      const res = await ctx.fetch.get(url, { expect: 'json' });
      const body = res.json<unknown>();
      if (!Array.isArray(body)) throw badBody(res.url, 'expected an array of statuses');
      for (const s of body) {
        if (!isObject(s) || typeof s['id'] !== 'string') continue;
        newest = maxId(newest, s['id']);
        below = minId(below, s['id']);
        out.add(statusToPost(s, host));
      }
      if (body.length < limit) break;
    }
    return { posts: out.posts, cursor: newest };
  },
};
