/**
 * The scheduled job against a real SMTP server: one message per recipient at the configured local
 * hour (America/New_York, across the 2026-03-08 DST change), both parts, numbers equal to the API's
 * for the same local day, links only to the dashboard, customer text escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { runDueDigests } from '../../src/digest/job.js';
import { localDayRange, localParts } from '../../src/digest/time.js';
import { money } from '../../src/digest/content.js';
import { startSmtp, type TestSmtp } from './smtp.js';
import { createDigestWorld, DASHBOARD, RECIPIENTS, SCRIPT_QUOTE, type DigestWorld } from './world.js';

const ZONE = 'America/New_York';
let w: DigestWorld;
let smtp: TestSmtp;
/** When (clock ms) each message arrived, by "date recipient". */
const arrivals = new Map<string, number>();
const key = (m: ParsedMail) => `${m.headers.get('x-barometer-digest-date') as string} ${(m.to as { text: string }).text}`;

async function drive(from: number, to: number, stepMs: number) {
  const deps = w.deps(smtp.url);
  for (let t = from; t <= to; t += stepMs) {
    w.clock.set(t);
    const before = smtp.messages.length;
    await runDueDigests(deps);
    for (const m of smtp.messages.slice(before)) {
      expect(arrivals.has(key(m)), `second message for ${key(m)}`).toBe(false);
      arrivals.set(key(m), t);
    }
  }
  deps.mailer?.close?.();
}

beforeAll(async () => {
  w = await createDigestWorld(ZONE, 7);
  smtp = await startSmtp();
}, 60_000);
afterAll(async () => {
  await smtp.close();
  w.close();
});

describe('the scheduled digest', () => {
  it('sends each day once per recipient at 07:00 New York time, before and after the DST change', async () => {
    // From local midnight of Sat 7 March (EST) to the evening of Wed 11 March (EDT), a tick every 5 minutes.
    await drive(Date.UTC(2026, 2, 7, 5, 0), Date.UTC(2026, 2, 11, 23, 55), 5 * 60_000);
    const dates = ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'];
    expect([...arrivals.keys()].sort()).toEqual(dates.flatMap((d) => RECIPIENTS.map((r) => `${d} ${r}`)).sort());
    for (const [k, at] of arrivals) {
      const p = localParts(at, ZONE);
      expect([k, p.hour, p.minute]).toEqual([k, 7, 0]);
    }
    // EST before the change (12:00Z), EDT after it (11:00Z): the local hour holds, the UTC hour moves.
    expect(new Date(arrivals.get('2026-03-07 ceo@example.com')!).toISOString()).toBe('2026-03-08T11:00:00.000Z');
    expect(new Date(arrivals.get('2026-03-06 ceo@example.com')!).toISOString()).toBe('2026-03-07T12:00:00.000Z');
    expect(smtp.messages).toHaveLength(dates.length * RECIPIENTS.length);
  }, 120_000);

  it('says a quiet day in one line', () => {
    const quiet = smtp.messages.find((m) => key(m) === '2026-03-08 ceo@example.com')!;
    expect(quiet.subject).toMatch(/^Quiet day: no incidents/);
    expect(quiet.text).toContain('Quiet day: no incidents');
    expect(quiet.text).not.toContain('INCIDENTS');
  });

  describe('the incident day message', () => {
    let m: ParsedMail;
    const date = '2026-03-10';
    const range = localDayRange(date, ZONE);
    const q = `from=${new Date(range.from).toISOString()}&to=${new Date(range.to).toISOString()}`;
    const api = async (path: string) => {
      const r = await w.get(path, w.keys.admin);
      expect(r.status, path).toBe(200);
      return (await r.json()) as Record<string, any>;
    };
    beforeAll(() => {
      m = smtp.messages.find((x) => key(x) === `${date} cto@example.com`)!;
    });

    it('parses with an HTML and a text part', () => {
      expect(m).toBeDefined();
      expect(typeof m.html).toBe('string');
      expect((m.html as string).length).toBeGreaterThan(1000);
      expect(m.text!.length).toBeGreaterThan(200);
      expect(m.from?.text).toContain('barometer@');
      expect(m.messageId).toMatch(/^<digest\.2026-03-10\./);
    });

    it('carries the same numbers as the API for that local day', async () => {
      const incidents = (await api(`/api/v1/incidents?${q}`)).incidents as any[];
      const cost = await api(`/api/v1/cost?${q}`);
      const trends = await api(`/api/v1/trends?bucket=1h&metric=outage_posts&${q}`);
      const lastRange = localDayRange('2026-03-03', ZONE);
      const lastTrends = await api(`/api/v1/trends?bucket=1h&metric=outage_posts&from=${new Date(lastRange.from).toISOString()}&to=${new Date(lastRange.to).toISOString()}`);
      expect(incidents).toHaveLength(1);
      const inc = incidents[0];
      const ttfu = Math.round(inc.comms.ttaFromFirstSignalMs / 60_000);
      const silence = Math.round(inc.comms.longestSilenceMs / 60_000);
      const silenceCost = cost.totals.silence.total as number;
      expect(silenceCost).toBeGreaterThan(0);
      expect(m.subject).toBe(`1 incident, ${ttfu} min to first update, est. ${money(silenceCost)} silence cost · Tue 10 Mar`);
      const outage = (trends.points as any[]).reduce((a, p) => a + p.outagePosts, 0);
      const outageBefore = (lastTrends.points as any[]).reduce((a, p) => a + p.outagePosts, 0);
      expect(m.text).toContain(`Outage posts: ${outage} (`);
      expect(m.text).toContain(`vs ${outageBefore} last week)`);
      expect(m.text).toContain(`Longest silence: ${silence} min`);
      expect(m.text).toContain(`Est. cost of silence: ${money(inc.cost.silence.total)}`);
      expect(m.text).toContain(`Posts complaining about comms: ${Math.round(inc.comms.overall.commsComplaintShare * 100)}%`);
      expect(m.text).toContain(`${DASHBOARD}/incidents/${inc.id}`);
      // The JSON model behind the preview endpoint holds the unrounded numbers.
      const model = await api(`/api/v1/digest/preview?date=${date}&format=json`);
      expect(model.headline).toMatchObject({ incidents: 1, ttfuMin: ttfu, silenceCost });
      expect(model.trend.outagePosts).toEqual({ now: outage, before: outageBefore });
      const neg = await api(`/api/v1/breakdown?by=product&metric=negative&${q}`);
      const top = (model.movers.products as any[])[0];
      if (top) expect(top.negative.now).toBe((neg.rows as any[]).find((r) => r.key === top.key).negative);
    });

    it('links only to the dashboard and loads nothing from anywhere', () => {
      const html = m.html as string;
      const urls = [...`${html}\n${m.text}`.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((x) => x[0]);
      expect(urls.length).toBeGreaterThan(4);
      for (const u of urls) expect(u.startsWith(`${DASHBOARD}/`), u).toBe(true);
      expect(html).not.toMatch(/<(img|link|script|iframe|object)\b/i);
      expect(html).not.toMatch(/url\(/i);
      expect(m.attachments).toHaveLength(0);
    });

    it('escapes what customers wrote: a quote with <script> arrives as text', () => {
      const html = m.html as string;
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).not.toContain('<script>');
      expect(m.text).toContain(SCRIPT_QUOTE.slice(0, 40));
      expect(m.text).toContain('<script>alert("x")</script>');
    });
  });
});
