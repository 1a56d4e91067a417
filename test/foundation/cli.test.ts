import { spawn, execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { commands } from '../../src/commands/index.js';
import { main } from '../../src/cli.js';
import { knownMigrations } from '../../db/status.js';

const latest = knownMigrations.at(-1)!.tag;

/** Runs the CLI in this process (for help texts: spawning ~20 processes is slow on 2 cores). */
async function cliInProcess(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: dir });
  return { code, stdout: out };
}

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'barometer-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI in a child process, as a user would. */
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/barometer.js'), ...args], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: `file:${join(dir, 'cli.db')}`, LOG_LEVEL: 'warn', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('barometer CLI', () => {
  it('lists its commands on --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const command of commands) expect(stdout).toContain(command.name);
  });

  it('has --help on every command', async () => {
    for (const command of commands) {
      const { code, stdout } = await cliInProcess([...command.name.split(' '), '--help']);
      expect(code, command.name).toBe(0);
      expect(stdout).toContain(`Usage: barometer ${command.name}`);
    }
  });

  it('migrates and prints the status as JSON on stdout only', async () => {
    const { code, stdout } = await cli(['migrate']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ version: latest, applied: knownMigrations.length });
  });

  it('an unknown command is one line on stderr and exit 2', async () => {
    const { code, stderr, stdout } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a corrupt config is one clear line and a non-zero exit', async () => {
    const path = join(dir, 'corrupt.json');
    writeFileSync(path, '{ "products": nope }');
    const { code, stderr } = await cli(['migrate'], { BAROMETER_CONFIG: path });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('corrupt.json is not valid JSON');
  });

  it('an unwritable database path is one clear line and a non-zero exit', async () => {
    const { code, stderr } = await cli(['migrate'], { DATABASE_URL: 'file:/etc/hostname/no/b.db' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('/etc/hostname/no/b.db');
  });

  it('a port in use is one clear line and a non-zero exit', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await cli(['serve', '--port', String(port)], { BAROMETER_DEMO: 'off' });
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('serves /healthz with the migration version soon after start', async () => {
    const child = spawn(process.execPath, [join(root, 'bin/barometer.js'), 'serve', '--port', '0'], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: `file:${join(dir, 'serve.db')}`, LOG_LEVEL: 'warn' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
        setTimeout(() => reject(new Error('no URL within 60 s')), 60_000);
      });
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: { migration: { version: latest } } });
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
