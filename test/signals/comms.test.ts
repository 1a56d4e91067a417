import { describe, expect, it } from 'vitest';
import { commsMetrics, type Incident, type OfficialUpdate, type PostRecord } from '../../analysis/signals/index.js';
import { at } from './synthetic.js';

const MIN = 60_000;
const t = (h: number, m: number) => at(0, h, m);
const upd = (updateId: string, status: OfficialUpdate['status'], postedAt: number): OfficialUpdate =>
  ({ incidentId: 'MO1', updateId, status, products: ['exchange-online'], postedAt, body: status });
const post = (publishedAt: number, label: PostRecord['sentimentLabel'], score: number, flags: Partial<PostRecord> = {}): PostRecord =>
  ({ publishedAt, outage: true, sentimentLabel: label, sentimentScore: score, commsComplaint: false, churn: false, revenue: false, credit: false, ...flags });

const updates = [upd('u1', 'investigating', t(10, 30)), upd('u2', 'identified', t(11, 30)), upd('u3', 'resolved', t(12, 0))];
const incident: Incident = {
  key: 'exchange-online@x', product: 'exchange-online', regions: ['EMEA'], state: 'resolved',
  firstSignalAt: t(10, 0), detectedAt: t(10, 6), acknowledgedAt: t(10, 30), resolvedAt: t(12, 0), resolvedBy: 'official',
  peak: null, spikeBuckets: [t(10, 5)], officialIncidentIds: ['MO1'], updates,
};
const posts = [
  post(t(10, 10), 'neg', -0.8, { commsComplaint: true, churn: true }),
  post(t(10, 20), 'neg', -0.6, { commsComplaint: true }),
  post(t(10, 25), 'neu', 0),
  post(t(10, 40), 'pos', 0.5),
  post(t(10, 50), 'neg', -0.4),
  post(t(11, 10), 'neg', -0.9, { commsComplaint: true, churn: true }),
  post(t(11, 40), 'neu', 0.1),
  post(t(12, 30), 'pos', 0.6), // after resolve: outside the open span
];

describe('comms metrics (hand-computed example)', () => {
  const m = commsMetrics(incident, posts, t(13, 0));

  it('measures time to acknowledge from the first signal and from detection', () => {
    expect(m.ttaFromFirstSignalMs).toBe(30 * MIN);
    expect(m.ttaFromDetectionMs).toBe(24 * MIN);
    expect(m.unacknowledgedForMs).toBeNull();
  });

  it('finds the longest silence between official words, counting from the first signal', () => {
    // gaps: 10:00→10:30 (30), 10:30→11:30 (60), 11:30→12:00 (30); the last update resolved it
    expect(m.longestSilenceMs).toBe(60 * MIN);
    expect(m.longestSilence).toEqual({ from: t(10, 30), to: t(11, 30) });
    expect(m.updates).toBe(3);
    expect(m.meanUpdateIntervalMs).toBe(45 * MIN);
    expect(m.medianUpdateIntervalMs).toBe(45 * MIN);
  });

  it('splits the open span into silent and covered (30 min after an update) stretches', () => {
    expect(m.silentStretches).toEqual([{ from: t(10, 0), to: t(10, 30) }, { from: t(11, 0), to: t(11, 30) }]);
    expect(m.coveredStretches).toEqual([{ from: t(10, 30), to: t(11, 0) }, { from: t(11, 30), to: t(12, 0) }]);
    expect(m.silentMs).toBe(60 * MIN);
    expect(m.postsDuringSilence).toMatchObject({ posts: 4, negative: 3, commsComplaints: 3, churn: 2 });
    expect(m.postsDuringCover).toMatchObject({ posts: 3, negative: 1, commsComplaints: 0 });
    expect(m.overall.posts).toBe(7);
    expect(m.overall.commsComplaintShare).toBeCloseTo(3 / 7, 12);
  });

  it('compares the 30 minutes before and after each update', () => {
    const [first, second, third] = m.perUpdate;
    expect(first?.before).toMatchObject({ posts: 3, negative: 2 });
    expect(first?.before.meanSentiment).toBeCloseTo(-1.4 / 3, 12);
    expect(first?.after.negativeShare).toBe(0.5);
    expect(first?.after.meanSentiment).toBeCloseTo(0.05, 12);
    expect(first?.negativeShareChange).toBeCloseTo(0.5 - 2 / 3, 12);
    expect(second?.before).toMatchObject({ posts: 1, negativeShare: 1, meanSentiment: -0.9 });
    expect(second?.after).toMatchObject({ posts: 1, negativeShare: 0, meanSentiment: 0.1 });
    expect(third?.after).toMatchObject({ posts: 0, negativeShare: null, meanSentiment: null });
    expect(third?.negativeShareChange).toBeNull();
  });

  it('counts the silence still running for an open incident with no word yet', () => {
    const open: Incident = { ...incident, state: 'open', acknowledgedAt: null, resolvedAt: null, resolvedBy: null, updates: [] };
    const o = commsMetrics(open, posts, t(11, 15));
    expect(o.ttaFromFirstSignalMs).toBeNull();
    expect(o.unacknowledgedForMs).toBe(75 * MIN);
    expect(o.longestSilenceMs).toBe(75 * MIN);
    expect(o.postsDuringSilence.posts).toBe(6);
  });
});
