/**
 * Acceptance for issue 10: the same Barometer on workerd. wrangler dev runs src/worker.ts with a
 * local D1 (migrated by `wrangler d1 migrations apply`) and a local Queue; /__scheduled runs the Cron
 * Trigger, which enqueues the due source; the queue consumer pulls it from a loopback fixture server,
 * stores it and evaluates signals; the Worker's API then answers exactly as the Node path (libSQL)
 * does for the same feed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { runDueSources, syncConfigSources } from '../../ingest/run.js';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { configFromEnv } from '../../src/config-schema.js';
import { silentLogger } from '../../src/log.js';
import { signalsAfterBatch } from '../../src/signals/runtime.js';
import { hang, startFixtureServer, text, type FixtureServer } from '../helpers/fixture-server.js';
import { testFetcher } from '../helpers/fetcher.js';
import { startWorker, type RunningWorker } from './harness.js';
import { nodeOnlyModulesIn } from '../../scripts/worker-bundle-check.js';
import { ADMIN_TOKEN, buildScenario, observe, scenarioConfig, type Observed, type Scenario } from './scenario.js';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let fixtures: FixtureServer;
let scenario: Scenario;
let worker: RunningWorker | undefined;
let workerStarting: Promise<RunningWorker> | undefined;
let nodeDb: OpenedDb | undefined;
let nodeDir: string;
let onNode: Observed;

beforeAll(async () => {
  scenario = buildScenario(Date.now());
  fixtures = await startFixtureServer({
    routes: { '/feed.xml': text(scenario.feed, { type: 'application/rss+xml; charset=utf-8', etag: true }), '/slow.xml': hang() },
  });
  const fileConfig = scenarioConfig(fixtures.url('/feed.xml'));
  // The Worker also has a source that never answers: its queue message must not hold up the other.
  const slow = { name: 'slow-forum', kind: 'rss', url: fixtures.url('/slow.xml'), pollIntervalSeconds: 300, options: {} };
  workerStarting = startWorker({
    BAROMETER_ADMIN_TOKEN: ADMIN_TOKEN,
    BAROMETER_ALLOW_LOOPBACK: 'true',
    BAROMETER_CONFIG_JSON: JSON.stringify({ ...fileConfig, sources: [...fileConfig.sources, slow] }),
    LOG_LEVEL: 'info',
  });
  workerStarting.catch(() => {}); // awaited below; keep an early failure from being "unhandled"

  // The Node path, meanwhile: libSQL file, the Node transport, the same config and feed.
  nodeDir = mkdtempSync(join(tmpdir(), 'barometer-node-'));
  nodeDb = await openDb(`file:${join(nodeDir, 'b.db')}`);
  await applyMigrations(nodeDb.db);
  const config = configFromEnv({ BAROMETER_ADMIN_TOKEN: ADMIN_TOKEN }, fileConfig);
  // What the Node process does: runDueSources with the Node transport, signals on every batch.
  await syncConfigSources(nodeDb.db, config);
  const afterBatch = signalsAfterBatch({ db: nodeDb.db, config, clock: systemClock, logger: silentLogger });
  const fetcher = testFetcher();
  const run = await runDueSources({
    db: nodeDb.db,
    config,
    fetcher,
    now: Date.now(),
    owner: 'node-test',
    onBatch: async (b) => void (await afterBatch(b.publishedRange ?? undefined)),
  });
  fetcher.close();
  expect(run.sources.map((r) => r.status), JSON.stringify(run)).toEqual(['ok']);
  const app = createApp({ db: nodeDb.db, config, clock: systemClock });
  onNode = await observe((p) => Promise.resolve(app.request(p, { headers: auth })), scenario);

  fixtures.reset();
  worker = await workerStarting;
}, 150_000);

afterAll(async () => {
  // Also when beforeAll failed half-way: the Worker may still be starting.
  worker ??= await workerStarting?.catch(() => undefined);
  await worker?.stop();
  nodeDb?.close();
  if (nodeDir) rmSync(nodeDir, { recursive: true, force: true });
  await fixtures?.close();
});

describe('Barometer on workerd (wrangler dev, local D1 and Queue)', () => {
  it('answers /healthz with the D1 database migrated by wrangler', async () => {
    const res = await fetch(`${worker!.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { migration: { applied: number; known: number } } };
    expect(body.status).toBe('ok');
    expect(body.database.migration.applied).toBe(body.database.migration.known);
  });

  it('runs a bundle with no Node-only module in it (fs, node-cron, native libSQL, the Node transport)', () => {
    expect(worker!.bundle.length).toBeGreaterThan(100_000);
    expect(nodeOnlyModulesIn(worker!.bundle)).toEqual([]);
    // The check itself finds what it is looking for.
    expect(nodeOnlyModulesIn('import{readFileSync as a}from"node:fs";')).toEqual(['fs']);
    expect(nodeOnlyModulesIn('var c=require("node-cron");')).toEqual(['node-cron']);
  });

  it('refuses the API without a key, as on Node', async () => {
    const res = await fetch(`${worker!.url}/api/v1/alerts`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('pulls each source through the queue after a Cron Trigger (a hanging one holds up nothing) and serves the same trends and alerts as Node', async () => {
    // The Node path saw the burst: every outage line counted, one spike for Exchange Online.
    expect(onNode.exchangeOutagePosts).toBeGreaterThanOrEqual(scenario.outagePosts - 2);
    expect(onNode.alerts.some((a) => a.kind === 'spike' && a.product === 'exchange-online')).toBe(true);

    const api = (p: string) => fetch(`${worker!.url}${p}`, { headers: auth });
    const before = await observe(api, scenario);
    expect(before.exchangeOutagePosts).toBe(0);

    const res = await worker!.triggerScheduled();
    expect(res.status).toBe(200);

    // The consumer runs after the queue's batch timeout; poll what a user would see.
    let seen: Observed = before;
    const until = Date.now() + 25_000;
    while (Date.now() < until) {
      seen = await observe(api, scenario);
      if (seen.exchangeOutagePosts >= onNode.exchangeOutagePosts && seen.alerts.length >= onNode.alerts.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const logs = worker!.logs().split("\n").filter((l) => !/GET \/api\/v1/.test(l)).join("\n").slice(-6000);
    expect(fixtures.requestsTo('/feed.xml').length, logs).toBeGreaterThanOrEqual(1);
    expect(fixtures.requestsTo('/feed.xml')[0]!.headers['user-agent']).toMatch(/^Barometer\//);
    expect(seen.trends, logs).toEqual(onNode.trends);
    expect(seen.alerts, logs).toEqual(onNode.alerts);
    // The consumer logs after signals ran; give it a moment, then check the queue did the work.
    for (let i = 0; i < 40 && !/source pulled/.test(worker!.logs()); i++) await new Promise((r) => setTimeout(r, 250));
    expect(worker!.logs()).toMatch(/"msg":"sources enqueued".*"count":2/);
    expect(worker!.logs()).toMatch(/"msg":"source pulled".*"sourceId":1,"status":"ok"/);
    // …while the slow source's pull is still waiting on its server.
    expect(fixtures.requestsTo('/slow.xml').length).toBeGreaterThanOrEqual(1);
    expect(worker!.logs()).not.toMatch(/"msg":"source pulled".*"sourceId":2/);
  }, 45_000);
});
