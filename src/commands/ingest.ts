/** `barometer ingest`: one pull of every due source now (or all with --all), printing a summary. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { loadConfig } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { createNodeFetcher } from '../../ingest/fetch/node.js';
import { runDueSources, syncConfigSources } from '../../ingest/run.js';
import type { Command } from './types.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Pull every due source once now and print a summary (JSON)',
  description: 'Config sources are upserted first. --all pulls every enabled source whatever its schedule (not those whose breaker is open).',
  options: {
    all: { type: 'boolean', description: 'ignore poll intervals' },
  },
  async run({ values }, io) {
    const config = loadConfig(io.env, io.cwd);
    const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken);
    const fetcher = createNodeFetcher();
    try {
      await applyMigrations(db);
      await syncConfigSources(db, config);
      const summary = await runDueSources({
        db,
        config,
        fetcher,
        now: Date.now(),
        owner: `cli:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        force: values.all === true,
        log: (msg, fields) => io.stderr.write(`${msg} ${JSON.stringify(fields)}\n`),
      });
      io.stdout.write(JSON.stringify(summary) + '\n');
      return summary.failed > 0 ? 1 : 0;
    } finally {
      fetcher.close();
      close();
    }
  },
};
