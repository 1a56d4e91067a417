/**
 * Cost of silence, modelled view (DESIGN.md; definitions in docs/metrics.md): a per-product money
 * model in which every term comes with its formula and inputs — never a total on its own.
 * The measured view is in silence-cost.ts.
 */
import { MINUTE_MS } from './buckets.js';
import type { CommsMetrics, Interval, PostRecord } from './comms.js';

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
