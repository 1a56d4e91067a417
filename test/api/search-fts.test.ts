/**
 * Posts search through the posts_fts full-text index (migration 0002_posts_fts): word and prefix
 * matching, user text that is never an FTS5 operator, an index that follows inserts, edits and
 * deletes, cursor pages, and the backfill of posts stored before the migration.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { openDb } from '../../db/client.js';
import { applyMigrations, migrationsFolder } from '../../db/migrate.js';
import { ftsQuery, searchPosts } from '../../db/queries/search.js';
import { MIN, T, createApiWorld, type ApiWorld } from './world.js';

let w: ApiWorld;
beforeAll(async () => {
  w = await createApiWorld();
  await w.store(
    [
      { externalId: 'f1', text: 'Exchange Online outage in Zürich, mail stuck', publishedAt: T },
      { externalId: 'f2', title: 'Teams ist kaputt', text: 'Nothing loads since noon', publishedAt: T + MIN },
      { externalId: 'f3', text: 'Outages again? 50% of our mailboxes are gone', publishedAt: T + 2 * MIN },
      { externalId: 'f4', text: 'Paying for a service credit after this outage', publishedAt: T + 3 * MIN },
      { externalId: 'f5', text: 'Weather is nice today', publishedAt: T + 4 * MIN },
    ],
    T + 5 * MIN,
  );
}, 60_000);
afterAll(() => w.close());

const ids = async (q: string, limit = 50) => (await searchPosts(w.db, { q, limit })).map((p) => p.text);

describe('posts search through posts_fts', () => {
  it('matches words case- and accent-insensitively, in title or text, the last word as a prefix', async () => {
    expect(await ids('zurich')).toEqual(['Exchange Online outage in Zürich, mail stuck']);
    expect(await ids('KAPUTT')).toEqual(['Nothing loads since noon']);
    // "outag" is a prefix of outage and outages; newest first.
    expect(await ids('outag')).toEqual([
      'Paying for a service credit after this outage',
      'Outages again? 50% of our mailboxes are gone',
      'Exchange Online outage in Zürich, mail stuck',
    ]);
    // Every word must occur; only the last one is a prefix.
    expect(await ids('outag mail')).toEqual([]);
    expect(await ids('outage mail')).toEqual(['Exchange Online outage in Zürich, mail stuck']);
    expect(await ids('service cred')).toEqual(['Paying for a service credit after this outage']);
    expect(await ids('nomatchword')).toEqual([]);
  });

  it('quotes user words, so FTS5 operators and metacharacters are plain text', async () => {
    expect(ftsQuery('a "b" OR c*')).toBe('"a" """b""" "OR" "c*"*');
    expect(ftsQuery('% _ -- *')).toBeNull();
    for (const q of ['outage OR weather', 'NOT outage', 'outage NEAR(mail)', 'text:weather', '^weather', '"weather', 'weather"', '(', '*', 'outage AND', '{title}: x', "'; DROP TABLE posts; --"]) {
      const r = await w.get(`/api/v1/posts?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      const body = (await r.json()) as { posts: { text: string }[] };
      // "OR" and "AND" are words no post here contains, so nothing matches; never "anything".
      expect(body.posts.length, q).toBeLessThanOrEqual(1);
    }
    // 'text:weather' is the words text + weather, not a column filter.
    expect(await ids('text:weather')).toEqual([]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('50%')).toEqual(['Outages again? 50% of our mailboxes are gone']);
  });

  it('follows edits and deletes of posts', async () => {
    await w.store([{ externalId: 'f5', text: 'Weather turned into a blizzard', publishedAt: T + 4 * MIN }], T + 6 * MIN);
    expect(await ids('nice today')).toEqual([]);
    expect(await ids('blizzard')).toEqual(['Weather turned into a blizzard']);
    const [hit] = await searchPosts(w.db, { q: 'blizzard', limit: 1 });
    await w.opened.client.batch(['DELETE FROM post_products WHERE post_id = ?', 'DELETE FROM post_regions WHERE post_id = ?', 'DELETE FROM posts WHERE id = ?'].map((sql) => ({ sql, args: [hit!.id] })));
    expect(await ids('blizzard')).toEqual([]);
    expect(await ids('weather')).toEqual([]);
    await w.opened.client.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)");
  });

  it('pages a text search with the keyset cursor without repeating or skipping', async () => {
    const all = await searchPosts(w.db, { q: 'outag', limit: 50 });
    const seen: number[] = [];
    let before: { publishedAt: number; id: number } | undefined;
    for (;;) {
      const page = await searchPosts(w.db, { q: 'outag', limit: 2, ...(before ? { before } : {}) });
      if (page.length === 0) break;
      seen.push(...page.map((p) => p.id));
      const last = page[page.length - 1]!;
      before = { publishedAt: last.publishedAt, id: last.id };
    }
    expect(seen).toEqual(all.map((p) => p.id));
    expect(seen).toHaveLength(3);
  });
});

describe('a word thousands of posts contain', () => {
  it('walks posts newest first instead of sorting every match, with the same pages', async () => {
    const opened = await openDb(':memory:');
    try {
      await applyMigrations(opened.db);
      await opened.client.execute("INSERT INTO sources (name, kind) VALUES ('s', 'push')");
      const insert = `INSERT INTO posts (source_id, external_id, text, content_hash, published_at, fetched_at, sentiment_score, sentiment_label, outage_score, outage, comms_complaint, churn, revenue, credit, analyzer_version)
        VALUES (1, ?, ?, 'h', ?, 0, 0, 'neu', 0, ?, 0, 0, 0, 0, 't')`;
      // 3,000 posts say "common" (over the 2,000 where the index stops driving); ids run against time.
      const stmts = Array.from({ length: 3000 }, (_, i) => ({ sql: insert, args: [`c${i}`, i % 2 ? 'common words' : 'common outage words', 10_000 - i, i % 2 ? 0 : 1] }));
      await opened.client.batch(stmts, 'write');
      const plan = await opened.client.execute({ sql: `EXPLAIN QUERY PLAN SELECT id FROM posts WHERE +id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?) ORDER BY published_at DESC, id DESC LIMIT 50`, args: ['"common"*'] });
      expect(plan.rows.map((r) => String(r.detail)).join(' | ')).toMatch(/posts_published_idx/);
      const seen: number[] = [];
      let before: { publishedAt: number; id: number } | undefined;
      for (let page = 0; page < 5; page++) {
        const hits = await searchPosts(opened.db, { q: 'common', outage: true, limit: 100, ...(before ? { before } : {}) });
        expect(hits).toHaveLength(100);
        seen.push(...hits.map((h) => h.publishedAt));
        before = { publishedAt: hits[99]!.publishedAt, id: hits[99]!.id };
      }
      expect(seen).toEqual(Array.from({ length: 500 }, (_, i) => 10_000 - 2 * i));
    } finally {
      opened.close();
    }
  });
});

describe('migration 0002_posts_fts', () => {
  it('backfills posts stored before it, then keeps new ones in step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fts-mig-'));
    try {
      // The migrations as they were before 0002: only the first two journal entries.
      const old = join(dir, 'migrations');
      cpSync(migrationsFolder, old, { recursive: true });
      const journalPath = join(old, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const newest = journal.entries.at(-1)!.tag;
      journal.entries = journal.entries.filter((e) => e.tag < '0002');
      writeFileSync(journalPath, JSON.stringify(journal));
      const opened = await openDb(`file:${join(dir, 'db.sqlite')}`);
      try {
        await migrate(opened.db as unknown as LibSQLDatabase, { migrationsFolder: old });
        await opened.client.execute("INSERT INTO sources (name, kind) VALUES ('s', 'push')");
        const insert = `INSERT INTO posts (source_id, external_id, title, text, content_hash, published_at, fetched_at, sentiment_score, sentiment_label, outage_score, outage, comms_complaint, churn, revenue, credit, analyzer_version)
          VALUES (1, ?, ?, ?, 'h', ?, 0, 0, 'neu', 0, 0, 0, 0, 0, 0, 't')`;
        await opened.client.execute({ sql: insert, args: ['old1', 'Older outage', 'stored before the index', 1] });
        await opened.client.execute({ sql: insert, args: ['old2', null, 'another older one', 2] });

        const status = await applyMigrations(opened.db);
        expect(status.version).toBe(newest);
        expect((await searchPosts(opened.db, { q: 'older', limit: 10 })).map((p) => p.publishedAt)).toEqual([2, 1]);
        expect((await searchPosts(opened.db, { q: 'index', limit: 10 })).map((p) => p.publishedAt)).toEqual([1]);

        await opened.client.execute({ sql: insert, args: ['new1', 'Newer', 'stored after the index', 3] });
        expect((await searchPosts(opened.db, { q: 'index', limit: 10 })).map((p) => p.publishedAt)).toEqual([3, 1]);
        // Re-applying is a no-op: nothing duplicated.
        await applyMigrations(opened.db);
        expect((await searchPosts(opened.db, { q: 'stored', limit: 10 })).map((p) => p.publishedAt)).toEqual([3, 1]);
      } finally {
        opened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
