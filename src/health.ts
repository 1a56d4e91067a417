import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { migrationStatus } from '../db/status.js';
import { APP_VERSION } from './version.js';
import type { AppDeps } from './app.js';
import { digestHealth } from './digest/health.js';

/** `/healthz`: is the database reachable and migrated, which version runs. 503 when not healthy. */
export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    let dbOk = false;
    let dbError: string | undefined;
    try {
      await deps.db.all(sql`SELECT 1`);
      dbOk = true;
    } catch (error) {
      dbError = (error as Error).message.split('\n')[0];
    }
    const migrations = dbOk ? await migrationStatus(deps.db) : null;
    const migrated = migrations !== null && migrations.applied === migrations.known;
    // Failed or stuck digest sends are reported here but do not make the service unhealthy.
    const digest = migrated ? await digestHealth(deps.db, deps.clock.now()).catch(() => null) : null;
    const ok = dbOk && migrated;
    return c.json(
      {
        status: ok ? 'ok' : 'unhealthy',
        version: APP_VERSION,
        demo: deps.demo ?? false,
        time: new Date(deps.clock.now()).toISOString(),
        database: { reachable: dbOk, ...(dbError ? { error: dbError } : {}), migration: migrations },
        ...(digest ? { digest } : {}),
      },
      ok ? 200 : 503,
    );
  });
  return app;
}
