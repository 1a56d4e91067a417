/** runDueSources against real loopback feeds and a real libSQL file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDb } from '../../db/client.js';
import { getSource, upsertSources } from '../../db/queries/sources.js';
import { runDueSources, type BatchEvent } from '../../ingest/run.js';
import { file, sequence, status, text, startFixtureServer, type FixtureServer, type Handler } from '../helpers/fixture-server.js';
import { testFetcher } from '../helpers/fetcher.js';
import { recountRollups, storedRollups, tempDb, type TempDb } from './store-db.js';

let t: TempDb;
let srv: FixtureServer;
const fetcher = testFetcher();
const NOW = Date.UTC(2013, 10, 13, 18, 0);

function rss(items: { guid: string; text: string; at: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description>${items
    .map((i) => `<item><title>By: someone</title><guid isPermaLink="false">${i.guid}</guid><pubDate>${i.at}</pubDate><description>${i.text}</description></item>`)
    .join('')}</channel></rss>`;
}

beforeEach(async () => {
  t = await tempDb();
  srv = await startFixtureServer({
    routes: {
      '/comments.xml': file('rss/wordpress-comments.xml', { type: 'application/rss+xml', etag: true }),
      '/dead.xml': status(500),
    },
  });
});
afterEach(async () => {
  await srv.close();
  t.dispose();
});

const count = async (q: string) => Number((await t.db.all<{ n: number }>(sql.raw(q)))[0]!.n);
const run = (now: number, extra: Partial<Parameters<typeof runDueSources>[0]> = {}) =>
  runDueSources({ db: t.db, config: t.config, fetcher, now, owner: 'test-1', ...extra });

describe('runDueSources', () => {
  it('saves the ETag with the posts, and a 304 next time stores nothing new', async () => {
    await upsertSources(t.db, [{ name: 'wp', kind: 'rss', url: srv.url('/comments.xml'), pollIntervalSeconds: 60 }]);
    const events: BatchEvent[] = [];
    const first = await run(NOW, { onBatch: (e) => void events.push(e) });
    expect(first.sources[0]).toMatchObject({ status: 'ok', inserted: 2 });
    const row = (await getSource(t.db, 'wp'))!;
    expect(row.etag).toMatch(/^"/);
    expect(row.lastSuccessAt).toBe(NOW);
    expect(row.nextPollAt).toBe(NOW + 60_000);
    expect(row.leaseOwner).toBeNull();
    expect(events).toEqual([
      { sourceId: row.id, inserted: 2, updated: 0, officialUpdates: 0, publishedRange: { from: Date.UTC(2013, 10, 13, 16, 20, 5), to: Date.UTC(2013, 10, 13, 16, 41, 30) } },
    ]);
    // not due yet: nothing happens
    expect((await run(NOW + 30_000)).sources).toHaveLength(0);
    const second = await run(NOW + 60_000);
    expect(second.sources[0]).toMatchObject({ status: 'not_modified', inserted: 0 });
    expect(srv.requestsTo('/comments.xml').at(-1)!.headers['if-none-match']).toBe(row.etag);
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(2);
    expect(await storedRollups(t.db)).toEqual(await recountRollups(t.db));
  });

  it('stores an item once when it repeats within a page and across pulls', async () => {
    const a = { guid: 'g1', text: 'Exchange Online down in London', at: 'Wed, 13 Nov 2013 16:00:00 +0000' };
    const b = { guid: 'g2', text: 'Lync is broken for us in Texas', at: 'Wed, 13 Nov 2013 16:05:00 +0000' };
    const c = { guid: 'g3', text: 'still no update on the status page', at: 'Wed, 13 Nov 2013 16:10:00 +0000' };
    const pages: Handler[] = [text(rss([a, b, a]), { type: 'application/rss+xml' }), text(rss([b, c, a]), { type: 'application/rss+xml' })];
    srv.route('/dups.xml', sequence(pages));
    await upsertSources(t.db, [{ name: 'dups', kind: 'rss', url: srv.url('/dups.xml'), pollIntervalSeconds: 60 }]);
    expect((await run(NOW)).sources[0]).toMatchObject({ inserted: 2 });
    expect((await run(NOW + 60_000)).sources[0]).toMatchObject({ inserted: 1, unchanged: 2 });
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(3);
    expect(await storedRollups(t.db)).toEqual(await recountRollups(t.db));
  });

  it('opens the breaker of a source failing five times while the others keep flowing', async () => {
    await upsertSources(t.db, [
      { name: 'dead', kind: 'rss', url: srv.url('/dead.xml'), pollIntervalSeconds: 60 },
      { name: 'wp', kind: 'rss', url: srv.url('/comments.xml'), pollIntervalSeconds: 60 },
    ]);
    for (let i = 0; i < 5; i++) {
      const r = await run(NOW + i * 60_000);
      expect(r.sources.find((s) => s.name === 'wp')!.status).toMatch(/ok|not_modified/);
      expect(r.sources.find((s) => s.name === 'dead')!.status).toBe('failed');
    }
    const dead = (await getSource(t.db, 'dead'))!;
    expect(dead.consecutiveFailures).toBe(5);
    expect(dead.breakerOpenUntil).toBeGreaterThan(NOW + 4 * 60_000);
    expect(dead.lastError).toMatch(/500/);
    expect(dead.nextPollAt).toBe(dead.breakerOpenUntil);
    // while open, the dead source is not even tried; the good one still is
    const sixth = await run(NOW + 4 * 60_000 + 30_000, { force: true });
    expect(sixth.sources.map((s) => s.name)).toEqual(['wp']);
    expect(srv.requestsTo('/dead.xml')).toHaveLength(5);
    expect((await getSource(t.db, 'wp'))!.lastSuccessAt).toBe(NOW + 4 * 60_000 + 30_000);
    // half-open after the open period: one trial pull
    const seventh = await run(dead.breakerOpenUntil!);
    expect(seventh.sources.find((s) => s.name === 'dead')!.status).toBe('failed');
    expect((await getSource(t.db, 'dead'))!.consecutiveFailures).toBe(6);
  });

  it('honours Retry-After on a 429 before pulling again', async () => {
    srv.route('/busy.xml', sequence([status(429, { 'Retry-After': '1' }), file('rss/wordpress-comments.xml', { type: 'application/rss+xml' })]));
    await upsertSources(t.db, [{ name: 'busy', kind: 'rss', url: srv.url('/busy.xml') }]);
    const patient = testFetcher({ retries: 2 });
    try {
      const r = await run(NOW, { fetcher: patient });
      expect(r.sources[0]).toMatchObject({ status: 'ok', inserted: 2 });
      const [first, second] = srv.requestsTo('/busy.xml');
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    } finally {
      patient.close();
    }
  });

  it('never pulls one source twice at once, even from two processes on one database file', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    srv.route('/slow.xml', async ({ res }) => {
      await gate;
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(rss([{ guid: 's1', text: 'SharePoint down in Sydney', at: 'Wed, 13 Nov 2013 16:00:00 +0000' }]));
    });
    await upsertSources(t.db, [{ name: 'slow', kind: 'rss', url: srv.url('/slow.xml') }]);
    const other = await openDb(`file:${t.file}`);
    try {
      const a = run(NOW, { owner: 'proc-a' });
      // wait until A holds the lease and its request is in flight
      for (let i = 0; i < 100 && srv.requestsTo('/slow.xml').length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const b = await runDueSources({ db: other.db, config: t.config, fetcher, now: NOW, owner: 'proc-b', force: true });
      expect(b.sources).toHaveLength(0);
      release();
      const ra = await a;
      expect(ra.sources[0]).toMatchObject({ status: 'ok', inserted: 1 });
      expect(srv.requestsTo('/slow.xml')).toHaveLength(1);
      // lease released: a forced run pulls again
      const again = await runDueSources({ db: other.db, config: t.config, fetcher, now: NOW + 1, owner: 'proc-b', force: true });
      expect(again.sources).toHaveLength(1);
    } finally {
      other.close();
    }
  });

  it('takes over a lease its dead holder left behind once it expires', async () => {
    await upsertSources(t.db, [{ name: 'wp', kind: 'rss', url: srv.url('/comments.xml') }]);
    await t.db.run(sql`UPDATE sources SET lease_owner = 'crashed', lease_expires_at = ${NOW + 60_000}`);
    expect((await run(NOW)).sources).toHaveLength(0);
    expect((await run(NOW + 60_000)).sources[0]).toMatchObject({ status: 'ok', inserted: 2 });
  });
});
