/**
 * The partner managers' dashboard, mounted at `/` by createApp. Server-rendered with hono/jsx;
 * the only script is our own (charts + filter autosubmit). Each route carries its own middleware
 * (security headers, session, CSRF) rather than a `*` catch-all, so API 404s stay problem+json.
 *
 * Routes: GET / · /breakdown · /incidents · /incidents/:id · /posts · /alerts · /sources · /settings
 * · /login?token= ; POST /alerts/:id/ack · /settings/keys · /settings/keys/:id/revoke ·
 * /settings/webhooks · /settings/webhooks/:id/delete · /logout ; GET /assets/<hash>/<file>.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { acknowledgeAlert } from '../../db/queries/alerts.js';
import { insertApiKey, revokeApiKey, type KeyRole } from '../../db/queries/keys.js';
import { createWebhook, deleteWebhook, type WebhookFilters } from '../../db/queries/webhooks.js';
import type { AppEnv } from '../app.js';
import { generateApiKey, requireRole } from '../auth.js';
import { endSession, requireCsrf, requireSession, sessionMiddleware, startSession } from '../session.js';
import { assetPath, assetRoutes } from './assets.js';
import type { PageContext } from './layout.js';
import { alertsPage } from './pages/alerts.js';
import { breakdownPage } from './pages/breakdown.js';
import { incidentPage, incidentsListPage } from './pages/incidents.js';
import { overviewPage } from './pages/overview.js';
import { postsPage } from './pages/posts.js';
import { settingsPage } from './pages/settings.js';
import { sourcesPage } from './pages/sources.js';

export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('content-security-policy', DASHBOARD_CSP);
  c.res.headers.set('x-content-type-options', 'nosniff');
  c.res.headers.set('x-frame-options', 'DENY');
  // The login URL carries the token: never send a Referer to another origin.
  c.res.headers.set('referrer-policy', 'same-origin');
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
};

function pageContext(c: Context<AppEnv>): PageContext {
  const session = c.get('session');
  return { path: c.req.path, demo: c.get('deps').demo ?? false, csrf: session.csrf, admin: session.role === 'admin' };
}

type Page = (c: Context<AppEnv>, ctx: PageContext) => Promise<Response>;
const page = (fn: Page) => (c: Context<AppEnv>) => fn(c, pageContext(c));

const formString = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** Only a local path may be a post-login destination (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && next.length < 500 ? next : '/';
}

function loginPage(c: Context<AppEnv>, message: string, status: 200 | 401) {
  return c.html(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Log in · Barometer</title>
        <link rel="stylesheet" href={assetPath('dashboard.css')} />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main id="main">
          <h1>Barometer</h1>
          <div class={`card${status === 401 ? ' flash error' : ''}`} role={status === 401 ? 'alert' : undefined}>
            <p>{message}</p>
            <p>
              Open the login URL that <code>npm start</code> printed (<code>http://HOST:PORT/login?token=…</code>), or set{' '}
              <code>BAROMETER_ADMIN_TOKEN</code> and paste it here:
            </p>
            <form method="get" action="/login" class="filters">
              <input type="hidden" name="next" value={safeNext(c.req.query('next'))} />
              <label>
                Token
                <input type="password" name="token" autocomplete="off" required />
              </label>
              <button type="submit">Log in</button>
            </form>
          </div>
        </main>
      </body>
    </html>,
    status,
  );
}

export function dashboardRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', assetRoutes());

  const view = [securityHeaders, sessionMiddleware(), requireSession()] as const;
  const write = [securityHeaders, sessionMiddleware(), requireSession(), requireCsrf()] as const;

  app.get('/login', securityHeaders, async (c) => {
    const token = c.req.query('token');
    if (!c.get('deps').config.adminToken) {
      return loginPage(c, 'No login token is configured for this deployment: set BAROMETER_ADMIN_TOKEN.', 401);
    }
    if (!token) return loginPage(c, 'You are not logged in.', 200);
    if (!(await startSession(c, token))) return loginPage(c, 'That token is not valid.', 401);
    return c.redirect(safeNext(c.req.query('next')), 303);
  });
  app.post('/logout', ...write, (c) => {
    endSession(c);
    return c.redirect('/login', 303);
  });

  app.get('/', ...view, page(overviewPage));
  app.get('/breakdown', ...view, page(breakdownPage));
  app.get('/incidents', ...view, page(incidentsListPage));
  app.get('/incidents/:id', ...view, page(incidentPage));
  app.get('/posts', ...view, page(postsPage));
  app.get('/alerts', ...view, page(alertsPage));
  app.get('/sources', ...view, page(sourcesPage));
  app.get('/settings', ...view, requireRole('admin'), page((c, ctx) => settingsPage(c, ctx)));

  app.post('/alerts/:id/ack', ...write, requireRole('viewer'), async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.param('id'));
    const row = Number.isSafeInteger(id) ? await acknowledgeAlert(deps.db, id, 'dashboard', deps.clock.now()) : null;
    if (!row) return alertsPage(c, pageContext(c), `No alert ${c.req.param('id')}.`);
    return c.redirect('/alerts', 303);
  });

  app.post('/settings/keys', ...write, requireRole('admin'), async (c) => {
    const deps = c.get('deps');
    const form = await c.req.parseBody();
    const name = formString(form.name, 100);
    const role: KeyRole = form.role === 'admin' ? 'admin' : 'viewer';
    if (!name) return settingsPage(c, pageContext(c), { text: 'A key needs a name.', error: true }, 400);
    const k = generateApiKey();
    const row = await insertApiKey(deps.db, { name, prefix: k.prefix, keyHash: k.keyHash, role, createdAt: deps.clock.now() });
    return settingsPage(c, pageContext(c), { text: `Created ${row.role} key “${row.name}”.`, secret: { label: 'The new API key', value: k.key } });
  });
  app.post('/settings/keys/:id/revoke', ...write, requireRole('admin'), async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.param('id'));
    const row = Number.isSafeInteger(id) ? await revokeApiKey(deps.db, id, deps.clock.now()) : null;
    if (!row) return settingsPage(c, pageContext(c), { text: `No key ${c.req.param('id')}.`, error: true }, 400);
    return settingsPage(c, pageContext(c), { text: `Revoked key “${row.name}” (${row.prefix}…); requests with it now get 401.` });
  });
  app.post('/settings/webhooks', ...write, requireRole('admin'), async (c) => {
    const deps = c.get('deps');
    const form = await c.req.parseBody();
    const url = formString(form.url, 2000);
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return settingsPage(c, pageContext(c), { text: 'The webhook URL must be an http(s) URL.', error: true }, 400);
    const known = new Set(deps.config.products.map((p) => p.id));
    const products = formString(form.products, 500).split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = products.filter((p) => !known.has(p));
    if (unknown.length) return settingsPage(c, pageContext(c), { text: `Unknown product(s): ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`, error: true }, 400);
    const filters: WebhookFilters = {};
    if (products.length) filters.products = products;
    const sev = form.minSeverity;
    if (sev === 'low' || sev === 'medium' || sev === 'high' || sev === 'critical') filters.minSeverity = sev;
    const secret = randomBytes(24).toString('base64url');
    await createWebhook(deps.db, { url, secret, filters });
    return settingsPage(c, pageContext(c), { text: `Added webhook ${url}.`, secret: { label: 'Its signing secret', value: secret } });
  });
  app.post('/settings/webhooks/:id/delete', ...write, requireRole('admin'), async (c) => {
    const deps = c.get('deps');
    const id = Number(c.req.param('id'));
    const ok = Number.isSafeInteger(id) && (await deleteWebhook(deps.db, id));
    return settingsPage(c, pageContext(c), ok ? { text: 'Webhook deleted.' } : { text: `No webhook ${c.req.param('id')}.`, error: true }, ok ? 200 : 400);
  });

  return app;
}
