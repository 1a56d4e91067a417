/**
 * Spike detection for one (product, region) series of outage-signal counts per bucket.
 *
 * Expected value `e` for a bucket starting at t (see docs/metrics.md):
 *  - seasonal: for each of the previous `maxWeeks` weeks whose same UTC hour is fully covered by
 *    history, take the outage-signal count of that whole hour; e = median of those hourly counts
 *    × (bucket / hour). Used once at least `minWeeks` such weeks exist. Hourly sums, not 5-minute
 *    slots: a 5-minute slot holds 0 or 1 post most of the time and its median is almost always 0.
 *  - ewma: otherwise, an exponentially weighted mean of all buckets since historyStart
 *    (half-life `ewmaHalfLifeBuckets`, started at the median of the first `ewmaWarmupBuckets`),
 *    each bucket capped at the level that would fire so an outage does not drag its own baseline up;
 *    raised to the median of the same hour on the previous (up to 7) days, and to the mean of the
 *    same hour in the (fewer than minWeeks) previous weeks, when those are higher — so a daily ramp
 *    or a weekly event seen before does not outrun the EWMA.
 *  - floor: e = max(e, floor), so a quiet hour does not fire on a handful of posts.
 * Score = (o − e) / sqrt(e + 1); fires when o ≥ minCount and score ≥ threshold, or when the last
 * `windowBuckets` buckets together score ≥ windowThreshold (a slow ramp; see SpikeOptions).
 */
import { BUCKET_MS, DAY_MS, HOUR_MS, WEEK_MS, bucketStart, type BucketCount } from './buckets.js';
import { median } from './stats.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface SpikeOptions {
  /** Bucket size in ms. Default 5 min. */
  bucketMs: number;
  /** Score needed to fire. Default 6. */
  threshold: number;
  /** Observed outage signals needed in the bucket to fire. Default 5. */
  minCount: number;
  /** Lowest expected value per bucket (posts). Default 0.5. */
  floor: number;
  /** Weeks of same-hour history needed for the seasonal baseline. Default 3. */
  minWeeks: number;
  /** Most weeks looked back for the seasonal median. Default 5. */
  maxWeeks: number;
  /** EWMA half-life in buckets (fallback while history is short). Default 12 (1 h). */
  ewmaHalfLifeBuckets: number;
  /** The EWMA starts at the median of this many first buckets of history. Default 12 (1 h). */
  ewmaWarmupBuckets: number;
  /** Lowest score for each severity above `low`. Defaults: medium 10, high 20, critical 40. */
  severity: { medium: number; high: number; critical: number };
  /**
   * Sustained-rise test: a bucket also fires when the sum of the last `windowBuckets` buckets
   * (itself included) scores ≥ windowThreshold against the sum of their expected values, provided the
   * bucket itself scores ≥ `windowMinScore` and the sum is ≥ minCount. Catches an outage that
   * ramps up at 3–6 posts a bucket, none of which alone passes the threshold. 1 disables. Default 3.
   */
  windowBuckets: number;
  /** The bucket's own score needed for the window test (so a spike does not echo into quiet buckets). Default 2. */
  windowMinScore: number;
  /** Score the window sum needs. Default 7: stricter than one bucket, as benign sustained chatter (a launch) lifts sums too. */
  windowThreshold: number;
}

export const DEFAULT_SPIKE_OPTIONS: Readonly<SpikeOptions> = Object.freeze({
  bucketMs: BUCKET_MS,
  threshold: 6,
  minCount: 5,
  floor: 0.5,
  minWeeks: 3,
  maxWeeks: 5,
  ewmaHalfLifeBuckets: 12,
  ewmaWarmupBuckets: 12,
  severity: Object.freeze({ medium: 10, high: 20, critical: 40 }),
  windowBuckets: 3,
  windowMinScore: 2,
  windowThreshold: 7,
});

/** Defaults with overrides applied. Throws RangeError when the bucket size does not divide an hour. */
export function spikeOptions(overrides: Partial<SpikeOptions> = {}): SpikeOptions {
  const opts = {
    ...DEFAULT_SPIKE_OPTIONS,
    ...overrides,
    severity: { ...DEFAULT_SPIKE_OPTIONS.severity, ...(overrides.severity ?? {}) },
  };
  if (!(opts.bucketMs > 0) || HOUR_MS % opts.bucketMs !== 0) {
    throw new RangeError(`bucketMs must divide one hour, got ${opts.bucketMs}`);
  }
  return opts;
}

/**
 * How far before the oldest bucket to evaluate the caller must load counts: the seasonal median
 * reads `maxWeeks` weeks back. Pass the real `historyStart` too; while history is shorter than
 * `minWeeks` weeks it all lies inside this window anyway, so results do not change.
 */
export function lookbackMs(options: Partial<SpikeOptions> = {}): number {
  return spikeOptions(options).maxWeeks * WEEK_MS + HOUR_MS;
}

/** Region key used for a product's all-regions series. */
export const ALL_REGIONS = 'all';

export interface SeriesInput {
  product: string;
  /** A macro region, 'unknown', or ALL_REGIONS for the product's overall series. */
  region: string;
  /** Outage-signal counts per bucket; sparse (missing = 0), any order, starts aligned to bucketMs. */
  points: readonly BucketCount[];
  /**
   * Since when counts are known (epoch ms). Buckets before it are "no data", not "zero".
   * Default: the earliest point. Pass the real coverage start (first backfilled post, source added)
   * when the series may begin with empty buckets.
   */
  historyStart?: number;
}

export type BaselineKind = 'seasonal' | 'ewma';

/** The sustained-rise test of a bucket (see SpikeOptions.windowBuckets). */
export interface WindowEvaluation {
  buckets: number;
  observed: number;
  expected: number;
  score: number;
}

export interface BucketEvaluation {
  product: string;
  region: string;
  bucketStart: number;
  observed: number;
  expected: number;
  score: number;
  fired: boolean;
  /** Severity when fired, else null. */
  severity: Severity | null;
  baseline: BaselineKind;
  /** Weeks that fed the seasonal median (0 under ewma). */
  weeksUsed: number;
  /** The window test when it was computed (the bucket scored ≥ windowMinScore), else null. */
  window?: WindowEvaluation | null;
  /** What made it fire: the bucket alone, or the window (null when not fired). */
  firedBy?: 'bucket' | 'window' | null;
}

export interface Spike extends BucketEvaluation {
  fired: true;
  severity: Severity;
}

export function scoreOf(observed: number, expected: number): number {
  return (observed - expected) / Math.sqrt(expected + 1);
}

export function severityOf(score: number, opts: SpikeOptions = spikeOptions()): Severity {
  if (score >= opts.severity.critical) return 'critical';
  if (score >= opts.severity.high) return 'high';
  if (score >= opts.severity.medium) return 'medium';
  return 'low';
}

/** Prepared lookups over a series; build once, evaluate many buckets. */
class SeriesIndex {
  readonly byBucket = new Map<number, number>();
  readonly byHour = new Map<number, number>();
  readonly historyStart: number;
  /** ewmaStates[i] = EWMA before the i-th bucket from historyStart; [0] is the warm-up median. */
  private readonly ewmaStates: number[] = [];

  constructor(series: SeriesInput, private readonly opts: SpikeOptions) {
    let first = Number.POSITIVE_INFINITY;
    for (const p of series.points) {
      const b = bucketStart(p.bucketStart, opts.bucketMs);
      this.byBucket.set(b, (this.byBucket.get(b) ?? 0) + p.count);
      const h = bucketStart(b, HOUR_MS);
      this.byHour.set(h, (this.byHour.get(h) ?? 0) + p.count);
      if (b < first) first = b;
    }
    this.historyStart = series.historyStart ?? first;
  }

  count(b: number): number {
    return this.byBucket.get(b) ?? 0;
  }

  /** Hourly counts of the same UTC hour in previous weeks whose hour lies wholly in history. */
  seasonal(t: number): number[] {
    const hour = bucketStart(t, HOUR_MS);
    const out: number[] = [];
    for (let k = 1; k <= this.opts.maxWeeks; k++) {
      const h = hour - k * WEEK_MS;
      if (h < this.historyStart) break;
      out.push(this.byHour.get(h) ?? 0);
    }
    return out;
  }

  /** Hourly counts of the same UTC hour on up to 7 previous days wholly in history. */
  sameHourPreviousDays(t: number): number[] {
    const hour = bucketStart(t, HOUR_MS);
    const out: number[] = [];
    for (let k = 1; k <= 7; k++) {
      const h = hour - k * DAY_MS;
      if (h < this.historyStart) break;
      out.push(this.byHour.get(h) ?? 0);
    }
    return out;
  }

  /** EWMA state before bucket t, run from historyStart (so every caller sees the same value). */
  ewma(t: number): number {
    const { bucketMs, ewmaHalfLifeBuckets, ewmaWarmupBuckets, threshold, floor } = this.opts;
    const start = bucketStart(this.historyStart, bucketMs);
    const n = Math.floor((t - start) / bucketMs);
    if (!(n > 0)) return floor;
    if (this.ewmaStates.length === 0) {
      const warm: number[] = [];
      for (let i = 0; i < ewmaWarmupBuckets; i++) warm.push(this.count(start + i * bucketMs));
      this.ewmaStates.push(median(warm));
    }
    const alpha = 1 - Math.pow(2, -1 / ewmaHalfLifeBuckets);
    for (let i = this.ewmaStates.length - 1; i < n; i++) {
      const s = this.ewmaStates[i] as number;
      const cap = s + threshold * Math.sqrt(s + 1);
      this.ewmaStates.push(s + alpha * (Math.min(this.count(start + i * bucketMs), cap) - s));
    }
    return this.ewmaStates[n] as number;
  }
}

function baselineAt(idx: SeriesIndex, t: number, opts: SpikeOptions): { expected: number; baseline: BaselineKind; weeksUsed: number } {
  const hours = idx.seasonal(t);
  let baseline: BaselineKind;
  let raw: number;
  if (hours.length >= opts.minWeeks) {
    baseline = 'seasonal';
    raw = (median(hours) * opts.bucketMs) / HOUR_MS;
  } else {
    baseline = 'ewma';
    const days = idx.sameHourPreviousDays(t);
    const daily = days.length > 0 ? (median(days) * opts.bucketMs) / HOUR_MS : 0;
    const weekly = hours.length > 0 ? (median(hours) * opts.bucketMs) / HOUR_MS : 0;
    raw = Math.max(idx.ewma(t), daily, weekly);
  }
  return { expected: Math.max(raw, opts.floor), baseline, weeksUsed: baseline === 'seasonal' ? hours.length : 0 };
}

function evaluateAt(series: SeriesInput, idx: SeriesIndex, t: number, opts: SpikeOptions): BucketEvaluation {
  const { expected, baseline, weeksUsed } = baselineAt(idx, t, opts);
  const observed = idx.count(t);
  const score = scoreOf(observed, expected);
  let firedBy: BucketEvaluation['firedBy'] = observed >= opts.minCount && score >= opts.threshold ? 'bucket' : null;
  let window: WindowEvaluation | null = null;
  if (opts.windowBuckets > 1 && observed > 0 && score >= opts.windowMinScore) {
    let wo = observed;
    let we = expected;
    let n = 1;
    let echo = false; // an earlier bucket of the window fired by itself: the rise is not new
    for (; n < opts.windowBuckets; n++) {
      const b = t - n * opts.bucketMs;
      if (b < bucketStart(idx.historyStart, opts.bucketMs)) break;
      const c = idx.count(b);
      const e = baselineAt(idx, b, opts).expected;
      if (c >= opts.minCount && scoreOf(c, e) >= opts.threshold) echo = true;
      wo += c;
      we += e;
    }
    window = { buckets: n, observed: wo, expected: we, score: scoreOf(wo, we) };
    if (!firedBy && !echo && n > 1 && wo >= opts.minCount && window.score >= opts.windowThreshold) firedBy = 'window';
  }
  const fired = firedBy !== null;
  return {
    product: series.product,
    region: series.region,
    bucketStart: t,
    observed,
    expected,
    score,
    fired,
    severity: fired ? severityOf(Math.max(score, window?.score ?? score), opts) : null,
    baseline,
    weeksUsed,
    window,
    firedBy,
  };
}

/**
 * Batch: evaluate every bucket in [from, to) (from is floored to a bucket start). Returns one
 * evaluation per bucket, fired or not; filter `fired` for spikes. Deterministic: the same series
 * gives the same result whatever range is asked, so batch and incremental agree.
 */
export function evaluateSeries(
  series: SeriesInput,
  range: { from: number; to: number },
  options: Partial<SpikeOptions> = {},
): BucketEvaluation[] {
  const opts = spikeOptions(options);
  const idx = new SeriesIndex(series, opts);
  const out: BucketEvaluation[] = [];
  for (let t = bucketStart(range.from, opts.bucketMs); t < range.to; t += opts.bucketMs) {
    out.push(evaluateAt(series, idx, t, opts));
  }
  return out;
}

/** Batch, spikes only. */
export function detectSpikes(
  series: SeriesInput,
  range: { from: number; to: number },
  options: Partial<SpikeOptions> = {},
): Spike[] {
  return evaluateSeries(series, range, options).filter((e): e is Spike => e.fired);
}

/**
 * Incremental, for ingest after every batch: evaluate the buckets from `since` (the oldest bucket
 * the batch touched, late posts included) through the bucket containing `now` (the open bucket
 * too, so an alert fires within one ingest cycle). Returns spikes only. The same bucket may be
 * returned again on the next call; the alerts table's unique (kind, product, region, bucket)
 * makes firing idempotent — it fires once per bucket.
 */
export function detectNewSpikes(
  series: SeriesInput,
  args: { since: number; now: number },
  options: Partial<SpikeOptions> = {},
): Spike[] {
  const opts = spikeOptions(options);
  const to = bucketStart(args.now, opts.bucketMs) + opts.bucketMs;
  return detectSpikes(series, { from: Math.min(args.since, args.now), to }, opts);
}
