/**
 * The API under test: a real temp-file libSQL database filled through the real ingest path
 * (ingest/store.ts) and evaluated by the real signals engine, the real app from createApp with a
 * fixed clock, and three keys (admin, viewer, revoked) created through db/queries/keys.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { insertApiKey, revokeApiKey } from '../../db/queries/keys.js';
import { addSource } from '../../db/queries/sources.js';
import { createStoreContext, storeBatch } from '../../ingest/store.js';
import type { OfficialUpdate, RawPost } from '../../ingest/types.js';
import { postFactory, update } from '../helpers/posts.js';
import { createApp, type AppDeps } from '../../src/app.js';
import { generateApiKey } from '../../src/auth.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { AlertBus } from '../../src/signals/bus.js';
import { evaluateSignals } from '../../src/signals/evaluate.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** The outage starts here (a Tuesday, 10:00 UTC). */
export const T = Date.UTC(2026, 2, 10, 10, 0);

export interface ApiWorld {
  opened: OpenedDb;
  db: OpenedDb['db'];
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  bus: AlertBus;
  app: ReturnType<typeof createApp>;
  keys: { admin: string; viewer: string; revoked: string };
  store(posts: RawPost[], now: number): Promise<{ from: number; to: number } | null>;
  official(updates: OfficialUpdate[], now: number): Promise<void>;
  evaluate(now: number, range: { from: number; to: number }): ReturnType<typeof evaluateSignals>;
  /** app.request with a key (or none). */
  get(path: string, key?: string | null, headers?: Record<string, string>): Promise<Response>;
  send(method: string, path: string, body: unknown, key?: string | null): Promise<Response>;
  close(): void;
}

const OUTAGE = [
  'Exchange Online is down for us in London, no email since 10 minutes',
  'Is Exchange Online down? OWA not loading here in Germany',
  'Outlook is down again? Cannot send mail in Paris. No updates on the status page, radio silence',
  'Exchange Online outage: mail stuck in the queue, London office. We are switching providers, not renewing',
];
const CHATTER = ['How do I set up a shared mailbox in Exchange Online?', 'Nice new features in SharePoint this month', 'Any tips for Lync meetings with external guests in Chicago?'];

export const { outagePosts, chatter } = postFactory(OUTAGE, CHATTER);
export { update };

export async function createApiWorld(extra: Partial<AppDeps> = {}): Promise<ApiWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'barometer-api-'));
  const url = `file:${join(dir, 'test.db')}`;
  const opened = await openDb(url);
  await applyMigrations(opened.db);
  const config = loadConfig({ DATABASE_URL: url, BAROMETER_DEMO: 'off' }, dir);
  const ctx = createStoreContext(config);
  const social = (await addSource(opened.db, { name: 'social', kind: 'push' }))!;
  const status = (await addSource(opened.db, { name: 'status', kind: 'statuspage', official: true }))!;
  const clock = fixedClock(T + 2 * HOUR);
  const bus = new AlertBus();
  const app = createApp({ db: opened.db, config, clock, alertBus: bus, ...extra });
  const key = async (name: string, role: 'viewer' | 'admin') => {
    const k = generateApiKey();
    const row = await insertApiKey(opened.db, { name, role, prefix: k.prefix, keyHash: k.keyHash, createdAt: clock.now() });
    return { key: k.key, id: row.id };
  };
  const admin = await key('ops-admin', 'admin');
  const viewer = await key('support-lead', 'viewer');
  const revoked = await key('old-laptop', 'viewer');
  await revokeApiKey(opened.db, revoked.id, clock.now());
  const auth = (k?: string | null): Record<string, string> => (k ? { authorization: `Bearer ${k}` } : {});
  return {
    opened,
    db: opened.db,
    config,
    clock,
    bus,
    app,
    keys: { admin: admin.key, viewer: viewer.key, revoked: revoked.key },
    async store(posts, now) {
      return (await storeBatch(opened.db, ctx, { source: { id: social.id, kind: 'push', demo: false }, posts, now })).publishedRange;
    },
    async official(updates, now) {
      await storeBatch(opened.db, ctx, { source: { id: status.id, kind: 'statuspage', demo: false }, posts: [], officialUpdates: updates, now });
    },
    evaluate(now, range) {
      return evaluateSignals({ db: opened.db, config, now, range, bus });
    },
    get(path, k = viewer.key, headers = {}) {
      return Promise.resolve(app.request(path, { headers: { ...auth(k), ...headers } }));
    },
    send(method, path, body, k = admin.key) {
      return Promise.resolve(
        app.request(path, {
          method,
          headers: { ...auth(k), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      );
    },
    close() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The 2013-like story: a day of chatter, 20 outage posts at T, the provider speaks at T+40m and resolves at T+90m. */
export async function seedOutage(w: ApiWorld): Promise<void> {
  await w.store(chatter(T - 24 * HOUR, T + 2 * HOUR), T - 24 * HOUR);
  await w.store(outagePosts(T, 20), T + 5 * MIN);
  await w.store(outagePosts(T + 5 * MIN, 12), T + 10 * MIN);
  await w.official([update('u1', 'investigating', T + 40 * MIN), update('u2', 'resolved', T + 90 * MIN)], T + 90 * MIN);
  await w.evaluate(T + 2 * HOUR, { from: T - HOUR, to: T + 2 * HOUR });
}
