/**
 * Login, session and CSRF as an attacker would probe them, against the real app on a temp libSQL
 * file (app.request, no port). The browser test covers the happy paths end to end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { createApp } from '../../src/app.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { SESSION_COOKIE } from '../../src/session.js';

const TOKEN = 'session-test-token-0123456789';
let dir: string;
let opened: OpenedDb;
let app: ReturnType<typeof createApp>;
const base = 'http://127.0.0.1:8787';

async function login(): Promise<string> {
  const res = await app.request(`${base}/login?token=${TOKEN}`);
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function csrfOf(cookie: string): Promise<string> {
  const html = await (await app.request(`${base}/settings`, { headers: { cookie } })).text();
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
}

const form = (cookie: string, body: Record<string, string>, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...extra },
  body: new URLSearchParams(body).toString(),
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'barometer-session-'));
  const url = `file:${join(dir, 'db.sqlite')}`;
  opened = await openDb(url);
  await applyMigrations(opened.db);
  const config = loadConfig({ DATABASE_URL: url, BAROMETER_DEMO: 'off', BAROMETER_ADMIN_TOKEN: TOKEN }, dir);
  app = createApp({ db: opened.db, config, clock: fixedClock(Date.UTC(2013, 10, 14)) });
});

afterAll(() => {
  opened?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard session', () => {
  it('sends a visitor without a session to the login page, keeping where they were going', async () => {
    const res = await app.request(`${base}/breakdown?region=EMEA`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fbreakdown%3Fregion%3DEMEA');
  });

  it('sets an HttpOnly SameSite=Lax cookie for the right token and refuses a wrong one', async () => {
    const ok = await app.request(`${base}/login?token=${TOKEN}`);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const bad = await app.request(`${base}/login?token=${TOKEN}x`);
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
  });

  it('marks the cookie Secure behind https', async () => {
    const res = await app.request(`${base}/login?token=${TOKEN}`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('never redirects off-site after login', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const res = await app.request(`${base}/login?token=${TOKEN}&next=${encodeURIComponent(next)}`);
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it('rejects a tampered session cookie', async () => {
    const cookie = await login();
    const [name, value] = cookie.split('=') as [string, string];
    const [body, sig] = value.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ sid: 'x', role: 'admin', exp: 9e15 })).toString('base64url');
    for (const v of [`${forged}.${sig}`, `${body}.${sig.slice(0, -2)}AA`, body]) {
      const res = await app.request(`${base}/`, { headers: { cookie: `${name}=${v}` } });
      expect(res.status).toBe(303);
    }
  });

  it('refuses a form POST without the session CSRF token, and from another origin', async () => {
    const cookie = await login();
    const csrf = await csrfOf(cookie);
    expect((await app.request(`${base}/settings/keys`, form(cookie, { name: 'k' }))).status).toBe(403);
    expect((await app.request(`${base}/settings/keys`, form(cookie, { name: 'k', _csrf: 'x'.repeat(csrf.length) }))).status).toBe(403);
    // A token from another session does not transfer.
    const other = await csrfOf(await login());
    expect((await app.request(`${base}/settings/keys`, form(cookie, { name: 'k', _csrf: other }))).status).toBe(403);
    const crossSite = await app.request(`${base}/settings/keys`, form(cookie, { name: 'k', _csrf: csrf }, { origin: 'https://evil.example' }));
    expect(crossSite.status).toBe(403);
    const ok = await app.request(`${base}/settings/keys`, form(cookie, { name: 'k', _csrf: csrf }, { origin: base }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/bmk_/);
  });

  it('serves pages with a strict CSP and assets from our origin with long caching', async () => {
    const cookie = await login();
    const res = await app.request(`${base}/`, { headers: { cookie } });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe|https?:/);
    const html = await res.text();
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script
    expect(html).toContain('No posts in this period'); // the empty state says what to do
    const src = /<script src="([^"]+uplot\.js)"/.exec(html)![1]!;
    const js = await app.request(`${base}${src}`);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toContain('uPlot');
  });

  it('logs out by clearing the cookie', async () => {
    const cookie = await login();
    const csrf = await csrfOf(cookie);
    const res = await app.request(`${base}/logout`, form(cookie, { _csrf: csrf }));
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`));
  });

  it('leaves API 404s as problem+json', async () => {
    const res = await app.request(`${base}/api/v1/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('problem+json');
  });
});
