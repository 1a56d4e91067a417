import { loadConfig } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import type { Command } from './types.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply database migrations (also done automatically by `serve`)',
  description: 'Uses DATABASE_URL (default file:data/barometer.db). Safe to run twice.',
  async run(_input, io) {
    const config = loadConfig(io.env, io.cwd);
    const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken);
    try {
      const status = await applyMigrations(db);
      io.stdout.write(JSON.stringify({ database: config.databaseUrl, ...status }) + '\n');
    } finally {
      close();
    }
  },
};
