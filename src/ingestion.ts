/**
 * Ingestion in the Node entry (src/server.ts): config sources upserted, node-cron calling
 * `runDueSources` every minute, and — in demo mode — the bundled dataset replayed on 127.0.0.1 and
 * ingested through the real connectors in the background (data shows within seconds; the whole five
 * weeks within about a minute), progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import cron from 'node-cron';
import type { Db } from '../db/client.js';
import { upsertSources } from '../db/queries/sources.js';
import { countDemoPosts } from '../db/queries/posts.js';
import { createNodeFetcher } from '../ingest/fetch/node.js';
import { configSourceDefinitions, runDueSources, syncConfigSources, type BatchEvent, type RunSummary } from '../ingest/run.js';
import { createStoreContext } from '../ingest/store.js';
import { createAnalysisPool } from '../ingest/analysis-pool.js';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Logger } from './log.js';
import { generateDemo, type DemoDataset } from './demo/generate.js';
import { demoSources, startReplayServer, type ReplayServer } from './demo/replay-server.js';

export interface IngestionDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  demo: boolean;
  /** Called after every stored batch (the signals engineer evaluates spikes here). */
  onBatch?: (event: BatchEvent) => void | Promise<void>;
  /** Default true; tests may drive `tick()` themselves. */
  schedule?: boolean;
}

export interface Ingestion {
  /** One scheduled pass (what cron calls every minute); skipped while the previous one runs. */
  tick(): Promise<RunSummary | null>;
  /** Resolves when the demo catch-up has finished (immediately when not in demo mode). */
  demoReady: Promise<void>;
  demoUrl: string | null;
  stop(): Promise<void>;
}

/** Most posts of one demo feed a single pull may need to see (Mastodon pages 50 × 40; Discourse similar). */
const DEMO_WINDOW_POSTS = 1_200;

/** Replay steps: as long as possible (≤ 7 days) while no feed gains more than DEMO_WINDOW_POSTS in one step. */
export function demoSteps(dataset: DemoDataset): number[] {
  const times = new Map<string, number[]>();
  for (const p of dataset.posts) {
    const list = times.get(p.source) ?? [];
    list.push(p.publishedAt);
    times.set(p.source, list);
  }
  for (const list of times.values()) list.sort((a, b) => a - b);
  const countIn = (list: number[], from: number, to: number) => upper(list, to) - upper(list, from);
  const steps: number[] = [];
  let t = dataset.from;
  const hour = 3_600_000;
  while (t < dataset.to) {
    let step = hour;
    while (step < 7 * 24 * hour && [...times.values()].every((l) => countIn(l, t, t + step * 2) <= DEMO_WINDOW_POSTS)) step *= 2;
    t = Math.min(dataset.to, t + step);
    steps.push(t);
  }
  return steps;
}

function upper(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function startIngestion(deps: IngestionDeps): Promise<Ingestion> {
  const { db, config, clock, logger } = deps;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // Analysis on worker threads (half the cores, at least one) so the web server stays responsive while ingesting.
  const pool = createAnalysisPool({ products: config.products, regionAliases: config.regionAliases }, Math.max(1, Math.floor(availableParallelism() / 2)));
  const ctx = { ...createStoreContext(config), analyzeMany: pool.analyzeMany };
  const fetcher = createNodeFetcher();
  // The replay server is ours and on loopback: no politeness delay, loopback allowed for demo sources only.
  const demoFetcher = createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 1 });
  const pick = (s: { demo: boolean }) => (s.demo ? demoFetcher : fetcher);
  await syncConfigSources(db, config);

  let replay: ReplayServer | null = null;
  let catchingUp = false;
  let stopped = false;
  let running: Promise<RunSummary | null> | null = null;

  const tick = (): Promise<RunSummary | null> => {
    if (running || stopped) return Promise.resolve(null);
    running = runDueSources({
      db,
      config,
      fetcher: pick,
      now: clock.now(),
      owner,
      ctx,
      ...(deps.onBatch ? { onBatch: deps.onBatch } : {}),
      // During the demo catch-up the demo sources are driven by it, not by the clock.
      filter: (s) => !(catchingUp && s.demo),
      log: (msg, fields) => logger.warn(msg, fields),
    })
      .catch((error: unknown) => {
        logger.error('scheduled ingest failed', { error: error instanceof Error ? error.message : String(error) });
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  let demoReady: Promise<void> = Promise.resolve();
  if (deps.demo) {
    const t0 = Date.now();
    const dataset = generateDemo();
    let asOf = dataset.to;
    replay = await startReplayServer({ dataset, asOf: () => asOf });
    const defs = configSourceDefinitions(demoSources(replay.url), true);
    // The replay port (so the URL) changes every start, which resets the demo sources' cursors; replay the
    // whole history again unless an earlier start already stored (nearly) all of it.
    const fresh = (await countDemoPosts(db)) < dataset.posts.length * 0.95;
    await upsertSources(db, defs);
    logger.info('demo replay server', { url: replay.url, posts: dataset.posts.length, generatedMs: Date.now() - t0 });
    if (fresh) {
      catchingUp = true;
      const steps = demoSteps(dataset);
      demoReady = (async () => {
        let inserted = 0;
        for (let i = 0; i < steps.length && !stopped; i++) {
          asOf = steps[i]!;
          const r = await runDueSources({
            db,
            config,
            fetcher: pick,
            now: clock.now(),
            owner,
            ctx,
            force: true,
            filter: (s) => s.demo,
            ...(deps.onBatch ? { onBatch: deps.onBatch } : {}),
            log: (msg, fields) => logger.warn(msg, fields),
          });
          inserted += r.inserted;
          if (i % 5 === 4 || i === steps.length - 1) {
            logger.info('demo ingest', { step: i + 1, of: steps.length, asOf: new Date(asOf).toISOString(), posts: inserted, ms: Date.now() - t0 });
          }
        }
        asOf = dataset.to;
        catchingUp = false;
        logger.info('demo ingest done', { posts: inserted, ms: Date.now() - t0 });
      })().catch((error: unknown) => {
        catchingUp = false;
        logger.error('demo ingest failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      });
    }
  }

  const task = deps.schedule === false ? null : cron.schedule('* * * * *', () => void tick(), { name: 'barometer-ingest' });
  if (deps.schedule !== false && !deps.demo) void tick();

  return {
    tick,
    demoReady,
    demoUrl: replay?.url ?? null,
    async stop() {
      stopped = true;
      await task?.stop();
      await task?.destroy();
      await demoReady;
      await running;
      fetcher.close();
      demoFetcher.close();
      await pool.close();
      await replay?.close();
    },
  };
}
