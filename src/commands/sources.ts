/** `barometer sources add|list|disable|enable`: manage the sources table (config sources are upserted on start). */
import { loadConfig, sourceKinds } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { addSource, listSources, setSourceEnabled, type SourceRow } from '../../db/queries/sources.js';
import { CliError, type CliIO, type Command } from './types.js';

async function withDb<T>(io: CliIO, fn: (db: Awaited<ReturnType<typeof openDb>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken);
  try {
    await applyMigrations(db);
    return await fn(db);
  } finally {
    close();
  }
}

function publicView(s: SourceRow) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: s.url,
    enabled: s.enabled,
    official: s.official,
    demo: s.demo,
    pollIntervalSeconds: s.pollIntervalSeconds,
    lastSuccessAt: s.lastSuccessAt ? new Date(s.lastSuccessAt).toISOString() : null,
    lastError: s.lastError,
    consecutiveFailures: s.consecutiveFailures,
    healthy: s.breakerOpenUntil === null,
    nextPollAt: s.nextPollAt ? new Date(s.nextPollAt).toISOString() : null,
  };
}

export const sourcesAddCommand: Command = {
  name: 'sources add',
  summary: 'Add a source to pull',
  description: `Kinds: ${sourceKinds.join(', ')}. Prints the new source as JSON.`,
  options: {
    name: { type: 'string', description: 'unique name' },
    kind: { type: 'string', description: 'connector kind' },
    url: { type: 'string', description: 'feed / API URL' },
    interval: { type: 'string', description: 'poll interval in seconds', default: '300' },
    official: { type: 'boolean', description: "the provider's own status page" },
    product: { type: 'string', description: 'product id hint for posts naming none' },
    region: { type: 'string', description: 'macro region hint (NA, LATAM, EMEA, APAC)' },
  },
  async run({ values }, io) {
    const name = values.name;
    const kind = values.kind;
    if (typeof name !== 'string' || name.trim() === '') throw new CliError('--name is required', 2);
    if (typeof kind !== 'string' || !(sourceKinds as readonly string[]).includes(kind)) throw new CliError(`--kind must be one of ${sourceKinds.join(', ')}`, 2);
    const url = values.url;
    if (kind !== 'push') {
      if (typeof url !== 'string') throw new CliError('--url is required for pulled sources', 2);
      try {
        if (!/^https?:$/.test(new URL(url).protocol)) throw new Error();
      } catch {
        throw new CliError(`--url "${url}" is not an http(s) URL`, 2);
      }
    }
    const interval = Number(values.interval ?? 300);
    if (!Number.isInteger(interval) || interval < 30) throw new CliError('--interval must be an integer of at least 30 seconds', 2);
    const region = values.region;
    if (region !== undefined && !['NA', 'LATAM', 'EMEA', 'APAC'].includes(String(region))) throw new CliError('--region must be NA, LATAM, EMEA or APAC', 2);
    const row = await withDb(io, (db) =>
      addSource(db, {
        name: name.trim(),
        kind,
        url: typeof url === 'string' ? url : null,
        official: values.official === true,
        pollIntervalSeconds: interval,
        productHint: typeof values.product === 'string' ? values.product : null,
        regionHint: typeof region === 'string' ? region : null,
      }),
    );
    if (!row) throw new CliError(`a source named "${name}" already exists`);
    io.stdout.write(JSON.stringify(publicView(row)) + '\n');
  },
};

export const sourcesListCommand: Command = {
  name: 'sources list',
  summary: 'List sources with their health (JSON lines)',
  async run(_input, io) {
    const rows = await withDb(io, (db) => listSources(db));
    for (const r of rows) io.stdout.write(JSON.stringify(publicView(r)) + '\n');
  },
};

function toggle(enabled: boolean): Command {
  return {
    name: enabled ? 'sources enable' : 'sources disable',
    summary: enabled ? 'Enable a source again' : 'Stop pulling a source (its posts stay)',
    args: 'NAME|ID',
    async run({ positionals }, io) {
      const key = positionals[0];
      if (!key) throw new CliError('expected a source name or id', 2);
      const id = /^\d+$/.test(key) ? Number(key) : key;
      const ok = await withDb(io, (db) => setSourceEnabled(db, id, enabled));
      if (!ok) throw new CliError(`no source "${key}"`);
      io.stdout.write(JSON.stringify({ source: key, enabled }) + '\n');
    },
  };
}

export const sourcesDisableCommand = toggle(false);
export const sourcesEnableCommand = toggle(true);
