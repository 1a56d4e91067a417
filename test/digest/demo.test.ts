/**
 * The bundled demo (Nov 2013) through the real store path and signals engine: the digests of the two
 * incident days carry the API's headline numbers, and the HTML is rendered in Chromium and saved as
 * a screenshot under test-results/ (narrow phone width) to look at.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { openDb, type OpenedDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { insertApiKey } from '../../db/queries/keys.js';
import { createApp } from '../../src/app.js';
import { generateApiKey } from '../../src/auth.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { composeDigest } from '../../src/digest/job.js';
import { money } from '../../src/digest/content.js';
import { seedDemo } from '../dashboard/seed-demo.js';

const DASHBOARD = 'http://127.0.0.1:8787';
let dir: string;
let opened: OpenedDb;
let config: Config;
let app: ReturnType<typeof createApp>;
let admin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'barometer-digest-demo-'));
  const url = `file:${join(dir, 'demo.db')}`;
  opened = await openDb(url);
  await applyMigrations(opened.db);
  config = loadConfig({ DATABASE_URL: url, BAROMETER_DEMO: 'on', BAROMETER_PUBLIC_URL: DASHBOARD, BAROMETER_DIGEST_TO: 'exec@example.com' }, dir);
  await seedDemo(opened.db, config);
  app = createApp({ db: opened.db, config, clock: fixedClock(Date.UTC(2013, 10, 18)), demo: true });
  const k = generateApiKey();
  await insertApiKey(opened.db, { name: 'digest-test', role: 'admin', prefix: k.prefix, keyHash: k.keyHash, createdAt: Date.UTC(2013, 10, 18) });
  admin = k.key;
}, 240_000);
afterAll(() => {
  opened?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = async (path: string) => {
  const r = await app.request(path, { headers: { authorization: `Bearer ${admin}` } });
  expect(r.status, path).toBe(200);
  return (await r.json()) as Record<string, any>;
};

describe('the demo digest', () => {
  for (const [date, product] of [
    ['2013-11-08', 'exchange-online'],
    ['2013-11-13', 'lync-online'],
  ] as const) {
    it(`for ${date} leads with the ${product} incident and the API's numbers`, async () => {
      const q = `from=${date}T00:00:00Z&to=${date}T23:59:59.999Z`;
      const incidents = (await api(`/api/v1/incidents?${q}`)).incidents as any[];
      const cost = await api(`/api/v1/cost?${q}`);
      expect(incidents.map((i) => i.product)).toEqual([product]);
      const c = await composeDigest({ db: opened.db, config, demo: true }, date);
      const ttfu = Math.round(incidents[0].comms.ttaFromFirstSignalMs / 60_000);
      expect(c.model.headline).toMatchObject({ incidents: 1, ttfuMin: ttfu });
      expect(c.model.headline.silenceCost).toBeCloseTo(cost.totals.silence.total, 6);
      expect(c.model.subject).toContain(`1 incident, ${ttfu} min to first update, est. ${money(cost.totals.silence.total)} silence cost`);
      expect(c.model.subject.startsWith('[demo] ')).toBe(true);
      expect(c.model.quotes).toHaveLength(3);
      expect(c.model.trend.outagePosts.now).toBeGreaterThan(c.model.trend.outagePosts.before);
      process.stderr.write(`digest ${date}: ${c.model.subject}\n`);
      const preview = await app.request(`/api/v1/digest/preview?date=${date}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await preview.text()).toBe(c.html);
    });
  }

  it('is rendered by Chromium at phone width without overflowing; screenshot in test-results/', async () => {
    const c = await composeDigest({ db: opened.db, config, demo: true }, '2013-11-08');
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/digest-2013-11-08.html', c.html);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(c.html, { waitUntil: 'load' });
      expect(requests).toEqual([]);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(390);
      await page.screenshot({ path: 'test-results/digest-2013-11-08-phone.png', fullPage: true });
      await page.setViewportSize({ width: 800, height: 900 });
      await page.screenshot({ path: 'test-results/digest-2013-11-08-desktop.png', fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
