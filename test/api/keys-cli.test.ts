import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.js';
import { findApiKeyByHash } from '../../db/queries/keys.js';
import { hashApiKey } from '../../src/auth.js';
import { main } from '../../src/cli.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: dir });
  return { code, out, err };
}

describe('barometer keys', () => {
  it('create prints only the key, which works once stored as a hash; list never shows it; revoke marks it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'barometer-keys-'));
    const env = { DATABASE_URL: `file:${join(dir, 'k.db')}`, BAROMETER_DEMO: 'off' };
    const created = await run(['keys', 'create', '--name', 'support lead', '--role', 'admin'], env);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^bmk_[A-Za-z0-9_-]{43}\n$/);
    const key = created.out.trim();
    const listed = await run(['keys', 'list'], env);
    expect(listed.out).not.toContain(key);
    const row = JSON.parse(listed.out.trim());
    expect(row).toMatchObject({ id: 1, name: 'support lead', role: 'admin', revokedAt: null, prefix: key.slice(0, 10) });
    expect((await run(['keys', 'revoke', '1'], env)).code).toBe(0);
    const opened = await openDb(env.DATABASE_URL);
    expect((await findApiKeyByHash(opened.db, hashApiKey(key)))?.revokedAt).not.toBeNull();
    opened.close();
  });

  it('refuses a bad role, a missing name and an unknown id with one line on stderr', async () => {
    dir = mkdtempSync(join(tmpdir(), 'barometer-keys-'));
    const env = { DATABASE_URL: `file:${join(dir, 'k.db')}`, BAROMETER_DEMO: 'off' };
    const bad = await run(['keys', 'create', '--name', 'x', '--role', 'root'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toBe('');
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect((await run(['keys', 'create'], env)).code).not.toBe(0);
    expect((await run(['keys', 'revoke', '42'], env)).err).toContain('no API key with id 42');
  });
});
