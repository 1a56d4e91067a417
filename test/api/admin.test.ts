import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueDeliveries } from '../../db/queries/webhooks.js';
import { webhookDeliveries } from '../../db/schema.js';
import { createApiWorld, type ApiWorld } from './world.js';

let w: ApiWorld;
beforeAll(async () => {
  w = await createApiWorld();
});
afterAll(() => w.close());

const body = async (r: Response) => (await r.json()) as Record<string, any>;

describe('sources (admin)', () => {
  it('creates, lists with health, and disables a source', async () => {
    const created = await w.send('POST', '/api/v1/sources', { name: 'exo-blog', kind: 'rss', url: 'https://blogs.example.com/feed', productHint: 'exchange-online' });
    expect(created.status).toBe(201);
    const s = await body(created);
    expect(s).toMatchObject({ name: 'exo-blog', kind: 'rss', enabled: true, health: { consecutiveFailures: 0, lastError: null } });
    const list = await body(await w.get('/api/v1/sources', w.keys.admin));
    expect(list.sources.map((x: { name: string }) => x.name)).toEqual(['social', 'status', 'exo-blog']);
    const off = await w.send('PATCH', `/api/v1/sources/${s.id}`, { enabled: false });
    expect((await body(off)).enabled).toBe(false);
    expect((await w.send('PATCH', '/api/v1/sources/9999', { enabled: false })).status).toBe(404);
  });

  it('rejects duplicates, bad kinds, non-http URLs, unknown product hints and missing bodies', async () => {
    expect((await w.send('POST', '/api/v1/sources', { name: 'social', kind: 'push' })).status).toBe(409);
    expect((await body(await w.send('POST', '/api/v1/sources', { name: 'a', kind: 'gopher', url: 'https://x.example' }))).parameter).toBe('kind');
    expect((await body(await w.send('POST', '/api/v1/sources', { name: 'a', kind: 'rss', url: 'file:///etc/passwd' }))).parameter).toBe('url');
    expect((await body(await w.send('POST', '/api/v1/sources', { name: 'a', kind: 'rss' }))).parameter).toBe('url');
    expect((await body(await w.send('POST', '/api/v1/sources', { name: 'a', kind: 'rss', url: 'https://x.example', productHint: 'nope' }))).parameter).toBe('product');
    expect((await w.send('POST', '/api/v1/sources', '{not json')).status).toBe(400);
    expect((await body(await w.send('POST', '/api/v1/sources', { name: 'a', kind: 'rss', url: 'https://x.example', pollIntervalSeconds: 'often' }))).parameter).toBe('pollIntervalSeconds');
  });
});

describe('webhooks (admin)', () => {
  it('creates a webhook showing the secret once, lists it without the secret, shows dead deliveries, deletes it', async () => {
    const created = await w.send('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', filters: { products: ['exchange-online'], minSeverity: 'high' } });
    expect(created.status).toBe(201);
    const hook = await body(created);
    expect(hook.secret.length).toBeGreaterThanOrEqual(24);
    const list = await body(await w.get('/api/v1/webhooks', w.keys.admin));
    expect(list.webhooks).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(hook.secret);

    await enqueueDeliveries(w.db, [{ webhookId: hook.id, alertId: null, event: 'test', payload: '{}', nextAttemptAt: 0 }]);
    await w.db.update(webhookDeliveries).set({ status: 'dead', attempts: 8, lastStatusCode: 500, lastError: 'HTTP 500' });
    const dead = await body(await w.get('/api/v1/webhooks/deliveries?status=dead', w.keys.admin));
    expect(dead.deliveries).toHaveLength(1);
    expect(dead.deliveries[0]).toMatchObject({ status: 'dead', attempts: 8, lastStatusCode: 500 });
    const mine = await body(await w.get(`/api/v1/webhooks/${hook.id}/deliveries`, w.keys.admin));
    expect(mine.deliveries).toHaveLength(1);

    expect((await w.send('DELETE', `/api/v1/webhooks/${hook.id}`, undefined)).status).toBe(204);
    expect((await w.send('DELETE', `/api/v1/webhooks/${hook.id}`, undefined)).status).toBe(404);
    expect((await w.get(`/api/v1/webhooks/${hook.id}/deliveries`, w.keys.admin)).status).toBe(404);
  });

  it('rejects bad URLs, unknown products and unknown severities in filters', async () => {
    expect((await body(await w.send('POST', '/api/v1/webhooks', { url: 'javascript:alert(1)' }))).parameter).toBe('url');
    expect((await body(await w.send('POST', '/api/v1/webhooks', { url: 'https://x.example/h', filters: { products: ['nope'] } }))).parameter).toBe('filters.products');
    expect((await body(await w.send('POST', '/api/v1/webhooks', { url: 'https://x.example/h', filters: { minSeverity: 'dire' } }))).parameter).toBe('filters.minSeverity');
    expect((await w.send('DELETE', '/api/v1/webhooks/1', undefined, w.keys.viewer)).status).toBe(403);
  });
});
