/**
 * RSS 0.9x/1.0 (RDF)/2.0 and Atom through rss-parser, including WordPress comment feeds:
 * per-post comment feeds are found from `wfw:commentRss` in a blog feed, and an HTML page is
 * followed to its `<link rel="alternate" type="application/rss+xml|atom+xml">` (preferring a
 * comments feed). Per-post feeds are re-read only when their `slash:comments` count changed, or by
 * conditional GET when the count is unknown; their validators live in the cursor.
 *
 * Options: discoverComments (default true), maxCommentFeeds (default 10).
 * An item with neither body nor title is skipped; an item without a date gets the pull time.
 */
import Parser from 'rss-parser';
import { htmlToText } from '../../analysis/html.js';
import { FetchError } from '../fetch/errors.js';
import type { FetchResponse } from '../fetch/types.js';
import type { Connector, ConnectorContext, RawPost, SourceConfig, SourceState } from '../types.js';
import { PostCollector, authorHash, badBody, option, str, toMs } from './common.js';
import { feedDate, jsonFeedItems, repairXml, xhtmlToCdata } from './feed-repair.js';

interface FeedRef {
  /** slash:comments count when the feed was last read. */
  n?: number;
  etag?: string;
  lm?: string;
  /** externalId of the post the comments belong to. */
  parent?: string;
}

interface RssCursor {
  latest?: number;
  feeds?: Record<string, FeedRef>;
}

type Item = Record<string, unknown>;
interface ParsedFeed {
  items: Item[];
  title?: string;
  link?: string;
  language?: string;
}

function newParser(): Parser {
  return new Parser({
    defaultRSS: 2,
    customFields: {
      feed: ['language'],
      item: ['wfw:commentRss', 'slash:comments', 'thr:in-reply-to', 'dc:language', 'issued', 'modified', 'created', 'updated'],
    },
  });
}

/**
 * Parses RSS 0.9x/1.0/2.0, Atom (0.3 and 1.0) or JSON Feed. XML that a strict parser refuses is
 * repaired (entities, bare ampersands, control characters) and tried once more.
 */
export async function parseFeed(input: string, url: string): Promise<ParsedFeed> {
  const json = jsonFeedItems(input);
  if (json) {
    const items = json.items.map((i) => {
      const it: Item = { guid: i.id, link: i.url, title: i.title, content: i.html, creator: i.author, pubDate: i.date };
      if (i.language) it['dc:language'] = i.language;
      return it;
    });
    const feed: ParsedFeed = { items };
    if (json.title) feed.title = json.title;
    if (json.language) feed.language = json.language;
    return feed;
  }
  const doc = xhtmlToCdata(input);
  try {
    return (await newParser().parseString(doc)) as unknown as ParsedFeed;
  } catch (e) {
    const repaired = repairXml(doc);
    if (repaired !== doc) {
      try {
        return (await newParser().parseString(repaired)) as unknown as ParsedFeed;
      } catch {
        /* report the first error */
      }
    }
    const msg = (e as Error).message.split('\n').slice(0, 3).join(' ');
    throw new FetchError('bad_body', `malformed feed from ${url}: ${msg}`, { url, cause: e });
  }
}

function looksLikeHtml(res: FetchResponse, text: string): boolean {
  const head = text.slice(0, 512).trimStart().toLowerCase();
  if (/^(<\?xml|<rss|<feed|<rdf:|\{)/.test(head)) return false;
  return res.contentType.toLowerCase().includes('html') || head.startsWith('<!doctype html') || head.startsWith('<html');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const v = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return v?.replace(/&amp;/g, '&').replace(/&#0*38;/g, '&');
}

/** Feed links of an HTML page: this page's own comment feed first, then other comment feeds, then the rest. */
export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const found: Array<{ href: string; rank: number }> = [];
  const page = new URL(pageUrl);
  const pagePath = page.pathname.endsWith('/') ? page.pathname : `${page.pathname}/`;
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attr(tag, 'type') ?? '').toLowerCase();
    const href = attr(tag, 'href');
    if (!rel.includes('alternate') || !href || !/^application\/(rss|atom|rdf)\+xml/.test(type)) continue;
    try {
      const abs = new URL(href, pageUrl).href;
      const comments = /comment/i.test(`${attr(tag, 'title') ?? ''} ${href}`);
      const own = pagePath !== '/' && new URL(abs).pathname.startsWith(pagePath);
      found.push({ href: abs, rank: own ? 0 : comments ? 1 : 2 });
    } catch {
      /* ignore a bad href */
    }
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.href);
}

function resolveUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

const REDDIT_TRAILER = /(?:&#32;|\s)*submitted(?:&#32;|\s)+by(?:&#32;|\s)*<a\s+href=["']https?:\/\/(?:www\.|old\.)?reddit\.com\/u(?:ser)?\/([^"'/]+)\/?["'][^>]*>/i;

/** Comment titles name their author ("By: Jane", "Comment by jane"): never keep those. */
function cleanTitle(title: string | undefined, author: string | undefined): string | undefined {
  if (!title) return undefined;
  if (/^(by|comment by|comments? on .+ by|reply by|kommentar von|commentaire de)\s*:?\s/i.test(title)) return undefined;
  if (author && author.trim().length > 1 && title.toLowerCase().includes(author.trim().toLowerCase())) return undefined;
  return title;
}

function itemToPost(item: Item, feed: ParsedFeed, base: string, now: number, parent?: string): RawPost | null {
  let authorName = str(item['creator']) ?? str(item['author']) ?? str(item['dc:creator']);
  const title = cleanTitle(str(item['title'])?.trim() || undefined, authorName);
  let html = str(item['content:encoded']) ?? str(item['content']) ?? str(item['summary']) ?? str(item['contentSnippet']) ?? '';
  // Reddit's feeds put the author only in a "submitted by <a …/user/NAME>" trailer: hash it, drop it.
  const trailer = REDDIT_TRAILER.exec(html);
  if (trailer) {
    authorName ??= decodeURIComponent(trailer[1]!);
    html = html.slice(0, trailer.index);
  }
  const body = htmlToText(html).trim();
  const text = body || (title ? htmlToText(title).trim() : '');
  if (!text) return null;
  const url = resolveUrl(str(item['link']), base);
  const externalId =
    str(item['guid'])?.trim() || str(item['id'])?.trim() || url || `${title ?? ''}|${str(item['pubDate']) ?? ''}|${text.slice(0, 200)}`;
  const when =
    toMs(item['isoDate']) ??
    [item['pubDate'], item['date'], item['dc:date'], item['issued'], item['created'], item['modified'], item['updated']]
      .map((d) => feedDate(str(d)))
      .find((d) => d !== null) ??
    null;
  const inReplyTo = item['thr:in-reply-to'];
  const replyRef = typeof inReplyTo === 'object' && inReplyTo !== null ? str((inReplyTo as { $?: { ref?: string } }).$?.ref) : undefined;
  const lang = str(item['dc:language']) ?? str(item['language']) ?? feed.language;
  const post: RawPost = { externalId, text, publishedAt: when ?? now };
  if (url) post.url = url;
  if (title && body && body !== title) post.title = title;
  const author = authorHash(authorName);
  if (author) post.authorHash = author;
  const parentId = replyRef ?? parent;
  if (parentId) post.parentId = parentId;
  if (parent) post.threadId = parent;
  if (lang) post.lang = String(lang).trim().toLowerCase();
  const meta: Record<string, unknown> = {};
  if (feed.title) meta['feedTitle'] = feed.title;
  if (Array.isArray(item['categories'])) meta['categories'] = (item['categories'] as unknown[]).map(str).filter(Boolean);
  if (when === null) meta['dateMissing'] = true;
  if (Object.keys(meta).length) post.meta = meta;
  return post;
}

function parseCursor(c: string | null): RssCursor {
  if (!c) return {};
  try {
    const v = JSON.parse(c) as unknown;
    return typeof v === 'object' && v !== null ? (v as RssCursor) : {};
  } catch {
    return {};
  }
}

async function readFeedDoc(res: FetchResponse, ctx: ConnectorContext): Promise<{ feed: ParsedFeed; base: string }> {
  let text = res.text();
  let base = res.url;
  if (looksLikeHtml(res, text)) {
    const links = discoverFeedLinks(text, res.url);
    if (links.length === 0) throw badBody(res.url, 'HTML page without a feed link');
    const r = await ctx.fetch.get(links[0]!, { expect: 'feed' });
    text = r.text();
    base = r.url;
    if (looksLikeHtml(r, text)) throw badBody(r.url, 'discovered feed link returned HTML');
  }
  const feed = await parseFeed(text, base);
  return { feed, base: feed.link ? (resolveUrl(feed.link, base) ?? base) : base };
}

export const rssConnector: Connector = {
  kind: 'rss',
  async pull(source: SourceConfig, state: SourceState, ctx: ConnectorContext) {
    const cursor = parseCursor(state.cursor);
    const discover = option(source, 'discoverComments', true);
    const maxFeeds = option(source, 'maxCommentFeeds', 10);
    const out = new PostCollector();
    const res = await ctx.fetch.get(source.url, { expect: 'feed', etag: state.etag, lastModified: state.lastModified });
    let targets: Array<[string, FeedRef]> = [];
    if (!res.notModified) {
      const { feed, base } = await readFeedDoc(res, ctx);
      for (const item of feed.items) {
        const post = itemToPost(item, feed, base, ctx.now);
        out.add(post);
        const commentsUrl = discover ? resolveUrl(str(item['wfw:commentRss']), base) : undefined;
        if (commentsUrl && post) {
          const n = Number(str(item['slash:comments']));
          targets.push([commentsUrl, { ...(Number.isFinite(n) ? { n } : {}), parent: post.externalId }]);
        }
      }
    } else {
      targets = Object.entries(cursor.feeds ?? {});
    }
    const feeds: Record<string, FeedRef> = {};
    let changed = !res.notModified;
    for (const [url, ref] of targets.slice(0, maxFeeds)) {
      const prev = cursor.feeds?.[url];
      if (ref.n === 0 || (!res.notModified && ref.n !== undefined && prev?.n === ref.n)) {
        feeds[url] = { ...prev, ...ref };
        continue;
      }
      let r: FetchResponse;
      try {
        r = await ctx.fetch.get(url, { expect: 'feed', etag: prev?.etag ?? null, lastModified: prev?.lm ?? null });
      } catch (e) {
        // A post deleted since (404/410) must not fail the whole source.
        if (e instanceof FetchError && (e.status === 404 || e.status === 410)) continue;
        throw e;
      }
      const next: FeedRef = { ...ref };
      if (r.etag) next.etag = r.etag;
      if (r.lastModified) next.lm = r.lastModified;
      feeds[url] = next;
      if (r.notModified) continue;
      changed = true;
      const comments = await parseFeed(r.text(), r.url);
      for (const item of comments.items) out.add(itemToPost(item, comments, r.url, ctx.now, ref.parent));
    }
    let latest = cursor.latest;
    for (const p of out.posts) if (!p.meta?.['dateMissing'] && (latest === undefined || p.publishedAt > latest)) latest = p.publishedAt;
    const next: RssCursor = {};
    if (latest !== undefined) next.latest = latest;
    if (Object.keys(feeds).length) next.feeds = feeds;
    return {
      posts: out.posts,
      cursor: Object.keys(next).length ? JSON.stringify(next) : state.cursor,
      notModified: !changed,
      etag: res.etag,
      lastModified: res.lastModified,
    };
  },
};
