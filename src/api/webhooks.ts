/**
 * Webhooks (admin): subscribe with filters, list, delete, and see deliveries — dead letters included.
 * The secret is shown once, at creation (it signs every delivery: HMAC-SHA256 over timestamp + body).
 */
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, type DeliveryRow, type WebhookRow } from '../../db/queries/webhooks.js';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import { REGIONS, badParameter, idParam, iso, knownProducts, limitParam, newRouter, problems, secured } from './common.js';

const Filters = z
  .object({
    products: z.array(z.string().max(64)).max(100).optional(),
    regions: z.array(z.enum(REGIONS)).max(10).optional(),
    minSeverity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
    kinds: z.array(z.enum(['spike', 'silence', 'recovery'])).max(3).optional(),
  })
  .openapi('WebhookFilters');

export const WebhookSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    filters: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Webhook');

export function toApiWebhook(w: WebhookRow): z.infer<typeof WebhookSchema> {
  return { id: w.id, url: w.url, filters: w.filters, enabled: w.enabled, createdAt: iso(w.createdAt) };
}

export const DeliverySchema = z
  .object({
    id: z.number().int(),
    webhookId: z.number().int(),
    alertId: z.number().int().nullable(),
    event: z.string(),
    status: z.enum(['pending', 'delivered', 'dead']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('WebhookDelivery');

function toApiDelivery(d: DeliveryRow): z.infer<typeof DeliverySchema> {
  return {
    id: d.id,
    webhookId: d.webhookId,
    alertId: d.alertId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: iso(d.nextAttemptAt),
    deliveredAt: d.deliveredAt === null ? null : iso(d.deliveredAt),
    createdAt: iso(d.createdAt),
  };
}

const CreateBody = z
  .object({
    url: z.string().max(2000).url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
    secret: z.string().min(16).max(200).optional().openapi({ description: 'Signing secret; generated when omitted' }),
    filters: Filters.default({}),
  })
  .openapi('NewWebhook');


const listRoute = createRoute({
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  method: 'get',
  path: '/webhooks',
  summary: 'Webhook subscriptions',
  responses: {
    200: { description: 'Every webhook (secrets are never listed)', content: { 'application/json': { schema: z.object({ webhooks: z.array(WebhookSchema) }) } } },
    ...problems(401, 403, 429),
  },
});

const createDef = createRoute({
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  method: 'post',
  path: '/webhooks',
  summary: 'Subscribe a URL to alerts',
  request: { body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
  responses: {
    201: {
      description: 'Created; `secret` is shown this once',
      content: { 'application/json': { schema: WebhookSchema.extend({ secret: z.string() }).openapi('CreatedWebhook') } },
    },
    ...problems(400, 401, 403, 429),
  },
});

const deleteDef = createRoute({
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  method: 'delete',
  path: '/webhooks/{id}',
  summary: 'Delete a webhook and its deliveries',
  request: { params: z.object({ id: idParam }) },
  responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404, 429) },
});

const DeliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'dead']).optional().openapi({ description: '`dead` lists the dead letters' }),
  limit: limitParam(1000, 100),
});

const deliveriesDef = createRoute({
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  method: 'get',
  path: '/webhooks/deliveries',
  summary: 'Deliveries of every webhook, newest first',
  request: { query: DeliveriesQuery },
  responses: {
    200: { description: 'Deliveries', content: { 'application/json': { schema: z.object({ deliveries: z.array(DeliverySchema) }).openapi('DeliveryList') } } },
    ...problems(400, 401, 403, 429),
  },
});

const oneDeliveriesDef = createRoute({
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  summary: "One webhook's deliveries, newest first",
  request: { params: z.object({ id: idParam }), query: DeliveriesQuery },
  responses: {
    200: { description: 'Deliveries', content: { 'application/json': { schema: z.object({ deliveries: z.array(DeliverySchema) }) } } },
    ...problems(400, 401, 403, 404, 429),
  },
});

export function webhooksRoutes() {
  const app = newRouter();
  app.openapi(listRoute, async (c) => c.json({ webhooks: (await listWebhooks(c.get('deps').db)).map(toApiWebhook) }, 200));

  app.openapi(createDef, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const known = knownProducts(deps);
    const unknown = body.filters.products?.find((p) => !known.includes(p));
    if (unknown) badParameter('filters.products', `Unknown product "${unknown}"; known products: ${known.join(', ')}`, { known });
    const secret = body.secret ?? randomBytes(24).toString('base64url');
    const row = await createWebhook(deps.db, { url: body.url, secret, filters: body.filters });
    return c.json({ ...toApiWebhook(row), secret }, 201);
  });

  app.openapi(deliveriesDef, async (c) => {
    const q = c.req.valid('query');
    const rows = await listDeliveries(c.get('deps').db, { status: q.status, limit: q.limit });
    return c.json({ deliveries: rows.map(toApiDelivery) }, 200);
  });

  app.openapi(oneDeliveriesDef, async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.valid('param').id);
    if (!(await getWebhook(deps.db, id))) throw new ApiError(404, 'not_found', `No webhook ${id}`);
    const q = c.req.valid('query');
    const rows = await listDeliveries(deps.db, { webhookId: id, status: q.status, limit: q.limit });
    return c.json({ deliveries: rows.map(toApiDelivery) }, 200);
  });

  app.openapi(deleteDef, async (c) => {
    const id = Number(c.req.valid('param').id);
    if (!(await deleteWebhook(c.get('deps').db, id))) throw new ApiError(404, 'not_found', `No webhook ${id}`);
    return c.body(null, 204);
  });
  return app;
}
