/**
 * Server render time of every dashboard page on the API bench database (bench/api.ts seeds it:
 * `npm run bench:api` → data/bench/api-1000000.db, 1,000,000 posts). Builds the real app in-process
 * (no network, so the figure is server time: queries + JSX render), logs in through /login, then
 * renders each page `--runs` times. Prints `dashboard.<page>.p50_ms` / `.p95_ms`. Target: < 200 ms.
 *
 *   npx tsx bench/dashboard.ts                    # data/bench/api-1000000.db
 *   npx tsx bench/dashboard.ts --db data/bench/api-20000.db --runs 5
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.js';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '15' } } });
const file = resolve(ROOT, values.db ?? 'data/bench/api-1000000.db');
if (!existsSync(file)) {
  process.stderr.write(`no bench database at ${file}: run \`npm run bench:api\` first (it seeds and caches it), or pass --db\n`);
  process.exit(1);
}
const runs = Math.max(1, Number(values.runs));
const token = 'bench-dashboard-token-0123456789';
const config = loadConfig({ DATABASE_URL: `file:${file}`, BAROMETER_DEMO: 'off', LOG_LEVEL: 'silent', BAROMETER_ADMIN_TOKEN: token }, ROOT);
const opened = await openDb(`file:${file}`);
const app = createApp({ db: opened.db, config, clock: systemClock, demo: false, ...(process.env.BENCH_LOG ? { logger: createLogger('error', {}, (l) => process.stderr.write(l + '\n')) } : {}) });

const login = await app.request(`http://127.0.0.1/login?token=${token}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
if (login.status !== 303 || !cookie) throw new Error(`login failed: ${login.status}`);
const posts = await opened.client.execute('SELECT count(*) AS n FROM posts');
const inc = await opened.client.execute('SELECT id FROM incidents ORDER BY peak_count DESC LIMIT 1');
process.stdout.write(`dashboard.posts ${posts.rows[0]?.n}\n`);

const pages: Record<string, string> = {
  overview: '/',
  overview_30d: '/?period=30d',
  breakdown: '/breakdown',
  breakdown_region: '/breakdown?by=region&product=exchange-online&period=30d',
  breakdown_kind: '/breakdown?kind=rss',
  incidents: '/incidents',
  ...(inc.rows[0] ? { incident: `/incidents/${inc.rows[0].id}` } : {}),
  posts: '/posts',
  posts_search: '/posts?q=down&outage=on',
  alerts: '/alerts',
  sources: '/sources',
  settings: '/settings',
};

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
pages: for (const [name, path] of Object.entries(pages)) {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    const res = await app.request(`http://127.0.0.1${path}`, { headers: { cookie } });
    await res.text();
    if (res.status !== 200) {
      process.stdout.write(`dashboard.${name}.status ${res.status}\n`); // BENCH_LOG=1 shows why
      continue pages;
    }
    if (i > 0) times.push(performance.now() - t); // first render warms caches
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`dashboard.${name}.p50_ms ${q(times, 0.5).toFixed(1)}\ndashboard.${name}.p95_ms ${q(times, 0.95).toFixed(1)}\n`);
}
opened.close();
