/**
 * One call that runs the whole chain for one product: spikes → incidents → comms metrics → cost →
 * alerts. Ingest and the API can call the parts directly; this is the composition they share.
 */
import { type Interval, type CommsMetrics, type CommsOptions, type PostRecord, commsMetrics } from './comms.js';
import { type CostModelSettings, type ModelledCost, costModelFor, incidentCost } from './cost.js';
import { type Incident, type IncidentOptions, type OfficialUpdate, type SignalPost, buildIncidents } from './incidents.js';
import { type SignalAlert, type SilenceAlertOptions, recoveryAlerts, silenceAlerts, spikeAlert } from './alerts.js';
import { ALL_REGIONS, type SeriesInput, type Spike, type SpikeOptions, evaluateSeries, spikeOptions } from './spikes.js';
import { MINUTE_MS } from './buckets.js';

export interface SignalsSettings {
  spikes?: Partial<SpikeOptions>;
  incidents?: Partial<IncidentOptions>;
  comms?: Partial<CommsOptions>;
  alerts?: Partial<SilenceAlertOptions>;
  cost?: CostModelSettings;
}

export interface ProductSignalsInput {
  product: string;
  /** The product's all-regions series (region ALL_REGIONS, required) and its regional series. */
  series: readonly SeriesInput[];
  /** Outage-signal posts of the product. */
  signals: readonly SignalPost[];
  /** All classified posts of the product over the range (comms metrics, cost). */
  posts: readonly PostRecord[];
  updates: readonly OfficialUpdate[];
  /** Buckets to evaluate; start it well before any incident of interest (e.g. now − 2 days). */
  from: number;
  now: number;
  /**
   * Usual negative posts per minute for the brand term. Default: the negative-post rate over the
   * range outside every incident's open span (0 when there is no such time).
   */
  baselineNegativePerMinute?: number;
}

export interface IncidentReport {
  incident: Incident;
  comms: CommsMetrics;
  cost: { incident: ModelledCost; silence: ModelledCost };
}

export interface ProductSignals {
  product: string;
  /** Spikes of every series in [from, now]. */
  spikes: Spike[];
  incidents: IncidentReport[];
  /** spike (linked to their incident), silence and recovery alerts as of `now`. */
  alerts: SignalAlert[];
  baselineNegativePerMinute: number;
}

function baselineNegative(posts: readonly PostRecord[], from: number, now: number, spans: readonly Interval[]): number {
  const inSpan = (t: number) => spans.some((s) => t >= s.from && t < s.to);
  const busy = spans.reduce((a, s) => a + Math.max(0, Math.min(s.to, now) - Math.max(s.from, from)), 0);
  const minutes = (now - from - busy) / MINUTE_MS;
  if (!(minutes > 0)) return 0;
  const neg = posts.filter((p) => p.publishedAt >= from && p.publishedAt < now && p.sentimentLabel === 'neg' && !inSpan(p.publishedAt)).length;
  return neg / minutes;
}

export function analyseProduct(input: ProductSignalsInput, settings: SignalsSettings = {}): ProductSignals {
  const spikeOpts = spikeOptions(settings.spikes);
  const range = { from: input.from, to: input.now + 1 };
  const overall = input.series.find((s) => s.region === ALL_REGIONS && s.product === input.product);
  if (!overall) throw new RangeError(`analyseProduct(${input.product}): the all-regions series is required`);
  const evaluations = evaluateSeries(overall, range, spikeOpts);
  const regionalSpikes = input.series
    .filter((s) => s !== overall && s.product === input.product)
    .flatMap((s) => evaluateSeries(s, range, spikeOpts).filter((e): e is Spike => e.fired));
  const incidents = buildIncidents(
    { product: input.product, evaluations, regionalSpikes, signals: input.signals, updates: input.updates, now: input.now },
    settings.incidents,
    spikeOpts,
  );
  const withComms = incidents.map((incident) => ({ incident, comms: commsMetrics(incident, input.posts, input.now, settings.comms) }));
  const spans = withComms.flatMap(({ comms }) => (comms.openFrom === null ? [] : [{ from: comms.openFrom, to: comms.openTo }]));
  const baseline = input.baselineNegativePerMinute ?? baselineNegative(input.posts, input.from, input.now, spans);
  const model = costModelFor(input.product, settings.cost);
  const reports: IncidentReport[] = withComms.map(({ incident, comms }) => ({
    incident,
    comms,
    cost: incidentCost(input.product, comms, input.posts, model, baseline),
  }));
  const spikes = [...evaluations.filter((e): e is Spike => e.fired), ...regionalSpikes].sort(
    (a, b) => a.bucketStart - b.bucketStart || a.region.localeCompare(b.region),
  );
  const keyOf = (s: Spike) => incidents.find((i) => i.spikeBuckets.includes(s.bucketStart))?.key ?? null;
  const alerts = [
    ...spikes.map((s) => spikeAlert(s, keyOf(s))),
    ...silenceAlerts(incidents, input.now, settings.alerts),
    ...recoveryAlerts(incidents, input.now, settings.alerts),
  ];
  return { product: input.product, spikes, incidents: reports, alerts, baselineNegativePerMinute: baseline };
}
