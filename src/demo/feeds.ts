/**
 * Renders the demo dataset in the real response shapes of each API a connector pulls:
 * WordPress RSS (blog + comments), Discourse JSON, a Mastodon tag timeline and Atlassian
 * Statuspage v2. Pure: a path and query in, a document out; the replay server adds HTTP.
 */
import type { DemoDataset } from './generate.js';
import { buildIndex, DEMO_NOTICE, DEMO_SITE, escapeHtml, type DemoIndex, type FeedResponse } from './feeds/common.js';
import { latest, latestPosts, topic, topicPosts } from './feeds/discourse.js';
import { tagTimeline } from './feeds/mastodon.js';
import { statuspage } from './feeds/statuspage.js';
import { blogFeed, postCommentsFeed, siteCommentsFeed } from './feeds/wordpress.js';

export type { FeedResponse } from './feeds/common.js';
export { DEMO_NOTICE, DEMO_SITE, DEMO_STATUS_PAGE } from './feeds/common.js';

export interface DemoFeeds {
  readonly index: DemoIndex;
  /** Answers one GET; null when nothing lives at that path. `asOf` hides later items (default: the end). */
  render(pathname: string, params: URLSearchParams, asOf?: number): FeedResponse | null;
  /** Every feed URL path a client can start from. */
  entryPoints(): { label: string; path: string }[];
}

export interface DemoFeedOptions {
  /** Items per page of a WordPress comments feed (`posts_per_rss`), default 1000. */
  commentsPerPage?: number;
}

export function createDemoFeeds(dataset: DemoDataset, baseUrl: string, options: DemoFeedOptions = {}): DemoFeeds {
  const ix = buildIndex(dataset, baseUrl, options.commentsPerPage);
  const entryPoints = () => [
    { label: 'Blog: posts (RSS 2.0, WordPress)', path: '/blog/feed/' },
    { label: 'Blog: all comments (RSS 2.0, WordPress)', path: '/blog/comments/feed/' },
    ...dataset.blogPosts.map((b) => ({ label: `Blog comments on "${b.title}"`, path: `/blog/${b.slug}/feed/` })),
    { label: 'Forum: latest topics (Discourse)', path: '/latest.json' },
    { label: 'Forum: latest posts (Discourse)', path: '/posts.json' },
    { label: `Social: #${dataset.socialTag} timeline (Mastodon)`, path: `/api/v1/timelines/tag/${dataset.socialTag}` },
    { label: 'Status page: summary (Statuspage v2)', path: '/api/v2/summary.json' },
    { label: 'Status page: incidents (Statuspage v2)', path: '/api/v2/incidents.json' },
  ];
  return {
    index: ix,
    entryPoints,
    render(pathname, params, asOf = dataset.to) {
      if (pathname === '/' || pathname === '/index.html') return indexPage(ix, entryPoints());
      if (pathname === '/blog/' || pathname === '/blog') return blogPage(ix, null, asOf);
      if (pathname === '/blog/feed/' || pathname === '/blog/feed') return blogFeed(ix, asOf);
      if (pathname === '/blog/comments/feed/' || pathname === '/blog/comments/feed') return siteCommentsFeed(ix, params, asOf);
      let m = /^\/blog\/([a-z0-9-]+)\/feed\/?$/.exec(pathname);
      if (m) return postCommentsFeed(ix, m[1]!, params, asOf);
      m = /^\/blog\/([a-z0-9-]+)\/?$/.exec(pathname);
      if (m) return blogPage(ix, m[1]!, asOf);
      if (pathname === '/latest.json') return latest(ix, params, asOf);
      if (pathname === '/posts.json') return latestPosts(ix, params, asOf);
      m = /^\/t\/(?:[^/]+\/)?(\d+)\.json$/.exec(pathname);
      if (m) return topic(ix, Number(m[1]), params, asOf);
      m = /^\/t\/(\d+)\/posts\.json$/.exec(pathname);
      if (m) return topicPosts(ix, Number(m[1]), params, asOf);
      m = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(pathname);
      if (m) return tagTimeline(ix, decodeURIComponent(m[1]!), params, asOf);
      if (pathname.startsWith('/api/v2/')) return statuspage(ix, pathname, asOf);
      return null;
    },
  };
}

/** A blog page (home or one post) with the feed links WordPress puts in <head>, for feed discovery. */
function blogPage(ix: DemoIndex, slug: string | null, asOf: number): FeedResponse | null {
  const post = slug === null ? null : ix.dataset.blogPosts.find((b) => b.slug === slug && b.publishedAt <= asOf);
  if (slug !== null && !post) return null;
  const base = ix.baseUrl;
  const title = post ? `${post.title} | ${DEMO_SITE}` : `${DEMO_SITE} blog`;
  const links = [`<link rel="alternate" type="application/rss+xml" title="${escapeHtml(DEMO_SITE)} &raquo; Feed" href="${base}/blog/feed/" />`,
    `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(DEMO_SITE)} &raquo; Comments Feed" href="${base}/blog/comments/feed/" />`];
  if (post) links.push(`<link rel="alternate" type="application/rss+xml" title="${escapeHtml(post.title)} Comments Feed" href="${base}/blog/${post.slug}/feed/" />`);
  const main = post
    ? `<article><h1>${escapeHtml(post.title)}</h1>${post.html}</article>`
    : `<ul>${ix.dataset.blogPosts.filter((b) => b.publishedAt <= asOf).reverse().map((b) => `<li><a href="${base}/blog/${b.slug}/">${escapeHtml(b.title)}</a></li>`).join('')}</ul>`;
  const body = `<!doctype html>
<html lang="en-US"><head><meta charset="UTF-8"><title>${escapeHtml(title)}</title>
${links.join('\n')}
</head><body><p><strong>${escapeHtml(DEMO_NOTICE)}</strong></p>${main}</body></html>
`;
  return { status: 200, contentType: 'text/html; charset=UTF-8', body };
}

function indexPage(ix: DemoIndex, entries: { label: string; path: string }[]): FeedResponse {
  const rows = entries.map((e) => `<li><a href="${escapeHtml(e.path)}">${escapeHtml(e.label)}</a> <code>${escapeHtml(e.path)}</code></li>`).join('\n');
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(DEMO_SITE)} – replay server</title></head>
<body>
<h1>[DEMO] Barometer replay server</h1>
<p><strong>${escapeHtml(DEMO_NOTICE)}</strong></p>
<p>${ix.dataset.posts.length} posts between ${new Date(ix.dataset.from).toISOString()} and ${new Date(ix.dataset.to).toISOString()}, seed ${ix.dataset.seed}.</p>
<ul>
${rows}
</ul>
</body></html>
`;
  return { status: 200, contentType: 'text/html; charset=utf-8', body };
}
