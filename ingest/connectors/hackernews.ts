/**
 * Hacker News through Algolia `search_by_date` (e.g. `https://hn.algolia.com/api/v1/search_by_date?query=azure&tags=comment`).
 * The cursor is the newest `created_at_i` seen; each pull asks `numericFilters=created_at_i>CURSOR`
 * and pages with `page=` until `nbPages` or the page limit. Hits with no text are skipped.
 * Options: hitsPerPage (default 100), maxPages.
 */
import { htmlToText } from '../../analysis/html.js';
import type { Connector, ConnectorContext, RawPost, SourceConfig, SourceState } from '../types.js';
import { PostCollector, authorHash, badBody, isObject, maxPages, option, toMs, withQuery } from './common.js';

export function hitToPost(h: Record<string, unknown>): RawPost | null {
  const id = typeof h['objectID'] === 'string' ? h['objectID'] : null;
  const when = toMs(h['created_at_i']) ?? toMs(h['created_at']);
  if (!id || when === null) return null;
  const html = typeof h['comment_text'] === 'string' ? h['comment_text'] : typeof h['story_text'] === 'string' ? h['story_text'] : '';
  const body = html ? htmlToText(html).trim() : '';
  const title = typeof h['title'] === 'string' ? h['title'].trim() : '';
  const isComment = typeof h['comment_text'] === 'string' || (Array.isArray(h['_tags']) && h['_tags'].includes('comment'));
  const text = body || (isComment ? '' : title);
  if (!text) return null;
  const post: RawPost = { externalId: id, text, publishedAt: when, url: `https://news.ycombinator.com/item?id=${id}` };
  if (title && body) post.title = title;
  const ah = authorHash(h['author']);
  if (ah) post.authorHash = ah;
  if (h['parent_id'] !== undefined && h['parent_id'] !== null) post.parentId = String(h['parent_id']);
  if (h['story_id'] !== undefined && h['story_id'] !== null) post.threadId = String(h['story_id']);
  const meta: Record<string, unknown> = {};
  if (typeof h['points'] === 'number') meta['points'] = h['points'];
  if (typeof h['story_title'] === 'string') meta['storyTitle'] = h['story_title'];
  if (typeof h['url'] === 'string') meta['linkUrl'] = h['url'];
  if (typeof h['story_url'] === 'string') meta['linkUrl'] = h['story_url'];
  post.meta = meta;
  return post;
}

export const hackernewsConnector: Connector = {
  kind: 'hackernews',
  async pull(source: SourceConfig, state: SourceState, ctx: ConnectorContext) {
    const out = new PostCollector();
    const since = state.cursor !== null && /^\d+$/.test(state.cursor) ? Number(state.cursor) : null;
    const base = new URL(source.url);
    const existing = base.searchParams.get('numericFilters');
    const filter = since === null ? existing ?? undefined : [existing, `created_at_i>${since}`].filter(Boolean).join(',');
    let newest = since;
    for (let page = 0; page < maxPages(source); page++) {
      const url = withQuery(source.url, { numericFilters: filter, hitsPerPage: option(source, 'hitsPerPage', 100), page });
      const res = await ctx.fetch.get(url, { expect: 'json' });
      const body = res.json<unknown>();
      if (!isObject(body) || !Array.isArray(body['hits'])) throw badBody(res.url, 'expected an Algolia result with hits[]');
      for (const h of body['hits'] as unknown[]) {
        if (!isObject(h)) continue;
        const at = typeof h['created_at_i'] === 'number' ? h['created_at_i'] : null;
        if (at !== null && (newest === null || at > newest)) newest = at;
        out.add(hitToPost(h));
      }
      const nbPages = typeof body['nbPages'] === 'number' ? body['nbPages'] : 0;
      if (page + 1 >= nbPages || (body['hits'] as unknown[]).length === 0) break;
    }
    return { posts: out.posts, cursor: newest === null ? state.cursor : String(newest) };
  },
};
