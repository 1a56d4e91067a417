/**
 * The demo blog as WordPress serves it: the main RSS 2.0 feed (`/blog/feed/`) whose items link each
 * post's comments feed through `wfw:commentRss`, one comments feed per post (`/blog/<slug>/feed/`)
 * and the site-wide comments feed (`/blog/comments/feed/`). Newest first, `?paged=N` pages.
 */
import type { DemoPost } from '../generate.js';
import { cdata, DEMO_NOTICE, DEMO_SITE, escapeXml, notFound, RSS, rssDate, upTo, wordpressHtml, type DemoIndex, type FeedResponse } from './common.js';

/** Comments per feed page (WordPress `posts_per_rss`); large so one read holds a post's thread. */
export const DEFAULT_COMMENTS_PER_PAGE = 1000;

const head = (self: string, title: string, link: string, description: string, lastBuild: number) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>${escapeXml(title)}</title>
	<atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml" />
	<link>${escapeXml(link)}</link>
	<description>${escapeXml(description)}</description>
	<lastBuildDate>${rssDate(lastBuild)}</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=3.7.1</generator>
`;
const tail = `</channel>
</rss>
`;

function page(params: URLSearchParams): number | null {
  const raw = params.get('paged') ?? '1';
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

export function blogFeed(ix: DemoIndex, asOf: number): FeedResponse {
  const base = ix.baseUrl;
  const posts = ix.dataset.blogPosts.filter((b) => b.publishedAt <= asOf).reverse();
  const items = posts.map((b) => {
    const comments = upTo(ix.blogComments.get(b.slug) ?? [], asOf).length;
    return `	<item>
		<title>${escapeXml(b.title)}</title>
		<link>${base}/blog/${b.slug}/</link>
		<comments>${base}/blog/${b.slug}/#comments</comments>
		<pubDate>${rssDate(b.publishedAt)}</pubDate>
		<dc:creator>${cdata(b.author)}</dc:creator>
		<category>${cdata('Demo')}</category>
		<guid isPermaLink="false">${base}/blog/?p=${b.id}</guid>
		<description>${cdata(b.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())}</description>
		<content:encoded>${cdata(b.html)}</content:encoded>
		<wfw:commentRss>${base}/blog/${b.slug}/feed/</wfw:commentRss>
		<slash:comments>${comments}</slash:comments>
	</item>
`;
  });
  const last = posts[0]?.publishedAt ?? ix.dataset.from;
  return { status: 200, contentType: RSS, body: head(`${base}/blog/feed/`, `${DEMO_SITE} blog`, `${base}/blog/`, DEMO_NOTICE, last) + items.join('') + tail };
}

function commentItem(ix: DemoIndex, c: DemoPost, postTitle: string | null): string {
  const base = ix.baseUrl;
  const b = ix.dataset.blogPosts.find((x) => x.slug === c.threadId);
  const title = postTitle === null ? `Comment on ${b?.title ?? c.threadId} by ${c.author}` : `By: ${c.author}`;
  return `	<item>
		<title>${escapeXml(title)}</title>
		<link>${base}/blog/${c.threadId}/#comment-${c.externalId}</link>
		<dc:creator>${cdata(c.author)}</dc:creator>
		<pubDate>${rssDate(c.publishedAt)}</pubDate>
		<guid isPermaLink="false">${base}/blog/?p=${b?.id ?? 0}#comment-${c.externalId}</guid>
		<description>${cdata(c.text)}</description>
		<content:encoded>${cdata(wordpressHtml(c.text))}</content:encoded>
	</item>
`;
}

function commentsPage(ix: DemoIndex, all: readonly DemoPost[], params: URLSearchParams, render: (c: DemoPost) => string, self: string, title: string, link: string): FeedResponse {
  const n = page(params);
  const newestFirst = [...all].reverse();
  const per = ix.commentsPerPage;
  const start = ((n ?? 1) - 1) * per;
  if (n === null || (n > 1 && start >= newestFirst.length)) return notFound('No such page');
  const slice = newestFirst.slice(start, start + per);
  const selfUrl = n > 1 ? `${self}?paged=${n}` : self;
  const last = newestFirst[0]?.publishedAt ?? ix.dataset.from;
  return { status: 200, contentType: RSS, body: head(selfUrl, title, link, DEMO_NOTICE, last) + slice.map(render).join('') + tail };
}

export function postCommentsFeed(ix: DemoIndex, slug: string, params: URLSearchParams, asOf: number): FeedResponse {
  const b = ix.dataset.blogPosts.find((x) => x.slug === slug && x.publishedAt <= asOf);
  if (!b) return notFound('No such post');
  const all = upTo(ix.blogComments.get(slug) ?? [], asOf);
  return commentsPage(ix, all, params, (c) => commentItem(ix, c, b.title), `${ix.baseUrl}/blog/${slug}/feed/`, `[DEMO] Comments on: ${b.title}`, `${ix.baseUrl}/blog/${slug}/`);
}

export function siteCommentsFeed(ix: DemoIndex, params: URLSearchParams, asOf: number): FeedResponse {
  const all = upTo(ix.allComments, asOf);
  return commentsPage(ix, all, params, (c) => commentItem(ix, c, null), `${ix.baseUrl}/blog/comments/feed/`, `Comments for ${DEMO_SITE} blog`, `${ix.baseUrl}/blog/`);
}
