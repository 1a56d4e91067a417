/**
 * Dashboard login and session (Jupyter style). The login token is the operator's
 * `BAROMETER_ADMIN_TOKEN`; without one, src/server.ts makes a random one per start and prints
 * `http://HOST:PORT/login?token=…` on stdout. Opening that URL sets a signed session cookie and
 * redirects to the overview; the session then plugs into src/auth.ts by setting the request's
 * `identity` ({ kind: 'session', role: 'admin' }), so `requireRole` gates dashboard and API alike.
 *
 * - Cookie `barometer_session` = base64url(JSON {sid, role, exp}) "." HMAC-SHA256, `HttpOnly;
 *   SameSite=Lax; Path=/`, `Secure` when the request (or BAROMETER_PUBLIC_URL) is https; 12 h.
 * - The signing secret is generated once per database and kept in `settings`, so sessions survive
 *   restarts and are shared by processes on the same database. Rotating it logs everyone out.
 * - CSRF: every form carries `_csrf` = HMAC(secret, "csrf:" + sid), checked on every POST in
 *   constant time (plus requireRole's same-origin check for session writes).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Db } from '../db/client.js';
import { setSettingOnce } from '../db/queries/dashboard.js';
import type { AppDeps } from './app.js';
import type { Role } from './auth.js';

export const SESSION_COOKIE = 'barometer_session';
export const SESSION_TTL_MS = 12 * 3_600_000;
const SECRET_KEY = 'dashboard_session_secret';

export interface Session {
  sid: string;
  role: Role;
  exp: number;
  csrf: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    session: Session;
  }
}

/** A fresh login token for a process started without BAROMETER_ADMIN_TOKEN. */
export function generateLoginToken(): string {
  return randomBytes(24).toString('hex');
}

const secrets = new WeakMap<object, Promise<string>>();

/** The per-database signing secret (created on first use). */
export function sessionSecret(db: Db): Promise<string> {
  let s = secrets.get(db);
  if (!s) {
    s = setSettingOnce(db, SECRET_KEY, randomBytes(32).toString('base64url'));
    s.catch(() => secrets.delete(db));
    secrets.set(db, s);
  }
  return s;
}

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

function sameString(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export function csrfToken(secret: string, sid: string): string {
  return mac(secret, `csrf:${sid}`);
}

export function signSession(secret: string, s: { sid: string; role: Role; exp: number }): string {
  const body = Buffer.from(JSON.stringify({ sid: s.sid, role: s.role, exp: s.exp })).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export function verifySession(secret: string, cookie: string | undefined, now: number): Session | null {
  if (!cookie || cookie.length > 512) return null;
  const [body, sig] = cookie.split('.');
  if (!body || !sig || !sameString(sig, mac(secret, body))) return null;
  try {
    const v = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sid?: unknown; role?: unknown; exp?: unknown };
    if (typeof v.sid !== 'string' || (v.role !== 'admin' && v.role !== 'viewer') || typeof v.exp !== 'number' || v.exp <= now) return null;
    return { sid: v.sid, role: v.role, exp: v.exp, csrf: csrfToken(secret, v.sid) };
  } catch {
    return null;
  }
}

function isHttps(c: Context, deps: AppDeps): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if ((c.req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https') return true;
  return deps.config.publicUrl?.startsWith('https:') ?? false;
}

const depsOf = (c: Context) => (c as unknown as Context<{ Variables: { deps: AppDeps } }>).get('deps');

/** Reads the cookie; on a valid session sets `session` and the auth `identity`. Never rejects. */
export function sessionMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const deps = depsOf(c);
    const raw = getCookie(c, SESSION_COOKIE);
    if (raw) {
      const session = verifySession(await sessionSecret(deps.db), raw, deps.clock.now());
      if (session) {
        c.set('session', session);
        c.set('identity', { kind: 'session', id: `session:${session.sid.slice(0, 8)}`, name: 'dashboard', role: session.role });
      }
    }
    await next();
  };
}

/** Pages need a session: GETs go to the login page, anything else gets 401. */
export function requireSession(): MiddlewareHandler {
  return async (c, next) => {
    if (!c.get('session')) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        const url = new URL(c.req.url);
        return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return c.text('Log in first: open the login URL that `npm start` printed.', 401);
    }
    await next();
  };
}

/** Every POST must carry the session's CSRF token in the form field `_csrf`. */
export function requireCsrf(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'POST') {
      const session = c.get('session');
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const sent = typeof form._csrf === 'string' ? form._csrf : '';
      if (!session || !sameString(sent, session.csrf)) {
        return c.text('This form has expired or did not come from this dashboard; reload the page and try again.', 403);
      }
    }
    await next();
  };
}

/** Checks a login token against the configured one; on success sets the cookie. */
export async function startSession(c: Context, token: string): Promise<boolean> {
  const deps = depsOf(c);
  const expected = deps.config.adminToken;
  if (!expected || !sameString(mac('login', token), mac('login', expected))) return false;
  const secret = await sessionSecret(deps.db);
  const value = signSession(secret, { sid: randomBytes(16).toString('base64url'), role: 'admin', exp: deps.clock.now() + SESSION_TTL_MS });
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, deps),
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
  return true;
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, depsOf(c)) });
}
