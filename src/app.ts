/**
 * The Hono app factory (STYLE.md §2): everything it needs comes in through `deps`, so tests build it
 * with a temp database and a fixed clock and call `app.request(...)`; src/server.ts and
 * src/worker.ts are the only places that read the environment and open the database.
 */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { HTTPException } from 'hono/http-exception';
import type { Db } from '../db/client.js';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import { silentLogger, type Logger } from './log.js';
import { ApiError, problemResponse } from './errors.js';
import { healthRoutes } from './health.js';
import { apiRoutes } from './api/index.js';
import { dashboardRoutes } from './dashboard/index.js';
import type { AlertBus } from './signals/bus.js';
import type { RateLimitOptions } from './auth.js';

export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger?: Logger;
  /** Whether this process runs the bundled demo (marks responses and pages as demo). */
  demo?: boolean;
  /** Alerts as they fire (feeds GET /api/v1/alerts/stream). */
  alertBus?: AlertBus;
  /** Per-identity API rate limit (default src/auth.ts DEFAULT_RATE_LIMIT). */
  rateLimit?: RateLimitOptions;
}

export type AppEnv = { Variables: { requestId: string; deps: Required<Pick<AppDeps, 'logger'>> & AppDeps } };

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const logger = deps.logger ?? silentLogger;
  const full = { ...deps, logger };
  const app = new Hono<AppEnv>();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', full);
    const started = performance.now();
    await next();
    logger.debug('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.route('/', healthRoutes(full));
  app.route('/api/v1', apiRoutes());
  app.route('/', dashboardRoutes());

  // Error responses are built fresh, so they carry the request id themselves.
  const idHeader = (c: { get(key: 'requestId'): string }) => ({ 'x-request-id': c.get('requestId') });

  app.notFound((c) =>
    problemResponse(new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`), c.req.path, idHeader(c)),
  );

  app.onError((error, c) => {
    if (error instanceof ApiError) return problemResponse(error, c.req.path, idHeader(c));
    if (error instanceof HTTPException) {
      return problemResponse(new ApiError(error.status, 'http_error', error.message || 'Request failed'), c.req.path, idHeader(c));
    }
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      path: c.req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return problemResponse(
      new ApiError(500, 'internal', 'Something went wrong on our side; the request id is in the log', {
        requestId: c.get('requestId'),
      }),
      c.req.path,
      idHeader(c),
    );
  });

  return app;
}
