/**
 * Incidents: list, and one incident's timeline — outage signals per bucket, the provider's official
 * updates, the silences between them, the top posts, comms metrics and cost (DESIGN.md "Definitions").
 */
import { createRoute, z } from '@hono/zod-openapi';
import { getIncident, incidentAlerts, listIncidents, type IncidentRow } from '../../db/queries/incidents.js';
import { loadOfficialIncidents, topOutagePosts } from '../../db/queries/signals.js';
import { searchPosts } from '../../db/queries/search.js';
import { trendSeries } from '../../db/queries/trends.js';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import { AlertSchema, toApiAlert } from './alerts.js';
import {
  ALL,
  DAY_MS,
  checkProduct,
  cursorParam,
  decodeCursor,
  demoField,
  encodeCursor,
  idParam,
  iso,
  isoTime,
  limitParam,
  newRouter,
  problems,
  productParam,
  resolveRange,
  secured,
} from './common.js';
import { PostSchema, toApiPost } from './posts.js';
import { grainSeconds } from './trends.js';

const TermSchema = z.object({ name: z.string(), amount: z.number(), formula: z.string(), inputs: z.record(z.string(), z.number()) });

export const ModelledCostSchema = z
  .object({
    product: z.string(),
    currency: z.string(),
    scope: z.enum(['incident', 'silence']),
    inputs: z.record(z.string(), z.number()),
    terms: z.array(TermSchema),
    total: z.number(),
  })
  .openapi('ModelledCost');

export const IncidentSchema = z
  .object({
    id: z.number().int(),
    product: z.string(),
    regions: z.array(z.string()),
    state: z.enum(['open', 'resolved']),
    firstSignalAt: z.string(),
    detectedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    peak: z.object({ count: z.number().int(), at: z.string().nullable() }),
    officialIncidentRefs: z.array(z.string()),
    comms: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'Comms metrics (docs/metrics.md); null until computed' }),
    cost: z.object({ incident: ModelledCostSchema, silence: ModelledCostSchema }).nullable().openapi({ description: 'Modelled cost, whole span and silent stretches only; null until computed' }),
    demo: demoField,
  })
  .openapi('Incident');

type Metrics = { comms?: Record<string, unknown>; cost?: { incident: z.infer<typeof ModelledCostSchema>; silence: z.infer<typeof ModelledCostSchema> } };

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The one mapping from a stored incident to its API shape. */
export function toApiIncident(i: IncidentRow, demo: boolean): z.infer<typeof IncidentSchema> {
  const m = (i.metrics ?? {}) as Metrics;
  return {
    id: i.id,
    product: i.product,
    regions: i.regions,
    state: i.state,
    firstSignalAt: iso(i.firstSignalAt),
    detectedAt: isoOrNull(i.detectedAt),
    acknowledgedAt: isoOrNull(i.acknowledgedAt),
    resolvedAt: isoOrNull(i.resolvedAt),
    peak: { count: i.peakCount, at: isoOrNull(i.peakAt) },
    officialIncidentRefs: i.officialIncidentRefs,
    comms: m.comms ?? null,
    cost: m.cost ?? null,
    demo,
  };
}

const ListQuery = z.object({
  product: productParam,
  state: z.enum(['open', 'resolved']).optional(),
  from: isoTime('First signal at or after; default `to` minus 90 days').optional(),
  to: isoTime('First signal before; default now').optional(),
  cursor: cursorParam,
  limit: limitParam(200, 50),
});

const listRoute = createRoute({
  method: 'get',
  path: '/incidents',
  summary: 'Incidents, newest first',
  tags: ['incidents'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'One page of incidents',
      content: { 'application/json': { schema: z.object({ demo: demoField, incidents: z.array(IncidentSchema), nextCursor: z.string().nullable() }).openapi('IncidentPage') } },
    },
    ...problems(400, 401, 429),
  },
});

const UpdateSchema = z
  .object({ id: z.number().int(), incidentRef: z.string(), status: z.string(), title: z.string().nullable(), body: z.string(), postedAt: z.string(), url: z.string().nullable() })
  .openapi('OfficialUpdate');

const GapSchema = z.object({ from: z.string(), to: z.string(), minutes: z.number(), before: z.enum(['first_update', 'update', 'now', 'resolution']) });

export const TimelineSchema = z
  .object({
    incident: IncidentSchema,
    timeline: z.object({
      bucket: z.enum(['5m', '1h']),
      from: z.string(),
      to: z.string(),
      signals: z.array(z.object({ t: z.string(), outagePosts: z.number().int(), posts: z.number().int(), negative: z.number().int(), commsComplaints: z.number().int() })),
      updates: z.array(UpdateSchema),
      silences: z.array(GapSchema).openapi({ description: 'Stretches without an official word while the incident was open: first signal → first update, between updates, last update → resolution/now' }),
      longestSilenceMinutes: z.number().nullable(),
    }),
    alerts: z.array(AlertSchema),
    topPosts: z.array(PostSchema),
  })
  .openapi('IncidentTimeline');

const oneRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}',
  summary: 'One incident with its timeline',
  tags: ['incidents'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { params: z.object({ id: idParam }) },
  responses: {
    200: { description: 'The incident and its timeline', content: { 'application/json': { schema: TimelineSchema } } },
    ...problems(400, 401, 404, 429),
  },
});

/** Stretches with no official word between `start` and `end`, given update times (ascending). */
export function silences(start: number, end: number, updateTimes: readonly number[], resolved: boolean) {
  const out: z.infer<typeof GapSchema>[] = [];
  let cursor = start;
  let first = true;
  for (const t of updateTimes) {
    if (t > end) break;
    if (t > cursor) out.push({ from: iso(cursor), to: iso(t), minutes: (t - cursor) / 60_000, before: first ? 'first_update' : 'update' });
    cursor = Math.max(cursor, t);
    first = false;
  }
  if (end > cursor) out.push({ from: iso(cursor), to: iso(end), minutes: (end - cursor) / 60_000, before: resolved ? 'resolution' : 'now' });
  return out;
}

export function incidentsRoutes() {
  const app = newRouter();

  app.openapi(listRoute, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const product = checkProduct(deps, q.product);
    const { from, to } = resolveRange(q, deps.clock.now(), 90 * DAY_MS, 5 * 366 * DAY_MS);
    const before = q.cursor ? decodeCursor(q.cursor, ['id'] as const) : undefined;
    // listIncidents orders by first signal; a cursor by id is stable because ids only grow with time
    const rows = await listIncidents(deps.db, { product: product === ALL ? undefined : product, state: q.state, from, to: q.to ? to : undefined, beforeId: before?.id, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const demo = deps.demo ?? false;
    return c.json({ demo, incidents: page.map((i) => toApiIncident(i, demo)), nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null }, 200);
  });

  app.openapi(oneRoute, async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.valid('param').id);
    const incident = await getIncident(deps.db, id);
    if (!incident) throw new ApiError(404, 'not_found', `No incident ${id}`);
    const now = deps.clock.now();
    const end = incident.resolvedAt ?? now;
    const long = end - incident.firstSignalAt > 3 * DAY_MS;
    const bucketMs = long ? 3_600_000 : 300_000;
    const from = Math.floor((incident.firstSignalAt - 3_600_000) / bucketMs) * bucketMs;
    const to = Math.min(Math.ceil((end + 3_600_000) / bucketMs) * bucketMs, from + 60 * DAY_MS);
    const [series, official, alerts, topIds] = await Promise.all([
      trendSeries(deps.db, { product: incident.product, region: ALL, from, to, bucketMs, grainSeconds: grainSeconds(deps) }),
      incident.officialIncidentRefs.length ? loadOfficialIncidents(deps.db, { from: from - 7 * DAY_MS, to }) : Promise.resolve([]),
      incidentAlerts(deps.db, id),
      topOutagePosts(deps.db, { product: incident.product, region: ALL, from: incident.firstSignalAt, to: end + 1, limit: 10 }),
    ]);
    const refs = new Set(incident.officialIncidentRefs);
    const updates = official.filter((u) => refs.has(u.incidentRef)).sort((a, b) => a.postedAt - b.postedAt);
    const byStart = new Map(series.map((p) => [p.bucketStart, p]));
    const signals = [];
    for (let t = from; t < to; t += bucketMs) {
      const p = byStart.get(t);
      signals.push({ t: iso(t), outagePosts: p?.outagePosts ?? 0, posts: p?.posts ?? 0, negative: p?.negative ?? 0, commsComplaints: p?.commsComplaints ?? 0 });
    }
    const gaps = silences(incident.firstSignalAt, end, updates.map((u) => u.postedAt), incident.resolvedAt !== null);
    const top = topIds.length ? await searchPosts(deps.db, { ids: topIds, limit: topIds.length }) : [];
    const order = new Map(topIds.map((pid, i) => [pid, i]));
    top.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const demo = deps.demo ?? false;
    return c.json(
      {
        incident: toApiIncident(incident, demo),
        timeline: {
          bucket: long ? ('1h' as const) : ('5m' as const),
          from: iso(from),
          to: iso(to),
          signals,
          updates: updates.map((u) => ({ id: u.id, incidentRef: u.incidentRef, status: u.status, title: u.title, body: u.body, postedAt: iso(u.postedAt), url: u.url })),
          silences: gaps,
          longestSilenceMinutes: gaps.length ? Math.max(...gaps.map((g) => g.minutes)) : null,
        },
        alerts: alerts.map((a) => toApiAlert(a, demo)),
        topPosts: top.map(toApiPost),
      },
      200,
    );
  });

  return app;
}
