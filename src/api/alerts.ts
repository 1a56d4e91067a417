/** Alerts: list, one with its top posts, acknowledge (who/when), and a live SSE stream. */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { acknowledgeAlert, getAlert, listAlerts, type AlertRow } from '../../db/queries/alerts.js';
import { searchPosts } from '../../db/queries/search.js';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import type { AlertEvent } from '../signals/bus.js';
import {
  ALL,
  DAY_MS,
  checkProduct,
  cursorParam,
  decodeCursor,
  booleanParam,
  demoField,
  encodeCursor,
  idParam,
  iso,
  isoTime,
  limitParam,
  newRouter,
  problems,
  productParam,
  regionParam,
  resolveRange,
  secured,
} from './common.js';
import { PostSchema, toApiPost } from './posts.js';

const KINDS = ['spike', 'silence', 'recovery'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const AlertSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(KINDS),
    product: z.string(),
    region: z.string(),
    bucketStart: z.string(),
    observed: z.number(),
    expected: z.number(),
    score: z.number(),
    severity: z.string(),
    incidentId: z.number().int().nullable(),
    topPostIds: z.array(z.number().int()),
    firedAt: z.string(),
    acknowledged: z.object({ by: z.string(), at: z.string() }).nullable(),
    demo: demoField,
  })
  .openapi('Alert');

/** The one mapping from a stored alert (or a bus event) to its API shape. */
export function toApiAlert(a: AlertRow, demo: boolean): z.infer<typeof AlertSchema> {
  return {
    id: a.id,
    kind: a.kind,
    product: a.product,
    region: a.region,
    bucketStart: iso(a.bucketStart),
    observed: a.observed,
    expected: a.expected,
    score: a.score,
    severity: a.severity,
    incidentId: a.incidentId,
    topPostIds: a.topPostIds,
    firedAt: iso(a.firedAt),
    acknowledged: a.acknowledgedAt !== null ? { by: a.acknowledgedBy ?? '', at: iso(a.acknowledgedAt) } : null,
    demo,
  };
}

const ListQuery = z.object({
  kind: z.enum(KINDS).optional(),
  product: productParam,
  region: regionParam,
  unacknowledged: booleanParam('Only alerts nobody acknowledged yet'),
  from: isoTime('Fired at or after; default `to` minus 30 days').optional(),
  to: isoTime('Fired before; default now').optional(),
  cursor: cursorParam,
  limit: limitParam(200, 50),
});

const listRoute = createRoute({
  method: 'get',
  path: '/alerts',
  summary: 'Alerts, newest first',
  tags: ['alerts'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'One page of alerts',
      content: { 'application/json': { schema: z.object({ demo: demoField, alerts: z.array(AlertSchema), nextCursor: z.string().nullable() }).openapi('AlertPage') } },
    },
    ...problems(400, 401, 429),
  },
});

const StreamQuery = z.object({
  product: productParam,
  region: regionParam,
  kind: z.enum(KINDS).optional(),
  minSeverity: z.enum(SEVERITIES).optional().openapi({ description: 'Only alerts at least this severe' }),
});

const streamRoute = createRoute({
  method: 'get',
  path: '/alerts/stream',
  summary: 'Alerts as they fire (Server-Sent Events)',
  description: 'Each alert is an `event: alert` whose data is an Alert object; a `: ping` comment every 15 s keeps proxies from closing the stream.',
  tags: ['alerts'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { query: StreamQuery },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...problems(400, 401, 429, 503),
  },
});

const oneRoute = createRoute({
  method: 'get',
  path: '/alerts/{id}',
  summary: 'One alert with the posts that fired it',
  tags: ['alerts'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { params: z.object({ id: idParam }) },
  responses: {
    200: {
      description: 'The alert',
      content: { 'application/json': { schema: z.object({ alert: AlertSchema, topPosts: z.array(PostSchema) }).openapi('AlertDetail') } },
    },
    ...problems(400, 401, 404, 429),
  },
});

const AckBody = z.object({
  by: z.string().trim().min(1).max(120).optional().openapi({ description: 'Who acknowledges (default: the API key name)' }),
});

const ackRoute = createRoute({
  method: 'post',
  path: '/alerts/{id}/ack',
  summary: 'Acknowledge an alert (the first acknowledgement stands)',
  tags: ['alerts'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: idParam }),
    body: { required: false, content: { 'application/json': { schema: AckBody } } },
  },
  responses: {
    200: {
      description: 'The alert with who acknowledged it and when',
      content: { 'application/json': { schema: z.object({ alert: AlertSchema, alreadyAcknowledged: z.boolean() }).openapi('AlertAck') } },
    },
    ...problems(400, 401, 403, 404, 429),
  },
});

const severityRank: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function alertsRoutes() {
  const app = newRouter();

  app.openapi(listRoute, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const product = checkProduct(deps, q.product);
    const { from, to } = resolveRange(q, deps.clock.now(), 30 * DAY_MS, 3 * 366 * DAY_MS);
    const before = q.cursor ? decodeCursor(q.cursor, ['id'] as const) : undefined;
    const rows = await listAlerts(deps.db, {
      kind: q.kind,
      product: product === ALL ? undefined : product,
      region: q.region === ALL ? undefined : q.region,
      unacknowledged: q.unacknowledged === 'true',
      from,
      to: q.to ? to : undefined,
      beforeId: before?.id,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const demo = deps.demo ?? false;
    return c.json(
      { demo, alerts: page.map((a) => toApiAlert(a, demo)), nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null },
      200,
    );
  });

  // Registered before /alerts/{id} so "stream" is never read as an id.
  app.openapi(streamRoute, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const product = checkProduct(deps, q.product);
    const bus = deps.alertBus;
    if (!bus) throw new ApiError(503, 'no_alert_bus', 'This process does not evaluate signals, so it has no live alerts to stream');
    const demo = deps.demo ?? false;
    const wanted = (a: AlertRow) =>
      (!product || product === ALL || a.product === product) &&
      (!q.region || q.region === ALL || a.region === q.region) &&
      (!q.kind || a.kind === q.kind) &&
      (!q.minSeverity || (severityRank[a.severity] ?? 0) >= (severityRank[q.minSeverity] ?? 0));
    return streamSSE(c, async (stream) => {
      const queue: AlertRow[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = bus.subscribe(({ alert }: AlertEvent) => {
        if (!wanted(alert)) return;
        queue.push(alert);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      try {
        await stream.write(': connected\n\n');
        while (open) {
          const next = queue.shift();
          if (next) {
            await stream.writeSSE({ event: 'alert', id: String(next.id), data: JSON.stringify(toApiAlert(next, demo)) });
            continue;
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 15_000);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
          if (open && queue.length === 0) await stream.write(': ping\n\n');
        }
      } finally {
        unsubscribe();
      }
    }) as never;
  });

  app.openapi(oneRoute, async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.valid('param').id);
    const alert = await getAlert(deps.db, id);
    if (!alert) throw new ApiError(404, 'not_found', `No alert ${id}`);
    const ids = alert.topPostIds.slice(0, 50);
    const top = ids.length ? await searchPosts(deps.db, { ids, limit: ids.length }) : [];
    const order = new Map(ids.map((pid, i) => [pid, i]));
    top.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return c.json({ alert: toApiAlert(alert, deps.demo ?? false), topPosts: top.map(toApiPost) }, 200);
  });

  app.openapi(ackRoute, async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.valid('param').id);
    const body = (c.req.header('content-type') ?? '').includes('application/json') ? c.req.valid('json') : {};
    const identity = c.get('identity');
    // A key may say which person acts, but the record keeps which key said so.
    const who = body?.by && identity.kind !== 'session' ? `${body.by} via ${identity.name}` : (body?.by ?? identity.name);
    const before = await getAlert(deps.db, id);
    if (!before) throw new ApiError(404, 'not_found', `No alert ${id}`);
    const after = before.acknowledgedAt !== null ? before : await acknowledgeAlert(deps.db, id, who, deps.clock.now());
    if (!after) throw new ApiError(404, 'not_found', `No alert ${id}`);
    return c.json({ alert: toApiAlert(after, deps.demo ?? false), alreadyAcknowledged: before.acknowledgedAt !== null }, 200);
  });

  return app;
}
