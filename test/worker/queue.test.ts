/**
 * The queue consumer's contract with Cloudflare Queues: ack a message whose source was handled
 * (pulled, failed at the source, or no longer due), retry with backoff only when the database itself
 * fails, so `max_retries` and the dead-letter queue see infrastructure trouble only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { getSource } from '../../db/queries/sources.js';
import { configFromEnv } from '../../src/config-schema.js';
import { silentLogger } from '../../src/log.js';
import type { MessageBatchLike, QueueMessage, SourceJob } from '../../src/worker/env.js';
import { consumeSourceJobs } from '../../src/worker/ingest.js';
import { syncConfigSources } from '../../src/worker/runner.js';
import { startFixtureServer, status, text, type FixtureServer } from '../helpers/fixture-server.js';
import { buildScenario } from './scenario.js';

interface Outcome {
  acked: boolean;
  retried: { delaySeconds?: number } | null;
}

function batchOf(jobs: SourceJob[], attempts = 1): { batch: MessageBatchLike<SourceJob>; outcomes: Outcome[] } {
  const outcomes: Outcome[] = jobs.map(() => ({ acked: false, retried: null }));
  const messages: QueueMessage<SourceJob>[] = jobs.map((body, i) => ({
    id: `m${i}`,
    body,
    attempts,
    ack: () => void (outcomes[i]!.acked = true),
    retry: (o) => void (outcomes[i]!.retried = o ?? {}),
  }));
  return { batch: { queue: 'barometer-ingest', messages, ackAll() {}, retryAll() {} }, outcomes };
}

let srv: FixtureServer;
let opened: OpenedDb;
let dir: string;
beforeAll(async () => {
  srv = await startFixtureServer({
    routes: { '/feed.xml': text(buildScenario(Date.now()).feed, { type: 'application/rss+xml' }), '/broken.xml': status(503) },
  });
  dir = mkdtempSync(join(tmpdir(), 'barometer-queue-'));
  opened = await openDb(`file:${join(dir, 'q.db')}`);
  await applyMigrations(opened.db);
});
afterAll(async () => {
  opened?.close();
  rmSync(dir, { recursive: true, force: true });
  await srv.close();
});

const env = { BAROMETER_ALLOW_LOOPBACK: 'true' };

describe('queue consumer', () => {
  it('acks a pulled source and a source that failed at its end; the failure is recorded on the source', async () => {
    const config = configFromEnv({}, {
      sources: [
        { name: 'good', kind: 'rss', url: srv.url('/feed.xml'), options: { discoverComments: false } },
        { name: 'broken', kind: 'rss', url: srv.url('/broken.xml') },
      ],
    });
    const deps = { env, config, db: opened.db, logger: silentLogger };
    await syncConfigSources(deps);
    const good = (await getSource(opened.db, 'good'))!;
    const broken = (await getSource(opened.db, 'broken'))!;
    const { batch, outcomes } = batchOf([
      { sourceId: good.id, dueAt: Date.now() },
      { sourceId: broken.id, dueAt: Date.now() },
    ]);
    await consumeSourceJobs(deps, batch);
    expect(outcomes).toEqual([
      { acked: true, retried: null },
      { acked: true, retried: null },
    ]);
    expect((await getSource(opened.db, 'good'))!.lastSuccessAt).not.toBeNull();
    const after = (await getSource(opened.db, 'broken'))!;
    expect(after.lastError).toMatch(/503/);
    expect(after.consecutiveFailures).toBe(1);

    // Delivered again (at-least-once): the source is no longer due, nothing is pulled twice.
    const before = srv.requestsTo('/feed.xml').length;
    const again = batchOf([{ sourceId: good.id, dueAt: Date.now() }]);
    await consumeSourceJobs(deps, again.batch);
    expect(again.outcomes[0]).toEqual({ acked: true, retried: null });
    expect(srv.requestsTo('/feed.xml').length).toBe(before);
  });

  it('retries with growing backoff when the database fails', async () => {
    const d = mkdtempSync(join(tmpdir(), 'barometer-queue-dead-'));
    const dead = await openDb(`file:${join(d, 'dead.db')}`);
    dead.close(); // every query now fails
    const deps = { env, config: configFromEnv({}, {}), db: dead.db, logger: silentLogger };
    const first = batchOf([{ sourceId: 1, dueAt: Date.now() }], 1);
    await consumeSourceJobs(deps, first.batch);
    const third = batchOf([{ sourceId: 1, dueAt: Date.now() }], 3);
    await consumeSourceJobs(deps, third.batch);
    rmSync(d, { recursive: true, force: true });
    expect(first.outcomes[0]).toEqual({ acked: false, retried: { delaySeconds: 10 } });
    expect(third.outcomes[0]).toEqual({ acked: false, retried: { delaySeconds: 40 } });
  });
});
