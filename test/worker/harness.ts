/**
 * Starts Barometer under `wrangler dev` (workerd) on loopback with a local D1 in a temp folder,
 * offline (scripts/wrangler-local.ts). Cleans up its whole process group on stop(), on test failure
 * and on process exit.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runWrangler, spawnWrangler } from '../../scripts/wrangler-local.js';

export interface RunningWorker {
  url: string;
  /** The bundle wrangler dev serves (as `wrangler deploy` would upload it). */
  bundle: string;
  /** Everything wrangler and the Worker printed so far (for failure messages). */
  logs(): string;
  /**
   * Runs the Worker's `scheduled` once through miniflare's /cdn-cgi/handler/scheduled (what
   * `/__scheduled` does under `--test-scheduled`; that one is injected at bundling, and this Worker
   * runs from a prebuilt bundle).
   */
  triggerScheduled(): Promise<Response>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: wrangler, its node child, workerd
  } catch {
    // already gone
  }
}

/** Vars go in a dotenv file passed with --env-file; single quotes keep JSON values literal. */
function envFile(dir: string, vars: Record<string, string>): string {
  const path = join(dir, 'worker.env');
  const lines = Object.entries(vars).map(([k, v]) => {
    if (/['\n]/.test(v)) throw new Error(`var ${k}: quotes and newlines are not supported in the test env file`);
    return `${k}='${v}'`;
  });
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

export async function startWorker(vars: Record<string, string>, timeoutMs = 100_000): Promise<RunningWorker> {
  const dir = mkdtempSync(join(tmpdir(), 'barometer-worker-'));
  const state = join(dir, 'state');
  let output = '';
  const deadline = Date.now() + timeoutMs;

  // Bundle once, as `wrangler deploy` would, and serve that file: wrangler dev then watches only it,
  // so edits elsewhere in the tree (others at work) cannot reload the Worker and drop the local queue.
  const bundleDir = join(dir, 'bundle');
  const quiet = { stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  const [migrate, bundle] = await Promise.all([
    runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], quiet),
    runWrangler(['deploy', '--dry-run', '--outdir', bundleDir], quiet),
  ]);
  if (migrate !== 0 || bundle !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`wrangler failed: d1 migrations apply exit ${migrate}, deploy --dry-run exit ${bundle}`);
  }

  const [port, inspector] = [await freePort(), await freePort()];
  const child = spawnWrangler(
    [
      'dev',
      join(bundleDir, 'worker.js'),
      '--no-bundle',
      '--config', resolve('wrangler.toml'),
      '--ip', '127.0.0.1',
      '--port', String(port),
      '--inspector-port', String(inspector),
      '--persist-to', state,
      '--show-interactive-dev-session=false',
      '--env-file', envFile(dir, vars),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const onExit = () => killGroup(child, 'SIGKILL');
  process.on('exit', onExit);
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL'); // workerd children that outlived wrangler
    process.off('exit', onExit);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /healthz within ${timeoutMs} ms`);
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- wrangler output ---\n${output.slice(-4000)}`);
  }

  return {
    url,
    bundle: readFileSync(join(bundleDir, 'worker.js'), 'utf8'),
    logs: () => output,
    triggerScheduled: () => fetch(`${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/5 * * * *')}`),
    stop,
  };
}
