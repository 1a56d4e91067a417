/** `barometer import`: validation with line numbers, resumability, and rollups that match posts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { main } from '../../src/cli.js';
import { writePostsJsonl } from '../../bench/gen-posts.js';
import { expectRollupsMatchPosts, tempDb, type TempDb } from './store-db.js';

let t: TempDb;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.dispose());

async function cli(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env: { DATABASE_URL: `file:${t.file}`, BAROMETER_DEMO: 'off' }, cwd: t.dir });
  return { code, out, err };
}
const count = async (q: string) => Number((await t.db.all<{ n: number }>(sql.raw(q)))[0]!.n);

describe('barometer import', () => {
  it('reports invalid lines with their numbers and stores the valid ones', async () => {
    const file = join(t.dir, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ source: 'forum', external_id: '1', text: 'Exchange Online down in Dublin', published_at: '2013-11-08T14:05:00Z' }),
        '{not json',
        JSON.stringify({ source: 'forum', external_id: '2', text: 'Lync broken', published_at: 'yesterday' }),
        '',
        JSON.stringify({ source: 'forum', text: 'no id', published_at: '2013-11-08T14:05:00Z' }),
        JSON.stringify({ source: 'other', external_id: '3', text: 'SharePoint is slow', published_at: '2013-11-08T15:00:00+01:00', author: 'Ann' }),
      ].join('\n') + '\n',
    );
    const r = await cli(['import', file]);
    expect(r.code, r.err).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ valid: 2, inserted: 2, invalid: 3 });
    expect(r.err).toContain('mixed.jsonl:2: invalid JSON');
    expect(r.err).toContain('mixed.jsonl:3: published_at');
    expect(r.err).toContain('mixed.jsonl:5: external_id: required');
    const sources = await t.db.all<{ name: string; kind: string }>(sql`SELECT name, kind FROM sources ORDER BY name`);
    expect(sources).toEqual([
      { name: 'forum', kind: 'push' },
      { name: 'other', kind: 'push' },
    ]);
    const ann = await t.db.all<{ author_hash: string; published_at: number }>(sql`SELECT author_hash, published_at FROM posts WHERE external_id = '3'`);
    expect(ann[0]!.author_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ann[0]!.published_at).toBe(Date.UTC(2013, 10, 8, 14, 0));
  });

  it('resumes: a second run skips everything already stored and adds only the rest', async () => {
    const full = join(t.dir, 'full.jsonl');
    const half = join(t.dir, 'half.jsonl');
    await writePostsJsonl(full, { n: 3000, seed: 3, sources: 2 });
    await writePostsJsonl(half, { n: 1200, seed: 3, sources: 2 });
    const first = await cli(['import', half, '--batch-size', '500']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ inserted: 1200 });
    const second = await cli(['import', full, '--batch-size', '500']);
    expect(JSON.parse(second.out)).toMatchObject({ valid: 3000, inserted: 1800, alreadyStored: 1200, updated: 0 });
    expect(second.err).toMatch(/import: .*lines\/s/);
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(3000);
    await expectRollupsMatchPosts(t.db);
    const rebuilt = await cli(['rollups', 'rebuild']);
    expect(rebuilt.code).toBe(0);
    await expectRollupsMatchPosts(t.db);
  });
});
