/**
 * The signals engine (I/O side): reads rollups, posts and official updates, runs the pure maths of
 * analysis/signals, and stores the outcome idempotently.
 *
 *  1. spikes: every (product, region) rollup series — per product and region, per product over all
 *     regions, and overall ('*', '*') — is evaluated on the buckets of `range`; each fired bucket
 *     becomes a `spike` alert once (unique index), with the outage posts behind it.
 *  2. incidents: for every affected product (posts or official updates in range, or an incident
 *     still open) incidents are recomputed from scratch over a window reaching back before any
 *     incident the range touches, then matched to the stored rows (ids stay stable).
 *  3. `silence` and `recovery` alerts as of `now`; new alerts are queued for webhooks (rows only)
 *     and published on the AlertBus.
 * Keys: the rollups' '*' means "all"; analysis/ calls the all-regions series 'all' (ALL_REGIONS).
 */
import type { Db } from '../../db/client.js';
import {
  ALL,
  activeSeries,
  coverageStart,
  existingAlertKeys,
  incidentsTouching,
  insertAlertsOnce,
  linkAlerts,
  loadOfficialIncidents,
  loadOutageCounts,
  loadProductPosts,
  productsWithOpenIncidents,
  productsWithPosts,
  syncIncidents,
  topOutagePosts,
  type AlertRow,
  type IncidentValues,
  type NewAlert,
  type OfficialUpdateRow,
} from '../../db/queries/signals.js';
import {
  ALL_REGIONS,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  analyseProduct,
  bucketStart,
  evaluateSeries,
  lookbackMs,
  silenceSample,
  type IncidentReport,
  type OfficialUpdate,
  type SeriesInput,
  type SignalAlert,
  type SignalsSettings,
  type SpikeOptions,
  type UpdateStatus,
} from '../../analysis/signals/index.js';
import type { Config } from '../config.js';
import { silentLogger, type Logger } from '../log.js';
import { enqueueAlertDeliveries } from '../webhooks/enqueue.js';
import type { AlertBus } from './bus.js';

export type SignalsConfig = Pick<Config, 'spikes' | 'cost' | 'products'>;

/** Longest look-back for recomputing a still-open incident (older parts are kept as stored). */
const MAX_REACH_BACK_MS = 7 * DAY_MS;

export interface EvaluateInput {
  db: Db;
  config: SignalsConfig;
  /** Evaluation time (epoch ms): alerts are fired "as of" now; nothing after it is read. */
  now: number;
  /** Buckets to (re)evaluate for spikes; default the last 2 hours up to now. */
  range?: { from: number; to: number };
  bus?: AlertBus;
  logger?: Logger;
  /** Outage posts kept per spike alert. Default 5. */
  topPosts?: number;
  /** Called after alerts were queued for webhooks (e.g. to wake the delivery loop). */
  onQueued?: (deliveries: number) => void;
}

export interface EvaluateSummary {
  range: { from: number; to: number };
  now: number;
  seriesEvaluated: number;
  bucketsEvaluated: number;
  spikes: number;
  /** Alerts this call stored (each fires once). */
  fired: AlertRow[];
  incidents: Array<{ product: string; count: number; open: number; inserted: number; updated: number; deleted: number }>;
  deliveriesQueued: number;
  ms: number;
}

/** Spike options from config (`spikes`), the rest at the maths' defaults. */
export function signalsSettings(config: SignalsConfig): SignalsSettings & { spikes: Partial<SpikeOptions> } {
  const bucketMs = config.spikes.bucketMinutes * MINUTE_MS;
  return {
    spikes: { bucketMs, threshold: config.spikes.threshold, minCount: config.spikes.minCount },
    alerts: { silenceAfterMs: config.spikes.silenceAlertMinutes * MINUTE_MS, bucketMs },
    cost: config.cost,
  };
}

const toAnalysisRegion = (r: string) => (r === ALL ? ALL_REGIONS : r);
const toDbRegion = (r: string) => (r === ALL_REGIONS ? ALL : r);

function groupSeries(points: { product: string; region: string; bucketStart: number; count: number }[], historyStart: number) {
  const map = new Map<string, SeriesInput & { points: { bucketStart: number; count: number }[] }>();
  for (const p of points) {
    const key = `${p.product}\u0000${p.region}`;
    let s = map.get(key);
    if (!s) map.set(key, (s = { product: p.product, region: toAnalysisRegion(p.region), points: [], historyStart }));
    s.points.push({ bucketStart: p.bucketStart, count: p.count });
  }
  return [...map.values()];
}

const STATUSES = new Set(['investigating', 'identified', 'monitoring', 'resolved']);

function toOfficial(row: OfficialUpdateRow, componentProduct: Map<string, string>): OfficialUpdate {
  const mapped = row.components.map((c) => componentProduct.get(c.toLowerCase())).filter((p): p is string => !!p);
  const products = [...new Set([...row.products, ...mapped])];
  const status = (STATUSES.has(row.status) ? row.status : 'monitoring') as UpdateStatus;
  return { incidentId: row.incidentRef, updateId: row.updateRef, status, products, postedAt: row.postedAt, body: row.body };
}

function incidentValues(r: IncidentReport, now: number): IncidentValues {
  const i = r.incident;
  return {
    product: i.product,
    regions: i.regions,
    firstSignalAt: i.firstSignalAt ?? i.acknowledgedAt ?? now,
    detectedAt: i.detectedAt,
    acknowledgedAt: i.acknowledgedAt,
    resolvedAt: i.resolvedAt,
    peakCount: i.peak?.observed ?? 0,
    peakAt: i.peak?.bucketStart ?? null,
    officialIncidentRefs: i.officialIncidentIds,
    metrics: {
      key: i.key,
      officialOnly: i.firstSignalAt === null,
      resolvedBy: i.resolvedBy,
      peak: i.peak,
      spikeBuckets: i.spikeBuckets,
      updates: i.updates.map((u) => ({ incidentId: u.incidentId, updateId: u.updateId, status: u.status, postedAt: u.postedAt })),
      comms: r.comms,
      cost: r.cost,
      silenceSample: silenceSample(i.key, r.comms),
      computedAt: now,
    },
    state: i.state,
    updatedAt: now,
  };
}

const alertIdentity = (a: { kind: string; product: string; region: string; bucketStart: number }) =>
  `${a.kind}|${a.product}|${a.region}|${a.bucketStart}`;

export async function evaluateSignals(input: EvaluateInput): Promise<EvaluateSummary> {
  const t0 = performance.now();
  const { db, config, now } = input;
  const logger = input.logger ?? silentLogger;
  const settings = signalsSettings(config);
  const bucketMs = settings.spikes.bucketMs as number;
  const bucketSeconds = bucketMs / 1000;
  const openBucketEnd = bucketStart(now, bucketMs) + bucketMs;
  const from = bucketStart(input.range?.from ?? now - 2 * HOUR_MS, bucketMs);
  const to = Math.min(bucketStart(input.range?.to ?? now, bucketMs) + bucketMs, openBucketEnd);
  const summary: EvaluateSummary = {
    range: { from, to }, now, seriesEvaluated: 0, bucketsEvaluated: 0, spikes: 0, fired: [], incidents: [], deliveriesQueued: 0, ms: 0,
  };
  const historyStart = await coverageStart(db, bucketSeconds);
  if (historyStart === null || from >= to) {
    summary.ms = performance.now() - t0;
    return summary;
  }
  const lookback = lookbackMs(settings.spikes);

  // 1. spikes on every series with outage posts in range
  const candidates = new Map<string, NewAlert>();
  const active = await activeSeries(db, { bucketSeconds, from, to });
  for (const key of active) {
    const counts = await loadOutageCounts(db, { bucketSeconds, from: from - lookback, to, product: key.product, region: key.region });
    const series = groupSeries(counts, historyStart)[0];
    if (!series) continue;
    const evals = evaluateSeries(series, { from, to }, settings.spikes);
    summary.seriesEvaluated++;
    summary.bucketsEvaluated += evals.length;
    for (const e of evals) {
      if (!e.fired) continue;
      summary.spikes++;
      const a: NewAlert = {
        kind: 'spike', product: e.product, region: toDbRegion(e.region), bucketStart: e.bucketStart,
        observed: e.observed, expected: e.expected, score: e.score, severity: e.severity as string, firedAt: now, topPostIds: [],
      };
      candidates.set(alertIdentity(a), a);
    }
  }

  // 2. incidents of affected products, recomputed from scratch
  const affected = new Set<string>([
    ...(await productsWithPosts(db, { bucketSeconds, from, to })),
    ...(await productsWithOpenIncidents(db)),
  ]);
  const componentProduct = new Map<string, string>();
  for (const p of config.products) for (const c of p.components) componentProduct.set(c.toLowerCase(), p.id);
  const windowFrom0 = from - DAY_MS;
  const officialRows = await loadOfficialIncidents(db, { from: windowFrom0, to: now + 1 });
  const updates = officialRows.map((r) => toOfficial(r, componentProduct));
  // updates posted in range, or fetched in range however old (a status page back-filling its timeline)
  updates.forEach((u, k) => {
    if (u.postedAt >= from || (officialRows[k] as OfficialUpdateRow).fetchedAt >= from) for (const p of u.products) affected.add(p);
  });
  const links: Parameters<typeof linkAlerts>[1][number][] = [];
  const incidentIdByKey = new Map<string, number>();
  const derived: SignalAlert[] = [];
  // Incidents are computed as of `asOf`: now, or a day after the range when recomputing the past
  // (a backfill must not evaluate years of empty buckets, nor fire "live" silence/recovery alerts).
  const asOf = Math.min(now, to + DAY_MS);
  const live = asOf === now;
  for (const product of [...affected].sort()) {
    const touching = await incidentsTouching(db, { product, from: windowFrom0, to: asOf + 1 });
    // Reach back to the start of any incident the window touches, but at most MAX_REACH_BACK_MS
    // before asOf (an incident left open for weeks must not make every tick re-read weeks).
    const reach = Math.min(...touching.map((i) => i.firstSignalAt - 3 * HOUR_MS));
    const pFrom = bucketStart(Math.min(windowFrom0, Math.max(reach, asOf - MAX_REACH_BACK_MS)), bucketMs);
    const pCounts = await loadOutageCounts(db, { bucketSeconds, from: pFrom - lookback, to: bucketStart(asOf, bucketMs) + bucketMs, product });
    const series = groupSeries(pCounts, historyStart);
    if (!series.some((s) => s.region === ALL_REGIONS)) series.push({ product, region: ALL_REGIONS, points: [], historyStart });
    const posts = await loadProductPosts(db, { product, from: pFrom, to: asOf + 1 });
    const result = analyseProduct(
      {
        product,
        series,
        signals: posts.filter((p) => p.outage),
        posts,
        updates: updates.filter((u) => u.products.includes(product) && u.postedAt <= asOf),
        from: pFrom,
        now: asOf,
      },
      settings,
    );
    const values = result.incidents.map((r) => incidentValues(r, now));
    const sync = await syncIncidents(db, { product, from: pFrom, now: asOf }, values);
    result.incidents.forEach((r, k) => incidentIdByKey.set(r.incident.key, sync.ids[k] as number));
    summary.incidents.push({
      product, count: values.length, open: values.filter((v) => v.state === 'open').length,
      inserted: sync.inserted, updated: sync.updated, deleted: sync.deleted,
    });
    for (const a of result.alerts) {
      const id = a.incidentKey ? incidentIdByKey.get(a.incidentKey) : undefined;
      if (a.kind === 'spike') {
        if (id !== undefined) links.push({ key: { kind: 'spike', product: a.product, region: toDbRegion(a.region), bucketStart: a.bucketStart }, incidentId: id });
      } else if (live) derived.push(a);
    }
  }

  // 3. silence and recovery alerts as of now
  for (const a of derived) {
    const row: NewAlert = {
      kind: a.kind, product: a.product, region: toDbRegion(a.region), bucketStart: a.bucketStart,
      observed: a.observed, expected: a.expected, score: a.score, severity: a.severity, firedAt: now, topPostIds: [],
      incidentId: a.incidentKey ? (incidentIdByKey.get(a.incidentKey) ?? null) : null,
    };
    candidates.set(alertIdentity(row), row);
  }
  for (const l of links) {
    const c = candidates.get(alertIdentity(l.key));
    if (c) c.incidentId = l.incidentId;
  }

  // 4. store only what is new (with the posts behind each spike), link, queue, publish
  const stored = await existingAlertKeys(db, [...candidates.values()]);
  const fresh = [...candidates.values()].filter((c) => !stored.has(alertIdentity(c)));
  for (const a of fresh) {
    if (a.kind !== 'spike') continue;
    a.topPostIds = await topOutagePosts(db, {
      product: a.product, region: a.region, from: a.bucketStart, to: a.bucketStart + bucketMs, limit: input.topPosts ?? 5,
    });
  }
  fresh.sort((a, b) => a.bucketStart - b.bucketStart || a.kind.localeCompare(b.kind));
  summary.fired = await insertAlertsOnce(db, fresh);
  await linkAlerts(db, links);
  if (summary.fired.length > 0) {
    summary.deliveriesQueued = await enqueueAlertDeliveries(db, summary.fired, now);
    if (summary.deliveriesQueued > 0) input.onQueued?.(summary.deliveriesQueued);
    input.bus?.publish(summary.fired);
    logger.info('alerts fired', {
      count: summary.fired.length,
      alerts: summary.fired.slice(0, 20).map((a) => `${a.kind} ${a.product}/${a.region} @${new Date(a.bucketStart).toISOString()} ${a.severity}`),
    });
  }
  summary.ms = performance.now() - t0;
  return summary;
}
