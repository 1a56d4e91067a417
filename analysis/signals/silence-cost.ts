/**
 * Cost of silence, measured view (docs/metrics.md): across incidents, excess negative and churn
 * posts per minute of silence, with a seeded bootstrap interval once there are enough incidents.
 */
import { MINUTE_MS } from './buckets.js';
import type { CommsMetrics } from './comms.js';
import { mulberry32, quantile, type Rng } from './stats.js';

/** What one incident contributes: posts and minutes in silent vs covered (just-after-update) time. */
export interface SilenceSample {
  incidentKey: string;
  silentMinutes: number;
  silentNegative: number;
  silentChurn: number;
  coveredMinutes: number;
  coveredNegative: number;
  coveredChurn: number;
}

export function silenceSample(incidentKey: string, comms: CommsMetrics): SilenceSample {
  return {
    incidentKey,
    silentMinutes: comms.silentMs / MINUTE_MS,
    silentNegative: comms.postsDuringSilence.negative,
    silentChurn: comms.postsDuringSilence.churn,
    coveredMinutes: comms.coveredMs / MINUTE_MS,
    coveredNegative: comms.postsDuringCover.negative,
    coveredChurn: comms.postsDuringCover.churn,
  };
}

export interface MeasuredOptions {
  /** Incidents needed (with both silent and covered time) before an estimate is given. Default 5. */
  minIncidents: number;
  /** Bootstrap resamples. Default 2000. */
  resamples: number;
  /** Two-sided interval level. Default 0.9. */
  confidence: number;
  /** Seed of the default PRNG (mulberry32). Default 20131112. Ignored when `rng` is given. */
  seed: number;
  rng?: Rng;
}

export const DEFAULT_MEASURED_OPTIONS: Readonly<MeasuredOptions> = Object.freeze({
  minIncidents: 5,
  resamples: 2000,
  confidence: 0.9,
  seed: 20131112,
});

export interface Estimate {
  estimate: number;
  low: number;
  high: number;
}

export type MeasuredSilenceCost =
  | { status: 'too-few'; n: number; minIncidents: number; message: string }
  | {
      status: 'ok';
      n: number;
      confidence: number;
      resamples: number;
      /** Excess posts per minute of silence: pooled silent rate − pooled covered rate. */
      negativePerMinute: Estimate;
      churnPerMinute: Estimate;
      /** The same × 10: "each 10 minutes of silence adds N angry posts". */
      negativePer10Min: Estimate;
      churnPer10Min: Estimate;
      inputs: { silentMinutes: number; silentNegative: number; silentChurn: number; coveredMinutes: number; coveredNegative: number; coveredChurn: number };
      message: string;
    };

function pooled(xs: readonly SilenceSample[], pick: (s: SilenceSample) => [number, number]): number {
  let sn = 0, sm = 0, cn = 0, cm = 0;
  for (const s of xs) {
    const [silent, covered] = pick(s);
    sn += silent; sm += s.silentMinutes; cn += covered; cm += s.coveredMinutes;
  }
  return sn / sm - cn / cm;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function measuredSilenceCost(samples: readonly SilenceSample[], options: Partial<MeasuredOptions> = {}): MeasuredSilenceCost {
  const opts = { ...DEFAULT_MEASURED_OPTIONS, ...options };
  const xs = samples.filter((s) => s.silentMinutes > 0 && s.coveredMinutes > 0);
  const n = xs.length;
  if (n < opts.minIncidents) {
    return { status: 'too-few', n, minIncidents: opts.minIncidents, message: `too few incidents (${n}); need at least ${opts.minIncidents} with both silent and post-update time` };
  }
  const rng = opts.rng ?? mulberry32(opts.seed);
  const neg = (s: SilenceSample): [number, number] => [s.silentNegative, s.coveredNegative];
  const churn = (s: SilenceSample): [number, number] => [s.silentChurn, s.coveredChurn];
  const bootNeg: number[] = [];
  const bootChurn: number[] = [];
  for (let b = 0; b < opts.resamples; b++) {
    const r: SilenceSample[] = [];
    for (let i = 0; i < n; i++) r.push(xs[Math.floor(rng() * n)] as SilenceSample);
    bootNeg.push(pooled(r, neg));
    bootChurn.push(pooled(r, churn));
  }
  const tail = (1 - opts.confidence) / 2;
  const est = (point: number, boot: number[]): Estimate => ({ estimate: point, low: quantile(boot, tail), high: quantile(boot, 1 - tail) });
  const negativePerMinute = est(pooled(xs, neg), bootNeg);
  const churnPerMinute = est(pooled(xs, churn), bootChurn);
  const x10 = (e: Estimate): Estimate => ({ estimate: e.estimate * 10, low: e.low * 10, high: e.high * 10 });
  const negativePer10Min = x10(negativePerMinute);
  const churnPer10Min = x10(churnPerMinute);
  const sum = (f: (s: SilenceSample) => number) => xs.reduce((a, s) => a + f(s), 0);
  const pct = Math.round(opts.confidence * 100);
  return {
    status: 'ok',
    n,
    confidence: opts.confidence,
    resamples: opts.resamples,
    negativePerMinute,
    churnPerMinute,
    negativePer10Min,
    churnPer10Min,
    inputs: {
      silentMinutes: sum((s) => s.silentMinutes),
      silentNegative: sum((s) => s.silentNegative),
      silentChurn: sum((s) => s.silentChurn),
      coveredMinutes: sum((s) => s.coveredMinutes),
      coveredNegative: sum((s) => s.coveredNegative),
      coveredChurn: sum((s) => s.coveredChurn),
    },
    message:
      `each 10 minutes of silence adds ${round1(negativePer10Min.estimate)} angry posts ` +
      `(${pct}% interval ${round1(negativePer10Min.low)} to ${round1(negativePer10Min.high)}) and ` +
      `${round1(churnPer10Min.estimate)} churn-intent posts, across ${n} incidents`,
  };
}
