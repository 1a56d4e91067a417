/**
 * API v1, mounted by createApp at /api/v1. Each resource is one file registering its routes with
 * @hono/zod-openapi; the zod schemas validate input and write the OpenAPI 3.1 document served at
 * /api/v1/openapi.json, from which /api/v1/docs is rendered.
 */
import { APP_VERSION } from '../version.js';
import { alertsRoutes } from './alerts.js';
import { breakdownRoutes } from './breakdown.js';
import { newRouter } from './common.js';
import { costRoutes } from './cost.js';
import { digestRoutes } from './digest.js';
import { renderDocs } from './docs.js';
import { incidentsRoutes } from './incidents.js';
import { ingestRoutes } from './ingest.js';
import { postsRoutes } from './posts.js';
import { sourcesRoutes } from './sources.js';
import { trendsRoutes } from './trends.js';
import { webhooksRoutes } from './webhooks.js';

export function apiRoutes() {
  const app = newRouter();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from `barometer keys create` (viewer reads, admin writes)',
  });

  app.route('/', trendsRoutes());
  app.route('/', breakdownRoutes());
  app.route('/', alertsRoutes());
  app.route('/', incidentsRoutes());
  app.route('/', costRoutes());
  app.route('/', postsRoutes());
  app.route('/', sourcesRoutes());
  app.route('/', webhooksRoutes());
  app.route('/', digestRoutes());
  app.route('/', ingestRoutes());

  let doc: Record<string, unknown> | null = null;
  const document = () =>
    (doc ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Barometer API',
        version: APP_VERSION,
        description: 'Outage chatter, alerts, incidents and the cost of silence. Times are ISO-8601 UTC; every data response says whether it is demo data.',
      },
      servers: [{ url: '/api/v1' }],
    }) as unknown as Record<string, unknown>);

  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) =>
    c.html(renderDocs(document()), 200, {
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    }),
  );
  return app;
}
