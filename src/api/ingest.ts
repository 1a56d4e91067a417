/**
 * `POST /api/v1/ingest` (admin): push posts in the import item shape (README "Push and import"), as a
 * JSON array or NDJSON, up to `ingest.maxBatchSize` items. Valid items are stored (unknown source names
 * become `push` sources); each invalid one is reported with its index and reason.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import { parsePushItem, parsePushLine, storePushItems, type ParsedItem, type PushItem } from '../../ingest/push.js';
import { createStoreContext, type StoreContext } from '../../ingest/store.js';
import { newRouter, problems, secured } from './common.js';
import type { Config } from '../config.js';

const PushItemSchema = z
  .object({
    source: z.string().max(200).openapi({ example: 'partner-forum' }),
    external_id: z.string().max(512).openapi({ example: 'thread-991#post-4' }),
    text: z.string().max(100_000).openapi({ example: 'Exchange Online has been down in Dublin for an hour and the status page is still green.' }),
    title: z.string().max(1_000).optional(),
    url: z.string().max(2_048).optional(),
    author: z.string().max(256).optional().openapi({ description: 'Stored only as a sha-256 hash' }),
    published_at: z.string().openapi({ example: '2013-11-08T14:05:00Z', description: 'ISO-8601 with a zone' }),
  })
  .openapi('PushItem');

const IngestResultSchema = z
  .object({
    received: z.number().int(),
    accepted: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ index: z.number().int(), reason: z.string() })),
  })
  .openapi('IngestResult');

const route = createRoute({
  method: 'post',
  path: '/ingest',
  tags: ['ingest'],
  summary: 'Push posts (JSON array or NDJSON)',
  description:
    'Up to `ingest.maxBatchSize` items per request. Idempotent on (source, external_id); an edited text is re-analysed. ' +
    'Invalid items are listed in `rejected` with their 0-based index; the valid ones are stored. ' +
    'Body: `application/json` (an array of PushItem) or `application/x-ndjson` (one PushItem per line). ' +
    'The body is parsed item by item here, not validated as a whole, so one bad item never rejects the rest.',
  security: secured,
  middleware: [requireRole('admin')] as const,
  responses: {
    200: { description: 'What was stored and what was rejected', content: { 'application/json': { schema: IngestResultSchema } } },
    ...problems(400, 401, 403, 413, 429),
  },
});

const contexts = new WeakMap<Config, StoreContext>();
function contextFor(config: Config): StoreContext {
  let ctx = contexts.get(config);
  if (!ctx) contexts.set(config, (ctx = createStoreContext(config)));
  return ctx;
}

/** Parses the body: a JSON array (or one object), else NDJSON (one item per non-empty line). */
export function parseIngestBody(text: string, maxItems: number): ParsedItem[] {
  const trimmed = text.trimStart();
  let results: ParsedItem[];
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new ApiError(400, 'invalid_body', `Body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
    }
    const list = value as unknown[];
    if (list.length > maxItems) throw new ApiError(413, 'too_many_items', `${list.length} items; at most ${maxItems} per request`, { maxItems });
    results = list.map((v) => parsePushItem(v));
  } else {
    const lines = trimmed.split('\n').filter((l) => l.trim() !== '');
    if (lines.length > maxItems) throw new ApiError(413, 'too_many_items', `${lines.length} items; at most ${maxItems} per request`, { maxItems });
    results = lines.map((l) => parsePushLine(l));
  }
  if (results.length === 0) throw new ApiError(400, 'invalid_body', 'No items: send a JSON array or NDJSON lines of push items');
  return results;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function ingestRoutes(_deps?: unknown) {
  const app = newRouter();
  app.openAPIRegistry.register('PushItem', PushItemSchema);
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const max = deps.config.ingest.maxBatchSize;
    const length = Number(c.req.header('content-length'));
    if (Number.isFinite(length) && length > max * 110_000) throw new ApiError(413, 'body_too_large', `Body of ${length} bytes is too large for ${max} items`);
    const parsed = parseIngestBody(await c.req.text(), max);
    const items: PushItem[] = [];
    const rejected: { index: number; reason: string }[] = [];
    parsed.forEach((r, index) => (r.ok ? items.push(r.item) : rejected.push({ index, reason: r.reason })));
    const stored = items.length
      ? await storePushItems(deps.db, contextFor(deps.config), items, deps.clock.now())
      : { inserted: 0, updated: 0, unchanged: 0 };
    return c.json(
      {
        received: parsed.length,
        accepted: items.length,
        inserted: stored.inserted,
        updated: stored.updated,
        unchanged: stored.unchanged,
        rejected,
      },
      200,
    );
  });
  return app;
}
