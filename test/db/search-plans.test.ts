/**
 * Posts search picks a plan per query (db/queries/search.ts): the full-text index drives for a rare
 * text, a windowed walk of the time index for a common one, a link table's index for a product or
 * region without text. Every plan must return exactly what the plain definition says: the posts that
 * pass every filter, newest first by (published_at, id), paged by the keyset cursor. These tests build
 * posts with many equal timestamps (window edges fall inside ties) and compare each plan, page by page,
 * with that definition computed here in JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { textMatch } from '../../db/queries/search-text.js';
import { searchPosts, type PostSearch } from '../../db/queries/search.js';

interface Seeded {
  id: number;
  text: string;
  publishedAt: number;
  outage: boolean;
  sentiment: 'neg' | 'neu' | 'pos';
  products: string[];
  regions: string[];
}

const PRODUCTS = ['exchange-online', 'onedrive', 'teams'];
const REGIONS = ['EMEA', 'APAC', 'NA'];

interface SeedOptions {
  /** Post i's published_at (a rising one: ids follow time). */
  timeOf: (i: number) => number;
  /** Post i's id; default i + 1. */
  idOf?: (i: number) => number;
  /** Whether post i says "common"; default every 4th post. */
  common?: (i: number) => boolean;
}

async function seed(n: number, o: SeedOptions): Promise<{ opened: OpenedDb; posts: Seeded[] }> {
  const opened = await openDb(':memory:');
  await applyMigrations(opened.db);
  await opened.client.execute("INSERT INTO sources (name, kind) VALUES ('s', 'push')");
  const { timeOf, idOf = (i: number) => i + 1, common = (i: number) => i % 4 === 0 } = o;
  const times = Array.from({ length: n }, (_, i) => timeOf(i));
  const posts: Seeded[] = times.map((t, i) => ({
    id: idOf(i),
    text: `${common(i) ? 'common' : 'other'} words ${i % 7 === 0 ? 'radio silence' : 'chatter'} #${i}`,
    publishedAt: t,
    outage: i % 3 === 0,
    sentiment: (['neg', 'neu', 'pos'] as const)[i % 3 === 1 ? 0 : i % 5 === 0 ? 2 : 1],
    products: i % 2 ? [PRODUCTS[i % 3]!] : [PRODUCTS[i % 3]!, PRODUCTS[(i + 1) % 3]!],
    regions: i % 5 === 4 ? [] : [REGIONS[i % 3]!],
  }));
  const stmts = posts.flatMap((p) => [
    {
      sql: `INSERT INTO posts (id, source_id, external_id, text, content_hash, published_at, fetched_at, sentiment_score, sentiment_label, outage_score, outage, comms_complaint, churn, revenue, credit, analyzer_version)
            VALUES (?, 1, ?, ?, 'h', ?, 0, 0, ?, 0, ?, 0, 0, 0, 0, 't')`,
      args: [p.id, `e${p.id}`, p.text, p.publishedAt, p.sentiment, p.outage ? 1 : 0],
    },
    ...p.products.map((x) => ({ sql: 'INSERT INTO post_products (post_id, product, published_at) VALUES (?, ?, ?)', args: [p.id, x, p.publishedAt] })),
    ...p.regions.map((x) => ({ sql: 'INSERT INTO post_regions (post_id, region, published_at) VALUES (?, ?, ?)', args: [p.id, x, p.publishedAt] })),
  ]);
  await opened.client.batch(stmts, 'write');
  return { opened, posts };
}

/** The definition: every filter, newest first by (published_at, id), strictly older than the cursor. */
function expected(posts: Seeded[], s: PostSearch): number[] {
  const words = (s.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return posts
    .filter((p) => {
      const tokens = p.text.toLowerCase().split(/[^a-z0-9]+/);
      if (words.some((w, i) => !tokens.some((t) => (i === words.length - 1 ? t.startsWith(w) : t === w)))) return false;
      if (s.product && !p.products.includes(s.product)) return false;
      if (s.region && !p.regions.includes(s.region)) return false;
      if (s.sentiment && p.sentiment !== s.sentiment) return false;
      if (s.outage !== undefined && p.outage !== s.outage) return false;
      if (s.from !== undefined && p.publishedAt < s.from) return false;
      if (s.to !== undefined && p.publishedAt >= s.to) return false;
      if (s.before && !(p.publishedAt < s.before.publishedAt || (p.publishedAt === s.before.publishedAt && p.id < s.before.id))) return false;
      return true;
    })
    .sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id)
    .map((p) => p.id);
}

/** Pages through the search with the keyset cursor; returns all ids and the SQL it ran. */
async function pages(opened: OpenedDb, s: Omit<PostSearch, 'before'>, max = 1e9): Promise<{ ids: number[]; sql: string[]; pages: number[][] }> {
  const ran: string[] = [];
  const client = opened.client as unknown as { execute: (...a: unknown[]) => Promise<unknown> };
  const original = client.execute.bind(client);
  client.execute = (stmt: unknown, ...rest: unknown[]) => {
    ran.push(typeof stmt === 'string' ? stmt : (stmt as { sql: string }).sql);
    return original(stmt, ...rest);
  };
  try {
    const out: number[][] = [];
    let before: PostSearch['before'];
    while (out.length < max) {
      const hits = await searchPosts(opened.db, { ...s, ...(before ? { before } : {}) });
      if (hits.length === 0) break;
      out.push(hits.map((h) => h.id));
      const last = hits[hits.length - 1]!;
      before = { publishedAt: last.publishedAt, id: last.id };
      if (hits.length < s.limit) break;
    }
    return { ids: out.flat(), sql: ran, pages: out };
  } finally {
    client.execute = original;
  }
}

describe('the windowed walk for a text thousands of posts contain', () => {
  // 12,000 posts, three per millisecond (ties everywhere), ids following time; the newest 3,000 never
  // say "common", so the first window finds nothing and the walk must cross windows.
  let world: { opened: OpenedDb; posts: Seeded[] };
  beforeAll(async () => {
    world = await seed(12_000, { timeOf: (i) => 1_000_000 + Math.floor(i / 3), common: (i) => i % 4 === 0 && i < 9000 });
  }, 60_000);
  afterAll(() => world.opened.close());

  it('returns the same pages as the definition, across windows and cursor pages', async () => {
    for (const limit of [50, 200]) {
      const s = { q: 'common', limit };
      const got = await pages(world.opened, s, 6);
      // A window per page at least; for 50 the first window (2,048 posts) holds only quiet posts, so
      // the first page crosses into the next window.
      expect(got.sql.filter((q) => /rowid BETWEEN/.test(q)).length, 'walked in windows').toBeGreaterThanOrEqual(limit === 50 ? 7 : 6);
      expect(got.pages.map((p) => p.length)).toEqual([limit, limit, limit, limit, limit, limit]);
      expect(got.ids).toEqual(expected(world.posts, s).slice(0, 6 * limit));
    }
  });

  it('applies filters, a time range and the last word as a prefix inside the windows', async () => {
    for (const s of [
      { q: 'comm', outage: true, limit: 50 },
      { q: 'common words', product: 'onedrive', region: 'APAC', limit: 30 },
      { q: 'common', sentiment: 'neg' as const, from: 1_000_100, to: 1_003_500, limit: 40 },
    ]) {
      const got = await pages(world.opened, s, 5);
      expect(got.ids.length, JSON.stringify(s)).toBeGreaterThan(0);
      expect(got.ids, JSON.stringify(s)).toEqual(expected(world.posts, s).slice(0, got.ids.length));
      expect(got.pages.length === 5 || got.ids.length === expected(world.posts, s).length, JSON.stringify(s)).toBe(true);
    }
  });

  it('pages on to the oldest post', async () => {
    const s = { q: 'common', region: 'APAC', sentiment: 'neg' as const, limit: 100 };
    const got = await pages(world.opened, s);
    expect(got.pages.length).toBeGreaterThan(2);
    expect(got.ids).toEqual(expected(world.posts, s));
  });
});

describe('a window edge inside a run of equal timestamps', () => {
  it('neither repeats nor skips the posts of that millisecond', async () => {
    // 10,000 posts, three per millisecond, ids following time. A page of 50 walks a first window of
    // the 2,048 newest posts; the oldest of them is the newest of its millisecond's three. That whole
    // millisecond says "common", as does every 60th one (too few to fill the page in the first window)
    // and every post older than the newest 8,000.
    const n = 10_000;
    const edge = Math.floor((n - 2048) / 3);
    const ms = (i: number) => Math.floor(i / 3);
    const world = await seed(n, { timeOf: (i) => 1_000_000 + ms(i), common: (i) => i < n - 8000 || ms(i) % 60 === 0 || ms(i) === edge });
    try {
      const s = { q: 'common', limit: 50 };
      const got = await pages(world.opened, s, 3);
      expect(got.sql.filter((q) => /rowid BETWEEN/.test(q)).length).toBeGreaterThanOrEqual(2);
      expect(got.ids).toEqual(expected(world.posts, s).slice(0, 150));
    } finally {
      world.opened.close();
    }
  }, 60_000);
});

describe('the walk where ids do not follow time', () => {
  it('falls back to one query over the match set, with the same pages', async () => {
    // Ids scattered over time (as after backfills): a window's ids span nearly all ids.
    const world = await seed(9000, { timeOf: (i) => 1_000_000 + Math.floor(((i * 7919) % 9000) / 2), idOf: (i) => 13 * i + 1 });
    try {
      const s = { q: 'common', limit: 50 };
      const got = await pages(world.opened, s, 4);
      expect(got.sql.some((q) => /rowid BETWEEN/.test(q))).toBe(false);
      expect(got.ids).toEqual(expected(world.posts, s).slice(0, 200));
    } finally {
      world.opened.close();
    }
  }, 60_000);
});

describe('a product or region filter without text', () => {
  let world: { opened: OpenedDb; posts: Seeded[] };
  beforeAll(async () => {
    // Ids against time and ties: the link index order must still be (published_at, id) of the post.
    world = await seed(900, { timeOf: (i) => 5_000 - Math.floor(i / 4) });
  }, 60_000);
  afterAll(() => world.opened.close());

  it('walks the link index and pages exactly as the definition', async () => {
    for (const s of [
      { product: 'onedrive', limit: 7 },
      { product: 'teams', region: 'APAC', limit: 5 },
      { product: 'exchange-online', region: 'EMEA', outage: true, limit: 6 },
      { region: 'APAC', sentiment: 'neg' as const, limit: 9 },
      { product: 'exchange-online', from: 4_900, to: 4_950, limit: 4 },
    ]) {
      const got = await pages(world.opened, s);
      expect(got.ids, JSON.stringify(s)).toEqual(expected(world.posts, s));
      expect(got.ids.length, JSON.stringify(s)).toBeGreaterThan(s.limit);
      expect(got.sql.some((q) => /from "post_(products|regions)" inner join "posts"/.test(q)), JSON.stringify(s)).toBe(true);
    }
  });
});

describe('the last word as a prefix', () => {
  it('is spelled out as the index terms it stands for, or stays a prefix when there are many', async () => {
    const opened = await openDb(':memory:');
    try {
      await applyMigrations(opened.db);
      await opened.client.execute("INSERT INTO sources (name, kind) VALUES ('s', 'push')");
      const texts = ['service credit please', 'credits owed', 'incredible', 'cred', ...Array.from({ length: 12 }, (_, i) => `zeta${i} down`)];
      await opened.client.batch(
        texts.map((t, i) => ({
          sql: `INSERT INTO posts (source_id, external_id, text, content_hash, published_at, fetched_at, sentiment_score, sentiment_label, outage_score, outage, comms_complaint, churn, revenue, credit, analyzer_version)
                VALUES (1, ?, ?, 'h', ?, 0, 0, 'neu', 0, 0, 0, 0, 0, 0, 't')`,
          args: [`p${i}`, t, i],
        })),
        'write',
      );
      const match = async (q: string) => (await textMatch(opened.db, q, 100))?.match ?? null;
      expect(await textMatch(opened.db, 'Service CRED', 100)).toEqual({ match: '"Service" AND ("cred" OR "credit" OR "credits")', count: 1 });
      expect(await textMatch(opened.db, 'cred', 100)).toEqual({ match: '("cred" OR "credit" OR "credits")', count: 3 });
      expect(await textMatch(opened.db, 'down', 5)).toEqual({ match: '"down"', count: 5 });
      // Twelve longer terms: left to FTS5 as a prefix. Non-ASCII or punctuated words too.
      expect(await textMatch(opened.db, 'zeta', 100)).toEqual({ match: '"zeta"*', count: 12 });
      expect(await match('zürich')).toBe('"zürich"*');
      expect(await match('50%')).toBe('"50%"*');
      expect(await match('% --')).toBeNull();
      const texts_ = async (q: string) => (await searchPosts(opened.db, { q, limit: 50 })).map((p) => p.text);
      expect(await texts_('cred')).toEqual(['cred', 'credits owed', 'service credit please']);
      expect(await texts_('zeta')).toHaveLength(12);
      expect(await texts_('zeta1')).toEqual(['zeta11 down', 'zeta10 down', 'zeta1 down']);
    } finally {
      opened.close();
    }
  });
});
