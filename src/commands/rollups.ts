/** `barometer rollups rebuild`: recompute every rollup (5-minute, hour and day rows) from the stored posts. */
import { loadConfig } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { rebuildRollups } from '../../db/queries/rollups.js';
import type { Command } from './types.js';

export const rollupsRebuildCommand: Command = {
  name: 'rollups rebuild',
  summary: 'Recompute all rollups from posts (atomic; safe while ingesting stops for a moment)',
  async run(_input, io) {
    const config = loadConfig(io.env, io.cwd);
    const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken);
    try {
      await applyMigrations(db);
      const t0 = performance.now();
      const rows = await rebuildRollups(db);
      io.stdout.write(JSON.stringify({ rollupRows: rows, seconds: Math.round((performance.now() - t0) / 100) / 10 }) + '\n');
    } finally {
      close();
    }
  },
};
