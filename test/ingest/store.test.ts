/** Idempotent, atomic storage of ingest batches: posts, links, rollups, official updates. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { storeBatch, type StoreContext } from '../../ingest/store.js';
import { rebuildRollups } from '../../db/queries/rollups.js';
import type { RawPost } from '../../ingest/types.js';
import { blogWorld, expectRollupsMatchPosts, recountRollups, storedRollups, type TempDb } from './store-db.js';

let t: TempDb;
let ctx: StoreContext;
let source: { id: number; kind: string; demo: boolean };
const T0 = Date.UTC(2013, 10, 8, 14, 0);

const post = (id: string, text: string, minutes = 0, title?: string): RawPost => ({
  externalId: id,
  text,
  publishedAt: T0 + minutes * 60_000,
  ...(title ? { title } : {}),
});

beforeEach(async () => {
  ({ t, ctx, source } = await blogWorld());
});
afterEach(() => t.dispose());

const count = async (table: string) => Number((await t.db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)))[0]!.n);

describe('storeBatch', () => {
  it('counts a re-delivered post once, in posts and in rollups', async () => {
    const batch = [
      post('a', 'Exchange Online is down in Europe, no mail since 9am. Status page still green!'),
      post('b', 'Outlook works fine for us in Chicago', 3),
      post('c', 'lovely weather today', 12),
    ];
    const first = await storeBatch(t.db, ctx, { source, posts: batch, now: T0 });
    expect(first).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    const rollupsAfterFirst = await storedRollups(t.db);
    const second = await storeBatch(t.db, ctx, { source, posts: [...batch, batch[0]!], now: T0 + 1000 });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await count('posts')).toBe(3);
    expect(await storedRollups(t.db)).toEqual(rollupsAfterFirst);
    await expectRollupsMatchPosts(t.db);
    // the totals cell of the first 5-minute bucket counts both posts in it; the hour holds all three
    const total = await t.db.all<{ s: number; posts: number }>(
      sql`SELECT bucket_seconds AS s, posts FROM rollups WHERE product = '*' AND region = '*' AND bucket_start = ${T0} ORDER BY 1`,
    );
    expect(total).toEqual([{ s: 300, posts: 2 }, { s: 3600, posts: 3 }]);
  });

  it('re-analyses an edited post and moves its counts', async () => {
    await storeBatch(t.db, ctx, { source, posts: [post('a', 'Great quarter, SharePoint migration went well in Tokyo')], now: T0 });
    const before = (await t.db.all<Record<string, unknown>>(sql`SELECT * FROM posts WHERE external_id = 'a'`))[0]!;
    expect(before['outage']).toBe(0);
    const r = await storeBatch(t.db, ctx, {
      source,
      posts: [post('a', 'Exchange Online outage: mail down across Europe for 3 hours and no update from Microsoft, we are switching to Google', 7)],
      now: T0 + 60_000,
    });
    expect(r).toMatchObject({ inserted: 0, updated: 1 });
    const after = (await t.db.all<Record<string, unknown>>(sql`SELECT * FROM posts WHERE external_id = 'a'`))[0]!;
    expect(after['id']).toBe(before['id']);
    expect(after['outage']).toBe(1);
    expect(after['content_hash']).not.toBe(before['content_hash']);
    const products = await t.db.all<{ product: string; published_at: number }>(sql`SELECT product, published_at FROM post_products`);
    expect(products).toEqual([{ product: 'exchange-online', published_at: T0 + 7 * 60_000 }]);
    const regions = await t.db.all<{ region: string }>(sql`SELECT region FROM post_regions`);
    expect(regions.map((x) => x.region)).toEqual(['EMEA']);
    await expectRollupsMatchPosts(t.db);
    // the old bucket (14:00) no longer holds the post; the new one (14:05) does; no cell is left at zero
    const cells = await t.db.all<{ bucket_start: number }>(sql`SELECT DISTINCT bucket_start FROM rollups WHERE bucket_seconds = 300`);
    expect(cells.map((c) => c.bucket_start)).toEqual([T0 + 5 * 60_000]);
    expect(await count('rollups WHERE posts = 0')).toBe(0);
  });

  it('keeps incremental rollups equal to a rebuild from posts after many mixed batches', async () => {
    const texts = [
      'Exchange Online down again in Europe, mail stuck',
      'Lync outage in Dallas, cannot sign in, no word from Microsoft',
      'SharePoint is fine today',
      'we are cancelling our Office 365 subscription, lost sales all morning',
      'please give us a service credit for this outage',
      'OneDrive sync works great in Sydney',
      'nothing to see here',
    ];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let b = 0; b < 12; b++) {
      const batch: RawPost[] = [];
      for (let i = 0; i < 40; i++) {
        const id = String(Math.floor(rnd() * 150));
        batch.push(post(id, texts[Math.floor(rnd() * texts.length)]! + ` #${Math.floor(rnd() * 3)}`, Math.floor(rnd() * 120)));
      }
      await storeBatch(t.db, ctx, { source, posts: batch, now: T0 + b });
    }
    const incremental = await storedRollups(t.db);
    expect(incremental.length).toBeGreaterThan(20);
    expect(incremental).toEqual(await recountRollups(t.db));
    await expectRollupsMatchPosts(t.db);
    const grains = async () => Promise.all([300, 3600, 86400].map((g) => storedRollups(t.db, g)));
    const before = await grains();
    await rebuildRollups(t.db);
    expect(await grains()).toEqual(before);
  });

  it('stores nothing of a batch whose state update fails (posts and cursor commit together)', async () => {
    const bad = t.db.run(sql`UPDATE sources SET no_such_column = 1`);
    await expect(
      storeBatch(t.db, ctx, { source, posts: [post('a', 'Exchange down'), post('b', 'Lync down')], now: T0, also: [bad] }),
    ).rejects.toThrow();
    expect(await count('posts')).toBe(0);
    expect(await count('rollups')).toBe(0);
  });

  it('skips posts without text and ignores a post that disappears from the feed', async () => {
    await storeBatch(t.db, ctx, { source, posts: [post('a', 'Exchange down'), post('b', 'Lync down')], now: T0 });
    const r = await storeBatch(t.db, ctx, { source, posts: [post('a', 'Exchange down'), post('c', '   ')], now: T0 + 1 });
    expect(r).toMatchObject({ inserted: 0, unchanged: 1, skipped: 1 });
    expect(await count('posts')).toBe(2);
  });

  it('stores official updates once, with components mapped to products case-insensitively', async () => {
    const update = {
      incidentId: 'inc1',
      updateId: 'u1',
      status: 'investigating',
      components: ['MAIL FLOW'],
      title: 'Mail delivery delays',
      body: 'We are investigating delays in mail delivery for customers in North America.',
      postedAt: T0,
    };
    await storeBatch(t.db, ctx, { source, posts: [], officialUpdates: [update], now: T0 });
    await storeBatch(t.db, ctx, { source, posts: [], officialUpdates: [update, { ...update, updateId: 'u2', status: 'resolved', postedAt: T0 + 1 }], now: T0 + 2 });
    const rows = await t.db.all<{ update_ref: string; products: string; regions: string }>(sql`SELECT update_ref, products, regions FROM official_updates ORDER BY update_ref`);
    expect(rows.map((r) => r.update_ref)).toEqual(['u1', 'u2']);
    expect(JSON.parse(rows[0]!.products)).toEqual(['exchange-online']);
    expect(JSON.parse(rows[0]!.regions)).toEqual(['NA']);
  });
});
