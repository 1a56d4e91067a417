import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakdownSchema } from '../../src/api/breakdown.js';
import { PostPageSchema } from '../../src/api/posts.js';
import { TimelineSchema } from '../../src/api/incidents.js';
import { TrendsSchema } from '../../src/api/trends.js';
import { CostSchema } from '../../src/api/cost.js';
import { HOUR, MIN, T, createApiWorld, seedOutage, type ApiWorld } from './world.js';

let w: ApiWorld;
beforeAll(async () => {
  w = await createApiWorld();
  await seedOutage(w);
}, 60_000);
afterAll(() => w.close());

const day = '2026-03-10';
const json = async (r: Response) => ({ status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as Record<string, any> });

describe('GET /api/v1/trends', () => {
  it('counts the outage posts of the product per hour, zero-filled, from rollups', async () => {
    const r = await json(await w.get(`/api/v1/trends?product=exchange-online&bucket=1h&from=${day}T08:00:00Z&to=${day}T12:00:00Z`));
    expect(r.status).toBe(200);
    const body = TrendsSchema.parse(r.body);
    expect(body.points.map((p) => p.t)).toEqual(['08', '09', '10', '11'].map((h) => `${day}T${h}:00:00.000Z`));
    expect(body.points.map((p) => p.value)).toEqual([0, 0, 32, 0]);
    expect(body.points[2]!.outagePosts).toBe(32);
    expect(body.demo).toBe(false);
  });

  it('sums 5-minute rollups into the bucket asked for and the metric asked for', async () => {
    const r = await json(await w.get(`/api/v1/trends?product=exchange-online&bucket=5m&metric=comms_complaints&from=${day}T10:00:00Z&to=${day}T10:15:00Z`));
    expect(r.body.points.map((p: { value: number }) => p.value)).toEqual([5, 3, 0]);
    const all = await json(await w.get(`/api/v1/trends?bucket=1d&metric=posts&from=${day}&to=2026-03-11`));
    expect(all.body.product).toBe('*');
    expect(all.body.points[0].value).toBeGreaterThan(32);
  });

  it('returns CSV on Accept: text/csv', async () => {
    const r = await w.get(`/api/v1/trends?product=exchange-online&bucket=1h&from=${day}T09:00:00Z&to=${day}T11:00:00Z`, undefined, { accept: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await r.text()).trim().split('\r\n');
    expect(lines[0]).toBe('t,value,posts,outagePosts,negative,positive,commsComplaints,churn,revenue,credit,sentimentMean');
    expect(lines[2]).toMatch(/^2026-03-10T10:00:00.000Z,32,/);
  });

  it.each([
    ['from after to', `from=${day}T12:00:00Z&to=${day}T10:00:00Z`, 'from'],
    ['a range too long for 5-minute buckets', `bucket=5m&from=2026-01-01&to=${day}`, 'from'],
    ['a date that is not ISO-8601', 'from=yesterday', 'from'],
    ['a time without a zone', 'from=2026-03-10T10:00:00', 'from'],
    ['an unknown bucket size', 'bucket=2h', 'bucket'],
    ['an unknown metric', 'metric=revenue_lost', 'metric'],
    ['an unknown region', 'region=MARS', 'region'],
    ['SQL in the product', `product=${encodeURIComponent("x' OR 1=1 --")}`, 'product'],
  ])('rejects %s with a 400 naming the parameter', async (_what, query, param) => {
    const r = await json(await w.get(`/api/v1/trends?${query}`));
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.parameter).toBe(param);
    expect(r.body.detail.length).toBeGreaterThan(10);
  });

  it('lists the known products when the product is unknown', async () => {
    const r = await json(await w.get('/api/v1/trends?product=azure-devops'));
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('exchange-online');
    expect(r.body.known).toContain('lync-online');
  });
});

describe('GET /api/v1/breakdown', () => {
  it('ranks products by outage posts over the period', async () => {
    const r = await json(await w.get(`/api/v1/breakdown?by=product&from=${day}&to=2026-03-11`));
    const body = BreakdownSchema.parse(r.body);
    expect(body.rows[0]).toMatchObject({ key: 'exchange-online', value: 32, outagePosts: 32 });
    expect(body.rows.map((x) => x.key)).toContain('onedrive');
  });

  it('breaks a product down by region', async () => {
    const r = await json(await w.get(`/api/v1/breakdown?by=region&product=exchange-online&from=${day}&to=2026-03-11`));
    expect(r.body.rows[0]).toMatchObject({ key: 'EMEA', value: 32 });
  });

  it('rejects from > to and an unknown product', async () => {
    expect((await w.get(`/api/v1/breakdown?from=2026-03-11&to=${day}`)).status).toBe(400);
    expect((await json(await w.get('/api/v1/breakdown?by=region&product=nope'))).body.parameter).toBe('product');
    expect((await json(await w.get('/api/v1/breakdown?by=team'))).body.parameter).toBe('by');
  });
});

describe('GET /api/v1/posts', () => {
  it('finds posts by text, product, region and flag, newest first', async () => {
    const r = await json(await w.get('/api/v1/posts?q=radio%20silence&product=exchange-online&region=EMEA&commsComplaint=true'));
    const body = PostPageSchema.parse(r.body);
    expect(body.posts.length).toBe(8);
    for (const p of body.posts) {
      expect(p.text).toContain('radio silence');
      expect(p.flags.commsComplaint).toBe(true);
      expect(p.products).toContain('exchange-online');
    }
    const times = body.posts.map((p) => p.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('pages with an opaque cursor without repeating or skipping a post', async () => {
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const r = await json(await w.get(`/api/v1/posts?outage=true&limit=7${cursor ? `&cursor=${cursor}` : ''}`));
      expect(r.status).toBe(200);
      seen.push(...r.body.posts.map((p: { id: number }) => p.id));
      cursor = r.body.nextCursor;
      pages++;
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(32);
  });

  it('treats SQL metacharacters and LIKE wildcards as plain text', async () => {
    for (const q of ["'; DROP TABLE posts; --", '%', '_', "\\' OR '1'='1"]) {
      const r = await json(await w.get(`/api/v1/posts?q=${encodeURIComponent(q)}`));
      expect(r.status).toBe(200);
      expect(r.body.posts).toEqual([]);
    }
    expect((await json(await w.get('/api/v1/posts?limit=1'))).body.posts).toHaveLength(1);
  });

  it('rejects oversized pages, bad cursors, bad flags and bad sentiment', async () => {
    expect((await json(await w.get('/api/v1/posts?limit=201'))).body.parameter).toBe('limit');
    expect((await json(await w.get('/api/v1/posts?limit=ten'))).body.parameter).toBe('limit');
    expect((await json(await w.get('/api/v1/posts?cursor=bm90LWEtY3Vyc29y'))).body.parameter).toBe('cursor');
    expect((await json(await w.get('/api/v1/posts?outage=yes'))).body.parameter).toBe('outage');
    expect((await json(await w.get('/api/v1/posts?sentiment=angry'))).body.parameter).toBe('sentiment');
    expect((await json(await w.get(`/api/v1/posts?from=2026-03-11&to=${day}`))).body.parameter).toBe('from');
  });

  it('returns CSV with the next cursor in a header, and defuses formulas', async () => {
    await w.store([{ externalId: 'formula', text: '=HYPERLINK("http://evil") Exchange Online is down', publishedAt: T + 100 * MIN }], T + 101 * MIN);
    const r = await w.get('/api/v1/posts?limit=2&q=HYPERLINK', undefined, { accept: 'text/csv' });
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await r.text();
    expect(text.split('\r\n')[0]).toMatch(/^id,publishedAt,sourceId,url,title,text,/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"") Exchange Online is down"`);
    const page = await w.get('/api/v1/posts?limit=1&outage=true', undefined, { accept: 'text/csv' });
    expect(page.headers.get('next-cursor')).toBeTruthy();
  });
});

describe('alerts', () => {
  it('lists the spike alerts the engine fired, with filters and paging', async () => {
    const r = await json(await w.get('/api/v1/alerts?kind=spike&product=exchange-online'));
    expect(r.status).toBe(200);
    expect(r.body.alerts.length).toBeGreaterThanOrEqual(2);
    for (const a of r.body.alerts) expect(a).toMatchObject({ kind: 'spike', product: 'exchange-online', acknowledged: null, demo: false });
    const one = await json(await w.get('/api/v1/alerts?limit=1'));
    expect(one.body.alerts).toHaveLength(1);
    const two = await json(await w.get(`/api/v1/alerts?limit=1&cursor=${one.body.nextCursor}`));
    expect(two.body.alerts[0].id).toBeLessThan(one.body.alerts[0].id);
  });

  it('shows an alert with the posts that fired it', async () => {
    const list = await json(await w.get('/api/v1/alerts?kind=spike&product=exchange-online&region=EMEA'));
    const id = list.body.alerts[0].id;
    const r = await json(await w.get(`/api/v1/alerts/${id}`));
    expect(r.body.topPosts.length).toBe(r.body.alert.topPostIds.length);
    expect(r.body.topPosts.every((p: { outage: { flag: boolean } }) => p.outage.flag)).toBe(true);
    expect((await w.get('/api/v1/alerts/999999')).status).toBe(404);
    expect((await json(await w.get('/api/v1/alerts/abc'))).body.parameter).toBe('id');
  });

  it('records who acknowledged and when; the first acknowledgement stands', async () => {
    const list = await json(await w.get('/api/v1/alerts?unacknowledged=true'));
    const id = list.body.alerts[0].id;
    w.clock.set(T + 3 * HOUR);
    const first = await json(await w.send('POST', `/api/v1/alerts/${id}/ack`, { by: 'Dana (support lead)' }));
    expect(first.status).toBe(200);
    expect(first.body.alert.acknowledged).toEqual({ by: 'Dana (support lead) via ops-admin', at: new Date(T + 3 * HOUR).toISOString() });
    const again = await json(await w.send('POST', `/api/v1/alerts/${id}/ack`, undefined));
    expect(again.body.alreadyAcknowledged).toBe(true);
    expect(again.body.alert.acknowledged.by).toBe('Dana (support lead) via ops-admin');
    const after = await json(await w.get('/api/v1/alerts?unacknowledged=true'));
    expect(after.body.alerts.map((a: { id: number }) => a.id)).not.toContain(id);
    w.clock.set(T + 2 * HOUR);
    expect((await json(await w.send('POST', `/api/v1/alerts/${id}/ack`, { by: '' }))).body.parameter).toBe('by');
    expect((await w.send('POST', '/api/v1/alerts/999999/ack', {})).status).toBe(404);
  });
});

describe('incidents and cost', () => {
  it('lists the incident with its comms metrics and cost', async () => {
    const r = await json(await w.get('/api/v1/incidents?product=exchange-online'));
    expect(r.body.incidents).toHaveLength(1);
    const i = r.body.incidents[0];
    expect(i).toMatchObject({ product: 'exchange-online', state: 'resolved', firstSignalAt: new Date(T).toISOString(), acknowledgedAt: new Date(T + 40 * MIN).toISOString() });
    expect(i.cost.incident.terms.map((t: { name: string }) => t.name)).toEqual(['revenue_at_risk', 'support_load', 'sla_credits', 'brand']);
    expect((await json(await w.get('/api/v1/incidents?state=closed'))).body.parameter).toBe('state');
  });

  it('shows the timeline: signals per bucket, official updates, the silences between them, top posts', async () => {
    const list = await json(await w.get('/api/v1/incidents'));
    const r = await json(await w.get(`/api/v1/incidents/${list.body.incidents[0].id}`));
    const body = TimelineSchema.parse(r.body);
    expect(body.timeline.bucket).toBe('5m');
    const at10 = body.timeline.signals.find((s) => s.t === new Date(T).toISOString());
    expect(at10?.outagePosts).toBe(20);
    expect(body.timeline.updates.map((u) => u.status)).toEqual(['investigating', 'resolved']);
    expect(body.timeline.silences.map((s) => [s.minutes, s.before])).toEqual([
      [40, 'first_update'],
      [50, 'update'],
    ]);
    expect(body.timeline.longestSilenceMinutes).toBe(50);
    expect(body.topPosts.length).toBeGreaterThan(0);
    expect(body.alerts.length).toBeGreaterThan(0);
    expect((await w.get('/api/v1/incidents/424242')).status).toBe(404);
  });

  it('prices one incident and a period, every term with its inputs, and says when there are too few incidents to measure', async () => {
    const list = await json(await w.get('/api/v1/incidents'));
    const one = await json(await w.get(`/api/v1/cost?incident=${list.body.incidents[0].id}`));
    const body = CostSchema.parse(one.body);
    expect(body.scope).toBe('incident');
    const terms = body.incidents[0]!.modelled!.incident.terms;
    expect(terms.find((t) => t.name === 'revenue_at_risk')).toMatchObject({ amount: 8 * 0.05 * 12000, inputs: { churnPosts: 8 } });
    expect(body.totals!.incident.total).toBeCloseTo(terms.reduce((a, t) => a + t.amount, 0));
    expect(body.measured.status).toBe('too-few');
    const period = await json(await w.get(`/api/v1/cost?from=2026-03-01&to=2026-03-31&product=exchange-online`));
    expect(period.body.scope).toBe('period');
    expect(period.body.incidents).toHaveLength(1);
    expect((await json(await w.get('/api/v1/cost?incident=0'))).body.parameter).toBe('incident');
    expect((await w.get('/api/v1/cost?incident=999')).status).toBe(404);
  });
});

describe('OpenAPI document and docs page', () => {
  it('is valid JSON listing every route', async () => {
    const r = await w.app.request('/api/v1/openapi.json');
    const doc = JSON.parse(await r.text());
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops.sort()).toEqual(
      [
        'GET /trends',
        'GET /breakdown',
        'GET /alerts',
        'GET /alerts/stream',
        'GET /alerts/{id}',
        'POST /alerts/{id}/ack',
        'GET /incidents',
        'GET /incidents/{id}',
        'GET /cost',
        'GET /posts',
        'GET /sources',
        'POST /sources',
        'PATCH /sources/{id}',
        'GET /webhooks',
        'POST /webhooks',
        'DELETE /webhooks/{id}',
        'GET /webhooks/deliveries',
        'GET /webhooks/{id}/deliveries',
        'GET /digest/preview',
        'POST /ingest',
      ].sort(),
    );
    const trends = doc.paths['/trends'].get;
    expect(trends.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['bucket', 'from', 'metric', 'product', 'region', 'to']);
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
  });

  it('renders a self-contained docs page listing the operations', async () => {
    const r = await w.app.request('/api/v1/docs');
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await r.text();
    expect(html).toContain('/api/v1/alerts/{id}/ack');
    expect(html).not.toMatch(/<script|https?:\/\/(?!barometer)/);
  });
});
