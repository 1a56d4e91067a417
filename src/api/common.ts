/**
 * Shared pieces of API v1: the router factory (validation failures → 400 problem+json naming the
 * parameter), the problem schema, ISO-8601 times and ranges, the product/region vocabulary, CSV
 * and opaque cursors. Every route file builds on these so the same shape is never written twice.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.js';
import { ApiError } from '../errors.js';

export type ApiEnv = AppEnv;
export type ApiDeps = AppEnv['Variables']['deps'];

const targetNames: Record<string, string> = { query: 'query', param: 'path', json: 'body', header: 'header', form: 'form', cookie: 'cookie' };

/** A router whose zod validation failures become one 400 problem naming the first bad parameter. */
export function newRouter(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const where = targetNames[result.target] ?? result.target;
      const issues = result.error.issues.map((i) => ({ name: i.path.map(String).join('.') || '(root)', message: i.message }));
      const first = issues[0] ?? { name: '(root)', message: 'invalid' };
      throw new ApiError(400, 'invalid_parameter', `Invalid ${where} parameter "${first.name}": ${first.message}`, {
        parameter: first.name,
        in: where,
        errors: issues,
      });
    },
  });
}

/** Throws a 400 naming `parameter`. */
export function badParameter(parameter: string, detail: string, extra: Record<string, unknown> = {}): never {
  throw new ApiError(400, 'invalid_parameter', detail, { parameter, ...extra });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    parameter: z.string().optional(),
  })
  .openapi('Problem');

const problemDescriptions: Record<number, string> = {
  400: 'Invalid parameters (the problem names the parameter)',
  401: 'Missing, unknown or revoked API key',
  403: 'The key lacks the role this needs',
  404: 'No such resource',
  409: 'Conflicts with existing data',
  429: 'Rate limit reached (see RateLimit-* and Retry-After headers)',
};

/** `responses` entries for the given problem statuses. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: problemDescriptions[s] ?? 'Error', content: { 'application/problem+json': { schema: ProblemSchema } } }]),
  ) as Record<number, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>;
}

export const secured = [{ bearerAuth: [] as string[] }];

// ------------------------------------------------------------------ time

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** ISO-8601 date (UTC midnight) or date-time with a zone (Z or ±hh:mm). */
export const isoTime = (description: string) =>
  z
    .string()
    .max(40)
    .refine((s) => ISO.test(s) && Number.isFinite(Date.parse(s)), 'must be an ISO-8601 date or date-time with a zone, e.g. 2013-11-12T09:00:00Z')
    .openapi({ description, example: '2013-11-12T00:00:00Z' });

export const toMs = (s: string): number => Date.parse(s);
export const iso = (ms: number): string => new Date(ms).toISOString();

export const DAY_MS = 86_400_000;

/**
 * [from, to) from optional ISO strings: `to` defaults to now, `from` to `to − defaultSpanMs`.
 * from > to and spans over `maxSpanMs` are 400s naming `from`.
 */
export function resolveRange(
  q: { from?: string; to?: string },
  now: number,
  defaultSpanMs: number,
  maxSpanMs: number,
  why = '',
): { from: number; to: number } {
  const to = q.to ? toMs(q.to) : now;
  const from = q.from ? toMs(q.from) : to - defaultSpanMs;
  if (from > to) badParameter('from', `"from" (${iso(from)}) is after "to" (${iso(to)})`);
  if (to - from > maxSpanMs) {
    badParameter('from', `The range ${iso(from)} – ${iso(to)} is longer than the ${Math.round(maxSpanMs / DAY_MS)} days allowed${why}`, {
      maxDays: maxSpanMs / DAY_MS,
    });
  }
  return { from, to };
}

// ------------------------------------------------------------------ vocabulary

export const REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC', 'unknown'] as const;
/** '*' is the total over all products / regions. */
export const ALL = '*';

export const productParam = z
  .string()
  .max(64)
  .optional()
  .openapi({ description: 'Product id from the catalogue, or * for all (default)', example: 'exchange-online' });

export const regionParam = z
  .enum([ALL, ...REGIONS])
  .optional()
  .openapi({ description: 'Macro region, "unknown" (posts naming none) or * for all (default)' });

export function knownProducts(deps: ApiDeps): string[] {
  return deps.config.products.map((p) => p.id);
}

/** A product id from the catalogue (or '*' when `allowAll`); otherwise a 400 listing the known ones. */
export function checkProduct(deps: ApiDeps, product: string | undefined, allowAll = true): string | undefined {
  if (product === undefined) return undefined;
  if (allowAll && product === ALL) return product;
  const known = knownProducts(deps);
  if (!known.includes(product)) {
    badParameter('product', `Unknown product "${product.slice(0, 64)}"; known products: ${known.join(', ')}`, { known });
  }
  return product;
}

export const booleanParam = (description: string) =>
  z.enum(['true', 'false']).optional().openapi({ description });

export const asBool = (v: 'true' | 'false' | undefined): boolean | undefined => (v === undefined ? undefined : v === 'true');

export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be a positive integer id')
  .openapi({ param: { name: 'id', in: 'path' }, example: '1' });

// ------------------------------------------------------------------ CSV and cursors

export function wantsCsv(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  return /(^|,)\s*text\/csv/i.test(accept);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join(';') : String(value);
  // Text people wrote must not become a spreadsheet formula.
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((k) => csvCell(row[k])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function csvResponse(body: string, filename: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, ...extra },
  });
}

/** An opaque cursor: base64url of a small JSON object. */
export function encodeCursor(value: Record<string, number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    badParameter('cursor', 'The cursor is not one this API returned');
  }
  const obj = parsed as Record<string, unknown>;
  if (!obj || typeof obj !== 'object' || !keys.every((k) => Number.isSafeInteger(obj[k]))) {
    badParameter('cursor', 'The cursor is not one this API returned');
  }
  return obj as Record<K, number>;
}

export const cursorParam = z.string().max(200).optional().openapi({ description: 'Opaque cursor from a previous page (`nextCursor`)' });

export const limitParam = (max: number, dflt: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(dflt)
    .openapi({ description: `Page size, 1–${max} (default ${dflt})`, type: 'integer' });

export const demoField = z.boolean().openapi({ description: 'True when the data comes from the bundled demo, not real sources' });
