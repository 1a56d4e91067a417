/**
 * The digest under test: the API test world (temp-file libSQL filled through the real ingest path,
 * evaluated by the real signals engine, the real app with an admin key), a digest configuration
 * (recipients, hour, IANA zone, dashboard URL), and the digest deps with a real SMTP mailer.
 */
import { openDb } from '../../db/client.js';
import { createLogger } from '../../src/log.js';
import type { DigestDeps } from '../../src/digest/job.js';
import { smtpMailer } from '../../src/digest/node-mailer.js';
import { createApiWorld, outagePosts, seedOutage, T, MIN, type ApiWorld } from '../api/world.js';

export const DASHBOARD = 'https://dash.barometer.test';
export const RECIPIENTS = ['ceo@example.com', 'cto@example.com'];
export const SCRIPT_QUOTE = 'Exchange Online is down for us in London, OWA not loading, no updates on the status page <script>alert("x")</script> radio silence';

export interface DigestWorld extends ApiWorld {
  logs: Record<string, unknown>[];
  deps(smtpUrl: string | null, db?: ApiWorld['db']): DigestDeps;
  /** Another "process": its own connection to the same database file. */
  reopen(): Promise<{ db: ApiWorld['db']; close(): void }>;
}

export async function createDigestWorld(zone = 'America/New_York', hour = 7): Promise<DigestWorld> {
  const w = await createApiWorld();
  await seedOutage(w);
  // One outage post whose text carries markup: it must arrive as text.
  await w.store([{ externalId: 'script-1', text: SCRIPT_QUOTE, publishedAt: T + 3 * MIN }, ...outagePosts(T + 2 * MIN, 1)], T + 10 * MIN);
  await w.evaluate(T + 2 * 60 * MIN, { from: T - 60 * MIN, to: T + 2 * 60 * MIN });
  w.config.digest = { recipients: [...RECIPIENTS], hour, timeZone: zone };
  w.config.publicUrl = DASHBOARD;
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  return {
    ...w,
    logs,
    deps(smtpUrl, db = w.db) {
      return {
        db,
        config: w.config,
        clock: w.clock,
        logger,
        mailer: smtpUrl ? smtpMailer(smtpUrl, { timeoutMs: 3_000 }) : null,
        sleep: async () => undefined,
      };
    },
    async reopen() {
      const o = await openDb(w.opened.url);
      return { db: o.db, close: () => o.close() };
    },
  };
}
