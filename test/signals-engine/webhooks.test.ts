import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebhook, listDeliveries } from '../../db/queries/webhooks.js';
import { evaluateSignals } from '../../src/signals/evaluate.js';
import { signalsAfterBatch } from '../../src/signals/runtime.js';
import { fixedClock } from '../../src/clock.js';
import { deliverDue, startDeliveryLoop } from '../../src/webhooks/deliver.js';
import { verifySignature } from '../../src/webhooks/sign.js';
import { testFetcher } from '../helpers/fetcher.js';
import { HOUR, MIN, T, chatter, createWorld, outagePosts, type World } from './world.js';

interface Received { headers: IncomingMessage['headers']; body: string }
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

async function receiver(handler: Handler): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      handler(req, res, got.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const ok: Handler = (_q, res) => res.writeHead(204).end();
const SECRET = 'whsec_test_0123456789';

let w: World;
let clock: ReturnType<typeof fixedClock>;
const fetcher = testFetcher();
beforeEach(async () => {
  w = await createWorld();
  clock = fixedClock(T + 5 * MIN);
  await w.store(chatter(T - 24 * HOUR, T + HOUR), T - 24 * HOUR);
});
afterEach(async () => w.close());

async function fireSpike() {
  const range = await w.store(outagePosts(T, 20), T + 5 * MIN);
  return evaluateSignals({ db: w.db, config: w.config, now: clock.now(), range: range! });
}

describe('webhook delivery', () => {
  it('delivers matching alerts to a loopback receiver with a signature that verifies', async () => {
    const rx = await receiver(ok);
    try {
      await createWebhook(w.db, { url: rx.url, secret: SECRET, filters: { products: ['exchange-online'], regions: ['EMEA'], kinds: ['spike'] } });
      await createWebhook(w.db, { url: rx.url, secret: 'other', filters: { products: ['lync-online'] } });
      const s = await fireSpike();
      expect(s.deliveriesQueued).toBe(1); // only exchange-online/EMEA matches the first; nothing the second
      const round = await deliverDue(w.db, { fetcher, now: () => clock.now() });
      expect(round).toEqual({ attempted: 1, delivered: 1, retried: 0, dead: 0 });
      expect(rx.got).toHaveLength(1);
      const { headers, body } = rx.got[0]!;
      expect(verifySignature(headers['barometer-signature'] as string, body, SECRET, clock.now())).toBe(true);
      expect(verifySignature(headers['barometer-signature'] as string, body + ' ', SECRET, clock.now())).toBe(false);
      expect(verifySignature(headers['barometer-signature'] as string, body, 'wrong', clock.now())).toBe(false);
      expect(headers['barometer-event']).toBe('alert.spike');
      const [d] = await listDeliveries(w.db);
      expect(headers['barometer-delivery']).toBe(String(d!.id));
      expect(d!.status).toBe('delivered');
      const payload = JSON.parse(body);
      expect(payload.alert).toMatchObject({ kind: 'spike', product: 'exchange-online', region: 'EMEA', observed: 20 });
      // a second round sends nothing more
      expect((await deliverDue(w.db, { fetcher, now: () => clock.now() })).attempted).toBe(0);
    } finally {
      await rx.close();
    }
  });

  it('retries after a 500 with backoff and then delivers', async () => {
    const rx = await receiver((_q, res, n) => res.writeHead(n === 1 ? 500 : 200).end('ok'));
    try {
      await createWebhook(w.db, { url: rx.url, secret: SECRET, filters: { products: ['exchange-online'], regions: ['EMEA'], kinds: ['spike'] } });
      await fireSpike();
      expect(await deliverDue(w.db, { fetcher, now: () => clock.now() })).toMatchObject({ retried: 1 });
      let [d] = await listDeliveries(w.db);
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, nextAttemptAt: clock.now() + 30_000 });
      clock.advance(29_000);
      expect((await deliverDue(w.db, { fetcher, now: () => clock.now() })).attempted).toBe(0); // not due yet
      clock.advance(1_000);
      expect(await deliverDue(w.db, { fetcher, now: () => clock.now() })).toMatchObject({ delivered: 1 });
      [d] = await listDeliveries(w.db);
      expect(d).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
      expect(rx.got).toHaveLength(2);
      expect(rx.got[0]!.headers['barometer-delivery']).toBe(rx.got[1]!.headers['barometer-delivery']);
    } finally {
      await rx.close();
    }
  });

  it('dead-letters a delivery after repeated failures, visible by status', async () => {
    const rx = await receiver((_q, res) => res.writeHead(503).end());
    try {
      await createWebhook(w.db, { url: rx.url, secret: SECRET, filters: { products: ['exchange-online'], regions: ['EMEA'], kinds: ['spike'] } });
      await fireSpike();
      const opts = { fetcher, now: () => clock.now(), backoffMs: [1_000, 2_000], maxAttempts: 3 };
      for (const wait of [0, 1_000, 2_000]) {
        clock.advance(wait);
        expect((await deliverDue(w.db, opts)).attempted).toBe(1);
      }
      clock.advance(60 * MIN);
      expect((await deliverDue(w.db, opts)).attempted).toBe(0);
      const dead = await listDeliveries(w.db, { status: 'dead' });
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ attempts: 3, lastStatusCode: 503 });
      expect(dead[0]!.lastError).toMatch(/503/);
      expect(rx.got).toHaveLength(3);
    } finally {
      await rx.close();
    }
  });

  it('refuses a receiver on loopback when the fetcher does not allow it (SSRF guard)', async () => {
    const rx = await receiver(ok);
    try {
      await createWebhook(w.db, { url: rx.url, secret: SECRET, filters: { regions: ['EMEA'], kinds: ['spike'], products: ['exchange-online'] } });
      await fireSpike();
      const strict = testFetcher({ policy: {} });
      try {
        expect(await deliverDue(w.db, { fetcher: strict, now: () => clock.now() })).toMatchObject({ retried: 1 });
      } finally {
        strict.close();
      }
      expect(rx.got).toHaveLength(0);
      expect((await listDeliveries(w.db))[0]!.lastError).toMatch(/blocked_address/);
    } finally {
      await rx.close();
    }
  });

  it('a receiver that never answers does not delay ingest or evaluation', async () => {
    const rx = await receiver(() => {}); // holds every request open
    const loop = startDeliveryLoop(w.db, { fetcher, now: () => clock.now(), intervalMs: 10, timeoutMs: 5_000 });
    try {
      await createWebhook(w.db, { url: rx.url, secret: SECRET });
      const onBatch = signalsAfterBatch({ db: w.db, config: w.config, clock, onQueued: () => loop.kick() });
      const first = await onBatch((await w.store(outagePosts(T, 20), clock.now()))!);
      expect(first!.deliveriesQueued).toBeGreaterThan(0);
      await vi.waitFor(() => expect(rx.got.length).toBeGreaterThan(0), { timeout: 3_000, interval: 5 }); // the loop is now stuck sending
      clock.set(T + 10 * MIN);
      const t0 = performance.now();
      const range = await w.store(outagePosts(T + 5 * MIN, 25), clock.now());
      const second = await onBatch(range!);
      const ms = performance.now() - t0;
      expect(second!.fired.some((a) => a.kind === 'spike' && a.bucketStart === T + 5 * MIN)).toBe(true);
      expect(ms).toBeLessThan(2_000);
      expect((await listDeliveries(w.db, { status: 'delivered' })).length).toBe(0);
    } finally {
      await rx.close();
      await loop.stop();
    }
  });
});
