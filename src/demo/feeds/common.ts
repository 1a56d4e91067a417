/**
 * What every demo feed renderer shares: the served-document shape, the demo labels, indexes over
 * the dataset, time formats and HTML rendering of post text in each API's flavour.
 */
import type { DemoDataset, DemoPost, DemoTopic } from '../generate.js';

export interface FeedResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const DEMO_SITE = '[DEMO] Office 365 Community (modelled on Nov 2013)';
export const DEMO_STATUS_PAGE = 'Demo provider (modelled on Office 365, Nov 2013)';
export const DEMO_NOTICE = 'Generated demo data for Barometer: modelled on the November 2013 Office 365 incidents. Not real posts.';

export const RSS = 'application/rss+xml; charset=UTF-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(body: unknown, status = 200, headers?: Record<string, string>): FeedResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body), ...(headers ? { headers } : {}) };
}

export function notFound(what = 'Not found'): FeedResponse {
  return json({ errors: [what], error_type: 'not_found' }, 404);
}

/** Indexes built once per dataset; `asOf` hides everything published later (live replay). */
export interface DemoIndex {
  dataset: DemoDataset;
  baseUrl: string;
  blogComments: Map<string, DemoPost[]>;
  allComments: DemoPost[];
  topics: Map<number, { topic: DemoTopic; posts: DemoPost[] }>;
  forumPosts: DemoPost[];
  social: DemoPost[];
  userIds: Map<string, number>;
  commentsPerPage: number;
}

export function buildIndex(dataset: DemoDataset, baseUrl: string, commentsPerPage = 1000): DemoIndex {
  const blogComments = new Map<string, DemoPost[]>();
  const topics = new Map<number, { topic: DemoTopic; posts: DemoPost[] }>();
  for (const t of dataset.forumTopics) topics.set(t.id, { topic: t, posts: [] });
  const allComments: DemoPost[] = [];
  const forumPosts: DemoPost[] = [];
  const social: DemoPost[] = [];
  const userIds = new Map<string, number>();
  for (const p of dataset.posts) {
    if (!userIds.has(p.author)) userIds.set(p.author, userIds.size + 100);
    if (p.source === 'blog') {
      allComments.push(p);
      const list = blogComments.get(p.threadId) ?? [];
      list.push(p);
      blogComments.set(p.threadId, list);
    } else if (p.source === 'forum') {
      forumPosts.push(p);
      topics.get(Number(p.threadId))?.posts.push(p);
    } else social.push(p);
  }
  return { dataset, baseUrl: baseUrl.replace(/\/$/, ''), blogComments, allComments, topics, forumPosts, social, userIds, commentsPerPage };
}

/** Items published at or before asOf; lists are in time order, so a binary search finds the cut. */
export function upTo<T extends { publishedAt: number }>(list: readonly T[], asOf: number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.publishedAt <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return list.slice(0, lo);
}

/** RFC 822 date as WordPress writes it: "Fri, 08 Nov 2013 14:38:00 +0000". */
export function rssDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;');
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** CDATA that survives a "]]>" inside the text. */
export function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Splits a long comment into two paragraphs the way people break lines. */
function paragraphs(text: string): string[] {
  const sentences = text.split(/(?<=[.!?])\s+/);
  if (sentences.length < 4) return [text];
  const cut = Math.ceil(sentences.length / 2);
  return [sentences.slice(0, cut).join(' '), sentences.slice(cut).join(' ')];
}

/** WordPress comment HTML: paragraphs, shouting in <strong>, as comment_text renders it. */
export function wordpressHtml(text: string): string {
  return paragraphs(text)
    .map((p) => `<p>${escapeHtml(p).replace(/\b([A-Z][A-Z' ]{8,}[A-Z])\b/g, '<strong>$1</strong>')}</p>`)
    .join('\n');
}

/** Discourse "cooked" HTML: paragraphs, @mentions linked to /u/. */
export function discourseHtml(text: string): string {
  return paragraphs(text)
    .map((p) => `<p>${escapeHtml(p).replace(/(^|\s)@(\w+)/g, '$1<a class="mention" href="/u/$2">@$2</a>')}</p>`)
    .join('\n');
}

/** Mastodon status HTML: one paragraph, hashtags and mentions as Mastodon links them. */
export function mastodonHtml(text: string, baseUrl: string): string {
  return `<p>${escapeHtml(text)
    .replace(/(^|\s)#(\w+)/g, (_m, pre: string, tag: string) => `${pre}<a href="${baseUrl}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`)
    .replace(/(^|\s)@(\w+)/g, (_m, pre: string, user: string) => `${pre}<span class="h-card" translate="no"><a href="${baseUrl}/@${user}" class="u-url mention">@<span>${user}</span></a></span>`)}</p>`;
}
