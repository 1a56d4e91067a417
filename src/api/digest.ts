/** GET /digest/preview (admin): the daily digest for a local date as HTML, text or its JSON model. */
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth.js';
import { composeDigest, yesterday } from '../digest/job.js';
import { isDate } from '../digest/time.js';
import { newRouter, problems, secured } from './common.js';

const Query = z.object({
  date: z
    .string()
    .refine(isDate, 'must be a date as YYYY-MM-DD')
    .optional()
    .openapi({ description: 'Local date in the digest time zone (default: yesterday there)', example: '2013-11-08' }),
  format: z.enum(['html', 'text', 'json']).default('html').openapi({ description: 'html (as mailed), text (the plain part) or json (the model)' }),
});

const route = createRoute({
  method: 'get',
  path: '/digest/preview',
  summary: 'Preview the daily digest email for a date',
  description: 'Renders the digest exactly as the scheduled job would mail it (without sending). The subject is in the `x-digest-subject` header.',
  tags: ['digest'],
  security: secured,
  middleware: [requireRole('admin')] as const,
  request: { query: Query },
  responses: {
    200: {
      description: 'The digest',
      content: {
        'text/html': { schema: z.string() },
        'text/plain': { schema: z.string() },
        'application/json': { schema: z.record(z.string(), z.unknown()).openapi('DigestModel') },
      },
    },
    ...problems(400, 401, 403, 429),
  },
});

export function digestRoutes() {
  return newRouter().openapi(route, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const date = q.date ?? yesterday(deps.clock.now(), deps.config);
    const d = await composeDigest(deps, date);
    const headers = { 'x-digest-subject': encodeURIComponent(d.model.subject), 'x-digest-date': date };
    if (q.format === 'json') return c.json(d.model as unknown as Record<string, unknown>, 200, headers);
    if (q.format === 'text') return c.text(d.text, 200, headers);
    return c.html(d.html, 200, {
      ...headers,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    });
  });
}
