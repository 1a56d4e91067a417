/**
 * Alerts derived from spikes and incidents: kinds `spike`, `silence`, `recovery`. Unique per
 * (kind, product, region, bucketStart) — the alerts table enforces it, so re-running is harmless.
 */
import { BUCKET_MS, MINUTE_MS, HOUR_MS, bucketStart } from './buckets.js';
import type { Incident } from './incidents.js';
import { ALL_REGIONS, type Severity, type Spike } from './spikes.js';

export type AlertKind = 'spike' | 'silence' | 'recovery';

export interface SignalAlert {
  kind: AlertKind;
  product: string;
  region: string;
  /** Part of the alert's identity (see module comment). */
  bucketStart: number;
  /** spike: outage signals in the bucket; silence: minutes silent; recovery: peak signals per bucket. */
  observed: number;
  /** spike: expected signals; silence: allowed minutes; recovery: expected at the peak. */
  expected: number;
  /** spike: (o − e)/sqrt(e + 1); silence: silent / allowed; recovery: 0. */
  score: number;
  severity: Severity;
  incidentKey: string | null;
}

export function spikeAlert(spike: Spike, incidentKey: string | null = null): SignalAlert {
  return {
    kind: 'spike',
    product: spike.product,
    region: spike.region,
    bucketStart: spike.bucketStart,
    observed: spike.observed,
    expected: spike.expected,
    score: spike.score,
    severity: spike.severity,
    incidentKey,
  };
}

export interface SilenceAlertOptions {
  /** Open incident with no official word for longer than this → silence alert. Default 30 min. */
  silenceAfterMs: number;
  /** Recovery alerts for incidents resolved within this long before now. Default 24 h. */
  recoveryLookbackMs: number;
  bucketMs: number;
}

export const DEFAULT_SILENCE_ALERT_OPTIONS: Readonly<SilenceAlertOptions> = Object.freeze({
  silenceAfterMs: 30 * MINUTE_MS,
  recoveryLookbackMs: 24 * HOUR_MS,
  bucketMs: BUCKET_MS,
});

function silenceSeverity(ratio: number): Severity {
  if (ratio >= 8) return 'critical';
  if (ratio >= 4) return 'high';
  if (ratio >= 2) return 'medium';
  return 'low';
}

/**
 * Open incidents whose last official update (or, before any, their first signal) is older than
 * `silenceAfterMs` at `now`. One alert per silent stretch: its bucket is the bucket in which the
 * allowed silence ran out, so a new update followed by a new silence gives a new alert.
 */
export function silenceAlerts(
  incidents: readonly Incident[],
  now: number,
  options: Partial<SilenceAlertOptions> = {},
): SignalAlert[] {
  const opts = { ...DEFAULT_SILENCE_ALERT_OPTIONS, ...options };
  const out: SignalAlert[] = [];
  for (const inc of incidents) {
    if (inc.state !== 'open') continue;
    const spoken = inc.updates.map((u) => u.postedAt).filter((t) => t <= now);
    const lastWord = spoken.length > 0 ? Math.max(...spoken) : (inc.firstSignalAt ?? inc.detectedAt);
    if (lastWord === null) continue;
    const silentMs = now - lastWord;
    if (silentMs <= opts.silenceAfterMs) continue;
    const ratio = silentMs / opts.silenceAfterMs;
    out.push({
      kind: 'silence',
      product: inc.product,
      region: ALL_REGIONS,
      bucketStart: bucketStart(lastWord + opts.silenceAfterMs, opts.bucketMs),
      observed: silentMs / MINUTE_MS,
      expected: opts.silenceAfterMs / MINUTE_MS,
      score: ratio,
      severity: silenceSeverity(ratio),
      incidentKey: inc.key,
    });
  }
  return out;
}

/** Incidents resolved (officially or by signals back at baseline) within the look-back window. */
export function recoveryAlerts(
  incidents: readonly Incident[],
  now: number,
  options: Partial<SilenceAlertOptions> = {},
): SignalAlert[] {
  const opts = { ...DEFAULT_SILENCE_ALERT_OPTIONS, ...options };
  return incidents
    .filter((i) => i.state === 'resolved' && i.resolvedAt !== null && i.resolvedAt <= now && now - i.resolvedAt <= opts.recoveryLookbackMs)
    .map((i) => ({
      kind: 'recovery' as const,
      product: i.product,
      region: ALL_REGIONS,
      bucketStart: bucketStart(i.resolvedAt as number, opts.bucketMs),
      observed: i.peak?.observed ?? 0,
      expected: i.peak?.expected ?? 0,
      score: 0,
      severity: 'low' as const,
      incidentKey: i.key,
    }));
}
