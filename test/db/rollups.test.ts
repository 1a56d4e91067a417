/** Rollups at three grains (5 min, 1 h, 1 day): which rows a read uses, and that every grain stays exact. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { breakdown } from '../../db/queries/breakdown.js';
import { migrationsFolder } from '../../db/migrate.js';
import { rebuildRollups } from '../../db/queries/rollups.js';
import { rollupSegments, trendSeries } from '../../db/queries/trends.js';
import { storeBatch, type StoreContext } from '../../ingest/store.js';
import type { RawPost } from '../../ingest/types.js';
import { blogWorld, expectRollupsMatchPosts, type TempDb } from '../ingest/store-db.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2026, 2, 9);
const at = (iso: string) => Date.parse(iso);
const seg = (grainSeconds: number, from: string, to: string) => ({ grainSeconds, from: at(from), to: at(to) });

describe('rollupSegments', () => {
  it('reads a week of hours from hour rows only', () => {
    const from = at('2026-03-02T05:00:00Z');
    expect(rollupSegments(from, from + 7 * DAY, 300, HOUR)).toEqual([{ grainSeconds: 3600, from, to: from + 7 * DAY }]);
  });

  it('reads whole days from day rows, the hours and minutes at the edges from finer rows', () => {
    expect(rollupSegments(at('2026-03-09T22:10:00Z'), at('2026-03-12T01:35:00Z'), 300)).toEqual([
      seg(300, '2026-03-09T22:10:00Z', '2026-03-09T23:00:00Z'),
      seg(3600, '2026-03-09T23:00:00Z', '2026-03-10T00:00:00Z'),
      seg(86400, '2026-03-10T00:00:00Z', '2026-03-12T00:00:00Z'),
      seg(3600, '2026-03-12T00:00:00Z', '2026-03-12T01:00:00Z'),
      seg(300, '2026-03-12T01:00:00Z', '2026-03-12T01:35:00Z'),
    ]);
  });

  it('never uses a grain coarser than the output bucket', () => {
    expect(rollupSegments(at('2026-03-09T00:00:00Z'), at('2026-03-12T00:00:00Z'), 300, HOUR)).toEqual([seg(3600, '2026-03-09T00:00:00Z', '2026-03-12T00:00:00Z')]);
    expect(rollupSegments(at('2026-03-09T00:00:00Z'), at('2026-03-10T00:00:00Z'), 300, 5 * MIN)).toEqual([seg(300, '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z')]);
  });

  it('counts the 5-minute cells starting in the range, like a read of 5-minute rows', () => {
    // 10:07 → the first cell starting at or after it is 10:10; 10:58 → the last is 10:55
    expect(rollupSegments(at('2026-03-09T10:07:00Z'), at('2026-03-09T10:58:00Z'), 300)).toEqual([seg(300, '2026-03-09T10:10:00Z', '2026-03-09T11:00:00Z')]);
    expect(rollupSegments(at('2026-03-09T10:07:00Z'), at('2026-03-09T10:09:00Z'), 300)).toEqual([]);
  });
});

describe('rollups at every grain', () => {
  let t: TempDb;
  let ctx: StoreContext;
  let source: { id: number; kind: string; demo: boolean };
  const texts = [
    'Exchange Online down again in Europe, mail stuck',
    'Lync outage in Dallas, cannot sign in, no word from Microsoft',
    'SharePoint is fine today',
    'we are cancelling our Office 365 subscription, lost sales all morning',
    'please give us a service credit for this outage in Sydney',
    'nothing to see here',
  ];
  const post = (id: string, text: string, publishedAt: number): RawPost => ({ externalId: id, text, publishedAt });

  beforeEach(async () => {
    ({ t, ctx, source } = await blogWorld());
    // 300 posts over three days, every few minutes, in three batches
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let b = 0; b < 3; b++) {
      const batch: RawPost[] = [];
      for (let i = 0; i < 100; i++) batch.push(post(`${b}-${i}`, `${texts[Math.floor(rnd() * texts.length)]!} #${i}`, D0 + Math.floor(rnd() * 3 * DAY)));
      await storeBatch(t.db, ctx, { source, posts: batch, now: D0 + 3 * DAY + b });
    }
  });
  afterEach(() => t.dispose());

  /** The definition: sums of 5-minute rows starting in [from, to), per output bucket. */
  async function fromFiveMinuteRows(product: string, from: number, to: number, bucketMs: number) {
    return t.db.all<{ bucketStart: number; posts: number; outagePosts: number; commsComplaints: number }>(sql`
      SELECT (bucket_start / ${sql.raw(String(bucketMs))}) * ${sql.raw(String(bucketMs))} AS bucketStart, sum(posts) AS posts,
             sum(outage_posts) AS outagePosts, sum(comms_complaints) AS commsComplaints
      FROM rollups WHERE bucket_seconds = 300 AND product = ${product} AND region = '*' AND bucket_start >= ${from} AND bucket_start < ${to}
      GROUP BY 1 ORDER BY 1`);
  }

  it('gives the same series from hour and day rows as from 5-minute rows, for unaligned ranges too', async () => {
    const cases: [string, number, number, number][] = [
      ['*', D0, D0 + 3 * DAY, DAY],
      ['*', D0 + 5 * HOUR, D0 + 2 * DAY + 7 * HOUR, HOUR],
      ['exchange-online', D0 + 13 * MIN, D0 + 2 * DAY + 47 * MIN, 5 * MIN],
      ['*', D0 + 22 * HOUR + 10 * MIN, D0 + 2 * DAY + HOUR + 35 * MIN, DAY],
      ['lync-online', D0 + 3 * MIN, D0 + 3 * DAY - 2 * MIN, HOUR],
    ];
    for (const [product, from, to, bucketMs] of cases) {
      const got = await trendSeries(t.db, { product, region: '*', from, to, bucketMs, grainSeconds: 300 });
      const want = await fromFiveMinuteRows(product, Math.ceil(from / 300_000) * 300_000, Math.ceil(to / 300_000) * 300_000, bucketMs);
      expect(want.length).toBeGreaterThan(0);
      expect(got.map((p) => [p.bucketStart, p.posts, p.outagePosts, p.commsComplaints])).toEqual(want.map((p) => [p.bucketStart, p.posts, p.outagePosts, p.commsComplaints]));
    }
  });

  it('gives the same breakdown over whole days and partial edges as the 5-minute rows', async () => {
    const from = D0 + 20 * HOUR + 25 * MIN;
    const to = D0 + 2 * DAY + 3 * HOUR + 50 * MIN;
    const rows = await breakdown(t.db, { by: 'product', fixed: '*', keys: ['exchange-online', 'lync-online', 'sharepoint-online'], from, to, grainSeconds: 300 });
    const want = await t.db.all<{ key: string; posts: number }>(sql`
      SELECT product AS key, sum(posts) AS posts FROM rollups
      WHERE bucket_seconds = 300 AND region = '*' AND product IN ('exchange-online', 'lync-online', 'sharepoint-online') AND bucket_start >= ${from} AND bucket_start < ${to}
      GROUP BY 1 ORDER BY 1`);
    expect(rows.map((r) => ({ key: r.key, posts: r.posts })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(want);
  });

  it('moves an edited post out of its old hour and day, leaving no empty cell behind', async () => {
    const first = D0 + 4 * DAY + 23 * HOUR + 58 * MIN; // a day no other post is in
    await storeBatch(t.db, ctx, { source, posts: [post('moving', 'Exchange Online outage in London, no update', first)], now: D0 + 4 * DAY });
    const later = D0 + 5 * DAY + 30 * MIN; // the next day
    await storeBatch(t.db, ctx, { source, posts: [post('moving', 'Exchange Online outage in London, still no update after 2 hours', later)], now: D0 + 5 * DAY + HOUR });
    await expectRollupsMatchPosts(t.db);
    const zero = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM rollups WHERE posts = 0`);
    expect(zero[0]!.n).toBe(0);
    const cells = await t.db.all<{ s: number; b: number; n: number }>(
      sql`SELECT bucket_seconds AS s, bucket_start AS b, posts AS n FROM rollups WHERE product = '*' AND region = '*' AND bucket_start >= ${D0 + 4 * DAY} ORDER BY 1`,
    );
    expect(cells).toEqual([
      { s: 300, b: D0 + 5 * DAY + 30 * MIN, n: 1 },
      { s: 3600, b: D0 + 5 * DAY, n: 1 },
      { s: 86400, b: D0 + 5 * DAY, n: 1 },
    ]);
  });

  it('rebuilds every grain from posts, and the migration backfills hour and day rows from 5-minute rows', async () => {
    await expectRollupsMatchPosts(t.db);
    await t.db.run(sql`UPDATE rollups SET posts = posts + 1`); // corrupt every grain
    await rebuildRollups(t.db);
    await expectRollupsMatchPosts(t.db);
    const migration = readFileSync(`${migrationsFolder}/0003_rollup_grains.sql`, 'utf8');
    await t.db.run(sql`DELETE FROM rollups WHERE bucket_seconds = 3600`);
    await t.db.run(sql`UPDATE rollups SET posts = posts + 1 WHERE bucket_seconds = 86400`);
    for (const statement of migration.split('--> statement-breakpoint')) await t.db.run(sql.raw(statement));
    await expectRollupsMatchPosts(t.db);
  });
});
