/**
 * Reddit JSON: a listing (`/r/NAME/new.json`, `/search.json`, `/user/X/comments.json`) paged with
 * `after` from newest to older until the previous pull's newest item (the cursor, created_utc in
 * seconds) or the page limit; or a thread (`/comments/ID.json`): the post and its comment tree
 * flattened ("more" stubs are not expanded). [deleted]/[removed] items are skipped.
 * Options: limit (default 100), maxPages.
 */
import type { Connector, ConnectorContext, RawPost, SourceConfig, SourceState } from '../types.js';
import { PostCollector, authorHash, badBody, isObject, maxPages, option, toMs, withQuery } from './common.js';

const SITE = 'https://www.reddit.com';
const GONE = new Set(['[deleted]', '[removed]']);

type Thing = { kind?: string; data?: Record<string, unknown> };

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function thingToPost(t: Thing): RawPost | null {
  const d = t.data;
  if (!d || (t.kind !== 't3' && t.kind !== 't1')) return null;
  const name = typeof d['name'] === 'string' ? d['name'] : typeof d['id'] === 'string' ? `${t.kind}_${d['id']}` : null;
  const created = toMs(d['created_utc']);
  if (!name || created === null) return null;
  const author = typeof d['author'] === 'string' ? d['author'] : undefined;
  const permalink = typeof d['permalink'] === 'string' ? SITE + d['permalink'] : undefined;
  let post: RawPost;
  if (t.kind === 't3') {
    const self = typeof d['selftext'] === 'string' ? d['selftext'].trim() : '';
    const title = typeof d['title'] === 'string' ? d['title'].trim() : '';
    if (GONE.has(self) || d['removed_by_category'] || (!self && !title)) return null;
    post = { externalId: name, text: self || title, publishedAt: created };
    if (self && title) post.title = title;
  } else {
    const body = typeof d['body'] === 'string' ? d['body'].trim() : '';
    if (!body || GONE.has(body)) return null;
    post = { externalId: name, text: body, publishedAt: created };
    if (typeof d['parent_id'] === 'string') post.parentId = d['parent_id'];
    if (typeof d['link_id'] === 'string') post.threadId = d['link_id'];
  }
  if (permalink) post.url = permalink;
  const ah = authorHash(author);
  if (ah) post.authorHash = ah;
  const meta: Record<string, unknown> = {};
  if (typeof d['subreddit'] === 'string') meta['subreddit'] = d['subreddit'];
  if (num(d['score']) !== undefined) meta['score'] = d['score'];
  if (num(d['num_comments']) !== undefined) meta['numComments'] = d['num_comments'];
  if (num(d['edited']) !== undefined) meta['editedAt'] = toMs(d['edited']);
  if (t.kind === 't3' && typeof d['url'] === 'string' && d['url'] !== permalink) meta['linkUrl'] = d['url'];
  post.meta = meta;
  return post;
}

function listingChildren(v: unknown, url: string): Thing[] {
  if (!isObject(v) || v['kind'] !== 'Listing' || !isObject(v['data']) || !Array.isArray(v['data']['children'])) {
    throw badBody(url, 'expected a Reddit Listing');
  }
  return v['data']['children'] as Thing[];
}

function walkComments(things: Thing[], out: PostCollector, depth = 0): void {
  if (depth > 200) return;
  for (const t of things) {
    if (t.kind !== 't1') continue;
    out.add(thingToPost(t));
    const replies = t.data?.['replies'];
    if (isObject(replies) && isObject(replies['data']) && Array.isArray(replies['data']['children'])) {
      walkComments(replies['data']['children'] as Thing[], out, depth + 1);
    }
  }
}

function newestSeconds(posts: RawPost[], prev: string | null): string | null {
  let best = prev !== null && /^\d+$/.test(prev) ? Number(prev) : null;
  for (const p of posts) {
    const s = Math.floor(p.publishedAt / 1000);
    if (best === null || s > best) best = s;
  }
  return best === null ? null : String(best);
}

/** JSON URL for what an operator pastes: /r/NAME → /r/NAME/new.json; any other page → + .json. */
export function redditUrl(url: string): string {
  const u = new URL(url);
  let p = u.pathname.replace(/\/+$/, '');
  if (/^\/r\/[^/]+$/.test(p)) p = `${p}/new`;
  if (!p.endsWith('.json')) p = `${p}.json`;
  u.pathname = p;
  return u.href;
}

export const redditConnector: Connector = {
  kind: 'reddit',
  async pull(rawSource: SourceConfig, state: SourceState, ctx: ConnectorContext) {
    const source = { ...rawSource, url: redditUrl(rawSource.url) };
    const out = new PostCollector();
    const limit = option(source, 'limit', 100);
    if (/\/comments\/[a-z0-9]+/i.test(new URL(source.url).pathname)) {
      const res = await ctx.fetch.get(withQuery(source.url, { raw_json: 1, limit: 500 }), {
        expect: 'json',
        etag: state.etag,
        lastModified: state.lastModified,
      });
      if (res.notModified) return { posts: [], cursor: state.cursor, notModified: true, etag: res.etag, lastModified: res.lastModified };
      const body = res.json<unknown>();
      if (!Array.isArray(body) || body.length < 1) throw badBody(res.url, 'expected a Reddit thread [post, comments]');
      for (const t of listingChildren(body[0], res.url)) out.add(thingToPost(t));
      if (body[1] !== undefined) walkComments(listingChildren(body[1], res.url), out);
      return { posts: out.posts, cursor: newestSeconds(out.posts, state.cursor), etag: res.etag, lastModified: res.lastModified };
    }
    const since = state.cursor !== null && /^\d+$/.test(state.cursor) ? Number(state.cursor) * 1000 : null;
    let after: string | undefined;
    let first: { etag: string | null; lastModified: string | null } = { etag: null, lastModified: null };
    for (let page = 0; page < maxPages(source); page++) {
      const url = withQuery(source.url, { limit, raw_json: 1, after });
      const res = await ctx.fetch.get(url, page === 0 ? { expect: 'json', etag: state.etag, lastModified: state.lastModified } : { expect: 'json' });
      if (res.notModified) return { posts: [], cursor: state.cursor, notModified: true, etag: res.etag, lastModified: res.lastModified };
      if (page === 0) first = { etag: res.etag, lastModified: res.lastModified };
      const body = res.json<unknown>();
      const children = listingChildren(body, res.url);
      let oldest = Infinity;
      for (const t of children) {
        const created = toMs(t.data?.['created_utc']);
        if (created !== null) oldest = Math.min(oldest, created);
        out.add(thingToPost(t));
      }
      const next = isObject(body) && isObject(body['data']) && typeof body['data']['after'] === 'string' ? body['data']['after'] : null;
      if (!next || children.length === 0 || (since !== null && oldest <= since)) break;
      after = next;
    }
    return { posts: out.posts, cursor: newestSeconds(out.posts, state.cursor), ...first };
  },
};
