/** One real HTTP server on 127.0.0.1: the SSE stream hears an alert fired by an ingest + evaluation. */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MIN, T, chatter, createApiWorld, outagePosts, type ApiWorld } from './world.js';

let w: ApiWorld;
let server: ReturnType<typeof createAdaptorServer>;
let base: string;

beforeAll(async () => {
  w = await createApiWorld();
  await w.store(chatter(T - 24 * HOUR, T), T - 24 * HOUR);
  server = createAdaptorServer({ fetch: w.app.fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  if (server) {
    (server as import('node:http').Server).closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  w?.close();
});

/** Reads SSE events from a streaming response until `until` says stop. */
async function readEvents(res: Response, until: (events: { event: string; id: string; data: string }[]) => boolean, timeoutMs = 10_000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; id: string; data: string }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? '';
      if (field('event')) events.push({ event: field('event'), id: field('id'), data: field('data') });
    }
  }
  await reader.cancel();
  return events;
}

describe('real server', () => {
  it('streams an alert fired by an ingest batch and its evaluation, filtered to the product asked for', async () => {
    const res = await fetch(`${base}/api/v1/alerts/stream?product=exchange-online&region=*`, { headers: { authorization: `Bearer ${w.keys.viewer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('ratelimit-limit')).toBeTruthy();
    const reading = readEvents(res, (e) => e.length >= 1);
    // ingest: an outage burst, then the engine's evaluation of the touched buckets
    const range = await w.store(outagePosts(T, 20), T + 5 * MIN);
    await w.evaluate(T + 5 * MIN, range!);
    const events = await reading;
    expect(events.length).toBeGreaterThanOrEqual(1);
    const alert = JSON.parse(events[0]!.data);
    expect(events[0]!.event).toBe('alert');
    expect(alert).toMatchObject({ kind: 'spike', product: 'exchange-online', region: '*', bucketStart: new Date(T).toISOString(), observed: 20, demo: false });
    expect(events[0]!.id).toBe(String(alert.id));
  });

  it('serves JSON, CSV and problems over HTTP', async () => {
    const auth = { authorization: `Bearer ${w.keys.viewer}` };
    const csv = await fetch(`${base}/api/v1/posts?limit=3&outage=true`, { headers: { ...auth, accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(4);
    const bad = await fetch(`${base}/api/v1/posts?limit=100000`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { parameter: string }).parameter).toBe('limit');
    expect((await fetch(`${base}/api/v1/alerts/stream`)).status).toBe(401);
  });
});
