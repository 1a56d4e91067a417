import { describe, expect, it } from 'vitest';
import {
  BUCKET_MS, DEFAULT_SPIKE_OPTIONS, WEEK_MS, detectNewSpikes, detectSpikes, evaluateSeries, lookbackMs, scoreOf, severityOf, spikeOptions,
} from '../../analysis/signals/index.js';
import { MONDAY, at, background, inject } from './synthetic.js';

const series = (points: Array<{ bucketStart: number; count: number }>) => ({ product: 'exchange-online', region: 'EMEA', points, historyStart: MONDAY });
const week = (w: number) => ({ from: MONDAY + w * WEEK_MS, to: MONDAY + (w + 1) * WEEK_MS });

describe('spike detection', () => {
  it('raises zero spikes in quiet weeks of Poisson background with daily and weekly cycles', () => {
    let buckets = 0;
    for (let seed = 1; seed <= 20; seed++) {
      for (const peak of [0.3, 1, 3]) {
        const s = series(background(seed, 5, peak));
        // weeks 1–2 run on the EWMA fallback, weeks 3–4 on the seasonal median
        const evals = evaluateSeries(s, { from: MONDAY + WEEK_MS, to: MONDAY + 5 * WEEK_MS });
        buckets += evals.length;
        expect(evals.filter((e) => e.fired)).toEqual([]);
      }
    }
    expect(buckets).toBe(60 * 4 * 2016);
  }, 30_000);

  it('fires in the bucket where an outage crosses, not before, and says so once per bucket', () => {
    const start = at(4 * 7 + 2, 14); // Wednesday afternoon of week 4
    const s = series(inject(background(7, 5, 1), start, [2, 4, 25, 40, 30, 10]));
    const spikes = detectSpikes(s, week(4));
    const first = spikes[0];
    expect(first?.bucketStart).toBe(start + 2 * BUCKET_MS);
    expect(first?.baseline).toBe('seasonal');
    expect(first?.weeksUsed).toBe(4);
    expect(spikes.map((x) => x.bucketStart)).toEqual([...new Set(spikes.map((x) => x.bucketStart))]);
    expect(spikes.every((x) => x.bucketStart < start + 6 * BUCKET_MS)).toBe(true);
  });

  it('does not fire on a handful of posts in a quiet hour, thanks to the floor', () => {
    const night = at(4 * 7 + 1, 3);
    const quiet = series(inject([], night, [6])); // nothing else in five weeks: baseline 0
    const e = evaluateSeries(quiet, { from: night, to: night + BUCKET_MS })[0];
    expect(e).toMatchObject({ observed: 6, expected: DEFAULT_SPIKE_OPTIONS.floor, fired: false });
    expect(e?.score).toBeCloseTo(5.5 / Math.sqrt(1.5), 12);
    // without the floor the same six posts would fire
    expect(detectSpikes(quiet, { from: night, to: night + BUCKET_MS }, { floor: 0 })).toHaveLength(1);
  });

  it('needs minCount posts even when a lowered threshold would let fewer fire', () => {
    const night = at(4 * 7 + 1, 3);
    const four = series(inject([], night, [4])); // score (4 − 0.5)/√1.5 = 2.86
    expect(detectSpikes(four, { from: night, to: night + BUCKET_MS }, { threshold: 2 })).toEqual([]);
    expect(detectSpikes(four, { from: night, to: night + BUCKET_MS }, { threshold: 2, minCount: 4 })).toHaveLength(1);
  });

  it('uses the EWMA fallback while history is short and the seasonal median after minWeeks', () => {
    const s = series(background(5, 4, 1));
    expect(evaluateSeries(s, { from: at(2 * 7, 12), to: at(2 * 7, 12, 5) })[0]?.baseline).toBe('ewma');
    const seasonal = evaluateSeries(s, { from: at(3 * 7, 12), to: at(3 * 7, 12, 5) })[0];
    expect(seasonal?.baseline).toBe('seasonal');
    expect(seasonal?.weeksUsed).toBe(3);
  });

  it('learns a weekly recurring burst instead of firing on it every week', () => {
    let pts = background(11, 5, 0.5);
    for (let w = 0; w < 5; w++) pts = inject(pts, at(w * 7 + 1, 17), new Array(24).fill(4)); // Tuesday patch chatter
    const spikes = detectSpikes(series(pts), week(4));
    expect(spikes).toEqual([]);
  });

  it('keeps one outage in the history from inflating the seasonal baseline (median)', () => {
    const slot = (w: number) => at(w * 7 + 3, 15);
    const pts = inject(inject(background(2, 5, 1), slot(2), new Array(12).fill(30)), slot(4), [20, 30, 30]);
    const spikes = detectSpikes(series(pts), { from: slot(4), to: slot(4) + 3 * BUCKET_MS });
    expect(spikes).toHaveLength(3);
  });

  it('gives the same spikes incrementally, batch after batch, as in one batch run', () => {
    const start = at(4 * 7 + 2, 14);
    const pts = inject(background(9, 5, 2), start, [10, 25, 40, 30]);
    const s = series(pts);
    const batch = detectSpikes(s, { from: start - 12 * BUCKET_MS, to: start + 12 * BUCKET_MS });
    const seen = new Map<number, unknown>();
    for (let now = start - 12 * BUCKET_MS; now < start + 12 * BUCKET_MS; now += BUCKET_MS) {
      // ingest only knows posts up to now
      const known = series(pts.filter((p) => p.bucketStart <= now));
      for (const sp of detectNewSpikes(known, { since: now - 2 * BUCKET_MS, now })) seen.set(sp.bucketStart, sp);
    }
    expect([...seen.values()]).toEqual(batch);
    expect(batch.length).toBeGreaterThan(0);
  });

  it('scores (o − e)/sqrt(e + 1) and grades severity by score', () => {
    expect(scoreOf(13, 3)).toBe(5);
    expect(severityOf(6)).toBe('low');
    expect(severityOf(12)).toBe('medium');
    expect(severityOf(25)).toBe('high');
    expect(severityOf(40)).toBe('critical');
  });
});

describe('spike options', () => {
  it('gives the same spikes from only the look-back window as from the full history', () => {
    const start = at(5 * 7 + 2, 14);
    const pts = inject(background(4, 6, 1.5), start, [12, 30, 30]);
    const range = { from: start, to: start + 3 * BUCKET_MS };
    const full = detectSpikes(series(pts), range);
    const window = pts.filter((p) => p.bucketStart >= start - lookbackMs());
    expect(detectSpikes({ ...series(window), historyStart: MONDAY }, range)).toEqual(full);
    expect(full).toHaveLength(3);
  });

  it('refuses a bucket size that does not divide an hour', () => {
    expect(() => spikeOptions({ bucketMs: 7 * 60_000 })).toThrow(RangeError);
    expect(spikeOptions({ bucketMs: 10 * 60_000, threshold: 5 })).toMatchObject({ bucketMs: 600_000, threshold: 5, minCount: 5 });
  });
});

describe('demo replay hook', () => {
  it('reports detection within one bucket and zero quiet-week alerts from a replay truth', async () => {
    const { replayFigures } = await import('../../bench/eval-spikes.js');
    const start = at(4 * 7 + 2, 14);
    const s = series(inject(background(7, 5, 1), start, [2, 4, 25, 40, 30, 10]));
    const figures = Object.fromEntries(replayFigures({
      series: [s], incidents: [{ product: s.product, firstSpikeAt: start + 2 * BUCKET_MS }],
      quiet: [week(3)], from: MONDAY + 3 * WEEK_MS, to: MONDAY + 5 * WEEK_MS,
    }));
    expect(figures).toEqual({ 'demo.incidents': 1, 'demo.incidents_detected_within_one_bucket': 1, 'demo.max_detection_delay_buckets': 0, 'demo.quiet_week_spike_alerts': 0 });
  });
});
