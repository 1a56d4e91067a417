/**
 * Cost of silence, two views (DESIGN.md; definitions in docs/metrics.md). Every figure comes with
 * the inputs that produced it — never a single number without them.
 */
import { MINUTE_MS } from './buckets.js';
import type { CommsMetrics, Interval, PostRecord } from './comms.js';
import { mulberry32, quantile, type Rng } from './stats.js';

// ---------------------------------------------------------------- modelled

/** Per-product money model. Defaults are placeholders of the right order of magnitude: set yours in config. */
export interface CostModel {
  /** ISO currency code of every amount. Default 'USD'. */
  currency: string;
  /** Share of churn-intent posts that turn into a lost customer. Default 0.05. */
  churnConversionRate: number;
  /** Value of one lost customer (e.g. a year of revenue). Default 12000. */
  customerValue: number;
  /** Support tickets behind each public comms complaint. Default 0.6 (as src/config.ts). */
  ticketsPerComplaint: number;
  /** Cost of handling one ticket. Default 25. */
  costPerTicket: number;
  /** SLA credit per hour of the priced span (incident or silence). Default 2000. */
  slaCreditPerIncidentHour: number;
  /** Credit per public credit-request post (a proxy for customers who claim). Default 0. */
  slaCreditPerRequest: number;
  /** Known credit for the incident from finance (added as is). Default 0. */
  slaCreditFixed: number;
  /** Brand damage per excess negative post. Default 15. */
  brandValuePerNegativePost: number;
}

export const DEFAULT_COST_MODEL: Readonly<CostModel> = Object.freeze({
  currency: 'USD',
  churnConversionRate: 0.05,
  customerValue: 12_000,
  ticketsPerComplaint: 0.6,
  costPerTicket: 25,
  slaCreditPerIncidentHour: 2000,
  slaCreditPerRequest: 0,
  slaCreditFixed: 0,
  brandValuePerNegativePost: 15,
});

/** Config shape: the model's fields (as `cost` in barometer.config.json) plus optional per-product overrides. */
export type CostModelSettings = Partial<CostModel> & { products?: Record<string, Partial<CostModel>> };

/** Defaults ← config fields ← the product's overrides. Unknown extra fields are ignored. */
export function costModelFor(product: string, settings: CostModelSettings = {}): CostModel {
  const { products, ...base } = settings;
  const pick = (x: Partial<CostModel>): Partial<CostModel> =>
    Object.fromEntries(Object.entries(x).filter(([k, v]) => k in DEFAULT_COST_MODEL && v !== undefined));
  return { ...DEFAULT_COST_MODEL, ...pick(base), ...pick(products?.[product] ?? {}) };
}

export interface CostInputs {
  churnPosts: number;
  commsComplaints: number;
  creditRequests: number;
  negativePosts: number;
  /** Negative posts expected anyway over the same time (baseline rate × minutes). */
  expectedNegativePosts: number;
  /** Minutes the counts cover. */
  minutes: number;
}

export type CostTermName = 'revenue_at_risk' | 'support_load' | 'sla_credits' | 'brand';

export interface CostTerm {
  name: CostTermName;
  amount: number;
  /** The formula in words, e.g. "churnPosts × churnConversionRate × customerValue". */
  formula: string;
  inputs: Record<string, number>;
}

export interface ModelledCost {
  product: string;
  currency: string;
  /** What the counts cover: the whole open span, or only its silent stretches. */
  scope: 'incident' | 'silence';
  inputs: CostInputs;
  terms: CostTerm[];
  /** Sum of the terms (always shown next to them). */
  total: number;
}

/** Count the cost inputs among posts published inside the given intervals. */
export function costInputs(
  posts: readonly PostRecord[],
  intervals: readonly Interval[],
  baselineNegativePerMinute: number,
): CostInputs {
  const inside = posts.filter((p) => intervals.some((x) => p.publishedAt >= x.from && p.publishedAt < x.to));
  const minutes = intervals.reduce((a, x) => a + Math.max(0, x.to - x.from), 0) / MINUTE_MS;
  return {
    churnPosts: inside.filter((p) => p.churn).length,
    commsComplaints: inside.filter((p) => p.commsComplaint).length,
    creditRequests: inside.filter((p) => p.credit).length,
    negativePosts: inside.filter((p) => p.sentimentLabel === 'neg').length,
    expectedNegativePosts: baselineNegativePerMinute * minutes,
    minutes,
  };
}

export function modelledCost(
  product: string,
  inputs: CostInputs,
  model: CostModel,
  scope: ModelledCost['scope'] = 'incident',
): ModelledCost {
  const excessNegative = Math.max(0, inputs.negativePosts - inputs.expectedNegativePosts);
  const terms: CostTerm[] = [
    {
      name: 'revenue_at_risk',
      amount: inputs.churnPosts * model.churnConversionRate * model.customerValue,
      formula: 'churnPosts × churnConversionRate × customerValue',
      inputs: { churnPosts: inputs.churnPosts, churnConversionRate: model.churnConversionRate, customerValue: model.customerValue },
    },
    {
      name: 'support_load',
      amount: inputs.commsComplaints * model.ticketsPerComplaint * model.costPerTicket,
      formula: 'commsComplaints × ticketsPerComplaint × costPerTicket',
      inputs: { commsComplaints: inputs.commsComplaints, ticketsPerComplaint: model.ticketsPerComplaint, costPerTicket: model.costPerTicket },
    },
    {
      name: 'sla_credits',
      amount: (inputs.minutes / 60) * model.slaCreditPerIncidentHour + inputs.creditRequests * model.slaCreditPerRequest + model.slaCreditFixed,
      formula: 'hours × slaCreditPerIncidentHour + creditRequests × slaCreditPerRequest + slaCreditFixed',
      inputs: {
        hours: inputs.minutes / 60,
        slaCreditPerIncidentHour: model.slaCreditPerIncidentHour,
        creditRequests: inputs.creditRequests,
        slaCreditPerRequest: model.slaCreditPerRequest,
        slaCreditFixed: model.slaCreditFixed,
      },
    },
    {
      name: 'brand',
      amount: excessNegative * model.brandValuePerNegativePost,
      formula: 'max(0, negativePosts − expectedNegativePosts) × brandValuePerNegativePost',
      inputs: {
        negativePosts: inputs.negativePosts,
        expectedNegativePosts: inputs.expectedNegativePosts,
        excessNegativePosts: excessNegative,
        brandValuePerNegativePost: model.brandValuePerNegativePost,
      },
    },
  ];
  return { product, currency: model.currency, scope, inputs, terms, total: terms.reduce((a, t) => a + t.amount, 0) };
}

/**
 * Both scopes for one incident: the whole open span, and only its silent stretches (the part the
 * provider could have avoided by speaking). `baselineNegativePerMinute` is the product's usual
 * negative-post rate (e.g. from rollups over the previous weeks at the same hours).
 */
export function incidentCost(
  product: string,
  comms: CommsMetrics,
  posts: readonly PostRecord[],
  model: CostModel,
  baselineNegativePerMinute: number,
): { incident: ModelledCost; silence: ModelledCost } {
  const span: Interval[] = comms.openFrom === null ? [] : [{ from: comms.openFrom, to: comms.openTo }];
  return {
    incident: modelledCost(product, costInputs(posts, span, baselineNegativePerMinute), model, 'incident'),
    silence: modelledCost(product, costInputs(posts, comms.silentStretches, baselineNegativePerMinute), model, 'silence'),
  };
}

// ---------------------------------------------------------------- measured

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
