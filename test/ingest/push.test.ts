/** POST /api/v1/ingest: admin only; bad items reported by index, good ones stored (JSON array and NDJSON). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { ingestRoutes } from '../../src/api/ingest.js';
import { recountRollups, storedRollups, tempDb, type TempDb } from './store-db.js';

const TOKEN = 'test-admin-token-0123456789';
let t: TempDb;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  t = await tempDb({ BAROMETER_ADMIN_TOKEN: TOKEN });
  t.config.ingest.maxBatchSize = 5;
  app = createApp({ db: t.db, config: t.config, clock: fixedClock('2013-11-08T20:00:00Z') });
  app.route('/api/v1', ingestRoutes());
});
afterEach(() => t.dispose());

const post = (body: string, type = 'application/json', token: string | null = TOKEN) =>
  app.request('/api/v1/ingest', {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
const item = (id: string, extra: Record<string, unknown> = {}) => ({
  source: 'partner-forum',
  external_id: id,
  text: `Exchange Online is down in Dublin (${id})`,
  published_at: '2013-11-08T14:05:00Z',
  ...extra,
});
const count = async (q: string) => Number((await t.db.all<{ n: number }>(sql.raw(q)))[0]!.n);

describe('POST /api/v1/ingest', () => {
  it('stores the valid items and reports each invalid one by index and reason', async () => {
    const res = await post(
      JSON.stringify([item('1'), { ...item('2'), published_at: 'last tuesday' }, item('3', { author: 'Kim' }), { source: 'x', text: 'no id' }, 42]),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ received: 5, accepted: 2, inserted: 2, updated: 0 });
    expect(body.rejected).toEqual([
      { index: 1, reason: expect.stringContaining('published_at') },
      { index: 3, reason: 'external_id: required' },
      { index: 4, reason: 'expected a JSON object' },
    ]);
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM sources WHERE name = 'partner-forum' AND kind = 'push'`)).toBe(1);
    expect(await storedRollups(t.db)).toEqual(await recountRollups(t.db));
  });

  it('accepts NDJSON, is idempotent and re-analyses an edit', async () => {
    const nd = [item('1'), item('2')].map((i) => JSON.stringify(i)).join('\n') + '\n';
    expect(await (await post(nd, 'application/x-ndjson')).json()).toMatchObject({ inserted: 2 });
    expect(await (await post(nd, 'application/x-ndjson')).json()).toMatchObject({ inserted: 0, unchanged: 2 });
    const edit = JSON.stringify([item('2', { text: 'All good now, thanks for the quick fix' })]);
    expect(await (await post(edit)).json()).toMatchObject({ inserted: 0, updated: 1 });
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(2);
    expect(await count(`SELECT outage AS n FROM posts WHERE external_id = '2'`)).toBe(0);
    expect(await storedRollups(t.db)).toEqual(await recountRollups(t.db));
  });

  it('refuses more items than ingest.maxBatchSize, bodies that are not JSON, and callers without the admin role', async () => {
    const six = JSON.stringify(Array.from({ length: 6 }, (_, i) => item(String(i))));
    const big = await post(six);
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect((await post('[{"broken"')).status).toBe(400);
    expect((await post(JSON.stringify([item('1')]), 'application/json', null)).status).toBe(401);
    expect((await post(JSON.stringify([item('1')]), 'application/json', 'wrong-token-wrong-token')).status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(0);
  });
});
