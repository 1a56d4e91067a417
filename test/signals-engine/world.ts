/**
 * A real temp-file libSQL database filled through the real ingest storage path (ingest/store.ts):
 * one customer source, one official status page, and helpers to write posts and updates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { addSource } from '../../db/queries/sources.js';
import { createStoreContext, storeBatch, type StoreContext } from '../../ingest/store.js';
import type { OfficialUpdate, RawPost } from '../../ingest/types.js';
import { postFactory, update } from '../helpers/posts.js';
import { parseFileConfig, type Config } from '../../src/config.js';
import type { SignalsConfig } from '../../src/signals/evaluate.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** A Tuesday, 10:00 UTC: the outage in these tests starts here. */
export const T = Date.UTC(2026, 2, 10, 10, 0);

export interface World {
  opened: OpenedDb;
  db: OpenedDb['db'];
  config: SignalsConfig & Config;
  store(posts: RawPost[], now: number): Promise<{ from: number; to: number } | null>;
  official(updates: OfficialUpdate[], now: number): Promise<void>;
  close(): Promise<void>;
}

export async function createWorld(overrides: Record<string, unknown> = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'barometer-signals-'));
  const opened = await openDb(`file:${join(dir, 'test.db')}`);
  await applyMigrations(opened.db);
  const file = parseFileConfig(overrides);
  const config = { ...file } as SignalsConfig & Config;
  const ctx: StoreContext = createStoreContext(config);
  const social = (await addSource(opened.db, { name: 'social', kind: 'push' }))!;
  const status = (await addSource(opened.db, { name: 'status', kind: 'statuspage', official: true }))!;
  return {
    opened,
    db: opened.db,
    config,
    async store(posts, now) {
      const r = await storeBatch(opened.db, ctx, { source: { id: social.id, kind: 'push', demo: false }, posts, now });
      return r.publishedRange;
    },
    async official(updates, now) {
      await storeBatch(opened.db, ctx, { source: { id: status.id, kind: 'statuspage', demo: false }, posts: [], officialUpdates: updates, now });
    },
    async close() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const OUTAGE_TEXTS = [
  'Exchange Online is down for us in London, no email since 10 minutes',
  'Is Exchange Online down? OWA not loading here in Germany',
  'Outlook is down again? Cannot send mail in Paris',
  'Exchange Online outage: mail stuck in the queue, London office',
];
const CHATTER = ['How do I set up a shared mailbox in Exchange Online?', 'Nice new features in SharePoint this month', 'Any tips for Lync meetings with external guests?'];

export const { outagePosts, chatter } = postFactory(OUTAGE_TEXTS, CHATTER);
export { update };
