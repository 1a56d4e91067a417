/**
 * Crash safety: SIGKILL a real `barometer import` child process mid-way, run it again, and prove no post
 * is lost, none is duplicated, and the rollups equal a recount from the posts.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { writePostsJsonl } from '../../bench/gen-posts.js';
import { expectRollupsMatchPosts, tempDb, type TempDb } from './store-db.js';

const N = Number(process.env.CRASH_TEST_POSTS ?? 30_000);
let t: TempDb;
let file: string;

beforeAll(async () => {
  t = await tempDb();
  file = join(t.dir, 'history.jsonl');
  await writePostsJsonl(file, { n: N, seed: 11, sources: 3 });
});
afterAll(() => t?.dispose());

function startImport() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file, '--batch-size', '1000'], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: `file:${t.file}`, BAROMETER_DEMO: 'off', BAROMETER_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => ({ out, err }) };
}

const count = async (q: string) => Number((await t.db.all<{ n: number }>(sql.raw(q)))[0]!.n);

describe('import crash safety', () => {
  it('loses and duplicates nothing when killed with SIGKILL and restarted', async () => {
    const first = startImport();
    // Kill once a good part (but not all) is stored.
    let stored = 0;
    for (let i = 0; i < 1200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await count('SELECT count(*) AS n FROM posts').catch(() => 0);
      if (stored >= N / 4) break;
    }
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = await count('SELECT count(*) AS n FROM posts');
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(N);
    // What survived the kill is already consistent: whole batches only, at every grain.
    await expectRollupsMatchPosts(t.db);

    const second = startImport();
    const done = await second.exited;
    expect(done.code, second.output().err).toBe(0);
    const summary = JSON.parse(second.output().out);
    expect(summary.alreadyStored).toBe(atKill);
    expect(summary.inserted).toBe(N - atKill);

    expect(await count('SELECT count(*) AS n FROM posts')).toBe(N);
    expect(await count('SELECT count(DISTINCT source_id || char(0) || external_id) AS n FROM posts')).toBe(N);
    await expectRollupsMatchPosts(t.db);
    for (const grain of [300, 3600, 86400]) {
      expect(await count(`SELECT sum(posts) AS n FROM rollups WHERE bucket_seconds = ${grain} AND product = '*' AND region = '*'`)).toBe(N);
    }
  }, 300_000);
});
