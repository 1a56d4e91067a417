import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { listApiKeys } from '../../db/queries/keys.js';
import { requireRole } from '../../src/auth.js';
import { createApiWorld, type ApiWorld } from './world.js';

let w: ApiWorld | undefined;
afterEach(() => w?.close());

describe('API keys and roles', () => {
  it('answers 401 problem+json with a WWW-Authenticate challenge when no key is sent', async () => {
    w = await createApiWorld();
    const r = await w.get('/api/v1/trends', null);
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await w.get('/api/v1/trends', 'bmk_not-a-real-key')).status).toBe(401);
    const malformed = await w.app.request('/api/v1/trends', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(malformed.status).toBe(401);
  });

  it('checks auth before parameters, so a stranger learns nothing from validation', async () => {
    w = await createApiWorld();
    expect((await w.get('/api/v1/trends?bucket=nope', null)).status).toBe(401);
  });

  it('refuses a revoked key with 401 and says so', async () => {
    w = await createApiWorld();
    const r = await w.get('/api/v1/alerts', w.keys.revoked);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { detail: string }).detail).toContain('revoked');
  });

  it('lets a viewer read but not write (403), and an admin do both', async () => {
    w = await createApiWorld();
    expect((await w.get('/api/v1/alerts', w.keys.viewer)).status).toBe(200);
    const denied = await w.send('POST', '/api/v1/sources', { name: 'x', kind: 'rss', url: 'https://example.com/feed' }, w.keys.viewer);
    expect(denied.status).toBe(403);
    expect(denied.headers.get('content-type')).toContain('application/problem+json');
    expect((await w.get('/api/v1/sources', w.keys.viewer)).status).toBe(403);
    expect((await w.get('/api/v1/sources', w.keys.admin)).status).toBe(200);
    expect((await w.get('/api/v1/alerts', w.keys.admin)).status).toBe(200);
  });

  it('stores only the hash and records when a key was last used', async () => {
    w = await createApiWorld();
    await w.get('/api/v1/alerts', w.keys.viewer);
    const rows = await listApiKeys(w.db);
    const viewer = rows.find((r) => r.name === 'support-lead')!;
    expect(viewer.lastUsedAt).toBe(w.clock.now());
    const raw = await w.opened.client.execute('SELECT key_hash FROM api_keys');
    expect(raw.rows.map((r) => r.key_hash)).not.toContain(w.keys.viewer);
    expect(raw.rows.every((r) => /^[0-9a-f]{64}$/.test(String(r.key_hash)))).toBe(true);
  });

  it('accepts BAROMETER_ADMIN_TOKEN as an admin bootstrap', async () => {
    w = await createApiWorld();
    const token = 'operator-bootstrap-token-123';
    w.config.adminToken = token;
    expect((await w.get('/api/v1/sources', token)).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('counts per key, sends RateLimit-* headers and answers 429 problem+json when spent', async () => {
    w = await createApiWorld({ rateLimit: { limit: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await w.get('/api/v1/alerts', w.keys.viewer);
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('ratelimit-limit')).toBe('3');
        expect(last.headers.get('ratelimit-remaining')).toBe('2');
        expect(Number(last.headers.get('ratelimit-reset'))).toBe(60);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // another key has its own budget; the window resets
    expect((await w.get('/api/v1/alerts', w.keys.admin)).status).toBe(200);
    w.clock.advance(60_000);
    expect((await w.get('/api/v1/alerts', w.keys.viewer)).status).toBe(200);
  });
});

describe('sessions from another middleware (the dashboard)', () => {
  it('uses an identity set earlier in the request instead of a key, with the same role rules', async () => {
    w = await createApiWorld();
    const { createApp } = await import('../../src/app.js');
    const app = createApp({ db: w.db, config: w.config, clock: w.clock });
    // What the dashboard's session middleware does after checking its signed cookie:
    const dashboard = new Hono();
    dashboard.use('*', async (c, next) => {
      if (c.req.header('cookie') === 'session=ok') c.set('identity', { kind: 'session', id: 'session:1', name: 'pm@example.com', role: 'viewer' });
      await next();
    });
    dashboard.get('/read', requireRole('viewer'), (c) => c.text(`hello ${c.get('identity').name}`));
    dashboard.post('/write', requireRole('admin'), (c) => c.text('written'));
    app.route('/ui', dashboard);
    const ok = await app.request('/ui/read', { headers: { cookie: 'session=ok' } });
    expect(await ok.text()).toBe('hello pm@example.com');
    expect((await app.request('/ui/read')).status).toBe(401);
    expect((await app.request('/ui/write', { method: 'POST', headers: { cookie: 'session=ok' } })).status).toBe(403);
    // an admin session may write from this site, never from another one (CSRF)
    const admin2 = createApp({ db: w.db, config: w.config, clock: w.clock });
    const ui = new Hono();
    ui.use('*', async (c, next) => {
      c.set('identity', { kind: 'session', id: 'session:2', name: 'ops@example.com', role: 'admin' });
      await next();
    });
    ui.post('/write', requireRole('admin'), (c) => c.text('written'));
    admin2.route('/ui', ui);
    expect((await admin2.request('http://localhost/ui/write', { method: 'POST', headers: { origin: 'http://localhost' } })).status).toBe(200);
    expect((await admin2.request('http://localhost/ui/write', { method: 'POST', headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await admin2.request('http://localhost/ui/write', { method: 'POST', headers: { origin: 'null' } })).status).toBe(403);
    expect((await admin2.request('http://localhost/ui/write', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });
});
