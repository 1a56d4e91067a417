/**
 * Running the installed wrangler offline: no telemetry, no update check, no `Request.cf` download,
 * local bindings only. Shared by `npm run worker:dev`, `npm run build:worker` and test/worker/.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** wrangler's own launcher (bin/wrangler.js), run with this node: no npx, no shell. */
export const wranglerBin = join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js');

export function offlineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // Never pick up ambient credentials: local mode must not need (or touch) an account.
  const { CLOUDFLARE_API_TOKEN: _t, CLOUDFLARE_API_KEY: _k, ...rest } = base;
  return {
    ...rest,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    // The banner is where wrangler checks npm for updates.
    WRANGLER_HIDE_BANNER: 'true',
    // Use miniflare's placeholder `request.cf` instead of fetching one from workers.cloudflare.com.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    // Tells wrangler it runs unattended (no prompts, no interactive dev session).
    CI: base.CI ?? 'true',
  };
}

/** Spawns wrangler with `args`; `detached` puts it in its own process group so it can be killed whole. */
export function spawnWrangler(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [wranglerBin, ...args], { env: offlineEnv(), ...options });
}

/** Runs wrangler to completion, inheriting stdio unless told otherwise; resolves with its exit code. */
export function runWrangler(args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawnWrangler(args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
