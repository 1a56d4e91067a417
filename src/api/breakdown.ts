/** GET /breakdown: summed rollup counts per product (in a region) or per region (of a product). */
import { createRoute, z } from '@hono/zod-openapi';
import { breakdown } from '../../db/queries/breakdown.js';
import { requireRole } from '../auth.js';
import { cachedRead } from './cache.js';
import {
  ALL,
  DAY_MS,
  REGIONS,
  checkProduct,
  demoField,
  iso,
  isoTime,
  knownProducts,
  newRouter,
  problems,
  productParam,
  regionParam,
  resolveRange,
  secured,
} from './common.js';
import { CountsSchema, METRICS, ZERO, grainSeconds, metricValue, publicCounts } from './trends.js';

const MAX_SPAN_MS = 366 * DAY_MS;

const Query = z.object({
  by: z.enum(['product', 'region']).default('product').openapi({ description: 'Dimension to break down into' }),
  product: productParam.openapi({ description: 'With by=region: the product (default * = all)' }),
  region: regionParam.openapi({ description: 'With by=product: the region (default * = all)' }),
  from: isoTime('Start (inclusive); default `to` minus 7 days').optional(),
  to: isoTime('End (exclusive); default now').optional(),
  metric: z.enum(METRICS).default('outage_posts').openapi({ description: 'What `value` holds and what rows are sorted by' }),
});

export const BreakdownSchema = z
  .object({
    by: z.enum(['product', 'region']),
    product: z.string(),
    region: z.string(),
    metric: z.string(),
    from: z.string(),
    to: z.string(),
    demo: demoField,
    rows: z.array(CountsSchema.extend({ key: z.string(), value: z.number() })),
  })
  .openapi('Breakdown');

const route = createRoute({
  method: 'get',
  path: '/breakdown',
  summary: 'Counts per product or per region over a period (from rollups)',
  tags: ['trends'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { query: Query },
  responses: {
    200: { description: 'One row per product or region, largest value first', content: { 'application/json': { schema: BreakdownSchema } } },
    ...problems(400, 401, 429),
  },
});

export function breakdownRoutes() {
  return newRouter().openapi(route, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const product = checkProduct(deps, q.product) ?? ALL;
    const region = q.region ?? ALL;
    const { from, to } = resolveRange(q, deps.clock.now(), 7 * DAY_MS, MAX_SPAN_MS);
    const keys = q.by === 'product' ? knownProducts(deps) : [...REGIONS];
    const query = { by: q.by, fixed: q.by === 'product' ? region : product, keys, from, to, grainSeconds: grainSeconds(deps) };
    const found = await cachedRead(deps.db, `breakdown ${JSON.stringify(query)}`, () => breakdown(deps.db, query));
    const byKey = new Map(found.map((r) => [r.key, r]));
    const rows = keys
      .map((key) => {
        const r = byKey.get(key) ?? ZERO;
        return { key, value: metricValue(q.metric, r), ...publicCounts(r) };
      })
      .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
    return c.json({ by: q.by, product, region, metric: q.metric, from: iso(from), to: iso(to), demo: deps.demo ?? false, rows }, 200);
  });
}
