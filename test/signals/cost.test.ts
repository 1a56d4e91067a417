import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COST_MODEL, costInputs, costModelFor, measuredSilenceCost, modelledCost, mulberry32, type PostRecord, type SilenceSample,
} from '../../analysis/signals/index.js';

const MIN = 60_000;
const post = (minute: number, flags: Partial<PostRecord>): PostRecord =>
  ({ publishedAt: minute * MIN, outage: true, sentimentLabel: 'neu', sentimentScore: 0, commsComplaint: false, churn: false, revenue: false, credit: false, ...flags });

describe('modelled cost of silence', () => {
  it('shows every term with its inputs, and the total as their sum', () => {
    const inputs = { churnPosts: 2, commsComplaints: 3, creditRequests: 1, negativePosts: 4, expectedNegativePosts: 1.5, minutes: 30 };
    const c = modelledCost('teams', inputs, DEFAULT_COST_MODEL);
    expect(c.terms.map((t) => [t.name, t.amount])).toEqual([
      ['revenue_at_risk', 2 * 0.05 * 12_000],
      ['support_load', 3 * 0.6 * 25],
      ['sla_credits', 0.5 * 2000],
      ['brand', 2.5 * 15],
    ]);
    expect(c.total).toBeCloseTo(1200 + 45 + 1000 + 37.5, 9);
    expect(c.terms[2]?.inputs).toEqual({ hours: 0.5, slaCreditPerIncidentHour: 2000, creditRequests: 1, slaCreditPerRequest: 0, slaCreditFixed: 0 });
    expect(c.terms[0]?.inputs).toEqual({ churnPosts: 2, churnConversionRate: 0.05, customerValue: 12_000 });
    expect(c.currency).toBe('USD');
  });

  it('takes per-product overrides from config over the defaults', () => {
    const m = costModelFor('teams', { costPerTicket: 40, products: { teams: { customerValue: 50_000 } } });
    expect(m).toMatchObject({ costPerTicket: 40, customerValue: 50_000, churnConversionRate: 0.05 });
    expect(costModelFor('sharepoint', { products: { teams: { customerValue: 1 } } }).customerValue).toBe(12_000);
  });

  it('counts inputs only inside the given stretches and never lets brand go negative', () => {
    const posts = [
      post(1, { churn: true, sentimentLabel: 'neg' }), post(5, { commsComplaint: true }), post(12, { credit: true, sentimentLabel: 'neg' }),
      post(25, { churn: true }), // outside
    ];
    const inputs = costInputs(posts, [{ from: 0, to: 10 * MIN }, { from: 11 * MIN, to: 20 * MIN }], 0.5);
    expect(inputs).toEqual({ churnPosts: 1, commsComplaints: 1, creditRequests: 1, negativePosts: 2, expectedNegativePosts: 9.5, minutes: 19 });
    expect(modelledCost('teams', inputs, DEFAULT_COST_MODEL, 'silence').terms[3]?.amount).toBe(0);
  });
});

const sample = (k: number, silentNegative: number, coveredNegative: number, churn = 0): SilenceSample =>
  ({ incidentKey: `i${k}`, silentMinutes: 30, silentNegative, silentChurn: churn, coveredMinutes: 30, coveredNegative, coveredChurn: 0 });

describe('measured cost of silence', () => {
  it('reports excess posts per 10 minutes of silence: silent rate minus post-update rate', () => {
    // each incident: 15 negative in 30 silent minutes (0.5/min) vs 6 in 30 covered minutes (0.2/min)
    const r = measuredSilenceCost([1, 2, 3, 4, 5].map((k) => sample(k, 15, 6, 3)));
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.negativePerMinute.estimate).toBeCloseTo(0.3, 12);
    expect(r.negativePer10Min).toEqual({ estimate: expect.closeTo(3, 9), low: expect.closeTo(3, 9), high: expect.closeTo(3, 9) });
    expect(r.churnPer10Min.estimate).toBeCloseTo(1, 12);
    expect(r.message).toBe('each 10 minutes of silence adds 3 angry posts (90% interval 3 to 3) and 1 churn-intent posts, across 5 incidents');
  });

  it('gives the same bootstrap interval for the same seed, and a different one for another seed', () => {
    const xs = [sample(1, 20, 2), sample(2, 5, 4), sample(3, 12, 1), sample(4, 30, 10), sample(5, 8, 8), sample(6, 14, 3)];
    const a = measuredSilenceCost(xs, { seed: 7 });
    const b = measuredSilenceCost(xs, { rng: mulberry32(7) });
    const c = measuredSilenceCost(xs, { seed: 8 });
    expect(b).toEqual(a);
    if (a.status !== 'ok' || c.status !== 'ok') throw new Error('expected estimates');
    expect(a.negativePer10Min.low).toBeLessThan(a.negativePer10Min.estimate);
    expect(a.negativePer10Min.high).toBeGreaterThan(a.negativePer10Min.estimate);
    expect(c.negativePer10Min.low).not.toBe(a.negativePer10Min.low);
  });

  it('says there are too few incidents instead of guessing', () => {
    const r = measuredSilenceCost([sample(1, 9, 1), sample(2, 9, 1), sample(3, 9, 1), sample(4, 9, 1), { ...sample(5, 9, 1), coveredMinutes: 0 }]);
    expect(r).toEqual({ status: 'too-few', n: 4, minIncidents: 5, message: 'too few incidents (4); need at least 5 with both silent and post-update time' });
  });
});

describe('incident cost in both scopes', () => {
  it('prices the whole open span and, separately, only its silent stretches', async () => {
    const { commsMetrics, incidentCost } = await import('../../analysis/signals/index.js');
    const incident = {
      key: 'k', product: 'teams', regions: [], state: 'resolved' as const, firstSignalAt: 0, detectedAt: 5 * MIN,
      acknowledgedAt: 20 * MIN, resolvedAt: 60 * MIN, resolvedBy: 'official' as const, peak: null, spikeBuckets: [0], officialIncidentIds: ['MO1'],
      updates: [
        { incidentId: 'MO1', updateId: 'a', status: 'investigating' as const, products: ['teams'], postedAt: 20 * MIN, body: '' },
        { incidentId: 'MO1', updateId: 'b', status: 'resolved' as const, products: ['teams'], postedAt: 60 * MIN, body: '' },
      ],
    };
    const posts = [post(10, { churn: true }), post(30, { churn: true }), post(55, { commsComplaint: true })];
    const comms = commsMetrics(incident, posts, 120 * MIN);
    // silent: 0–20 and 50–60 min (an update covers 30 min)
    const { incident: all, silence } = incidentCost('teams', comms, posts, DEFAULT_COST_MODEL, 0);
    expect(all.inputs).toMatchObject({ churnPosts: 2, commsComplaints: 1, minutes: 60 });
    expect(silence.inputs).toMatchObject({ churnPosts: 1, commsComplaints: 1, minutes: 30 });
    expect(silence.total).toBeCloseTo(1 * 0.05 * 12_000 + 1 * 0.6 * 25 + 0.5 * 2000, 9);
  });
});
