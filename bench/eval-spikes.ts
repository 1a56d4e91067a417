/**
 * Synthetic spike-detection benchmark with known truth. Prints `name value` lines on stdout.
 *
 * Data (seeded, deterministic): 4 products × 3 regions + each product's all-regions series,
 * 5-minute buckets over 9 weeks. Background outage signals are Poisson with a daily cycle (peak in
 * each region's local working day, 15 % at night) and a weekly one (weekends at 40 %), plus a
 * recurring Tuesday patch-day bump that the seasonal baseline must learn. Weeks 0–2 are history
 * only (the EWMA fallback is measured there separately). Weeks 3 and 5 are quiet. Outages of varied
 * size (10–300 posts) and length (1–24 buckets) are injected in the other weeks (and one in the
 * history, to check it does not poison the baseline), and benign bursts (a product launch and a
 * viral thread: hundreds of positive posts of which the classifier wrongly flags 3 % as outage
 * signals) are added; they must not fire.
 *
 * Usage: npm run eval:spikes [-- --seed N]
 */
import {
  ALL_REGIONS,
  BUCKET_MS,
  DAY_MS,
  HOUR_MS,
  WEEK_MS,
  detectSpikes,
  evaluateSeries,
  median,
  mulberry32,
  poisson,
  spikeOptions,
  type BucketCount,
  type Rng,
  type SeriesInput,
  type SpikeOptions,
} from '../analysis/signals/index.js';

const START = Date.UTC(2026, 0, 5); // Monday
const WEEKS = 9;
const HISTORY_WEEKS = 3;
const QUIET_WEEKS = [3, 5];
const PRODUCTS = ['exchange-online', 'teams', 'sharepoint', 'entra-id'];
const REGIONS: Array<{ id: string; utcOffsetH: number }> = [
  { id: 'NA', utcOffsetH: -5 },
  { id: 'EMEA', utcOffsetH: 1 },
  { id: 'APAC', utcOffsetH: 8 },
];
const N_BUCKETS = (WEEKS * WEEK_MS) / BUCKET_MS;

interface Outage { product: string; region: string; start: number; buckets: number; total: number }
interface Burst { product: string; region: string; start: number; buckets: number; posts: number; kind: string }

/** Background outage signals per bucket at time t: daily and weekly cycle. */
function backgroundRate(peak: number, utcOffsetH: number, t: number): number {
  const local = t + utcOffsetH * HOUR_MS;
  const h = (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const dow = Math.floor((((local - START) % WEEK_MS) + WEEK_MS) % WEEK_MS / DAY_MS); // 0 = Monday
  const day = h >= 7 && h <= 21 ? Math.sin((Math.PI * (h - 7)) / 14) : 0;
  const weekly = dow >= 5 ? 0.4 : 1;
  const patchDay = dow === 1 && h >= 18 && h < 20 ? 1.5 : 0; // Tuesday evening, every week
  return peak * weekly * (0.15 + 0.85 * day) + patchDay * peak;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)] as T;
}

export interface Scenario {
  series: Array<{ product: string; region: string; counts: number[] }>;
  outages: Outage[];
  bursts: Burst[];
}

export function generate(seed: number): Scenario {
  const rng = mulberry32(seed);
  const counts = new Map<string, number[]>();
  const key = (p: string, r: string) => `${p}|${r}`;
  for (const p of PRODUCTS) {
    const peak = 0.4 + rng() * 2.6; // 0.4–3 outage signals per 5 min at the busiest hour
    for (const r of REGIONS) {
      const arr = new Array<number>(N_BUCKETS);
      for (let i = 0; i < N_BUCKETS; i++) arr[i] = poisson(rng, backgroundRate(peak, r.utcOffsetH, START + i * BUCKET_MS));
      counts.set(key(p, r.id), arr);
    }
  }
  const outages: Outage[] = [];
  const bursts: Burst[] = [];
  const activeWeeks = [1, 4, 6, 7, 8];
  const sizes = [10, 15, 20, 30, 40, 60, 100, 300];
  const lengths = [1, 2, 3, 4, 6, 12, 24];
  for (const w of activeWeeks) {
    const n = w === 1 ? 2 : 8;
    for (let k = 0; k < n; k++) {
      const product = pick(rng, PRODUCTS);
      const region = pick(rng, REGIONS).id;
      const start = START + w * WEEK_MS + Math.floor(rng() * (WEEK_MS / BUCKET_MS - 48)) * BUCKET_MS;
      outages.push({ product, region, start, buckets: pick(rng, lengths), total: pick(rng, sizes) });
    }
    if (w !== 1) {
      bursts.push({ product: pick(rng, PRODUCTS), region: pick(rng, REGIONS).id, kind: 'launch',
        start: START + w * WEEK_MS + Math.floor(rng() * 1500) * BUCKET_MS, buckets: 24, posts: 600 });
      bursts.push({ product: pick(rng, PRODUCTS), region: pick(rng, REGIONS).id, kind: 'viral-thread',
        start: START + w * WEEK_MS + Math.floor(rng() * 1500) * BUCKET_MS, buckets: 3, posts: 200 });
    }
  }
  for (const o of outages) {
    const arr = counts.get(key(o.product, o.region)) as number[];
    // shape: ramps up over the first third, then holds, then fades in the last bucket
    const w = Array.from({ length: o.buckets }, (_, i) => Math.min(1, (i + 1) / Math.max(1, o.buckets / 3)));
    const sum = w.reduce((a, b) => a + b, 0);
    const i0 = (o.start - START) / BUCKET_MS;
    w.forEach((wi, i) => {
      arr[i0 + i] = (arr[i0 + i] ?? 0) + poisson(rng, (o.total * wi) / sum);
    });
  }
  for (const b of bursts) {
    const arr = counts.get(key(b.product, b.region)) as number[];
    const i0 = (b.start - START) / BUCKET_MS;
    for (let i = 0; i < b.buckets; i++) {
      // positive chatter is not an outage signal; the classifier's 3 % false positives are.
      arr[i0 + i] = (arr[i0 + i] ?? 0) + poisson(rng, (0.03 * b.posts) / b.buckets);
    }
  }
  const series: Scenario['series'] = [];
  for (const p of PRODUCTS) {
    const all = new Array<number>(N_BUCKETS).fill(0);
    for (const r of REGIONS) {
      const arr = counts.get(key(p, r.id)) as number[];
      series.push({ product: p, region: r.id, counts: arr });
      arr.forEach((c, i) => (all[i] = (all[i] ?? 0) + c));
    }
    series.push({ product: p, region: ALL_REGIONS, counts: all });
  }
  return { series, outages, bursts };
}

const toPoints = (counts: number[]): BucketCount[] =>
  counts.flatMap((count, i) => (count > 0 ? [{ bucketStart: START + i * BUCKET_MS, count }] : []));

export interface SpikeEval {
  precision: number; recall: number; recallRealistic: number; withinOneBucket: number;
  medianDelay: number; falsePerQuietWeek: number; ewmaFalsePerWeek: number; events: number; falseEvents: number;
  /** Outages (detected, total) by total posts. */
  bySize: Map<number, [number, number]>;
  bucketsEvaluated: number;
  detectMs: number;
}

/** Evaluate one seeded scenario at the given options. */
export function evaluate(seed: number, options: Partial<SpikeOptions> = {}): SpikeEval {
  const opts = spikeOptions(options);
  const sc = generate(seed);
  const from = START + HISTORY_WEEKS * WEEK_MS;
  const to = START + WEEKS * WEEK_MS;
  const gap = 12 * BUCKET_MS;
  const relevant = (o: Outage, s: { product: string; region: string }) =>
    o.product === s.product && (s.region === ALL_REGIONS || s.region === o.region);
  let events = 0;
  let falseEvents = 0;
  let quietFalse = 0;
  let ewmaFalse = 0;
  let bucketsEvaluated = 0;
  let detectMs = 0;
  const detected = new Map<Outage, number>();
  for (const s of sc.series) {
    const input = { product: s.product, region: s.region, points: toPoints(s.counts), historyStart: START };
    const t0 = performance.now();
    const spikes = detectSpikes(input, { from, to }, opts);
    detectMs += performance.now() - t0;
    bucketsEvaluated += (to - from) / BUCKET_MS;
    // EWMA fallback over the history weeks: spikes outside the injected history outages are false.
    ewmaFalse += evaluateSeries(input, { from: START, to: from }, opts).filter((e) => e.fired && e.baseline === 'ewma'
      && !sc.outages.some((o) => relevant(o, s) && e.bucketStart >= o.start && e.bucketStart < o.start + (o.buckets + 6) * BUCKET_MS)).length;
    let last = Number.NEGATIVE_INFINITY;
    let eventTrue = false;
    let open = false;
    const closeEvent = () => {
      if (open && !eventTrue) falseEvents++;
      open = false;
    };
    for (const sp of spikes) {
      const t = sp.bucketStart;
      const hit = sc.outages.filter((o) => relevant(o, s) && t >= o.start && t < o.start + (o.buckets + 6) * BUCKET_MS);
      if (t - last > gap) {
        closeEvent();
        events++;
        open = true;
        eventTrue = false;
      }
      eventTrue ||= hit.length > 0;
      last = t;
      for (const o of hit) {
        const d = (t - o.start) / BUCKET_MS;
        if (!detected.has(o) || (detected.get(o) as number) > d) detected.set(o, d);
      }
      const week = Math.floor((t - START) / WEEK_MS);
      if (QUIET_WEEKS.includes(week)) quietFalse++;
    }
    closeEvent();
  }
  const scored = sc.outages.filter((o) => o.start >= from);
  const realistic = scored.filter((o) => o.total >= 20 && o.buckets <= 4);
  const bySize = new Map<number, [number, number]>();
  for (const o of scored) {
    const [d, n] = bySize.get(o.total) ?? [0, 0];
    bySize.set(o.total, [d + (detected.has(o) ? 1 : 0), n + 1]);
  }
  const delays = scored.flatMap((o) => (detected.has(o) ? [detected.get(o) as number] : []));
  return {
    precision: events === 0 ? 1 : (events - falseEvents) / events,
    recall: scored.filter((o) => detected.has(o)).length / scored.length,
    recallRealistic: realistic.filter((o) => detected.has(o)).length / Math.max(1, realistic.length),
    withinOneBucket: realistic.filter((o) => (detected.get(o) ?? 99) <= 1).length / Math.max(1, realistic.length),
    medianDelay: median(delays),
    falsePerQuietWeek: quietFalse / QUIET_WEEKS.length,
    ewmaFalsePerWeek: ewmaFalse / HISTORY_WEEKS,
    events,
    falseEvents,
    bySize,
    bucketsEvaluated,
    detectMs,
  };
}

/** What the demo replay hands to `replayFigures`: its series and its known truth. */
export interface ReplayTruth {
  /** Outage-signal series of the replayed demo (all-regions and regional), with historyStart. */
  series: SeriesInput[];
  /** Known incidents: product and the bucket where the first spike is expected (the truth). */
  incidents: Array<{ product: string; firstSpikeAt: number }>;
  /** Stretches (e.g. the demo's quiet weeks) in which no spike may fire. */
  quiet: Array<{ from: number; to: number }>;
  /** Range to evaluate. */
  from: number;
  to: number;
}

/**
 * Demo-replay figures from a replay's series and truth: every incident detected within one bucket
 * of its expected first spike, and zero spikes in the quiet stretches.
 */
export function replayFigures(truth: ReplayTruth, options: Partial<SpikeOptions> = {}): Array<[string, number]> {
  const opts = spikeOptions(options);
  const spikes = truth.series.flatMap((s) => detectSpikes(s, { from: truth.from, to: truth.to }, opts));
  const delays = truth.incidents.map((inc) => {
    const hits = spikes.filter((sp) => sp.product === inc.product && sp.bucketStart >= inc.firstSpikeAt - opts.bucketMs);
    return hits.length ? Math.min(...hits.map((h) => (h.bucketStart - inc.firstSpikeAt) / opts.bucketMs)) : Number.POSITIVE_INFINITY;
  });
  const quiet = spikes.filter((sp) => truth.quiet.some((q) => sp.bucketStart >= q.from && sp.bucketStart < q.to)).length;
  return [
    ['demo.incidents', truth.incidents.length],
    ['demo.incidents_detected_within_one_bucket', delays.filter((d) => Math.abs(d) <= 1).length],
    ['demo.max_detection_delay_buckets', delays.length ? Math.max(...delays) : 0],
    ['demo.quiet_week_spike_alerts', quiet],
  ];
}

/**
 * Hook for the demo replay, filled in by whoever integrates the demo: load the demo feeds through
 * the real ingest path, build a `ReplayTruth`, and return `replayFigures(truth)`.
 */
export async function demoReplayFigures(): Promise<Array<[string, number]>> {
  if (process.argv.includes('--no-demo')) return [];
  const { demoReplay } = await import('./demo-replay.js'); // the demo replay (bench/demo-replay.ts)
  return demoReplay();
}

async function main(): Promise<void> {
  const argSeed = process.argv.indexOf('--seed');
  const seeds = argSeed >= 0 ? [Number(process.argv[argSeed + 1])] : [1, 2, 3, 4, 5];
  const results = seeds.map((s) => evaluate(s));
  const seconds = results.reduce((a, r) => a + r.detectMs, 0) / 1000;
  const sizes = new Map<number, [number, number]>();
  for (const r of results) for (const [k, [d, n]] of r.bySize) {
    const [d0, n0] = sizes.get(k) ?? [0, 0];
    sizes.set(k, [d0 + d, n0 + n]);
  }
  const avg = (f: (r: SpikeEval) => number) => results.reduce((a, r) => a + f(r), 0) / results.length;
  const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(3)).toString() : 'NaN');
  const lines: Array<[string, number]> = [
    ['spikes.seeds', seeds.length],
    ['spikes.alert_events', avg((r) => r.events)],
    ['spikes.precision', avg((r) => r.precision)],
    ['spikes.recall', avg((r) => r.recall)],
    ['spikes.recall_realistic', avg((r) => r.recallRealistic)],
    ['spikes.realistic_within_one_bucket', avg((r) => r.withinOneBucket)],
    ['spikes.median_delay_buckets', median(results.map((r) => r.medianDelay))],
    ['spikes.false_alerts_per_quiet_week', avg((r) => r.falsePerQuietWeek)],
    ['spikes.ewma_false_alerts_per_week', avg((r) => r.ewmaFalsePerWeek)],
    ...[...sizes.entries()].sort((a, b) => a[0] - b[0]).map(([k, [d, n]]): [string, number] => [`spikes.recall_posts_${k}`, d / n]),
    ['spikes.buckets_evaluated_per_s', Math.round(results.reduce((a, r) => a + r.bucketsEvaluated, 0) / seconds)],
    ...(await demoReplayFigures()),
  ];
  for (const [k, v] of lines) process.stdout.write(`${k} ${fmt(v)}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  main().catch((err) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
}
