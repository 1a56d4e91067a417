/**
 * The demo forum as Discourse serves it: `/latest.json` (topic_list, 30 a page, `more_topics_url`),
 * `/t/<id>.json` (post_stream, 20 posts a chunk, `?page=N`), `/t/<id>/posts.json?post_ids[]=…`
 * and `/posts.json` (latest_posts, 50 at a time, `?before=<post id>`).
 */
import type { DemoPost, DemoTopic } from '../generate.js';
import { discourseHtml, iso, json, notFound, upTo, type DemoIndex, type FeedResponse } from './common.js';

const TOPICS_PER_PAGE = 30;
const CHUNK = 20;
const LATEST_POSTS = 50;
const CATEGORY_NAMES: Record<number, string> = { 5: '[DEMO] General', 6: '[DEMO] Service issues' };

const avatar = (u: string) => `/user_avatar/demo/${u}/{size}/1_2.png`;

function user(ix: DemoIndex, username: string) {
  return { id: ix.userIds.get(username) ?? 1, username, name: '', avatar_template: avatar(username), trust_level: 1 };
}

function postJson(ix: DemoIndex, p: DemoPost, topic: DemoTopic, postNumber: number) {
  const uid = ix.userIds.get(p.author) ?? 1;
  return {
    id: Number(p.externalId),
    name: '',
    username: p.author,
    avatar_template: avatar(p.author),
    created_at: iso(p.publishedAt),
    cooked: discourseHtml(p.text),
    post_number: postNumber,
    post_type: 1,
    updated_at: iso(p.publishedAt),
    reply_count: 0,
    reply_to_post_number: null,
    quote_count: 0,
    incoming_link_count: 0,
    reads: 3 + (postNumber % 17),
    score: 0.2,
    yours: false,
    topic_id: topic.id,
    topic_slug: topic.slug,
    display_username: '',
    primary_group_name: null,
    version: 1,
    can_edit: false,
    can_delete: false,
    can_recover: false,
    read: true,
    user_title: null,
    actions_summary: [],
    moderator: false,
    admin: false,
    staff: false,
    user_id: uid,
    hidden: false,
    trust_level: 1,
    deleted_at: null,
    user_deleted: false,
    edit_reason: null,
    can_view_edit_history: true,
    wiki: false,
  };
}

interface TopicState { topic: DemoTopic; posts: DemoPost[] }

function visibleTopics(ix: DemoIndex, asOf: number): TopicState[] {
  const out: TopicState[] = [];
  for (const { topic, posts } of ix.topics.values()) {
    if (topic.createdAt > asOf) continue;
    const visible = upTo(posts, asOf);
    if (visible.length) out.push({ topic, posts: visible });
  }
  return out.sort((a, b) => b.posts[b.posts.length - 1]!.publishedAt - a.posts[a.posts.length - 1]!.publishedAt || b.topic.id - a.topic.id);
}

function topicSummary(ix: DemoIndex, { topic, posts }: TopicState) {
  const last = posts[posts.length - 1]!;
  const posters = [...new Set([topic.author, ...posts.slice(-4).map((p) => p.author)])].slice(0, 5);
  return {
    id: topic.id,
    title: topic.title,
    fancy_title: topic.title,
    slug: topic.slug,
    posts_count: posts.length,
    reply_count: posts.length - 1,
    highest_post_number: posts.length,
    image_url: null,
    created_at: iso(topic.createdAt),
    last_posted_at: iso(last.publishedAt),
    bumped: true,
    bumped_at: iso(last.publishedAt),
    archetype: 'regular',
    unseen: false,
    pinned: false,
    unpinned: null,
    visible: true,
    closed: false,
    archived: false,
    bookmarked: null,
    liked: null,
    views: posts.length * 9 + 3,
    like_count: 0,
    has_summary: false,
    last_poster_username: last.author,
    category_id: topic.categoryId,
    pinned_globally: false,
    featured_link: null,
    posters: posters.map((u, i) => ({ extras: i === 0 ? 'latest' : null, description: i === 0 ? 'Original Poster' : 'Frequent Poster', user_id: ix.userIds.get(u) ?? 1, primary_group_id: null })),
  };
}

export function latest(ix: DemoIndex, params: URLSearchParams, asOf: number): FeedResponse {
  const n = Number(params.get('page') ?? '0');
  if (!Number.isInteger(n) || n < 0) return json({ errors: ['page must be a non-negative integer'], error_type: 'invalid_parameters' }, 400);
  const all = visibleTopics(ix, asOf);
  const slice = all.slice(n * TOPICS_PER_PAGE, (n + 1) * TOPICS_PER_PAGE);
  const usernames = new Set<string>();
  for (const t of slice) for (const p of t.posts.slice(-4)) usernames.add(p.author);
  const more = (n + 1) * TOPICS_PER_PAGE < all.length;
  return json({
    users: [...usernames].map((u) => user(ix, u)),
    primary_groups: [],
    topic_list: {
      can_create_topic: false,
      ...(more ? { more_topics_url: `/latest?no_definitions=true&page=${n + 1}` } : {}),
      per_page: TOPICS_PER_PAGE,
      topics: slice.map((t) => topicSummary(ix, t)),
    },
  });
}

function findTopic(ix: DemoIndex, id: number, asOf: number): TopicState | null {
  const entry = ix.topics.get(id);
  if (!entry || entry.topic.createdAt > asOf) return null;
  const posts = upTo(entry.posts, asOf);
  return posts.length ? { topic: entry.topic, posts } : null;
}

export function topic(ix: DemoIndex, id: number, params: URLSearchParams, asOf: number): FeedResponse {
  const state = findTopic(ix, id, asOf);
  if (!state) return notFound('The requested URL or resource could not be found.');
  const n = Number(params.get('page') ?? '1');
  if (!Number.isInteger(n) || n < 1) return json({ errors: ['page must be a positive integer'], error_type: 'invalid_parameters' }, 400);
  const start = (n - 1) * CHUNK;
  if (start >= state.posts.length && n > 1) return notFound('The requested URL or resource could not be found.');
  const { topic: t, posts } = state;
  const summary = topicSummary(ix, state);
  const participants = [...new Set(posts.map((p) => p.author))].slice(0, 24);
  return json({
    post_stream: {
      posts: posts.slice(start, start + CHUNK).map((p, i) => postJson(ix, p, t, start + i + 1)),
      stream: posts.map((p) => Number(p.externalId)),
    },
    timeline_lookup: [[1, 0]],
    tags: [],
    id: t.id,
    title: t.title,
    fancy_title: t.title,
    posts_count: posts.length,
    created_at: summary.created_at,
    views: summary.views,
    reply_count: posts.length - 1,
    like_count: 0,
    last_posted_at: summary.last_posted_at,
    visible: true,
    closed: false,
    archived: false,
    has_summary: false,
    archetype: 'regular',
    slug: t.slug,
    category_id: t.categoryId,
    category_name: CATEGORY_NAMES[t.categoryId] ?? '[DEMO]',
    word_count: posts.reduce((s, p) => s + p.text.split(/\s+/).length, 0),
    deleted_at: null,
    user_id: ix.userIds.get(t.author) ?? 1,
    featured_link: null,
    pinned_globally: false,
    pinned_at: null,
    pinned_until: null,
    draft: null,
    draft_key: `topic_${t.id}`,
    draft_sequence: 0,
    unpinned: null,
    pinned: false,
    current_post_number: start + 1,
    highest_post_number: posts.length,
    deleted_by: null,
    actions_summary: [],
    chunk_size: CHUNK,
    bookmarked: false,
    details: {
      created_by: user(ix, t.author),
      last_poster: user(ix, posts[posts.length - 1]!.author),
      participants: participants.map((u) => ({ ...user(ix, u), post_count: posts.filter((p) => p.author === u).length })),
      notification_level: 1,
    },
  });
}

/** `/t/<id>/posts.json?post_ids[]=…`: the posts of a topic that a client loads beyond the first chunk. */
export function topicPosts(ix: DemoIndex, id: number, params: URLSearchParams, asOf: number): FeedResponse {
  const state = findTopic(ix, id, asOf);
  if (!state) return notFound('The requested URL or resource could not be found.');
  const wanted = new Set([...params.getAll('post_ids[]'), ...params.getAll('post_ids')].map(Number));
  const posts = state.posts.map((p, i) => [p, i + 1] as const).filter(([p]) => wanted.has(Number(p.externalId)));
  return json({ post_stream: { posts: posts.map(([p, num]) => postJson(ix, p, state.topic, num)) }, id: state.topic.id });
}

export function latestPosts(ix: DemoIndex, params: URLSearchParams, asOf: number): FeedResponse {
  const beforeRaw = params.get('before');
  const before = beforeRaw === null ? Infinity : Number(beforeRaw);
  if (Number.isNaN(before)) return json({ errors: ['before must be a post id'], error_type: 'invalid_parameters' }, 400);
  const visible = upTo(ix.forumPosts, asOf);
  const out: DemoPost[] = [];
  for (let i = visible.length - 1; i >= 0 && out.length < LATEST_POSTS; i--) {
    const p = visible[i]!;
    if (Number(p.externalId) < before) out.push(p);
  }
  const numbers = new Map<string, number>();
  for (const p of out) {
    const state = ix.topics.get(Number(p.threadId));
    if (state) numbers.set(p.externalId, state.posts.indexOf(p) + 1);
  }
  return json({
    latest_posts: out.map((p) => {
      const t = ix.topics.get(Number(p.threadId))!.topic;
      return {
        ...postJson(ix, p, t, numbers.get(p.externalId) ?? 1),
        topic_title: t.title,
        topic_html_title: t.title,
        category_id: t.categoryId,
        raw: p.text,
        excerpt: p.text.slice(0, 140),
      };
    }),
  });
}
