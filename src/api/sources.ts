/** Sources (admin): list with health, create, enable/disable. Reuses db/queries/sources.ts. */
import { createRoute, z } from '@hono/zod-openapi';
import { addSource, getSource, listSources, setSourceEnabled, type SourceRow } from '../../db/queries/sources.js';
import { sourceKinds } from '../config-schema.js';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import { REGIONS, checkProduct, demoField, idParam, iso, newRouter, problems, secured } from './common.js';

export const SourceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.string(),
    url: z.string().nullable(),
    official: z.boolean(),
    productHint: z.string().nullable(),
    regionHint: z.string().nullable(),
    pollIntervalSeconds: z.number().int(),
    enabled: z.boolean(),
    health: z.object({
      lastPolledAt: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      lastError: z.string().nullable(),
      lastErrorAt: z.string().nullable(),
      consecutiveFailures: z.number().int(),
      breakerOpenUntil: z.string().nullable(),
      nextPollAt: z.string().nullable(),
    }),
    demo: demoField,
    createdAt: z.string(),
  })
  .openapi('Source');

const t = (ms: number | null) => (ms === null ? null : iso(ms));

export function toApiSource(s: SourceRow): z.infer<typeof SourceSchema> {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: s.url,
    official: s.official,
    productHint: s.productHint,
    regionHint: s.regionHint,
    pollIntervalSeconds: s.pollIntervalSeconds,
    enabled: s.enabled,
    health: {
      lastPolledAt: t(s.lastPolledAt),
      lastSuccessAt: t(s.lastSuccessAt),
      lastError: s.lastError,
      lastErrorAt: t(s.lastErrorAt),
      consecutiveFailures: s.consecutiveFailures,
      breakerOpenUntil: t(s.breakerOpenUntil),
      nextPollAt: t(s.nextPollAt),
    },
    demo: s.demo,
    createdAt: iso(s.createdAt),
  };
}

const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const CreateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(sourceKinds),
    url: httpUrl.optional(),
    official: z.boolean().default(false),
    pollIntervalSeconds: z.number().int().min(30).max(86_400).default(300),
    productHint: z.string().max(64).optional(),
    regionHint: z.enum(REGIONS.filter((r) => r !== 'unknown') as ['NA', 'LATAM', 'EMEA', 'APAC']).optional(),
    options: z.record(z.string(), z.unknown()).default({}),
    enabled: z.boolean().default(true),
  })
  .openapi('NewSource');

const listRoute = createRoute({
  method: 'get',
  path: '/sources',
  summary: 'Sources with their health',
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  responses: {
    200: { description: 'Every source', content: { 'application/json': { schema: z.object({ sources: z.array(SourceSchema) }) } } },
    ...problems(401, 403, 429),
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/sources',
  summary: 'Add a source',
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: SourceSchema } } },
    ...problems(400, 401, 403, 409, 429),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/sources/{id}',
  summary: 'Enable or disable a source',
  tags: ['admin'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: idParam }),
    body: { required: true, content: { 'application/json': { schema: z.object({ enabled: z.boolean() }).openapi('SourcePatch') } } },
  },
  responses: {
    200: { description: 'The source after the change', content: { 'application/json': { schema: SourceSchema } } },
    ...problems(400, 401, 403, 404, 429),
  },
});

export function sourcesRoutes() {
  const app = newRouter();
  app.openapi(listRoute, async (c) => {
    const rows = await listSources(c.get('deps').db);
    return c.json({ sources: rows.map(toApiSource) }, 200);
  });
  app.openapi(createRouteDef, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    checkProduct(deps, body.productHint, false);
    if (body.kind !== 'push' && !body.url) throw new ApiError(400, 'invalid_parameter', `A ${body.kind} source needs a url`, { parameter: 'url' });
    const row = await addSource(deps.db, body);
    if (!row) throw new ApiError(409, 'conflict', `A source named "${body.name}" already exists`);
    return c.json(toApiSource(row), 201);
  });
  app.openapi(patchRoute, async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.valid('param').id);
    const ok = await setSourceEnabled(deps.db, id, c.req.valid('json').enabled);
    const row = ok ? await getSource(deps.db, id) : null;
    if (!row) throw new ApiError(404, 'not_found', `No source ${id}`);
    return c.json(toApiSource(row), 200);
  });
  return app;
}
