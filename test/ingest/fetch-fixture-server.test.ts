import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, sequence, startFixtureServer, status, text, type FixtureServer } from '../helpers/fixture-server.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startFixtureServer({
    routes: {
      'POST /hook': status(204),
      '/hook': text('get'),
      '/page?n=2': json({ page: 2 }),
      '/page': json({ page: 'any' }),
      '/seq': sequence([status(503), json({ ok: true })]),
    },
  });
});
afterAll(() => srv.close());

describe('loopback fixture server', () => {
  it('records method, path, headers and POST bodies, and routes by method first', async () => {
    const r = await fetch(srv.url('/hook'), { method: 'POST', body: '{"alert":1}', headers: { 'x-sig': 'abc' } });
    expect(r.status).toBe(204);
    expect(await (await fetch(srv.url('/hook'))).text()).toBe('get');
    expect(srv.requests[0]).toMatchObject({ method: 'POST', body: '{"alert":1}', pathname: '/hook', headers: { 'x-sig': 'abc' } });
  });

  it('prefers an exact query match, and answers unknown paths with a 404 naming them', async () => {
    expect(await (await fetch(srv.url('/page?n=2'))).json()).toEqual({ page: 2 });
    expect(await (await fetch(srv.url('/page?n=3'))).json()).toEqual({ page: 'any' });
    const miss = await fetch(srv.url('/nope'));
    expect(miss.status).toBe(404);
    expect(await miss.text()).toContain('/nope');
  });

  it('plays a sequence and starts it over after reset()', async () => {
    expect((await fetch(srv.url('/seq'))).status).toBe(503);
    expect((await fetch(srv.url('/seq'))).status).toBe(200);
    srv.reset();
    expect(srv.requests).toHaveLength(0);
    expect((await fetch(srv.url('/seq'))).status).toBe(503);
  });
});
