/** GET /api/v1/digest/preview: admin only, validated date, HTML/text/JSON, in the OpenAPI document. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestWorld, type DigestWorld } from './world.js';

let w: DigestWorld;
beforeAll(async () => {
  w = await createDigestWorld('America/New_York', 7);
}, 60_000);
afterAll(() => w.close());

describe('GET /api/v1/digest/preview', () => {
  it('needs an admin key: 401 without, 403 for a viewer', async () => {
    expect((await w.get('/api/v1/digest/preview?date=2026-03-10', null)).status).toBe(401);
    const viewer = await w.get('/api/v1/digest/preview?date=2026-03-10', w.keys.viewer);
    expect(viewer.status).toBe(403);
    expect(viewer.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('names a bad date in a 400 problem', async () => {
    const r = await w.get('/api/v1/digest/preview?date=2026-13-01', w.keys.admin);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { parameter: string }).parameter).toBe('date');
  });

  it('renders the HTML as mailed, with a strict CSP, and the text part on request', async () => {
    const html = await w.get('/api/v1/digest/preview?date=2026-03-10', w.keys.admin);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(decodeURIComponent(html.headers.get('x-digest-subject')!)).toMatch(/^1 incident, \d+ min to first update/);
    expect(await html.text()).toContain('&lt;script&gt;');
    const text = await w.get('/api/v1/digest/preview?date=2026-03-10&format=text', w.keys.admin);
    expect(await text.text()).toContain('INCIDENTS');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await w.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/digest/preview']).toBeDefined();
  });
});
