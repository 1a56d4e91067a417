/**
 * The dashboard as a partner manager uses it: the real server (startServer, demo on, temp DB) in
 * real headless Chromium. One server and one browser for the file. Every request the page makes is
 * recorded and must stay on 127.0.0.1; console errors and dialogs fail the run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDb } from '../../db/client.js';
import { storePushItems } from '../../ingest/push.js';
import { createStoreContext } from '../../ingest/store.js';
import { startServer, type RunningServer } from '../../src/server.js';

const TOKEN = 'dashboard-test-token-0123456789';
const CHROMIUM = '/usr/bin/chromium';
const shots = join(process.cwd(), 'test-results', 'dashboard');

let dir: string;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let stdout = '';
let stderr = '';
const requests: string[] = [];
const consoleErrors: string[] = [];
const dialogs: string[] = [];
const failed: string[] = [];

const api = (path: string, init: RequestInit = {}) =>
  fetch(server.url + path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) } });

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${stderr.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'barometer-dash-'));
  // Development shortcut: start from an already-filled database (e.g. test/dashboard/seed-demo.ts output).
  const prefilled = process.env.DASHBOARD_TEST_DB;
  if (prefilled) copyFileSync(prefilled, join(dir, 'db.sqlite'));
  mkdirSync(shots, { recursive: true });
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  server = await startServer({
    env: { DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, PORT: '0', HOST: '127.0.0.1', BAROMETER_DEMO: 'on', BAROMETER_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'info' },
    cwd: dir,
    stdout: out,
    stderr: err,
  });
  // The demo is ingested in the background; then the signals find the two incidents.
  if (!prefilled) await until('demo ingest', async () => stderr.includes('demo ingest done'), 300_000);
  await until('demo incidents', async () => {
    const body = (await (await api('/api/v1/incidents?from=2013-10-01&to=2013-12-01')).json()) as { incidents: unknown[] };
    return body.incidents.length >= 2;
  }, 120_000);
  // A hostile post, stored through the same store path as pushed posts (ingest/push.ts).
  const opened = await openDb(`file:${join(dir, 'db.sqlite')}`);
  try {
    const stored = await storePushItems(opened.db, createStoreContext(server.config), [
      {
        source: 'hostile-forum',
        externalId: 'xss-1',
        title: '<script>alert("title")</script>',
        text: 'Exchange Online down again <script>alert(1)</script> "><img src=x onerror=alert(2)> zz-hostile-marker',
        url: 'https://forum.example/t/1',
        publishedAt: Date.UTC(2013, 10, 13, 16, 0),
      },
    ], Date.now());
    expect(stored.inserted).toBe(1);
  } finally {
    opened.close();
  }

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // A loaded 2-core CI box: the server also runs ingest, signals and cron while we click.
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'fetch') failed.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function shoot(name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('dashboard in a real browser', { timeout: 90_000 }, () => {
  it('prints a login URL that logs in and lands on the overview with demo data', async () => {
    const url = /Dashboard login: (\S+)/.exec(stdout)?.[1];
    expect(url).toBe(`${server.url}/login?token=${TOKEN}`);
    await page.goto(server.url + '/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.goto(url!);
    expect(new URL(page.url()).pathname).toBe('/');
    const cookie = (await context.cookies()).find((c) => c.name === 'barometer_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    await expect(page.getByTestId('demo-banner').textContent()).resolves.toContain('Demo data');
    const posts = await page.locator('[data-kpi=posts] .value').textContent();
    expect(Number(posts!.replace(/,/g, ''))).toBeGreaterThan(1000);
    await page.locator('.chart.drawn canvas').first().waitFor();
    await shoot('overview');
  });

  it('shows an incident with official-update markers and the silence gap', async () => {
    await page.goto(server.url + '/incidents');
    await page.getByRole('link', { name: 'Exchange Online' }).first().click();
    expect(page.url()).toMatch(/\/incidents\/\d+$/);
    const markers = page.getByTestId('update-marker');
    expect(await markers.count()).toBeGreaterThanOrEqual(3);
    await expect(markers.first().textContent()).resolves.toMatch(/Investigating/i);
    const gap = page.getByTestId('silence-gap').first();
    await expect(gap.textContent()).resolves.toMatch(/Silence: .*\d+ (min|h)/);
    await expect(page.getByRole('heading', { name: /Cost of silence/ }).isVisible()).resolves.toBe(true);
    await page.locator('.chart.drawn canvas').first().waitFor();
    await shoot('incident');
  });

  it('filters the breakdown by region and keeps the filter in the URL', async () => {
    await page.goto(server.url + '/breakdown?period=30d');
    await page.locator('select[name=region]').selectOption('EMEA');
    await page.waitForURL(/region=EMEA/);
    const url = new URL(page.url());
    expect(url.searchParams.get('region')).toBe('EMEA');
    expect(url.searchParams.get('period')).toBe('30d');
    await expect(page.getByTestId('breakdown-table').textContent()).resolves.toContain('Exchange Online');
    // The shared link reproduces the view.
    await page.goto(url.toString());
    await expect(page.locator('select[name=region]').inputValue()).resolves.toBe('EMEA');
    await shoot('breakdown');
  });

  it('searches posts, and a hostile post renders as text without running', async () => {
    await page.goto(server.url + '/posts');
    await page.getByLabel('Text').fill('zz-hostile-marker');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=zz-hostile-marker/);
    const result = page.getByTestId('post-results').locator('.post');
    expect(await result.count()).toBe(1);
    await expect(result.locator('.text').textContent()).resolves.toContain('<script>alert(1)</script> "><img src=x onerror=alert(2)>');
    await expect(result.locator('.title').textContent()).resolves.toBe('<script>alert("title")</script>');
    expect(await page.locator('main img, main script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    // A plain search finds demo posts too.
    await page.goto(server.url + '/posts?q=status+page&outage=on');
    expect(await page.getByTestId('post-results').locator('.post').count()).toBeGreaterThan(0);
  });

  it('acknowledges an alert with a CSRF-protected form', async () => {
    await page.goto(server.url + '/alerts?open=1');
    const row = page.locator('tr[data-alert-id]').first();
    const id = await row.getAttribute('data-alert-id');
    await row.getByRole('button', { name: /Acknowledge/ }).click();
    await page.waitForURL(/\/alerts$/);
    await expect(page.locator(`tr[data-alert-id="${id}"]`).textContent()).resolves.toContain('by dashboard');
    // The same POST without the token is refused.
    const forged = await page.request.post(`${server.url}/alerts/${id}/ack`, { form: { _csrf: 'nope' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
  });

  it('creates an API key shown once, which works until it is revoked', async () => {
    await page.goto(server.url + '/settings');
    await page.locator('input[name=name]').fill('browser-test-key');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-secret').textContent())!.trim();
    expect(key).toMatch(/^bmk_/);
    expect((await fetch(`${server.url}/api/v1/alerts`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    await page.goto(server.url + '/settings');
    expect(await page.content()).not.toContain(key);
    await page.getByRole('button', { name: 'Revoke key browser-test-key' }).click();
    await expect(page.locator('.flash').textContent()).resolves.toContain('Revoked');
    expect((await fetch(`${server.url}/api/v1/alerts`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });

  it('served every page with a strict CSP, no console errors, no dialog, nothing off 127.0.0.1', async () => {
    const res = await page.request.get(server.url + '/');
    expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers()['content-security-policy']).not.toContain('unsafe-inline');
    for (const p of ['/sources', '/incidents', '/alerts']) await page.goto(server.url + p);
    expect({ consoleErrors, failed }).toEqual({ consoleErrors: [], failed: [] });
    expect(dialogs).toEqual([]);
    const off = requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:'));
    expect(off).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
  });
});
