/**
 * Incidents: spikes and outage signals of one product merged while gaps stay under a window,
 * joined to official status-page updates by product and time. A pure function of its inputs:
 * call it again from scratch whenever late posts or updates arrive (see docs/metrics.md).
 */
import { ALL_REGIONS, spikeOptions, type BucketEvaluation, type Spike, type SpikeOptions } from './spikes.js';
import { MINUTE_MS, HOUR_MS } from './buckets.js';

export type UpdateStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface OfficialUpdate {
  /** Provider's incident id (status page). */
  incidentId: string;
  updateId: string;
  status: UpdateStatus;
  /** Product ids (components already mapped to products). */
  products: readonly string[];
  postedAt: number;
  body: string;
}

/** An outage-signal post of the product (any region). */
export interface SignalPost {
  publishedAt: number;
  /** Regions the post counted in; needed only to time regional spikes exactly. */
  regions?: readonly string[];
}

export interface IncidentOptions {
  /** Spikes farther apart than this start a new incident. Default 60 min. */
  mergeGapMs: number;
  /** Buckets before the first spike with score ≥ this belong to the incident's lead-up. Default 2. */
  leadScore: number;
  /** Below-leadScore buckets tolerated inside the lead-up run. Default 1. */
  leadMaxGapBuckets: number;
  /** A bucket is "back at baseline" when its score is below this. Default 2. */
  calmScore: number;
  /** Consecutive calm buckets after the last spike that resolve an incident by signals. Default 6 (30 min). */
  calmBuckets: number;
  /** An official incident joins if it overlaps [firstSignal − joinBefore, end + joinAfter]. Default 2 h each. */
  joinBeforeMs: number;
  joinAfterMs: number;
  /** Create incidents from official updates that match no spike. Default true. */
  officialOnly: boolean;
}

export const DEFAULT_INCIDENT_OPTIONS: Readonly<IncidentOptions> = Object.freeze({
  mergeGapMs: 60 * MINUTE_MS,
  leadScore: 2,
  leadMaxGapBuckets: 1,
  calmScore: 2,
  calmBuckets: 6,
  joinBeforeMs: 2 * HOUR_MS,
  joinAfterMs: 2 * HOUR_MS,
  officialOnly: true,
});

export interface Incident {
  /** Stable while the first spike (or the official start) stays the same: `${product}@${ISO time}`. */
  key: string;
  product: string;
  /** Regions whose own series spiked (sorted; ALL_REGIONS excluded). */
  regions: string[];
  state: 'open' | 'resolved';
  /** First outage post of the lead-up run of elevated buckets ending at the first spike. */
  firstSignalAt: number | null;
  /** When the first spike crossed: time of the post that made its bucket fire. */
  detectedAt: number | null;
  /** First official update joined to the incident. */
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  resolvedBy: 'official' | 'signals' | null;
  peak: { bucketStart: number; observed: number; expected: number; score: number } | null;
  /** Bucket starts of the spikes (any series of the product), sorted, unique. */
  spikeBuckets: number[];
  officialIncidentIds: string[];
  /** Joined official updates, sorted by postedAt. */
  updates: OfficialUpdate[];
}

export interface IncidentInput {
  product: string;
  /**
   * Evaluations of the product's all-regions series (evaluateSeries), covering at least the
   * incidents' lead-up and running up to `now`, bucket by bucket.
   */
  evaluations: readonly BucketEvaluation[];
  /** Spikes of the product's regional series (optional; they seed incidents too). */
  regionalSpikes?: readonly Spike[];
  /** The product's outage-signal posts. */
  signals: readonly SignalPost[];
  /** Official updates (any product; filtered here). */
  updates: readonly OfficialUpdate[];
  now: number;
}

interface Cluster {
  spikes: Array<{ bucketStart: number; region: string; expected: number }>;
  officials: Set<string>;
}

interface Official {
  id: string;
  start: number;
  end: number;
  resolvedAt: number | null;
  updates: OfficialUpdate[];
}

function officialsFor(product: string, updates: readonly OfficialUpdate[]): Official[] {
  const byId = new Map<string, OfficialUpdate[]>();
  for (const u of updates) {
    if (!u.products.includes(product)) continue;
    const list = byId.get(u.incidentId) ?? [];
    list.push(u);
    byId.set(u.incidentId, list);
  }
  return [...byId.entries()].map(([id, list]) => {
    list.sort((a, b) => a.postedAt - b.postedAt || a.updateId.localeCompare(b.updateId));
    const resolved = list.filter((u) => u.status === 'resolved');
    const last = list[list.length - 1] as OfficialUpdate;
    const resolvedAt = resolved.length > 0 && last.status === 'resolved' ? last.postedAt : null;
    return { id, start: (list[0] as OfficialUpdate).postedAt, end: last.postedAt, resolvedAt, updates: list };
  });
}

/** Time the bucket crossed: the k-th signal post in it, k the smallest count that fires. */
function crossingTime(
  bucket: number, expected: number, region: string, signals: readonly SignalPost[], spike: SpikeOptions,
): number {
  const need = Math.max(spike.minCount, Math.ceil(expected + spike.threshold * Math.sqrt(expected + 1)));
  const inBucket = signals
    .filter((s) => s.publishedAt >= bucket && s.publishedAt < bucket + spike.bucketMs)
    .filter((s) => region === ALL_REGIONS || (s.regions ?? []).includes(region))
    .map((s) => s.publishedAt)
    .sort((a, b) => a - b);
  return inBucket[need - 1] ?? bucket + spike.bucketMs;
}

export function buildIncidents(
  input: IncidentInput,
  options: Partial<IncidentOptions> = {},
  spikeOpts: Partial<SpikeOptions> = {},
): Incident[] {
  const opts: IncidentOptions = { ...DEFAULT_INCIDENT_OPTIONS, ...options };
  const spike = spikeOptions(spikeOpts);
  const bucketMs = spike.bucketMs;
  const evals = [...input.evaluations].filter((e) => e.bucketStart <= input.now).sort((a, b) => a.bucketStart - b.bucketStart);
  const evalAt = new Map(evals.map((e, i) => [e.bucketStart, i]));

  // 1. seeds: fired buckets of the overall series plus regional spikes, clustered on gaps.
  const seeds = [
    ...evals.filter((e) => e.fired).map((e) => ({ bucketStart: e.bucketStart, region: ALL_REGIONS, expected: e.expected })),
    ...(input.regionalSpikes ?? []).filter((s) => s.product === input.product && s.bucketStart <= input.now)
      .map((s) => ({ bucketStart: s.bucketStart, region: s.region, expected: s.expected })),
  ].sort((a, b) => a.bucketStart - b.bucketStart || a.region.localeCompare(b.region));
  const clusters: Cluster[] = [];
  for (const s of seeds) {
    const cur = clusters[clusters.length - 1];
    const lastSpike = cur?.spikes[cur.spikes.length - 1];
    if (cur && lastSpike && s.bucketStart - (lastSpike.bucketStart + bucketMs) <= opts.mergeGapMs) cur.spikes.push(s);
    else clusters.push({ spikes: [s], officials: new Set() });
  }

  // lead-up start and signal-based end of a cluster
  const leadStart = (c: Cluster): number => {
    const first = (c.spikes[0] as { bucketStart: number }).bucketStart;
    let i = evalAt.get(first);
    if (i === undefined) return first;
    // never reach back into an earlier cluster
    const bound = Math.max(Number.NEGATIVE_INFINITY, ...clusters.flatMap((o) => o.spikes)
      .filter((s) => s.bucketStart < first).map((s) => s.bucketStart + bucketMs));
    let start = first;
    let gap = 0;
    for (i = i - 1; i >= 0; i--) {
      const e = evals[i] as BucketEvaluation;
      if (e.bucketStart < bound) break;
      if (e.bucketStart !== start - (gap + 1) * bucketMs) break; // evaluations must be contiguous
      if (e.score >= opts.leadScore) {
        start = e.bucketStart;
        gap = 0;
      } else if (++gap > opts.leadMaxGapBuckets) break;
    }
    return start;
  };
  const calmAt = (c: Cluster): number | null => {
    const last = (c.spikes[c.spikes.length - 1] as { bucketStart: number }).bucketStart;
    let runStart: number | null = null;
    let run = 0;
    for (let t = last + bucketMs; t + bucketMs <= input.now + 1 && evalAt.has(t); t += bucketMs) {
      const e = evals[evalAt.get(t) as number] as BucketEvaluation;
      if (e.score < opts.calmScore) {
        if (run === 0) runStart = t;
        if (++run >= opts.calmBuckets) return runStart;
      } else run = 0;
    }
    return null;
  };

  // 2. join official incidents; one official spanning two clusters merges them.
  const officials = officialsFor(input.product, input.updates);
  const window = (c: Cluster) => ({
    from: leadStart(c) - opts.joinBeforeMs,
    to: (calmAt(c) ?? input.now) + opts.joinAfterMs,
  });
  const orphans: Official[] = [];
  for (const o of officials) {
    const hits = clusters.filter((c) => {
      const w = window(c);
      return o.start <= w.to && o.end >= w.from;
    });
    if (hits.length === 0) {
      orphans.push(o);
      continue;
    }
    const keep = hits[0] as Cluster;
    keep.officials.add(o.id);
    for (const other of hits.slice(1)) {
      keep.spikes.push(...other.spikes);
      other.officials.forEach((id) => keep.officials.add(id));
      clusters.splice(clusters.indexOf(other), 1);
    }
    keep.spikes.sort((a, b) => a.bucketStart - b.bucketStart);
  }

  const byId = new Map(officials.map((o) => [o.id, o]));
  const incidents: Incident[] = clusters.map((c) => {
    const first = c.spikes[0] as Cluster['spikes'][number];
    const lastSpike = (c.spikes[c.spikes.length - 1] as Cluster['spikes'][number]).bucketStart;
    const lead = leadStart(c);
    const firstPost = input.signals.map((s) => s.publishedAt).filter((t) => t >= lead && t < first.bucketStart + bucketMs)
      .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const detectedAt = Math.min(...c.spikes.filter((s) => s.bucketStart === first.bucketStart)
      .map((s) => crossingTime(s.bucketStart, s.expected, s.region, input.signals, spike)));
    const offs = [...c.officials].map((id) => byId.get(id) as Official);
    const updates = offs.flatMap((o) => o.updates).sort((a, b) => a.postedAt - b.postedAt);
    const officialResolve = offs.length > 0 && offs.every((o) => o.resolvedAt !== null)
      ? Math.max(...offs.map((o) => o.resolvedAt as number)) : null;
    let resolvedAt: number | null = null;
    let resolvedBy: Incident['resolvedBy'] = null;
    if (officialResolve !== null && officialResolve >= lastSpike) {
      resolvedAt = officialResolve;
      resolvedBy = 'official';
    } else {
      const calm = calmAt(c);
      if (calm !== null) {
        resolvedAt = calm;
        resolvedBy = 'signals';
      }
    }
    const end = resolvedAt ?? input.now;
    let peak: Incident['peak'] = null;
    for (const e of evals) {
      if (e.bucketStart < lead || e.bucketStart > end) continue;
      if (!peak || e.observed > peak.observed) peak = { bucketStart: e.bucketStart, observed: e.observed, expected: e.expected, score: e.score };
    }
    return {
      key: `${input.product}@${new Date(first.bucketStart).toISOString()}`,
      product: input.product,
      regions: [...new Set(c.spikes.map((s) => s.region).filter((r) => r !== ALL_REGIONS))].sort(),
      state: resolvedAt === null ? 'open' : 'resolved',
      firstSignalAt: Number.isFinite(firstPost) ? Math.min(firstPost, detectedAt) : lead,
      detectedAt,
      acknowledgedAt: updates[0]?.postedAt ?? null,
      resolvedAt,
      resolvedBy,
      peak,
      spikeBuckets: [...new Set(c.spikes.map((s) => s.bucketStart))],
      officialIncidentIds: [...c.officials].sort(),
      updates,
    };
  });

  if (opts.officialOnly) {
    for (const o of orphans) {
      incidents.push({
        key: `${input.product}@${new Date(o.start).toISOString()}`,
        product: input.product,
        regions: [],
        state: o.resolvedAt === null ? 'open' : 'resolved',
        firstSignalAt: null,
        detectedAt: null,
        acknowledgedAt: o.start,
        resolvedAt: o.resolvedAt,
        resolvedBy: o.resolvedAt === null ? null : 'official',
        peak: null,
        spikeBuckets: [],
        officialIncidentIds: [o.id],
        updates: o.updates,
      });
    }
  }
  return incidents.sort((a, b) => (a.firstSignalAt ?? a.acknowledgedAt ?? 0) - (b.firstSignalAt ?? b.acknowledgedAt ?? 0));
}
