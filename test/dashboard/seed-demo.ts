/**
 * Fills a database with the demo dataset through the real store path (ingest/store.ts storeBatch:
 * analysis, rollups, official updates) and evaluates the signals (spikes → incidents → alerts), the
 * same as a live replay ends up with. For dashboard tests and for `tsx test/dashboard/seed-demo.ts
 * file:/tmp/x.db` while developing pages. Not a second ingest: it only calls ingest/ and src/signals/.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { upsertSources, listSources } from '../../db/queries/sources.js';
import { createStoreContext, storeBatch } from '../../ingest/store.js';
import type { OfficialUpdate, RawPost } from '../../ingest/types.js';
import { generateDemo } from '../../src/demo/generate.js';
import { evaluateSignals } from '../../src/signals/evaluate.js';
import type { Config } from '../../src/config.js';

const kinds = { blog: 'rss', forum: 'discourse', social: 'mastodon' } as const;

export async function seedDemo(db: Db, config: Config, opts: { limit?: number } = {}): Promise<{ posts: number }> {
  const data = generateDemo();
  await upsertSources(db, [
    ...Object.entries(kinds).map(([k, kind]) => ({ name: `demo-${k}`, kind, url: `http://127.0.0.1:9/${k}`, demo: true })),
    { name: 'demo-status', kind: 'statuspage', url: 'http://127.0.0.1:9/status', official: true, demo: true },
  ]);
  const rows = await listSources(db);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const ctx = createStoreContext(config);
  const posts = opts.limit ? data.posts.slice(0, opts.limit) : data.posts;
  const now = Date.UTC(2013, 10, 18);
  for (const k of Object.keys(kinds) as (keyof typeof kinds)[]) {
    const src = byName.get(`demo-${k}`)!;
    const mine: RawPost[] = posts
      .filter((p) => p.source === k)
      .map((p) => ({
        externalId: p.externalId,
        url: `http://127.0.0.1:9/${k}/${p.threadId}#${p.externalId}`,
        authorHash: createHash('sha256').update(p.author).digest('hex').slice(0, 16),
        ...(p.title ? { title: p.title } : {}),
        text: p.text,
        publishedAt: p.publishedAt,
        threadId: p.threadId,
      }));
    for (let i = 0; i < mine.length; i += 2000) {
      const t0 = performance.now();
      await storeBatch(db, ctx, { source: { id: src.id, kind: src.kind, demo: true }, posts: mine.slice(i, i + 2000), now });
      if (process.env.SEED_VERBOSE) process.stderr.write(`${k} ${i} ${Math.round(performance.now() - t0)} ms\n`);
    }
  }
  const status = byName.get('demo-status')!;
  const components = new Map(config.products.map((p) => [p.id, p.components]));
  const updates: OfficialUpdate[] = data.statusIncidents.flatMap((inc) =>
    inc.updates.map((u) => ({
      incidentId: inc.id,
      updateId: u.id,
      status: u.status,
      components: components.get(inc.product)?.slice(0, 1) ?? [],
      title: inc.name,
      body: u.body,
      postedAt: u.createdAt,
      url: `http://127.0.0.1:9/status/incidents/${inc.id}`,
    })),
  );
  await storeBatch(db, ctx, { source: { id: status.id, kind: 'statuspage', demo: true }, posts: [], officialUpdates: updates, now });
  const first = Math.min(...posts.map((p) => p.publishedAt));
  const t1 = performance.now();
  await evaluateSignals({ db, config, now, range: { from: first, to: now } });
  if (process.env.SEED_VERBOSE) process.stderr.write(`signals ${Math.round(performance.now() - t1)} ms\n`);
  return { posts: posts.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDb } = await import('../../db/client.js');
  const { applyMigrations } = await import('../../db/migrate.js');
  const { loadConfig } = await import('../../src/config.js');
  const url = process.argv[2] ?? 'file:/tmp/barometer-dash.db';
  const opened = await openDb(url);
  await applyMigrations(opened.db);
  const t = performance.now();
  const r = await seedDemo(opened.db, loadConfig({}, process.cwd()));
  process.stderr.write(`seeded ${r.posts} posts into ${url} in ${Math.round(performance.now() - t)} ms\n`);
  await opened.close();
}
