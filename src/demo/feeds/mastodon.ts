/**
 * The demo social timeline as Mastodon serves it: `GET /api/v1/timelines/tag/<tag>` → an array of
 * statuses, newest first, with `limit` (20, max 40), `max_id`, `since_id`, `min_id` and a `Link`
 * header (`rel="next"` = older via max_id, `rel="prev"` = newer via min_id).
 */
import type { DemoPost } from '../generate.js';
import { iso, json, mastodonHtml, upTo, type DemoIndex, type FeedResponse } from './common.js';

function accountJson(ix: DemoIndex, acct: string) {
  const base = ix.baseUrl;
  return {
    id: String(ix.userIds.get(acct) ?? 1),
    username: acct,
    acct,
    display_name: acct,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: '2012-06-01T00:00:00.000Z',
    note: '<p>[DEMO] generated account for the Barometer demo.</p>',
    url: `${base}/@${acct}`,
    avatar: `${base}/avatars/original/missing.png`,
    avatar_static: `${base}/avatars/original/missing.png`,
    header: `${base}/headers/original/missing.png`,
    header_static: `${base}/headers/original/missing.png`,
    followers_count: 12,
    following_count: 40,
    statuses_count: 100,
    last_status_at: null,
    emojis: [],
    fields: [],
  };
}

function statusJson(ix: DemoIndex, p: DemoPost) {
  const base = ix.baseUrl;
  const tags = [...new Set([...p.text.matchAll(/(?:^|\s)#(\w+)/g)].map((m) => m[1]!.toLowerCase()))];
  const mentions = [...new Set([...p.text.matchAll(/(?:^|\s)@(\w+)/g)].map((m) => m[1]!))];
  return {
    id: p.externalId,
    created_at: iso(p.publishedAt),
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'en',
    uri: `${base}/users/${p.author}/statuses/${p.externalId}`,
    url: `${base}/@${p.author}/${p.externalId}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: null,
    content: mastodonHtml(p.text, base),
    reblog: null,
    application: { name: '[DEMO] Barometer replay', website: null },
    account: accountJson(ix, p.author),
    media_attachments: [],
    mentions: mentions.map((u) => ({ id: String(ix.userIds.get(u) ?? 1), username: u, url: `${base}/@${u}`, acct: u })),
    tags: tags.map((name) => ({ name, url: `${base}/tags/${name}` })),
    emojis: [],
    card: null,
    poll: null,
  };
}

function parseId(raw: string | null): bigint | null | 'bad' {
  if (raw === null || raw === '') return null;
  return /^\d{1,20}$/.test(raw) ? BigInt(raw) : 'bad';
}

export function tagTimeline(ix: DemoIndex, tag: string, params: URLSearchParams, asOf: number): FeedResponse {
  const limitRaw = Number(params.get('limit') ?? '20');
  const limit = Number.isFinite(limitRaw) && limitRaw > 0 ? Math.min(40, Math.floor(limitRaw)) : 20;
  const maxId = parseId(params.get('max_id'));
  const sinceId = parseId(params.get('since_id'));
  const minId = parseId(params.get('min_id'));
  if (maxId === 'bad' || sinceId === 'bad' || minId === 'bad') return json({ error: 'Invalid id' }, 422);

  const wanted = tag.toLowerCase();
  const all = wanted === ix.dataset.socialTag ? upTo(ix.social, asOf) : [];
  // `all` is oldest first and ids grow with time.
  // Index of the first status whose id is above `bound` (or at/above it when `inclusive`).
  const cut = (bound: bigint, inclusive: boolean) => {
    let a = 0;
    let b = all.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      const v = BigInt(all[mid]!.externalId);
      if (v < bound || (!inclusive && v === bound)) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const lowerBound = minId ?? sinceId;
  const lo = lowerBound === null ? 0 : cut(lowerBound, false);
  const hi = Math.max(lo, maxId === null ? all.length : cut(maxId, true));
  // min_id pages forward from the cut (oldest adjacent); otherwise take the newest.
  const window = minId !== null ? all.slice(lo, Math.min(hi, lo + limit)) : all.slice(Math.max(lo, hi - limit), hi);
  const statuses = window.reverse().map((p) => statusJson(ix, p));

  const headers: Record<string, string> = {};
  if (statuses.length) {
    const self = `${ix.baseUrl}/api/v1/timelines/tag/${encodeURIComponent(wanted)}`;
    const q = params.get('limit') ? `limit=${limit}&` : '';
    headers.Link = `<${self}?${q}max_id=${statuses[statuses.length - 1]!.id}>; rel="next", <${self}?${q}min_id=${statuses[0]!.id}>; rel="prev"`;
  }
  return json(statuses, 200, headers);
}
