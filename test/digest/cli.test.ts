/**
 * `barometer digest preview|send` through the real CLI entry: preview prints the message on stdout
 * only; send without SMTP_URL writes one .eml per recipient to data/outbox/, says where on stderr,
 * and a second send writes nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { main } from '../../src/cli.js';
import { createDigestWorld, RECIPIENTS, type DigestWorld } from './world.js';

let w: DigestWorld;
let cwd: string;
beforeAll(async () => {
  w = await createDigestWorld('America/New_York', 7);
  cwd = mkdtempSync(join(tmpdir(), 'barometer-digest-cli-'));
  writeFileSync(join(cwd, 'barometer.config.json'), JSON.stringify({ digest: { recipients: RECIPIENTS, hour: 7, timeZone: 'America/New_York' } }));
}, 60_000);
afterAll(() => {
  w.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const env = { DATABASE_URL: w.opened.url, BAROMETER_PUBLIC_URL: 'https://dash.barometer.test', BAROMETER_DEMO: 'off', LOG_LEVEL: 'info' };
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env, cwd });
  return { code, out, err };
}

describe('barometer digest', () => {
  it('preview prints the text digest of a date on stdout and the subject on stderr', async () => {
    const r = await run(['digest', 'preview', '--date', '2026-03-10', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Demo provider daily digest: Tuesday, 10 March 2026 \(America\/New_York\)/);
    expect(r.out).toContain('1 incident,');
    expect(r.err).toMatch(/^subject: 1 incident/);
  });

  it('rejects a bad date with one line', async () => {
    const r = await run(['digest', 'preview', '--date', '2026-02-30']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('--date must be a date as YYYY-MM-DD');
  });

  it('send without SMTP_URL writes one .eml per recipient to data/outbox/ and says where; never twice', async () => {
    const first = await run(['digest', 'send', '--date', '2026-03-10']);
    expect(first.code).toBe(0);
    const files = readdirSync(join(cwd, 'data', 'outbox')).sort();
    expect(files).toEqual(RECIPIENTS.map((r) => `2026-03-10-${r}.eml`).sort());
    expect(first.err).toContain(join(cwd, 'data', 'outbox'));
    const mail = await simpleParser(readFileSync(join(cwd, 'data', 'outbox', files[0]!)));
    expect(mail.html).toBeTruthy();
    expect(mail.text).toContain('1 incident,');
    const second = await run(['digest', 'send', '--date', '2026-03-10']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out).results.map((x: { outcome: string }) => x.outcome)).toEqual(['already-sent', 'already-sent']);
    expect(readdirSync(join(cwd, 'data', 'outbox'))).toHaveLength(2);
  });
});
