/**
 * Static assets served from our own origin under a content-hashed path (cached for a year,
 * immutable): the vendored uPlot, the dashboard stylesheet and its one script.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { CLIENT_JS } from './client.js';
import { DASHBOARD_CSS } from './styles.js';
import { UPLOT_CSS, UPLOT_JS } from './vendor/uplot.js';

const files: Record<string, { body: string; type: string }> = {
  'uplot.js': { body: UPLOT_JS, type: 'text/javascript; charset=utf-8' },
  'uplot.css': { body: UPLOT_CSS, type: 'text/css; charset=utf-8' },
  'dashboard.js': { body: CLIENT_JS, type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { body: DASHBOARD_CSS, type: 'text/css; charset=utf-8' },
};

export const ASSET_HASH = createHash('sha256')
  .update(Object.values(files).map((f) => f.body).join('\u0000'))
  .digest('hex')
  .slice(0, 12);

export const assetPath = (name: keyof typeof files | string) => `/assets/${ASSET_HASH}/${name}`;

export function assetRoutes(): Hono {
  const app = new Hono();
  app.get('/assets/:hash/:name', (c) => {
    const f = files[c.req.param('name')];
    if (!f) return c.text('not found', 404);
    const fresh = c.req.param('hash') === ASSET_HASH;
    return c.body(f.body, 200, {
      'content-type': f.type,
      'cache-control': fresh ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}
