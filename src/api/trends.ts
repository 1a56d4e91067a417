/** GET /trends: one series of rollup counts (never a scan of posts), JSON or CSV. */
import { createRoute, z } from '@hono/zod-openapi';
import { trendSeries, type RollupCounts, type TrendPoint } from '../../db/queries/trends.js';
import { ROLLUP_BUCKET_SECONDS } from '../../db/queries/rollups.js';
import { requireRole } from '../auth.js';
import { cachedRead } from './cache.js';
import {
  ALL,
  DAY_MS,
  checkProduct,
  csvResponse,
  demoField,
  isoTime,
  iso,
  newRouter,
  problems,
  productParam,
  regionParam,
  resolveRange,
  secured,
  toCsv,
  wantsCsv,
  type ApiDeps,
} from './common.js';

export const BUCKETS = { '5m': 300_000, '1h': 3_600_000, '1d': DAY_MS } as const;
/** Longest range per bucket size: a series never has more than ~4,400 points. */
export const MAX_SPAN_MS: Record<keyof typeof BUCKETS, number> = { '5m': 14 * DAY_MS, '1h': 180 * DAY_MS, '1d': 3 * 366 * DAY_MS };
const DEFAULT_SPAN_MS: Record<keyof typeof BUCKETS, number> = { '5m': DAY_MS, '1h': 7 * DAY_MS, '1d': 90 * DAY_MS };

export const METRICS = [
  'posts',
  'outage_posts',
  'negative',
  'positive',
  'comms_complaints',
  'churn',
  'revenue',
  'credit',
  'negative_share',
  'sentiment_mean',
] as const;
export type Metric = (typeof METRICS)[number];

export function metricValue(metric: Metric, c: RollupCounts): number {
  switch (metric) {
    case 'posts':
      return c.posts;
    case 'outage_posts':
      return c.outagePosts;
    case 'negative':
      return c.negative;
    case 'positive':
      return c.positive;
    case 'comms_complaints':
      return c.commsComplaints;
    case 'churn':
      return c.churn;
    case 'revenue':
      return c.revenue;
    case 'credit':
      return c.credit;
    case 'negative_share':
      return c.posts ? c.negative / c.posts : 0;
    case 'sentiment_mean':
      return c.posts ? c.sentimentSum / c.posts : 0;
  }
}

export const ZERO: Readonly<RollupCounts> = Object.freeze({ posts: 0, outagePosts: 0, negative: 0, positive: 0, commsComplaints: 0, churn: 0, revenue: 0, credit: 0, sentimentSum: 0 });

/** The one mapping from summed rollup counts to their API shape (CountsSchema). */
export function publicCounts(r: RollupCounts): z.infer<typeof CountsSchema> {
  return {
    posts: r.posts,
    outagePosts: r.outagePosts,
    negative: r.negative,
    positive: r.positive,
    commsComplaints: r.commsComplaints,
    churn: r.churn,
    revenue: r.revenue,
    credit: r.credit,
    sentimentMean: r.posts ? r.sentimentSum / r.posts : 0,
  };
}

export const CountsSchema = z.object({
  posts: z.number().int(),
  outagePosts: z.number().int(),
  negative: z.number().int(),
  positive: z.number().int(),
  commsComplaints: z.number().int(),
  churn: z.number().int(),
  revenue: z.number().int(),
  credit: z.number().int(),
  sentimentMean: z.number().openapi({ description: 'Mean sentiment score of the posts (0 when none)' }),
});

const TrendsQuery = z.object({
  product: productParam,
  region: regionParam,
  from: isoTime('Start (inclusive); default: `to` minus 1 day (5m), 7 days (1h) or 90 days (1d)').optional(),
  to: isoTime('End (exclusive); default now').optional(),
  bucket: z.enum(['5m', '1h', '1d']).default('1h').openapi({ description: 'Bucket size; longest range: 14 days (5m), 180 days (1h), ~3 years (1d)' }),
  metric: z.enum(METRICS).default('outage_posts').openapi({ description: 'What `value` holds; every count is also in each point' }),
});

const TrendPointSchema = CountsSchema.extend({ t: z.string().openapi({ description: 'Bucket start, ISO-8601 UTC' }), value: z.number() });

export const TrendsSchema = z
  .object({
    product: z.string(),
    region: z.string(),
    bucket: z.string(),
    metric: z.string(),
    from: z.string(),
    to: z.string(),
    demo: demoField,
    points: z.array(TrendPointSchema),
  })
  .openapi('Trends');

const route = createRoute({
  method: 'get',
  path: '/trends',
  summary: 'Time series of post counts from rollups',
  description: 'Reads rollups only. Empty buckets are returned as zeros. `Accept: text/csv` returns the points as CSV.',
  tags: ['trends'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { query: TrendsQuery },
  responses: {
    200: {
      description: 'The series',
      content: { 'application/json': { schema: TrendsSchema }, 'text/csv': { schema: z.string() } },
    },
    ...problems(400, 401, 429),
  },
});

/** The stored rollup grain (ingest writes 5-minute rollups). */
export function grainSeconds(_deps?: ApiDeps): number {
  return ROLLUP_BUCKET_SECONDS;
}

export function trendsRoutes() {
  return newRouter().openapi(route, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const product = checkProduct(deps, q.product) ?? ALL;
    const region = q.region ?? ALL;
    const bucketMs = BUCKETS[q.bucket];
    const range = resolveRange(q, deps.clock.now(), DEFAULT_SPAN_MS[q.bucket], MAX_SPAN_MS[q.bucket], ` for bucket ${q.bucket}`);
    const from = Math.floor(range.from / bucketMs) * bucketMs;
    const to = Math.ceil(range.to / bucketMs) * bucketMs;
    const demo = deps.demo ?? false;
    const csv = wantsCsv(c);
    // The finished body is what is cached (not just the rows): clients polling one series then cost
    // no SQL, no point building and no JSON encoding until the entry expires (profiled: those were
    // most of a cached request). The key is everything the body depends on.
    const key = `trends ${product} ${region} ${from} ${to} ${q.bucket} ${q.metric} ${csv ? 'csv' : 'json'} ${demo}`;
    const body = await cachedRead(deps.db, key, async () => {
      const rows = await trendSeries(deps.db, { product, region, from, to, bucketMs, grainSeconds: grainSeconds(deps) });
      const points = fillPoints(rows, from, to, bucketMs, q.metric);
      if (csv) {
        const columns = ['t', 'value', 'posts', 'outagePosts', 'negative', 'positive', 'commsComplaints', 'churn', 'revenue', 'credit', 'sentimentMean'];
        return toCsv(columns, points);
      }
      const out: z.infer<typeof TrendsSchema> = { product, region, bucket: q.bucket, metric: q.metric, from: iso(from), to: iso(to), demo, points };
      return JSON.stringify(out);
    });
    if (csv) return csvResponse(body, `trends-${product === ALL ? 'all' : product}-${q.bucket}.csv`, { 'x-barometer-demo': String(demo) });
    return c.body(body, 200, { 'content-type': 'application/json' });
  });
}

/** Every bucket of [from, to), zero-filled, in the API's point shape. */
function fillPoints(rows: readonly TrendPoint[], from: number, to: number, bucketMs: number, metric: Metric) {
  const points: z.infer<typeof TrendPointSchema>[] = [];
  let i = 0;
  for (let t = from; t < to; t += bucketMs) {
    // rows are ascending and inside [from, to): walk them alongside instead of a Map per request
    while (i < rows.length && rows[i]!.bucketStart < t) i++;
    const r = i < rows.length && rows[i]!.bucketStart === t ? rows[i]! : ZERO;
    points.push({ t: iso(t), value: metricValue(metric, r), ...publicCounts(r) });
  }
  return points;
}
