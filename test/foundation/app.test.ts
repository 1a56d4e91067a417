import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/clock.js';
import { ApiError } from '../../src/errors.js';
import { APP_VERSION } from '../../src/version.js';
import { knownMigrations } from '../../db/status.js';
import pkg from '../../package.json' with { type: 'json' };

let opened: OpenedDb;
beforeAll(async () => {
  opened = await openDb(':memory:');
  await applyMigrations(opened.db);
});
afterAll(() => opened.close());

function app() {
  const config = loadConfig({}, '/nonexistent-dir-for-tests');
  const built = createApp({ db: opened.db, config, clock: fixedClock('2013-11-08T12:00:00Z') });
  built.get('/boom', () => {
    throw new Error('secret internals');
  });
  built.get('/teapot', () => {
    throw new ApiError(409, 'conflict', 'already there');
  });
  return built;
}

describe('app', () => {
  it('reports health with the migration and app version', async () => {
    const res = await app().request('/healthz');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', version: APP_VERSION, database: { reachable: true, migration: { version: knownMigrations.at(-1)!.tag } } });
    expect(body.time).toBe('2013-11-08T12:00:00.000Z');
  });

  it('keeps the app version in step with package.json', () => {
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('answers unknown routes with problem+json 404', async () => {
    const res = await app().request('/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found', instance: '/no/such/thing' });
  });

  it('turns a thrown ApiError into its status and a crash into a 500 that leaks nothing', async () => {
    const conflict = await app().request('/teapot');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ status: 409, detail: 'already there', type: 'https://barometer.dev/problems/conflict' });
    const crash = await app().request('/boom');
    expect(crash.status).toBe(500);
    const body = await crash.json();
    expect(JSON.stringify(body)).not.toContain('secret internals');
    expect(body.requestId).toBe(crash.headers.get('x-request-id'));
  });

  it('gives every response a request id', async () => {
    const res = await app().request('/healthz');
    expect(res.headers.get('x-request-id')).toMatch(/\S{8,}/);
  });

  it('says unhealthy with 503 when the database is not migrated', async () => {
    const empty = await openDb(':memory:');
    const config = loadConfig({}, '/nonexistent-dir-for-tests');
    const res = await createApp({ db: empty.db, config, clock: fixedClock(0) }).request('/healthz');
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe('unhealthy');
    empty.close();
  });
});
