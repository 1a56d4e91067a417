/**
 * Who is calling, and may they. `requireRole('viewer' | 'admin')` is the one gate every protected
 * route uses (API v1, ingest, dashboard writes):
 *
 * 1. An identity set earlier in the request by another middleware wins: the dashboard's session
 *    middleware does `c.set('identity', { kind: 'session', id, name, role })` and calls `next()`.
 * 2. Else `Authorization: Bearer <key>`: an API key (stored as SHA-256, never in clear) or the
 *    operator's `BAROMETER_ADMIN_TOKEN` (an admin bootstrap before any key exists).
 * 3. Roles are ordered: admin may do what a viewer may. Revoked or unknown keys get 401, a viewer
 *    writing gets 403, and every identity has its own fixed-window rate limit with RateLimit-*
 *    headers and a 429 problem+json when spent.
 *
 * State (rate-limit windows, last-used throttling) lives per app instance, keyed by its deps.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { findApiKeyByHash, touchApiKey, type KeyRole } from '../db/queries/keys.js';
import { ApiError, problemResponse } from './errors.js';
import type { AppDeps } from './app.js';

export type Role = KeyRole;

export interface Identity {
  /** How the caller proved who they are. */
  kind: 'api_key' | 'session' | 'admin_token';
  /** Stable id for rate limiting and audit, e.g. "key:12", "session:ab12". */
  id: string;
  /** Human name, written into `acknowledged_by` and logs. */
  name: string;
  role: Role;
}

declare module 'hono' {
  interface ContextVariableMap {
    identity: Identity;
  }
}

export interface RateLimitOptions {
  /** Requests allowed per identity per window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({ limit: 600, windowMs: 60_000 });

const KEY_PREFIX = 'bmk_';

/** A new random key (shown once) and what is stored about it. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 6), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const rank: Record<Role, number> = { viewer: 1, admin: 2 };

interface Window {
  start: number;
  count: number;
}

interface AuthState {
  windows: Map<string, Window>;
  touched: Map<number, number>;
  counted: WeakSet<Request>;
}

const states = new WeakMap<object, AuthState>();

function stateOf(deps: object): AuthState {
  let s = states.get(deps);
  if (!s) {
    s = { windows: new Map(), touched: new Map(), counted: new WeakSet() };
    states.set(deps, s);
  }
  return s;
}

function unauthorized(c: Context, detail: string): Response {
  return problemResponse(new ApiError(401, 'unauthorized', detail), c.req.path, {
    'www-authenticate': 'Bearer realm="barometer"',
  });
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

type DepsEnv = { Variables: { deps: AppDeps } };

/** Finds the caller from a Bearer header; a Response when the header is missing or wrong. */
async function identify(c: Context<DepsEnv>, deps: AppDeps, state: AuthState): Promise<Identity | Response> {
  const header = c.req.header('authorization');
  if (!header) return unauthorized(c, 'Send an API key as "Authorization: Bearer <key>" (create one with `barometer keys create`)');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return unauthorized(c, 'The Authorization header must be "Bearer <key>"');
  const token = match[1];
  if (deps.config.adminToken && sameSecret(token, deps.config.adminToken)) {
    return { kind: 'admin_token', id: 'admin-token', name: 'admin-token', role: 'admin' };
  }
  const row = await findApiKeyByHash(deps.db, hashApiKey(token));
  if (!row) return unauthorized(c, 'Unknown API key');
  if (row.revokedAt !== null) return unauthorized(c, `API key ${row.prefix}… was revoked`);
  const now = deps.clock.now();
  // Record use at most once a minute per key: a write per request would cost more than the read.
  const last = state.touched.get(row.id) ?? row.lastUsedAt ?? 0;
  if (now - last >= 60_000) {
    state.touched.set(row.id, now);
    await touchApiKey(deps.db, row.id, now).catch(() => undefined);
  }
  return { kind: 'api_key', id: `key:${row.id}`, name: row.name, role: row.role };
}

function take(state: AuthState, id: string, now: number, opts: RateLimitOptions): { remaining: number; resetMs: number; ok: boolean } {
  let w = state.windows.get(id);
  if (!w || now - w.start >= opts.windowMs) {
    if (state.windows.size > 10_000) {
      for (const [k, v] of state.windows) if (now - v.start >= opts.windowMs) state.windows.delete(k);
    }
    w = { start: now, count: 0 };
    state.windows.set(id, w);
  }
  w.count += 1;
  return { ok: w.count <= opts.limit, remaining: Math.max(0, opts.limit - w.count), resetMs: w.start + opts.windowMs - now };
}

/**
 * Middleware: the caller must hold `role` (admin includes viewer). Works on any Hono app built by
 * createApp (it reads `c.get('deps')`). Safe to stack: the rate limit counts a request once.
 */
export function requireRole(role: Role): MiddlewareHandler {
  return async (c, next) => {
    const deps = (c as unknown as Context<DepsEnv>).get('deps');
    if (!deps) throw new Error('requireRole needs the deps that createApp sets');
    const state = stateOf(deps);
    let identity: Identity | undefined = c.get('identity');
    if (!identity) {
      const found = await identify(c as unknown as Context<DepsEnv>, deps, state);
      if (found instanceof Response) return found;
      identity = found;
      c.set('identity', identity);
    }
    // A cookie-borne session must not be usable cross-site for writes (CSRF).
    if (identity.kind === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('origin');
      let sameSite = c.req.header('sec-fetch-site') !== 'cross-site';
      if (origin) {
        try {
          sameSite &&= new URL(origin).host === new URL(c.req.url).host;
        } catch {
          sameSite = false; // "null" and other opaque origins
        }
      }
      if (!sameSite) throw new ApiError(403, 'cross_site', 'Writes with a session must come from this site');
    }
    let limitHeaders: Record<string, string> | null = null;
    if (!state.counted.has(c.req.raw)) {
      state.counted.add(c.req.raw);
      const opts = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
      const r = take(state, identity.id, deps.clock.now(), opts);
      const resetS = Math.max(1, Math.ceil(r.resetMs / 1000));
      limitHeaders = {
        'ratelimit-limit': String(opts.limit),
        'ratelimit-remaining': String(r.remaining),
        'ratelimit-reset': String(resetS),
      };
      if (!r.ok) {
        return problemResponse(
          new ApiError(429, 'rate_limited', `Rate limit of ${opts.limit} requests per ${opts.windowMs / 1000} s reached; retry in ${resetS} s`),
          c.req.path,
          { ...limitHeaders, 'retry-after': String(resetS) },
        );
      }
    }
    if (rank[identity.role] < rank[role]) {
      throw new ApiError(403, 'forbidden', `This needs the ${role} role; the caller "${identity.name}" is ${identity.role}`);
    }
    await next();
    if (limitHeaders) {
      for (const [k, v] of Object.entries(limitHeaders)) {
        try {
          c.res.headers.set(k, v);
        } catch {
          // immutable headers (a proxied Response): leave them
        }
      }
    }
  };
}
