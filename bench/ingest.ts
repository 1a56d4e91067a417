/**
 * Ingest benchmark (STYLE.md §7): end to end on generated posts, each phase in its own child process
 * so its peak RSS is its own.
 *   jsonl: JSONL file → parse → validate → analyse → store (posts, links, rollups) in a temp libSQL file
 *   rss:   RSS feeds served over loopback → runDueSources (fetch → parse → analyse → store → rollups)
 *
 *   npm run bench:ingest -- [--posts 200000] [--phase jsonl|rss|all]
 * Prints `name value` lines: ingest.jsonl.posts_per_s, ingest.jsonl.peak_rss_mb, ingest.rss.posts_per_s, …
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openDb } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { countPosts } from '../db/queries/posts.js';
import { upsertSources } from '../db/queries/sources.js';
import { loadConfig } from '../src/config.js';
import { importJsonl } from '../ingest/import.js';
import { createStoreContext } from '../ingest/store.js';
import { createAnalysisPool } from '../ingest/analysis-pool.js';
import { runDueSources } from '../ingest/run.js';
import { createNodeFetcher } from '../ingest/fetch/node.js';
import { genPosts, writePostsJsonl } from './gen-posts.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '200000' },
    phase: { type: 'string', default: 'all' },
    'per-feed': { type: 'string', default: '1000' },
    'batch-size': { type: 'string', default: '2000' },
  },
});
const N = Number(values.posts);
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const line = (name: string, value: number | string) => process.stdout.write(`${name} ${value}\n`);
/** CPU time of the whole process (all threads), ms: a figure that does not depend on other load on the machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function freshDb(dir: string) {
  const opened = await openDb(`file:${join(dir, 'bench.db')}`);
  await applyMigrations(opened.db);
  return opened;
}

async function jsonlPhase(dir: string) {
  const file = join(dir, 'posts.jsonl');
  await writePostsJsonl(file, { n: N, seed: 42, sources: 4 });
  const { db, close } = await freshDb(dir);
  const config = loadConfig({ BAROMETER_DEMO: 'off' }, dir);
  const pool = createAnalysisPool({ products: config.products, regionAliases: config.regionAliases });
  const c0 = cpuMs();
  const t0 = performance.now();
  const r = await importJsonl({ db, ctx: { ...createStoreContext(config), analyzeMany: pool.analyzeMany }, file, now: Date.now, batchSize: Number(values['batch-size']) });
  const s = (performance.now() - t0) / 1000;
  await pool.close();
  const stored = await countPosts(db);
  close();
  line('ingest.jsonl.posts', stored);
  line('ingest.jsonl.seconds', s.toFixed(1));
  line('ingest.jsonl.posts_per_s', Math.round(r.valid / s));
  line('ingest.jsonl.cpu_us_per_post', Math.round(((cpuMs() - c0) * 1000) / r.valid));
  line('ingest.jsonl.peak_rss_mb', rssMb());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function rssPhase(dir: string) {
  const perFeed = Number(values['per-feed']);
  const feeds = Math.ceil(N / perFeed);
  // Each feed is generated on request (deterministic per feed), so the server holds no dataset in memory.
  const server = createServer((req, res) => {
    const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
    const i = m ? Number(m[1]) : -1;
    if (i < 0 || i >= feeds) {
      res.writeHead(404).end();
      return;
    }
    const n = Math.min(perFeed, N - i * perFeed);
    let body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${i}</title><link>http://127.0.0.1/</link><description>bench</description>`;
    for (const p of genPosts({ n, seed: 1000 + i })) {
      body += `<item><title>${esc(p.title ?? 'Comment')}</title><link>http://127.0.0.1/${i}/${p.external_id}</link><guid isPermaLink="false">f${i}-${p.external_id}</guid><pubDate>${new Date(p.published_at).toUTCString()}</pubDate>${p.author ? `<author>${esc(p.author)}</author>` : ''}<description>${esc(p.text)}</description></item>`;
    }
    body += '</channel></rss>';
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const { db, close } = await freshDb(dir);
  const config = loadConfig({ BAROMETER_DEMO: 'off' }, dir);
  await upsertSources(
    db,
    Array.from({ length: feeds }, (_, i) => ({ name: `bench-${i}`, kind: 'rss', url: `http://127.0.0.1:${port}/feed/${i}.xml`, options: { discoverComments: false } })),
  );
  const fetcher = createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, perHostConcurrency: config.ingest.concurrency, retries: 0, timeoutMs: 120_000 });
  const pool = createAnalysisPool({ products: config.products, regionAliases: config.regionAliases });
  const c0 = cpuMs();
  const t0 = performance.now();
  const r = await runDueSources({ db, config, fetcher, now: Date.now(), owner: 'bench', ctx: { ...createStoreContext(config), analyzeMany: pool.analyzeMany } });
  const s = (performance.now() - t0) / 1000;
  await pool.close();
  const stored = await countPosts(db);
  fetcher.close();
  server.close();
  close();
  line('ingest.rss.feeds', feeds);
  line('ingest.rss.failed_feeds', r.failed);
  line('ingest.rss.posts', stored);
  line('ingest.rss.seconds', s.toFixed(1));
  line('ingest.rss.posts_per_s', Math.round(r.inserted / s));
  line('ingest.rss.cpu_us_per_post', Math.round(((cpuMs() - c0) * 1000) / Math.max(1, r.inserted)));
  line('ingest.loadavg_1m', os.loadavg()[0]!.toFixed(1));
  line('ingest.rss.peak_rss_mb', rssMb());
}

if (values.phase === 'all') {
  line('ingest.posts', N);
  for (const phase of ['jsonl', 'rss']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), '--phase', phase], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = 1;
  }
} else {
  const dir = mkdtempSync(join(tmpdir(), 'barometer-bench-'));
  try {
    if (values.phase === 'jsonl') await jsonlPhase(dir);
    else if (values.phase === 'rss') await rssPhase(dir);
    else throw new Error(`unknown --phase ${values.phase}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
