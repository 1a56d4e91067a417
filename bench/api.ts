/**
 * API v1 under load: seeds a database of N posts (default 1,000,000) through the ingest engineer's
 * generator (bench/gen-posts.ts) and store statements (db/queries/posts.ts: posts, links and
 * rollups in one batch per chunk; analysis memoised per distinct text), starts the real app on
 * 127.0.0.1 in a child process, and drives it with autocannon. Prints `name value` lines.
 *
 *   npm run bench:api                      # 1,000,000 posts (seeded once, cached in data/bench/)
 *   npm run bench:api -- --posts 20000 --duration 3
 *   npm run bench:api -- --db /tmp/copy-of-api-1000000.db --only trends
 *
 * Targets (2-core machine): trends/breakdown p95 < 20 ms and >= 1,500 req/s; posts search p95 < 100 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createAdaptorServer } from '@hono/node-server';
import { analyze, compileCatalogue, type Analysis } from '../analysis/index.js';
import { openDb, type Db } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { insertApiKey } from '../db/queries/keys.js';
import { postWriteStatements, type PostWrite } from '../db/queries/posts.js';
import { syncIncidents } from '../db/queries/signals.js';
import { addSource } from '../db/queries/sources.js';
import { contentHash } from '../ingest/store.js';
import { createApp } from '../src/app.js';
import { generateApiKey } from '../src/auth.js';
import { fixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { genPosts } from './gen-posts.js';
import { NODE_HEAP_FLAGS } from '../src/node-flags.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const END = Date.UTC(2026, 0, 1);
const DAYS = 30;
const DAY = 86_400_000;

const err = (s: string) => process.stderr.write(s + '\n');
const out = (name: string, value: number | string) => process.stdout.write(`${name} ${value}\n`);

async function seed(file: string, n: number): Promise<void> {
  const tmp = `${file}.tmp`;
  rmSync(tmp, { force: true });
  const opened = await openDb(`file:${tmp}`);
  const db = opened.db;
  await applyMigrations(db);
  const config = loadConfig({ DATABASE_URL: `file:${tmp}`, BAROMETER_DEMO: 'off' }, ROOT);
  const catalogue = compileCatalogue({ products: config.products, regionAliases: config.regionAliases });
  const source = (await addSource(db, { name: 'bench', kind: 'push' }))!;
  const memo = new Map<string, Analysis>();
  const started = performance.now();
  // The store path's own statements (posts, links and rollups in one batch per chunk): measured
  // faster here than plain multi-row INSERTs plus a rollup rebuild, and it is what ingest runs.
  let batch: PostWrite[] = [];
  let done = 0;
  const flush = async () => {
    const stmts = postWriteStatements(db, { sourceId: source.id, fetchedAt: END, demo: false, token: `seed-${done}`, posts: batch });
    await db.batch(stmts as [(typeof stmts)[number], ...(typeof stmts)[number][]]);
    done += batch.length;
    batch = [];
    if (done % 100_000 === 0) err(`seeded ${done} posts (${Math.round(done / ((performance.now() - started) / 1000))}/s, ${memo.size} distinct texts analysed)`);
  };
  for (const item of genPosts({ n, days: DAYS, end: END, seed: 1 })) {
    // The generator's "(#1234)" suffix never changes the analysis: analyse each distinct text once.
    const key = `${item.title ?? ''}\u0000${item.text.replace(/ \(#\d+\)$/, '')}`;
    let a = memo.get(key);
    if (!a) {
      a = analyze({ text: item.text, ...(item.title ? { title: item.title } : {}), sourceKind: 'push' }, catalogue);
      memo.set(key, a);
    }
    batch.push({
      externalId: item.external_id,
      url: item.url ?? null,
      title: item.title ?? null,
      text: item.text,
      contentHash: contentHash(item.title, item.text),
      publishedAt: Date.parse(item.published_at),
      sentimentScore: a.sentiment.score,
      sentimentLabel: a.sentiment.label,
      outageScore: a.outage.score,
      outage: a.outage.flag,
      commsComplaint: a.commsComplaint,
      churn: a.churn,
      revenue: a.revenue,
      credit: a.credit,
      analyzerVersion: a.version,
      products: a.products,
      regions: a.regions,
    });
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
  // Incidents for the incidents endpoints: a few per product spread over the month (the generator
  // has no outage bursts, so these are placed, not detected).
  for (const product of config.products.map((p) => p.id)) {
    const computed = Array.from({ length: 6 }, (_, k) => {
      const first = END - DAYS * DAY + (k * 5 + 1) * DAY + 3_600_000 * (k + 2);
      return { product, regions: ['EMEA'], firstSignalAt: first, detectedAt: first + 300_000, acknowledgedAt: first + 2_400_000, resolvedAt: first + 7_200_000, peakCount: 20, peakAt: first, officialIncidentRefs: [], metrics: {}, state: 'resolved' as const, updatedAt: END };
    });
    await syncIncidents(db, { product, from: END - DAYS * DAY, now: END }, computed);
  }
  await opened.client.execute('ANALYZE');
  await opened.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  await opened.client.execute('PRAGMA journal_mode = DELETE');
  opened.close();
  renameSync(tmp, file);
  rmSync(`${tmp}-wal`, { force: true });
  rmSync(`${tmp}-shm`, { force: true });
  out('api.seed_posts_per_s', Math.round(n / ((performance.now() - started) / 1000)));
}

/** Child mode: the real app over the bench database on an ephemeral loopback port. */
async function serve(file: string): Promise<void> {
  const opened = await openDb(`file:${file}`);
  await applyMigrations(opened.db);
  const config = loadConfig({ DATABASE_URL: `file:${file}`, BAROMETER_DEMO: 'off', LOG_LEVEL: 'silent' }, ROOT);
  // The real limiter runs, with a budget the load generator cannot spend.
  const app = createApp({ db: opened.db, config, clock: fixedClock(END), rateLimit: { limit: 1e9, windowMs: 60_000 } });
  const server = createAdaptorServer({ fetch: app.fetch });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

async function newKey(db: Db): Promise<string> {
  const k = generateApiKey();
  await insertApiKey(db, { name: 'bench', role: 'viewer', prefix: k.prefix, keyHash: k.keyHash, createdAt: Date.now() });
  return k.key;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function load(name: string, base: string, key: string, paths: string[], duration: number, connections: number, print = true) {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        headers: { authorization: `Bearer ${key}` },
        requests: paths.map((path) => ({ method: 'GET', path })),
      },
      (error, r) => (error ? reject(error) : resolvePromise(r)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      times.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  if (!print) return;
  times.sort((a, b) => a - b);
  const non2xx = [...statuses].filter(([s]) => s >= 300).reduce((a, [, c]) => a + c, 0);
  out(`api.${name}.p50_ms`, percentile(times, 50).toFixed(2));
  out(`api.${name}.p95_ms`, percentile(times, 95).toFixed(2));
  out(`api.${name}.p99_ms`, percentile(times, 99).toFixed(2));
  out(`api.${name}.req_per_s`, Math.round(result.requests.average));
  out(`api.${name}.errors`, non2xx + result.errors + result.timeouts);
}

async function main() {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      serve: { type: 'string' },
      only: { type: 'string' },
      db: { type: 'string' },
    },
  });
  if (values.serve) return serve(values.serve);
  const n = Number(values.posts);
  if (!Number.isInteger(n) || n < 1000) throw new Error('--posts must be an integer >= 1000');
  // --db FILE benches a copy (e.g. one migrated by work in progress) instead of the cached seed.
  const file = values.db ? resolve(values.db) : resolve(ROOT, 'data/bench', `api-${n}.db`);
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) {
    err(`seeding ${n} posts into ${file} (cached for later runs)`);
    await seed(file, n);
  } else err(`using cached ${file}`);
  out('api.posts', n);

  const opened = await openDb(`file:${file}`);
  const key = await newKey(opened.db);
  const ids = await opened.client.execute('SELECT id FROM incidents ORDER BY id LIMIT 20');
  opened.close();

  // The server child starts as `npm start` does (same V8 heap flags).
  const child = spawn(process.execPath, [...NODE_HEAP_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((res, rej) => {
    child.stdout!.once('data', (d: Buffer) => res(d.toString().trim()));
    child.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
  });
  err(`server at ${base}`);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const iso = (ms: number) => new Date(ms).toISOString();
  const week = `from=${iso(END - 7 * DAY)}&to=${iso(END)}`;
  const products = ['exchange-online', 'lync-online', 'sharepoint-online', 'onedrive'];
  const suites: Record<string, string[]> = {
    trends: products.map((p, i) => `/api/v1/trends?product=${p}&bucket=1h&${week}&region=${['*', 'EMEA', 'NA', '*'][i]}`),
    breakdown: [`/api/v1/breakdown?by=product&${week}`, `/api/v1/breakdown?by=region&product=exchange-online&${week}`],
    incidents: [`/api/v1/incidents?limit=50`, ...ids.rows.slice(0, 8).map((r) => `/api/v1/incidents/${r.id}`)],
    posts_search: [
      '/api/v1/posts?q=down&limit=50',
      '/api/v1/posts?q=radio%20silence&product=exchange-online&limit=50',
      '/api/v1/posts?product=onedrive&region=APAC&outage=true&limit=50',
      '/api/v1/posts?q=service%20credit&region=EMEA&sentiment=neg&limit=50',
    ],
    // Every request a different range, so the 5 s read cache never answers: the rollup query's own cost.
    trends_uncached: Array.from({ length: 20_000 }, (_, i) => `/api/v1/trends?product=${products[i % 4]}&bucket=1h&from=${iso(END - 7 * DAY - i * 60_000)}&to=${iso(END - i * 60_000)}`),
    // Worst case without a full-text index: a term no post contains scans every post.
    posts_search_rare: ['/api/v1/posts?q=zzyzx&limit=50'],
  };
  try {
    // A fresh server spends its first seconds at 2-3x the server CPU per request of a warm one (measured:
    // ~1,460 → ~610 µs over its first three 5-s runs of one trends URL); with only the 1-s warm-up per
    // suite, the first suite (trends) was charged for it. So warm up once, unmeasured, on every suite.
    const selected = Object.entries(suites).filter(([name]) => !values.only || values.only.split(',').includes(name));
    await load('warmup', base, key, selected.flatMap(([, paths]) => paths.slice(0, 50)), 5, connections, false);
    for (const [name, paths] of selected) {
      await load(name, base, key, paths, 1, connections); // warm-up
      await load(name, base, key, paths, duration, connections);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error) => {
    err(`bench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
