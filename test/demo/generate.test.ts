import { beforeAll, describe, expect, it } from 'vitest';
import { defaultProducts } from '../../src/default-catalogue.js';
import { DEFAULT_DEMO_SEED, demoDatasetHash, generateDemo, type DemoDataset, type DemoPost } from '../../src/demo/generate.js';

const MIN = 60_000;
let data: DemoDataset;

beforeAll(() => {
  data = generateDemo();
}, 60_000);

/** Outage posts per (5-minute bucket, product), from the truth labels. */
function outageBuckets(posts: readonly DemoPost[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of posts) {
    if (!p.truth.outage) continue;
    for (const product of p.truth.products.length ? p.truth.products : ['?']) {
      const key = `${Math.floor(p.publishedAt / (5 * MIN))}|${product}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

describe('generateDemo', () => {
  it('gives the same bytes for the same seed and different ones for another seed', () => {
    const again = generateDemo({ seed: DEFAULT_DEMO_SEED });
    expect(demoDatasetHash(again)).toBe(demoDatasetHash(data));
    const other = generateDemo({ seed: 7 });
    expect(demoDatasetHash(other)).not.toBe(demoDatasetHash(data));
    expect(demoDatasetHash(data)).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('holds at least 20,000 posts from all three sources inside the five-week window, in time order', () => {
    expect(data.posts.length).toBeGreaterThanOrEqual(20_000);
    const bySource = { blog: 0, forum: 0, social: 0 };
    for (const p of data.posts) bySource[p.source]++;
    expect(bySource.blog).toBeGreaterThan(1000);
    expect(bySource.forum).toBeGreaterThan(3000);
    expect(bySource.social).toBeGreaterThan(8000);
    expect(data.posts[0]!.publishedAt).toBeGreaterThanOrEqual(Date.UTC(2013, 9, 14));
    expect(data.posts.at(-1)!.publishedAt).toBeLessThanOrEqual(Date.UTC(2013, 10, 17, 23, 59, 59));
    for (let i = 1; i < data.posts.length; i++) expect(data.posts[i]!.publishedAt).toBeGreaterThanOrEqual(data.posts[i - 1]!.publishedAt);
    const ids = new Set(data.posts.map((p) => `${p.source}:${p.externalId}`));
    expect(ids.size).toBe(data.posts.length);
  });

  it('models both incidents with a stretch of official silence after the first customer reports', () => {
    const [a, b] = data.incidents;
    expect(a?.product).toBe('exchange-online');
    expect(b?.product).toBe('lync-online');
    expect(new Date(a!.firstOfficialAt).toISOString().slice(0, 10)).toBe('2013-11-08');
    expect(new Date(b!.firstOfficialAt).toISOString().slice(0, 10)).toBe('2013-11-13');
    for (const inc of [a!, b!]) {
      expect(inc.silenceMinutes).toBeGreaterThanOrEqual(70);
      expect(inc.silenceMinutes).toBeLessThanOrEqual(110);
      const before = data.posts.filter((p) => p.truth.incident === inc.key && p.publishedAt < inc.firstOfficialAt);
      expect(before.filter((p) => p.truth.outage).length).toBeGreaterThan(100);
      expect(before.filter((p) => p.truth.commsComplaint).length).toBeGreaterThan(20);
      const during = data.posts.filter((p) => p.truth.incident === inc.key);
      for (const flag of ['churn', 'revenue', 'credit', 'commsComplaint'] as const) expect(during.filter((p) => p.truth[flag]).length).toBeGreaterThan(30);
      const official = data.statusIncidents.find((s) => s.id === inc.statusIncidentId)!;
      expect(official.updates.map((u) => u.status)).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
      expect(official.updates[0]!.createdAt).toBe(inc.firstOfficialAt);
    }
  });

  it('lets every official update calm things down: fewer negative posts and comms complaints in the next 30 minutes', () => {
    for (const inc of data.incidents) {
      const posts = data.posts.filter((p) => p.truth.incident === inc.key);
      const official = data.statusIncidents.find((s) => s.id === inc.statusIncidentId)!;
      for (const u of official.updates.filter((x) => x.status !== 'resolved')) {
        const before = posts.filter((p) => p.publishedAt >= u.createdAt - 30 * MIN && p.publishedAt < u.createdAt);
        const after = posts.filter((p) => p.publishedAt >= u.createdAt && p.publishedAt < u.createdAt + 30 * MIN);
        const share = (xs: DemoPost[], f: (p: DemoPost) => boolean) => xs.filter(f).length / xs.length;
        expect(before.length).toBeGreaterThan(50);
        expect(share(after, (p) => p.truth.sentiment === 'neg')).toBeLessThan(share(before, (p) => p.truth.sentiment === 'neg') - 0.15);
        expect(share(after, (p) => p.truth.commsComplaint)).toBeLessThan(share(before, (p) => p.truth.commsComplaint) - 0.1);
      }
    }
  });

  it('keeps the background weeks free of outage bursts while incidents peak far above them', () => {
    const incidentDays = (t: number) => (t >= Date.UTC(2013, 10, 8, 12) && t < Date.UTC(2013, 10, 10)) || (t >= Date.UTC(2013, 10, 13, 14) && t < Date.UTC(2013, 10, 15));
    const background = outageBuckets(data.posts.filter((p) => !incidentDays(p.publishedAt)));
    const incident = outageBuckets(data.posts.filter((p) => p.truth.incident !== null));
    const isolated = data.posts.filter((p) => p.truth.category === 'isolated');
    expect(isolated.length).toBeGreaterThan(200); // a steady trickle of "is it down for me?"
    expect(Math.max(...background.values())).toBeLessThanOrEqual(3);
    expect(Math.max(...incident.values())).toBeGreaterThanOrEqual(20);
  });

  it('follows a daily and weekly cycle: busy weekday office hours, quiet nights and weekends', () => {
    const bg = data.posts.filter((p) => p.truth.incident === null);
    const weekday = bg.filter((p) => ![0, 6].includes(new Date(p.publishedAt).getUTCDay())).length / 25;
    const weekend = bg.filter((p) => [0, 6].includes(new Date(p.publishedAt).getUTCDay())).length / 10;
    expect(weekday).toBeGreaterThan(weekend * 2.5);
    // Across a global customer base the UTC-hour profile still swings: Europe + US east at work
    // (around 14:00 UTC) against US night and only Asia awake (around 03:00 UTC).
    const byHour = new Array<number>(24).fill(0);
    for (const p of bg) byHour[new Date(p.publishedAt).getUTCHours()]!++;
    const peak = byHour.indexOf(Math.max(...byHour));
    const trough = byHour.indexOf(Math.min(...byHour));
    expect(Math.max(...byHour)).toBeGreaterThan(Math.min(...byHour) * 2.5);
    expect(peak).toBeGreaterThanOrEqual(12);
    expect(peak).toBeLessThanOrEqual(17);
    expect(trough).toBeLessThanOrEqual(6);
  });

  it('words posts in many ways, naming products by aliases and places across regions', () => {
    const texts = data.posts.map((p) => p.text);
    expect(new Set(texts).size / texts.length).toBeGreaterThan(0.8);
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThan(texts.length * 0.005);
    for (const product of defaultProducts) expect(data.posts.some((p) => p.truth.products.includes(product.id))).toBe(true);
    const regions = new Set(data.posts.flatMap((p) => p.truth.regions));
    expect([...regions].sort()).toEqual(['APAC', 'EMEA', 'LATAM', 'NA']);
    const social = data.posts.filter((p) => p.source === 'social');
    const forum = data.posts.filter((p) => p.source === 'forum');
    const mean = (xs: DemoPost[]) => xs.reduce((s, p) => s + p.text.length, 0) / xs.length;
    expect(mean(forum)).toBeGreaterThan(mean(social));
    expect(social.every((p) => p.text.length <= 500 && /#office365/i.test(p.text))).toBe(true);
  });
});
