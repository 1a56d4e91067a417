/** Temp-file libSQL databases for the ingest storage tests (real files, real migrations). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { openDb, type Db, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { loadConfig, type Config } from '../../src/config.js';
import { getSource, upsertSources } from '../../db/queries/sources.js';
import { createStoreContext, type StoreContext } from '../../ingest/store.js';

export interface TempDb extends OpenedDb {
  dir: string;
  file: string;
  config: Config;
  dispose(): void;
}

export async function tempDb(env: Record<string, string> = {}): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'barometer-ingest-'));
  const file = join(dir, 'test.db');
  const url = `file:${file}`;
  const opened = await openDb(url);
  await applyMigrations(opened.db);
  const config = loadConfig({ DATABASE_URL: url, BAROMETER_DEMO: 'off', ...env }, dir);
  return {
    ...opened,
    dir,
    file,
    config,
    dispose() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The storage tests' world: a temp database, a store context and one RSS source named "blog". */
export async function blogWorld(): Promise<{ t: TempDb; ctx: StoreContext; source: { id: number; kind: string; demo: boolean } }> {
  const t = await tempDb();
  const ctx = createStoreContext(t.config);
  await upsertSources(t.db, [{ name: 'blog', kind: 'rss', url: 'http://127.0.0.1:1/feed' }]);
  const row = (await getSource(t.db, 'blog'))!;
  return { t, ctx, source: { id: row.id, kind: row.kind, demo: false } };
}

/** Rollup rows of one grain (seconds) recounted straight from posts and their links (the definition, written independently). */
export async function recountRollups(db: Db, grainSeconds = 300): Promise<string[]> {
  const ms = sql.raw(String(grainSeconds * 1000));
  const rows = await db.all<Record<string, number | string>>(sql`
    WITH pp AS (SELECT post_id, product FROM post_products UNION ALL SELECT id, '*' FROM posts),
    pr AS (SELECT post_id, region FROM post_regions
           UNION ALL SELECT id, 'unknown' FROM posts WHERE id NOT IN (SELECT post_id FROM post_regions)
           UNION ALL SELECT id, '*' FROM posts)
    SELECT (p.published_at / ${ms}) * ${ms} AS b, pp.product, pr.region, count(*) AS n, sum(p.outage) AS o,
           sum(p.sentiment_label = 'neg') AS neg, sum(p.sentiment_label = 'pos') AS pos, sum(p.comms_complaint) AS cc,
           sum(p.churn) AS ch, sum(p.revenue) AS rv, sum(p.credit) AS cr, round(total(p.sentiment_score), 6) AS ss
    FROM posts p JOIN pp ON pp.post_id = p.id JOIN pr ON pr.post_id = p.id
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return rows.map((r) => [r['b'], r['product'], r['region'], r['n'], r['o'], r['neg'], r['pos'], r['cc'], r['ch'], r['rv'], r['cr'], r['ss']].join('|'));
}

/** The stored rollups of one grain in the same form as recountRollups (zero rows left out). */
export async function storedRollups(db: Db, grainSeconds = 300): Promise<string[]> {
  const rows = await db.all<Record<string, number | string>>(sql`
    SELECT bucket_start AS b, product, region, posts AS n, outage_posts AS o, negative AS neg, positive AS pos,
           comms_complaints AS cc, churn AS ch, revenue AS rv, credit AS cr, round(sentiment_sum, 6) AS ss
    FROM rollups WHERE bucket_seconds = ${grainSeconds} AND posts <> 0 ORDER BY 1, 2, 3`);
  return rows.map((r) => [r['b'], r['product'], r['region'], r['n'], r['o'], r['neg'], r['pos'], r['cc'], r['ch'], r['rv'], r['cr'], r['ss']].join('|'));
}

/** Every stored grain (5 minutes, 1 hour, 1 day) equals its recount from posts. */
export async function expectRollupsMatchPosts(db: Db): Promise<void> {
  for (const grain of [300, 3600, 86400]) {
    expect({ grain, rows: await storedRollups(db, grain) }).toEqual({ grain, rows: await recountRollups(db, grain) });
  }
}
