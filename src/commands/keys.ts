/**
 * `barometer keys create|list|revoke`: API keys for /api/v1. `create` prints only the new key on
 * stdout (it is shown this once; only its SHA-256 is stored), so `KEY=$(barometer keys create …)` works.
 */
import { loadConfig } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { insertApiKey, listApiKeys, revokeApiKey } from '../../db/queries/keys.js';
import { generateApiKey } from '../auth.js';
import { CliError, type CliIO, type Command } from './types.js';

async function withDb<T>(io: CliIO, fn: (db: Awaited<ReturnType<typeof openDb>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  const opened = await openDb(config.databaseUrl, config.databaseAuthToken);
  try {
    await applyMigrations(opened.db);
    return await fn(opened.db);
  } finally {
    opened.close();
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const keysCreateCommand: Command = {
  name: 'keys create',
  summary: 'Create an API key (printed once on stdout)',
  options: {
    name: { type: 'string', description: 'who or what the key is for (required)' },
    role: { type: 'string', description: 'viewer (read) or admin (read and write)', default: 'viewer' },
  },
  async run({ values }, io) {
    const name = typeof values.name === 'string' ? values.name.trim() : '';
    if (!name) throw new CliError('--name is required, e.g. --name support-lead', 2);
    if (name.length > 100) throw new CliError('--name is longer than 100 characters', 2);
    const role = values.role;
    if (role !== 'viewer' && role !== 'admin') throw new CliError(`--role must be viewer or admin, not "${String(role)}"`, 2);
    const { key, prefix, keyHash } = generateApiKey();
    const row = await withDb(io, (db) => insertApiKey(db, { name, prefix, keyHash, role, createdAt: Date.now() }));
    io.stderr.write(`created key ${row.id} (${role}) for "${name}"; it is shown only now\n`);
    io.stdout.write(`${key}\n`);
  },
};

export const keysListCommand: Command = {
  name: 'keys list',
  summary: 'List API keys as JSON lines (never the keys themselves)',
  async run(_input, io) {
    const rows = await withDb(io, (db) => listApiKeys(db));
    for (const r of rows) {
      io.stdout.write(
        JSON.stringify({ id: r.id, name: r.name, prefix: r.prefix, role: r.role, createdAt: iso(r.createdAt), lastUsedAt: iso(r.lastUsedAt), revokedAt: iso(r.revokedAt) }) + '\n',
      );
    }
  },
};

export const keysRevokeCommand: Command = {
  name: 'keys revoke',
  summary: 'Revoke an API key by id (takes effect on the next request)',
  args: 'ID',
  async run({ positionals }, io) {
    const raw = positionals[0];
    if (!raw || !/^[1-9]\d*$/.test(raw) || positionals.length > 1) throw new CliError('give one key id, e.g. barometer keys revoke 3 (see keys list)', 2);
    const row = await withDb(io, (db) => revokeApiKey(db, Number(raw), Date.now()));
    if (!row) throw new CliError(`no API key with id ${raw}`);
    io.stderr.write(`revoked key ${row.id} (${row.name})\n`);
  },
};
