/**
 * Demo replay for `npm run eval:spikes`: the bundled demo dataset (src/demo) is stored in a temp
 * libSQL database through the real storage path (ingest/store.ts `storeBatch`: analysis, posts,
 * links, rollups and official updates in one batch — the connectors and the replay server are
 * skipped), then `evaluateSignals` runs once over the whole period at DEFAULT settings.
 *
 * Figures:
 *  - demo.incident_X_detect_delay_buckets: first spike alert of the incident's product − the first
 *    bucket in which the product's stored (classified) outage posts reach minCount (the earliest
 *    bucket any detector with that minCount could fire on; the strictest reading).
 *    _vs_true_labels: the same with the dataset's true labels instead of the classifier's.
 *    _vs_first_true_spike: against the first bucket the same detector, at the same settings, flags
 *    in the incident's true outage posts (the first spike in what customers said, free of
 *    classifier error). This is the figure the ≤ 1 target is read on (docs/metrics.md).
 *  - demo.incident_X_first_signal_to_alert_minutes: from the first true outage post to the end of
 *    the first spike bucket (what a support lead waits).
 *  - demo.quiet_weeks_spike_alerts: spike alerts in the three weeks before incident A's week
 *    (2013-10-14 … 2013-11-03); demo.spike_alerts_outside_incidents: anywhere outside
 *    [fault start − 1 h, resolved + 2 h] of A and B.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { alertsInBuckets } from '../db/queries/alerts.js';
import { loadOutageCounts } from '../db/queries/signals.js';
import { listIncidents } from '../db/queries/incidents.js';
import { addSource } from '../db/queries/sources.js';
import { createStoreContext, storeBatch } from '../ingest/store.js';
import type { OfficialUpdate, RawPost } from '../ingest/types.js';
import { parseFileConfig } from '../src/config.js';
import { generateDemo, type DemoDataset } from '../src/demo/generate.js';
import { evaluateSignals } from '../src/signals/evaluate.js';
import { ALL_REGIONS, bucketStart, detectSpikes } from '../analysis/signals/index.js';

const BUCKET = 5 * 60_000;
const HOUR = 3_600_000;
const QUIET = { from: Date.UTC(2013, 9, 14), to: Date.UTC(2013, 10, 4) };
const KIND = { blog: 'rss', forum: 'discourse', social: 'mastodon' } as const;

/** A temp database and a feeder that stores the demo's posts and status updates published before `t`. */
export async function demoFeeder(data: DemoDataset, dbUrl: string) {
  const opened = await openDb(dbUrl);
  await applyMigrations(opened.db);
  const config = parseFileConfig({});
  const ctx = createStoreContext(config);
  const src: Record<string, { id: number; kind: string; demo: boolean }> = {};
  for (const [name, kind] of Object.entries(KIND)) {
    const row = (await addSource(opened.db, { name: `demo-${name}`, kind, demo: true }))!;
    src[name] = { id: row.id, kind, demo: true };
  }
  const status = (await addSource(opened.db, { name: 'demo-status', kind: 'statuspage', official: true, demo: true }))!;
  const posts = [...data.posts].sort((a, b) => a.publishedAt - b.publishedAt);
  const compName = new Map(data.statusComponents.map((c) => [c.id, c.name]));
  const updates: OfficialUpdate[] = data.statusIncidents
    .flatMap((i) =>
      i.updates.map((u) => ({
        incidentId: i.id, updateId: u.id, status: u.status, title: i.name, body: u.body, postedAt: u.createdAt,
        components: i.componentIds.map((c) => compName.get(c) ?? c),
      })),
    )
    .sort((a, b) => a.postedAt - b.postedAt);
  let p = 0;
  let u = 0;
  /** Stores everything published before `t` not stored yet (one batch per source per 2000 posts); returns the published range. */
  const storeUntil = async (t: number): Promise<{ from: number; to: number } | null> => {
    const start = p;
    while (p < posts.length && (posts[p] as (typeof posts)[number]).publishedAt < t) p++;
    const slice = posts.slice(start, p);
    let from = Infinity;
    let to = -Infinity;
    for (const name of Object.keys(KIND)) {
      const mine = slice.filter((x) => x.source === name);
      for (let i = 0; i < mine.length; i += 2000) {
        const batch: RawPost[] = mine.slice(i, i + 2000).map((x) => ({
          externalId: x.externalId, text: x.text, ...(x.title ? { title: x.title } : {}), publishedAt: x.publishedAt, threadId: x.threadId,
        }));
        const r = await storeBatch(opened.db, ctx, { source: src[name]!, posts: batch, now: t });
        if (r.publishedRange) {
          from = Math.min(from, r.publishedRange.from);
          to = Math.max(to, r.publishedRange.to);
        }
      }
    }
    const us = u;
    while (u < updates.length && (updates[u] as OfficialUpdate).postedAt < t) u++;
    if (u > us) {
      await storeBatch(opened.db, ctx, { source: { id: status.id, kind: 'statuspage', demo: true }, posts: [], officialUpdates: updates.slice(us, u), now: t });
    }
    return Number.isFinite(from) ? { from, to } : null;
  };
  return { opened, config, storeUntil };
}

export async function demoReplay(): Promise<Array<[string, number]>> {
  const data = generateDemo();
  const dir = mkdtempSync(join(tmpdir(), 'barometer-demo-replay-'));
  const { opened, config, storeUntil } = await demoFeeder(data, `file:${join(dir, 'demo.db')}`);
  const db = opened.db;
  try {
    // 1. ingest as a live deployment would around each incident: a batch every 5 minutes, evaluated at once
    const truths = [...data.incidents].sort((a, b) => a.faultStartedAt - b.faultStartedAt);
    const live = new Map<string, { spikeFiredAt: number; spikeBucket: number; silenceFiredAt: number }>();
    const t0 = performance.now();
    let stepS = 0;
    for (const truth of truths) {
      await storeUntil(truth.faultStartedAt - HOUR);
      const seen = { spikeFiredAt: NaN, spikeBucket: NaN, silenceFiredAt: NaN };
      for (let t = truth.faultStartedAt - HOUR + BUCKET; t <= truth.faultStartedAt + 3 * HOUR; t += BUCKET) {
        const range = await storeUntil(t);
        const ts = performance.now();
        const s = await evaluateSignals({ db, config, now: t, range: range ?? { from: t - BUCKET, to: t } });
        stepS += (performance.now() - ts) / 1000;
        const spike = s.fired.find((a) => a.kind === 'spike' && a.product === truth.product);
        if (spike && Number.isNaN(seen.spikeFiredAt)) Object.assign(seen, { spikeFiredAt: spike.firedAt, spikeBucket: spike.bucketStart });
        const silence = s.fired.find((a) => a.kind === 'silence' && a.product === truth.product);
        if (silence && Number.isNaN(seen.silenceFiredAt)) seen.silenceFiredAt = silence.firedAt;
      }
      live.set(truth.key, seen);
    }
    await storeUntil(data.to + 1);
    const ingestS = (performance.now() - t0) / 1000 - stepS;

    // 2. the whole period in one call at default settings
    const t1 = performance.now();
    const summary = await evaluateSignals({ db, config, now: data.to, range: { from: data.from, to: data.to } });
    const evalS = (performance.now() - t1) / 1000;
    const spikes = await alertsInBuckets(db, { from: data.from, to: data.to + 1, kind: 'spike' });
    const out: Array<[string, number]> = [
      ['demo.posts', data.posts.length],
      ['demo.ingest_seconds', ingestS],
      ['demo.evaluate_whole_period_seconds', evalS],
      ['demo.evaluate_per_live_batch_ms', (stepS * 1000) / (truths.length * 36)],
      ['demo.buckets_evaluated', summary.bucketsEvaluated],
      ['demo.spike_alerts', spikes.length],
    ];
    const incidents = await listIncidents(db, { limit: 1000 });
    for (const truth of truths) {
      const k = `demo.incident_${truth.key}`;
      const mine = spikes.filter((a) => a.product === truth.product && a.bucketStart >= truth.faultStartedAt - HOUR && a.bucketStart <= truth.resolvedAt);
      const firstAlert = Math.min(...mine.map((a) => a.bucketStart));
      // first bucket in which the product's stored (classified) outage posts reach minCount
      const counts = await loadOutageCounts(db, { bucketSeconds: BUCKET / 1000, from: truth.faultStartedAt - HOUR, to: truth.resolvedAt, product: truth.product });
      const firstSpike = Math.min(...counts.filter((c) => c.region === '*' && c.count >= config.spikes.minCount).map((c) => c.bucketStart));
      // the same with the dataset's true labels (what a perfect classifier would have counted)
      const perBucket = new Map<number, number>();
      for (const p of data.posts) {
        if (p.truth.incident !== truth.key || !p.truth.outage) continue;
        const b = bucketStart(p.publishedAt, BUCKET);
        perBucket.set(b, (perBucket.get(b) ?? 0) + 1);
      }
      const firstTrue = Math.min(...[...perBucket].filter(([, n]) => n >= config.spikes.minCount).map(([b]) => b));
      // the first spike in the data itself: the same detector, at the same settings, over the
      // incident's true outage posts (what customers were saying, free of classifier error)
      const trueSpikes = detectSpikes(
        { product: truth.product, region: ALL_REGIONS, points: [...perBucket].map(([b, count]) => ({ bucketStart: b, count })), historyStart: data.from },
        { from: truth.faultStartedAt - HOUR, to: truth.resolvedAt },
        { bucketMs: BUCKET, threshold: config.spikes.threshold, minCount: config.spikes.minCount },
      );
      const firstTrueSpike = Math.min(...trueSpikes.map((x) => x.bucketStart));
      const seen = live.get(truth.key)!;
      out.push([`${k}_detected`, mine.length > 0 ? 1 : 0]);
      out.push([`${k}_detect_delay_buckets`, (firstAlert - firstSpike) / BUCKET]);
      out.push([`${k}_detect_delay_vs_true_labels_buckets`, (firstAlert - firstTrue) / BUCKET]);
      out.push([`${k}_detect_delay_vs_first_true_spike_buckets`, (firstAlert - firstTrueSpike) / BUCKET]);
      out.push([`${k}_live_alert_delay_buckets`, (seen.spikeFiredAt - (seen.spikeBucket + BUCKET)) / BUCKET]);
      out.push([`${k}_first_signal_to_alert_minutes`, (seen.spikeFiredAt - truth.firstSignalAt) / 60_000]);
      out.push([`${k}_silence_alert_after_first_signal_minutes`, (seen.silenceFiredAt - truth.firstSignalAt) / 60_000]);
      const inc = incidents.find((i) => i.product === truth.product && i.officialIncidentRefs.includes(truth.statusIncidentId));
      const c = (inc?.metrics as { comms?: { ttaFromFirstSignalMs: number | null; longestSilenceMs: number | null } } | undefined)?.comms;
      out.push([`${k}_time_to_acknowledge_minutes`, (c?.ttaFromFirstSignalMs ?? NaN) / 60_000]);
      out.push([`${k}_longest_silence_minutes`, (c?.longestSilenceMs ?? NaN) / 60_000]);
    }
    const quiet = spikes.filter((a) => a.bucketStart >= QUIET.from && a.bucketStart < QUIET.to);
    out.push(['demo.quiet_weeks_spike_alerts', quiet.length]);
    const inIncident = (t: number) => data.incidents.some((i) => t >= i.faultStartedAt - HOUR && t <= i.resolvedAt + 2 * HOUR);
    const outside = spikes.filter((a) => !inIncident(a.bucketStart));
    out.push(['demo.spike_alerts_outside_incidents', outside.length]);
    for (const a of [...quiet, ...outside].slice(0, 20)) {
      process.stderr.write(`false alert: ${a.product}/${a.region} ${new Date(a.bucketStart).toISOString()} o=${a.observed} e=${a.expected.toFixed(2)} score=${a.score.toFixed(1)}\n`);
    }
    out.push(['demo.incidents', incidents.length]);
    return out;
  } finally {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  demoReplay().then(
    (lines) => lines.forEach(([k, v]) => process.stdout.write(`${k} ${Number.isFinite(v) ? Number(v.toFixed(3)) : 'NaN'}\n`)),
    (err) => {
      process.stderr.write(`${String(err?.stack ?? err)}\n`);
      process.exit(1);
    },
  );
}
