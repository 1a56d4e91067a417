/** GET /posts: search the classified posts (text, product, region, sentiment, flags), newest first. */
import { createRoute, z } from '@hono/zod-openapi';
import { searchPosts, type PostHit } from '../../db/queries/search.js';
import { requireRole } from '../auth.js';
import {
  ALL,
  DAY_MS,
  asBool,
  badParameter,
  booleanParam,
  checkProduct,
  csvResponse,
  cursorParam,
  decodeCursor,
  demoField,
  encodeCursor,
  iso,
  isoTime,
  limitParam,
  newRouter,
  problems,
  productParam,
  regionParam,
  secured,
  toCsv,
  toMs,
  wantsCsv,
} from './common.js';

export const PostSchema = z
  .object({
    id: z.number().int(),
    sourceId: z.number().int(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    text: z.string(),
    publishedAt: z.string(),
    lang: z.string().nullable(),
    sentiment: z.object({ label: z.enum(['neg', 'neu', 'pos']), score: z.number() }),
    outage: z.object({ flag: z.boolean(), score: z.number() }),
    flags: z.object({ commsComplaint: z.boolean(), churn: z.boolean(), revenue: z.boolean(), credit: z.boolean() }),
    products: z.array(z.string()),
    regions: z.array(z.string()),
    demo: demoField,
  })
  .openapi('Post');

/** The one mapping from a stored post to its API shape. */
export function toApiPost(p: PostHit): z.infer<typeof PostSchema> {
  return {
    id: p.id,
    sourceId: p.sourceId,
    url: p.url,
    title: p.title,
    text: p.text,
    publishedAt: iso(p.publishedAt),
    lang: p.lang,
    sentiment: { label: p.sentimentLabel, score: p.sentimentScore },
    outage: { flag: p.outage, score: p.outageScore },
    flags: { commsComplaint: p.commsComplaint, churn: p.churn, revenue: p.revenue, credit: p.credit },
    products: p.products,
    regions: p.regions,
    demo: p.demo,
  };
}

const Query = z.object({
  q: z.string().min(1).max(200).optional().openapi({ description: 'Words the title or body contains (full-text: whole words, the last one also as a prefix; case and accents ignored; operators in the text are taken literally)' }),
  product: productParam,
  region: regionParam,
  sentiment: z.enum(['neg', 'neu', 'pos']).optional(),
  outage: booleanParam('Only outage signals (true) or only others (false)'),
  commsComplaint: booleanParam('Complains about communication ("no updates", "status page green")'),
  churn: booleanParam('Says they are leaving'),
  revenue: booleanParam('Reports lost revenue'),
  credit: booleanParam('Asks for service credits'),
  from: isoTime('Published at or after').optional(),
  to: isoTime('Published before').optional(),
  cursor: cursorParam,
  limit: limitParam(200, 50),
});

export const PostPageSchema = z
  .object({ demo: demoField, posts: z.array(PostSchema), nextCursor: z.string().nullable() })
  .openapi('PostPage');

const route = createRoute({
  method: 'get',
  path: '/posts',
  summary: 'Search posts',
  description: 'Newest first. Pass `nextCursor` back as `cursor` for the next page. `Accept: text/csv` returns the page as CSV (cursor in the `Next-Cursor` header).',
  tags: ['posts'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { query: Query },
  responses: {
    200: { description: 'One page of posts', content: { 'application/json': { schema: PostPageSchema }, 'text/csv': { schema: z.string() } } },
    ...problems(400, 401, 429),
  },
});

const MAX_SPAN_MS = 5 * 366 * DAY_MS;

export function postsRoutes() {
  return newRouter().openapi(route, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const product = checkProduct(deps, q.product);
    const from = q.from ? toMs(q.from) : undefined;
    const to = q.to ? toMs(q.to) : undefined;
    if (from !== undefined && to !== undefined) {
      if (from > to) badParameter('from', `"from" (${q.from}) is after "to" (${q.to})`);
      if (to - from > MAX_SPAN_MS) badParameter('from', 'The range is longer than the 5 years allowed');
    }
    const before = q.cursor ? decodeCursor(q.cursor, ['t', 'id'] as const) : undefined;
    const hits = await searchPosts(deps.db, {
      q: q.q,
      product: product === ALL ? undefined : product,
      region: q.region === ALL ? undefined : q.region,
      sentiment: q.sentiment,
      outage: asBool(q.outage),
      commsComplaint: asBool(q.commsComplaint),
      churn: asBool(q.churn),
      revenue: asBool(q.revenue),
      credit: asBool(q.credit),
      from,
      to,
      before: before ? { publishedAt: before.t, id: before.id } : undefined,
      limit: q.limit + 1,
    });
    const page = hits.slice(0, q.limit);
    const last = page[page.length - 1];
    const nextCursor = hits.length > q.limit && last ? encodeCursor({ t: last.publishedAt, id: last.id }) : null;
    const posts = page.map(toApiPost);
    if (wantsCsv(c)) {
      const rows = posts.map((p) => ({
        ...p,
        sentiment: p.sentiment.label,
        sentimentScore: p.sentiment.score,
        outage: p.outage.flag,
        outageScore: p.outage.score,
        ...p.flags,
      }));
      const columns = ['id', 'publishedAt', 'sourceId', 'url', 'title', 'text', 'products', 'regions', 'sentiment', 'sentimentScore', 'outage', 'outageScore', 'commsComplaint', 'churn', 'revenue', 'credit', 'demo'];
      return csvResponse(toCsv(columns, rows), 'posts.csv', nextCursor ? { 'next-cursor': nextCursor } : {});
    }
    return c.json({ demo: deps.demo ?? false, posts, nextCursor }, 200);
  });
}
