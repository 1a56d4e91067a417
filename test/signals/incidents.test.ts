import { describe, expect, it } from 'vitest';
import {
  ALL_REGIONS, BUCKET_MS, buildIncidents, evaluateSeries, rollUp, type OfficialUpdate, type SignalPost,
} from '../../analysis/signals/index.js';
import { at } from './synthetic.js';

const PRODUCT = 'teams';
const DAY_START = at(0, 0);
const SEC = 1000;

/** Outage posts: `perBucket[i]` posts in the bucket starting at start + i × 5 min, 20 s apart. */
function burst(start: number, perBucket: number[]): SignalPost[] {
  return perBucket.flatMap((n, i) => Array.from({ length: n }, (_, k) => ({ publishedAt: start + i * BUCKET_MS + k * 20 * SEC })));
}

function update(incidentId: string, updateId: string, status: OfficialUpdate['status'], postedAt: number): OfficialUpdate {
  return { incidentId, updateId, status, products: [PRODUCT], postedAt, body: `${status}` };
}

/** Everything the incident builder needs, from posts alone; background is empty so e = floor 0.5. */
function run(signals: SignalPost[], updates: OfficialUpdate[], now: number, options: Parameters<typeof buildIncidents>[1] = {}) {
  const points = rollUp(signals.map((s) => ({ bucketStart: s.publishedAt, count: 1 })), BUCKET_MS);
  const evaluations = evaluateSeries({ product: PRODUCT, region: ALL_REGIONS, points, historyStart: DAY_START }, { from: DAY_START, to: now });
  return buildIncidents({ product: PRODUCT, evaluations, signals, updates, now }, options);
}

describe('incidents', () => {
  it('merges spikes whose gap stays under an hour into one incident', () => {
    const signals = [...burst(at(0, 10), [10, 10]), ...burst(at(0, 10, 50), [10])];
    const incidents = run(signals, [], at(0, 14));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.spikeBuckets).toEqual([at(0, 10), at(0, 10, 5), at(0, 10, 50)]);
  });

  it('splits into two incidents when signals go quiet for longer than the window', () => {
    const signals = [...burst(at(0, 10), [10, 10]), ...burst(at(0, 11, 30), [10])];
    const incidents = run(signals, [], at(0, 14));
    expect(incidents.map((i) => i.key)).toEqual([`${PRODUCT}@${new Date(at(0, 10)).toISOString()}`, `${PRODUCT}@${new Date(at(0, 11, 30)).toISOString()}`]);
    // the first is resolved by signals: its first calm bucket follows the last spike bucket
    expect(incidents[0]).toMatchObject({ state: 'resolved', resolvedBy: 'signals', resolvedAt: at(0, 10, 10) });
  });

  it('starts at the first post of the lead-up and is detected at the post that made the bucket cross', () => {
    // buckets 10:00 (0), 10:05 (3), 10:10 (3), 10:15 (12): 3 posts score (3 − 0.5)/√1.5 = 2.04 ≥ leadScore 2
    const signals = burst(at(0, 10), [0, 3, 3, 12]);
    const [inc] = run(signals, [], at(0, 12));
    expect(inc?.firstSignalAt).toBe(at(0, 10, 5));
    // e stays at the 0.5 floor, so the bucket fires at ceil(0.5 + 6·√1.5) = 8 posts: the 8th, 7 × 20 s in
    expect(inc?.detectedAt).toBe(at(0, 10, 15) + 7 * 20 * SEC);
    expect(inc?.peak).toMatchObject({ bucketStart: at(0, 10, 15), observed: 12 });
  });

  it('recomputes acknowledged_at when a late official update arrives, and resolves on the official resolve', () => {
    const signals = burst(at(0, 10), [10, 20, 20, 15, 12, 10, 10, 10, 10]);
    const now = at(0, 10, 50);
    expect(run(signals, [], now)[0]).toMatchObject({ acknowledgedAt: null, state: 'open' });

    const u2 = update('MO1', 'u2', 'identified', at(0, 10, 40));
    expect(run(signals, [u2], now)[0]?.acknowledgedAt).toBe(at(0, 10, 40));

    const u1 = update('MO1', 'u1', 'investigating', at(0, 10, 25)); // fetched late, posted earlier
    const again = run(signals, [u2, u1], now)[0];
    expect(again?.acknowledgedAt).toBe(at(0, 10, 25));
    expect(again?.officialIncidentIds).toEqual(['MO1']);

    const u3 = update('MO1', 'u3', 'resolved', at(0, 11, 30));
    const done = run(signals, [u2, u1, u3], at(0, 12))[0];
    expect(done).toMatchObject({ state: 'resolved', resolvedBy: 'official', resolvedAt: at(0, 11, 30) });
  });

  it('merges two spike clusters that one official incident spans, and keeps an official-only incident', () => {
    const signals = [...burst(at(0, 10), [10]), ...burst(at(0, 11, 30), [10])];
    const updates = [
      update('MO1', 'a', 'investigating', at(0, 10, 20)),
      update('MO1', 'b', 'resolved', at(0, 11, 45)),
      update('MO2', 'c', 'investigating', at(0, 16)),
      { ...update('OTHER', 'd', 'investigating', at(0, 10, 10)), products: ['sharepoint'] },
    ];
    const incidents = run(signals, updates, at(0, 18));
    expect(incidents).toHaveLength(2);
    expect(incidents[0]).toMatchObject({ officialIncidentIds: ['MO1'], spikeBuckets: [at(0, 10), at(0, 11, 30)], resolvedBy: 'official' });
    expect(incidents[1]).toMatchObject({ officialIncidentIds: ['MO2'], detectedAt: null, firstSignalAt: null, acknowledgedAt: at(0, 16), state: 'open' });
  });

  it('gives the same incidents from scratch whatever order the inputs come in', () => {
    const signals = [...burst(at(0, 9), [2, 8, 15]), ...burst(at(0, 13), [9, 9])];
    const updates = [update('MO1', 'a', 'investigating', at(0, 9, 30)), update('MO1', 'b', 'resolved', at(0, 10, 30))];
    const a = run(signals, updates, at(0, 15));
    const b = run([...signals].reverse(), [...updates].reverse(), at(0, 15));
    expect(b).toEqual(a);
    expect(a).toHaveLength(2);
  });

  it('stays open while signals have not been calm for 30 minutes', () => {
    const signals = burst(at(0, 10), [10, 10]);
    expect(run(signals, [], at(0, 10, 30))[0]).toMatchObject({ state: 'open', resolvedAt: null });
    expect(run(signals, [], at(0, 10, 40))[0]).toMatchObject({ state: 'resolved', resolvedAt: at(0, 10, 10) });
  });
});

describe('incident boundaries', () => {
  it('does not reach back into the previous incident for the lead-up', () => {
    // spike at 10:00, then 80 min of chatter (3 a bucket, score ≥ 0.5 throughout), then a spike at 11:25
    const signals = [...burst(at(0, 10), [10, ...new Array(16).fill(3)]), ...burst(at(0, 11, 25), [15])];
    const incidents = run(signals, [], at(0, 14), { leadScore: 0.5 });
    expect(incidents).toHaveLength(2);
    expect(incidents[1]?.firstSignalAt).toBe(at(0, 10, 5));
  });
});
