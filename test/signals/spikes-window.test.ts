import { describe, expect, it } from 'vitest';
import { BUCKET_MS, evaluateSeries } from '../../analysis/signals/index.js';
import { MONDAY, at, inject } from './synthetic.js';

const series = (points: Array<{ bucketStart: number; count: number }>) => ({ product: 'lync-online', region: 'all', points, historyStart: MONDAY });

describe('sustained-rise (window) test', () => {
  // The demo's Lync gray failure: 3–6 outage posts a bucket for half an hour, none enough alone.
  const start = at(4 * 7 + 2, 15);
  const ramp = [3, 6, 4, 3];

  it('fires on the third bucket of a slow ramp that no single bucket makes fire', () => {
    const s = series(inject([], start, ramp));
    const evals = evaluateSeries(s, { from: start, to: start + ramp.length * BUCKET_MS });
    expect(evals.map((e) => e.firedBy ?? null)).toEqual([null, null, 'window', 'window']);
    expect(evals[2]).toMatchObject({ observed: 4, fired: true, window: { buckets: 3, observed: 13 } });
    // without the window test the ramp is missed
    const plain = evaluateSeries(s, { from: start, to: start + ramp.length * BUCKET_MS }, { windowBuckets: 1 });
    expect(plain.some((e) => e.fired)).toBe(false);
  });

  it('does not echo a spike into the quiet buckets after it', () => {
    const s = series(inject([], start, [20, 3, 3, 1]));
    const evals = evaluateSeries(s, { from: start, to: start + 4 * BUCKET_MS });
    expect(evals.map((e) => e.fired)).toEqual([true, false, false, false]);
  });

  it('does not fire on one stray post per bucket', () => {
    const s = series(inject([], start, [2, 2, 2, 2, 2, 2]));
    expect(evaluateSeries(s, { from: start, to: start + 6 * BUCKET_MS }).some((e) => e.fired)).toBe(false);
  });
});
