import { describe, expect, it } from 'vitest';
import {
  ALL_REGIONS, BUCKET_MS, WEEK_MS, analyseProduct, rollUp, type OfficialUpdate, type PostRecord, type SeriesInput, type SignalPost,
} from '../../analysis/signals/index.js';
import { MONDAY, at, background } from './synthetic.js';

const PRODUCT = 'exchange-online';
const REGIONS = ['NA', 'EMEA', 'APAC'];
const OUTAGE = at(4 * 7 + 2, 14); // Wednesday of week 4, 14:00 UTC
const PER_BUCKET = [4, 12, 25, 30, 30, 25, 20, 15, 12, 10, 8, 6, 5, 4, 3, 2, 2, 1];

type P = PostRecord & { regions: string[] };
const mk = (publishedAt: number, region: string, o: Partial<PostRecord> = {}): P => ({
  publishedAt, regions: [region], outage: true, sentimentLabel: 'neu', sentimentScore: 0,
  commsComplaint: false, churn: false, revenue: false, credit: false, ...o,
});

/** Background outage chatter in three regions for 5 weeks, plus an EMEA outage like November 2013. */
function world(): P[] {
  const posts: P[] = [];
  REGIONS.forEach((region, r) => {
    for (const b of background(100 + r, 5, 1)) for (let k = 0; k < b.count; k++) posts.push(mk(b.bucketStart + k * 7_000, region));
  });
  PER_BUCKET.forEach((n, i) => {
    for (let k = 0; k < n; k++) {
      const t = OUTAGE + i * BUCKET_MS + k * 9_000;
      const late = t >= OUTAGE + 30 * 60_000;
      posts.push(mk(t, 'EMEA', { sentimentLabel: 'neg', sentimentScore: -0.6, commsComplaint: late && k % 3 === 0, churn: late && k % 10 === 0 }));
    }
  });
  return posts.sort((a, b) => a.publishedAt - b.publishedAt);
}

function inputs(posts: P[], updates: OfficialUpdate[], from: number, now: number) {
  const known = posts.filter((p) => p.publishedAt <= now);
  const count = (ps: P[]) => rollUp(ps.map((p) => ({ bucketStart: p.publishedAt, count: 1 })), BUCKET_MS);
  const series: SeriesInput[] = [
    { product: PRODUCT, region: ALL_REGIONS, points: count(known), historyStart: MONDAY },
    ...REGIONS.map((region) => ({ product: PRODUCT, region, points: count(known.filter((p) => p.regions.includes(region))), historyStart: MONDAY })),
  ];
  const signals: SignalPost[] = known.filter((p) => p.outage);
  return { product: PRODUCT, series, signals, posts: known, updates: updates.filter((u) => u.postedAt <= now), from, now };
}

const upd = (updateId: string, status: OfficialUpdate['status'], postedAt: number): OfficialUpdate =>
  ({ incidentId: 'EX1234', updateId, status, products: [PRODUCT], postedAt, body: status });
const UPDATES = [upd('a', 'investigating', OUTAGE + 60 * 60_000), upd('b', 'identified', OUTAGE + 105 * 60_000), upd('c', 'resolved', OUTAGE + 180 * 60_000)];

describe('analyseProduct: one product end to end', () => {
  const posts = world();

  it('is silent through a quiet week', () => {
    const r = analyseProduct(inputs(posts, [], MONDAY + 3 * WEEK_MS, MONDAY + 4 * WEEK_MS));
    expect(r.spikes).toEqual([]);
    expect(r.incidents).toEqual([]);
    expect(r.alerts).toEqual([]);
  });

  it('fires within the first buckets of the outage and raises silence before anyone official speaks', () => {
    const r = analyseProduct(inputs(posts, UPDATES, OUTAGE - 2 * 24 * 3600_000, OUTAGE + 40 * 60_000));
    const first = r.alerts.find((a) => a.kind === 'spike');
    expect(first?.bucketStart).toBeLessThanOrEqual(OUTAGE + 2 * BUCKET_MS);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0]?.incident).toMatchObject({ state: 'open', acknowledgedAt: null, regions: ['EMEA'] });
    const silence = r.alerts.filter((a) => a.kind === 'silence');
    expect(silence).toHaveLength(1);
    expect(silence[0]?.incidentKey).toBe(r.incidents[0]?.incident.key);
  });

  it('measures the incident once it is resolved: acknowledgement, silences, cost with inputs', () => {
    const r = analyseProduct(inputs(posts, UPDATES, OUTAGE - 2 * 24 * 3600_000, OUTAGE + 4 * 3600_000));
    expect(r.incidents).toHaveLength(1);
    const { incident, comms, cost } = r.incidents[0]!;
    expect(incident).toMatchObject({ state: 'resolved', resolvedBy: 'official', resolvedAt: OUTAGE + 180 * 60_000, officialIncidentIds: ['EX1234'] });
    expect(incident.firstSignalAt).toBeGreaterThanOrEqual(OUTAGE - 2 * BUCKET_MS);
    expect(incident.firstSignalAt).toBeLessThan(OUTAGE + BUCKET_MS);
    expect(comms.ttaFromFirstSignalMs).toBe(OUTAGE + 60 * 60_000 - incident.firstSignalAt!);
    expect(comms.longestSilenceMs).toBe(75 * 60_000); // identified 15:45 → resolved 17:00
    expect(comms.postsDuringSilence.commsComplaints).toBeGreaterThan(0);
    expect(cost.silence.terms.map((t) => t.name)).toEqual(['revenue_at_risk', 'support_load', 'sla_credits', 'brand']);
    expect(cost.silence.inputs.churnPosts).toBeGreaterThan(0);
    expect(cost.incident.total).toBeCloseTo(cost.incident.terms.reduce((a, t) => a + t.amount, 0), 9);
    expect(r.alerts.filter((a) => a.kind === 'recovery')).toHaveLength(1);
    expect(r.alerts.filter((a) => a.kind === 'silence')).toEqual([]);
  });
});
