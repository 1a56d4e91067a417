/**
 * Discourse forums, by the path of the source URL:
 *  - `/posts.json`: latest posts site-wide, paged down with `before=ID` until the cursor (newest
 *    post id seen) or the page limit;
 *  - `/t/ID.json` (or `/t/slug/ID.json`): one topic; posts of its stream not in the first chunk and
 *    newer than the cursor are fetched with `/t/ID/posts.json?post_ids[]=…` (20 a request);
 *  - `/latest.json` (or any topic list, e.g. `/c/CAT/ID.json`): topics bumped since the cursor
 *    (ms), each read as above, newest first, at most `maxTopics` (default 10) a pull.
 * Deleted, hidden, whisper and small-action posts are skipped. Cooked HTML → text.
 */
import { htmlToText } from '../../analysis/html.js';
import { FetchError } from '../fetch/errors.js';
import type { Connector, ConnectorContext, RawPost, SourceConfig, SourceState } from '../types.js';
import { PostCollector, authorHash, badBody, isObject, maxPages, option, toMs, withQuery } from './common.js';

type Obj = Record<string, unknown>;

export function discoursePostToPost(p: Obj, origin: string, topic?: { id: number; slug?: string; title?: string }): RawPost | null {
  if (typeof p['id'] !== 'number') return null;
  if (p['deleted_at'] || p['user_deleted'] === true || p['hidden'] === true) return null;
  const type = p['post_type'];
  if (type === 3 || type === 4 || p['action_code']) return null;
  const when = toMs(p['created_at']);
  const text = htmlToText(typeof p['cooked'] === 'string' ? p['cooked'] : typeof p['raw'] === 'string' ? p['raw'] : '').trim();
  if (!text || when === null) return null;
  const topicId = typeof p['topic_id'] === 'number' ? p['topic_id'] : topic?.id;
  const slug = typeof p['topic_slug'] === 'string' ? p['topic_slug'] : (topic?.slug ?? 'topic');
  const title = typeof p['topic_title'] === 'string' ? p['topic_title'] : topic?.title;
  const n = typeof p['post_number'] === 'number' ? p['post_number'] : undefined;
  const post: RawPost = { externalId: String(p['id']), text, publishedAt: when };
  if (topicId !== undefined) {
    post.threadId = `topic:${topicId}`;
    post.url = `${origin}/t/${slug}/${topicId}${n ? `/${n}` : ''}`;
  }
  if (title && n === 1) post.title = title;
  const ah = authorHash(p['username']);
  if (ah) post.authorHash = ah;
  const meta: Obj = {};
  if (n !== undefined) meta['postNumber'] = n;
  if (title) meta['topicTitle'] = title;
  if (typeof p['reply_to_post_number'] === 'number') meta['replyToPostNumber'] = p['reply_to_post_number'];
  if (typeof p['updated_at'] === 'string') meta['updatedAt'] = toMs(p['updated_at']);
  post.meta = meta;
  return post;
}

async function pullTopic(
  ctx: ConnectorContext,
  origin: string,
  topicUrl: string,
  minPostId: number,
  budget: { requests: number },
  out: PostCollector,
): Promise<number> {
  budget.requests--;
  const res = await ctx.fetch.get(topicUrl, { expect: 'json' });
  const t = res.json<unknown>();
  if (!isObject(t) || typeof t['id'] !== 'number' || !isObject(t['post_stream']) || !Array.isArray(t['post_stream']['posts'])) {
    throw badBody(res.url, 'expected a Discourse topic with post_stream.posts');
  }
  const topic = { id: t['id'], slug: typeof t['slug'] === 'string' ? t['slug'] : undefined, title: typeof t['title'] === 'string' ? t['title'] : undefined };
  let newest = minPostId;
  const loaded = new Set<number>();
  for (const p of t['post_stream']['posts'] as unknown[]) {
    if (!isObject(p) || typeof p['id'] !== 'number') continue;
    loaded.add(p['id']);
    newest = Math.max(newest, p['id']);
    out.add(discoursePostToPost(p, origin, topic));
  }
  const stream = Array.isArray(t['post_stream']['stream']) ? (t['post_stream']['stream'] as unknown[]) : [];
  // Newest first, so a limited budget reads the most recent posts.
  const missing = stream.filter((id): id is number => typeof id === 'number' && id > minPostId && !loaded.has(id)).reverse();
  for (let i = 0; i < missing.length && budget.requests > 0; i += 20) {
    budget.requests--;
    const u = new URL(`${origin}/t/${topic.id}/posts.json`);
    for (const id of missing.slice(i, i + 20)) u.searchParams.append('post_ids[]', String(id));
    const r = await ctx.fetch.get(u.href, { expect: 'json' });
    const b = r.json<unknown>();
    const posts = isObject(b) && isObject(b['post_stream']) && Array.isArray(b['post_stream']['posts']) ? (b['post_stream']['posts'] as unknown[]) : null;
    if (!posts) throw badBody(r.url, 'expected post_stream.posts');
    for (const p of posts) {
      if (!isObject(p) || typeof p['id'] !== 'number') continue;
      newest = Math.max(newest, p['id']);
      out.add(discoursePostToPost(p, origin, topic));
    }
  }
  return newest;
}

/** JSON URL for what an operator pastes: a forum root → /latest.json; /t/slug/ID, /latest, /posts → + .json. */
export function discourseUrl(url: string): string {
  const u = new URL(url);
  const p = u.pathname.replace(/\/+$/, '');
  if (p === '') u.pathname = '/latest.json';
  else if (!p.endsWith('.json')) u.pathname = `${p}.json`;
  return u.href;
}

export const discourseConnector: Connector = {
  kind: 'discourse',
  async pull(rawSource: SourceConfig, state: SourceState, ctx: ConnectorContext) {
    const source = { ...rawSource, url: discourseUrl(rawSource.url) };
    const out = new PostCollector();
    const u = new URL(source.url);
    const origin = u.origin;
    const cursorNum = state.cursor !== null && /^\d+$/.test(state.cursor) ? Number(state.cursor) : 0;
    const budget = { requests: maxPages(source) };

    if (/\/posts\.json$/.test(u.pathname)) {
      let newest = cursorNum;
      let before: number | undefined;
      while (budget.requests-- > 0) {
        const res = await ctx.fetch.get(withQuery(source.url, { before }), { expect: 'json' });
        const b = res.json<unknown>();
        if (!isObject(b) || !Array.isArray(b['latest_posts'])) throw badBody(res.url, 'expected latest_posts[]');
        let oldest = Infinity;
        for (const p of b['latest_posts'] as unknown[]) {
          if (!isObject(p) || typeof p['id'] !== 'number') continue;
          newest = Math.max(newest, p['id']);
          oldest = Math.min(oldest, p['id']);
          out.add(discoursePostToPost(p, origin));
        }
        if (oldest === Infinity || oldest <= cursorNum + 1) break;
        before = oldest;
      }
      return { posts: out.posts, cursor: newest > 0 ? String(newest) : state.cursor };
    }

    if (/\/t\/(?:[^/]+\/)?\d+(?:\.json)?$/.test(u.pathname)) {
      const newest = await pullTopic(ctx, origin, source.url, cursorNum, budget, out);
      return { posts: out.posts, cursor: newest > 0 ? String(newest) : state.cursor };
    }

    // A topic list (latest.json, categories): read topics bumped since the cursor (ms).
    const res = await ctx.fetch.get(source.url, { expect: 'json', etag: state.etag, lastModified: state.lastModified });
    if (res.notModified) return { posts: [], cursor: state.cursor, notModified: true, etag: res.etag, lastModified: res.lastModified };
    const b = res.json<unknown>();
    if (!isObject(b) || !isObject(b['topic_list']) || !Array.isArray(b['topic_list']['topics'])) {
      throw badBody(res.url, 'expected topic_list.topics[]');
    }
    const since = cursorNum;
    const topics = (b['topic_list']['topics'] as unknown[])
      .filter(isObject)
      .map((t) => ({ id: t['id'], bumped: toMs(t['bumped_at']) ?? toMs(t['last_posted_at']) ?? 0 }))
      .filter((t): t is { id: number; bumped: number } => typeof t.id === 'number' && t.bumped > since)
      .sort((a, z) => z.bumped - a.bumped)
      .slice(0, option(source, 'maxTopics', 10));
    let newest = since;
    for (const t of topics) {
      // The topic and one chunk of its newest posts beyond the first page.
      try {
        await pullTopic(ctx, origin, `${origin}/t/${t.id}.json`, 0, { requests: 2 }, out);
      } catch (e) {
        // A topic deleted (or made private) since the list was built must not fail the source.
        if (e instanceof FetchError && (e.status === 404 || e.status === 403 || e.status === 410)) continue;
        throw e;
      }
      newest = Math.max(newest, t.bumped);
    }
    return { posts: out.posts, cursor: newest > 0 ? String(newest) : state.cursor, etag: res.etag, lastModified: res.lastModified };
  },
};
