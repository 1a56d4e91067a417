/**
 * `npm run worker:dev [-- wrangler dev args]`: Barometer on workerd, locally and offline.
 * Applies db/migrations to the local D1 first (same --persist-to), then runs `wrangler dev` on
 * 127.0.0.1 with /__scheduled enabled and loopback sources allowed (dev only).
 * Extra arguments go to `wrangler dev`, e.g. `npm run worker:dev -- --port 8799`.
 */
import { runWrangler, spawnWrangler } from './wrangler-local.js';

const extra = process.argv.slice(2);
const has = (flag: string) => extra.some((a) => a === flag || a.startsWith(`${flag}=`));
const valueOf = (flag: string): string | undefined => {
  const i = extra.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  const a = extra[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : extra[i + 1];
};

const persist = valueOf('--persist-to');
const persistArgs = persist ? ['--persist-to', persist] : [];

const migrated = await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs], {
  // Migration output is a table for people: keep stdout for the dev server's data.
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (migrated !== 0) {
  process.stderr.write(`worker:dev: applying migrations to the local D1 failed (exit ${migrated})\n`);
  process.exit(migrated);
}

const args = [
  'dev',
  ...(has('--ip') ? [] : ['--ip', '127.0.0.1']),
  ...(has('--test-scheduled') ? [] : ['--test-scheduled']),
  ...(has('--show-interactive-dev-session') ? [] : ['--show-interactive-dev-session=false']),
  '--var',
  'BAROMETER_ALLOW_LOOPBACK:true',
  ...extra,
];
const child = spawnWrangler(args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
