/**
 * Communication metrics of one incident (DESIGN.md "Comms metrics"; definitions in docs/metrics.md).
 */
import { MINUTE_MS } from './buckets.js';
import type { Incident, OfficialUpdate } from './incidents.js';
import type { SentimentLabel } from '../types.js';

/** One classified post about the incident's product. */
export interface PostRecord {
  publishedAt: number;
  outage: boolean;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
}

export interface CommsOptions {
  /** Window before/after each update for the "did speaking help?" comparison. Default 30 min. */
  windowMs: number;
  /** An update "covers" this long after it; later is silence. Default 30 min (= windowMs). */
  coverMs: number;
}

export const DEFAULT_COMMS_OPTIONS: Readonly<CommsOptions> = Object.freeze({
  windowMs: 30 * MINUTE_MS,
  coverMs: 30 * MINUTE_MS,
});

/** Counts over a set of posts; shares and mean are null when there are no posts. */
export interface PostWindowStats {
  posts: number;
  negative: number;
  commsComplaints: number;
  churn: number;
  negativeShare: number | null;
  commsComplaintShare: number | null;
  meanSentiment: number | null;
}

export interface UpdateEffect {
  updateId: string;
  status: OfficialUpdate['status'];
  postedAt: number;
  before: PostWindowStats;
  after: PostWindowStats;
  /** after.negativeShare − before.negativeShare (null if either is null). Negative = speaking helped. */
  negativeShareChange: number | null;
  meanSentimentChange: number | null;
}

export interface Interval {
  from: number;
  to: number;
}

export interface CommsMetrics {
  /** Start of the open span: the earlier of (firstSignalAt ?? detectedAt) and acknowledgedAt. */
  openFrom: number | null;
  /** End of the open span: resolvedAt ?? now. */
  openTo: number;
  /** acknowledgedAt − firstSignalAt (the silence gap); negative if the provider spoke first. */
  ttaFromFirstSignalMs: number | null;
  /** acknowledgedAt − detectedAt. */
  ttaFromDetectionMs: number | null;
  /** Not yet acknowledged: how long customers have been waiting (openTo − openFrom). */
  unacknowledgedForMs: number | null;
  /** Longest gap between consecutive official communications while open, counting the stretch from
   *  openFrom to the first update and, while open or if the last update is not a resolve, from the last update to openTo. */
  longestSilenceMs: number | null;
  longestSilence: Interval | null;
  updates: number;
  /** Mean and median time between consecutive updates (null with fewer than 2). */
  meanUpdateIntervalMs: number | null;
  medianUpdateIntervalMs: number | null;
  /** Silent stretches: time in the open span not within coverMs after an update. */
  silentStretches: Interval[];
  silentMs: number;
  /** Covered stretches: within coverMs after an update, inside the open span. */
  coveredStretches: Interval[];
  coveredMs: number;
  postsDuringSilence: PostWindowStats;
  postsDuringCover: PostWindowStats;
  /** Over the whole open span. */
  overall: PostWindowStats;
  perUpdate: UpdateEffect[];
}

export function windowStats(posts: readonly PostRecord[]): PostWindowStats {
  let negative = 0;
  let commsComplaints = 0;
  let churn = 0;
  let sum = 0;
  for (const p of posts) {
    if (p.sentimentLabel === 'neg') negative++;
    if (p.commsComplaint) commsComplaints++;
    if (p.churn) churn++;
    sum += p.sentimentScore;
  }
  const n = posts.length;
  return {
    posts: n,
    negative,
    commsComplaints,
    churn,
    negativeShare: n ? negative / n : null,
    commsComplaintShare: n ? commsComplaints / n : null,
    meanSentiment: n ? sum / n : null,
  };
}

const inAny = (t: number, xs: readonly Interval[]) => xs.some((x) => t >= x.from && t < x.to);
const total = (xs: readonly Interval[]) => xs.reduce((a, x) => a + (x.to - x.from), 0);
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export function commsMetrics(
  incident: Incident,
  posts: readonly PostRecord[],
  now: number,
  options: Partial<CommsOptions> = {},
): CommsMetrics {
  const opts = { ...DEFAULT_COMMS_OPTIONS, ...options };
  const updates = [...incident.updates].sort((a, b) => a.postedAt - b.postedAt);
  const noticed = incident.firstSignalAt ?? incident.detectedAt;
  const openFrom = noticed === null ? incident.acknowledgedAt
    : incident.acknowledgedAt === null ? noticed : Math.min(noticed, incident.acknowledgedAt);
  const openTo = incident.resolvedAt ?? now;
  const times = updates.map((u) => u.postedAt);

  // silences: openFrom → first update → … → last update → openTo (unless the last update resolved it)
  const marks: number[] = [];
  if (openFrom !== null) marks.push(openFrom);
  for (const t of times) if (t <= openTo) marks.push(t);
  const last = updates.filter((u) => u.postedAt <= openTo).pop();
  if (!last || last.status !== 'resolved' || last.postedAt < openTo) marks.push(openTo);
  let longest: Interval | null = null;
  for (let i = 1; i < marks.length; i++) {
    const from = marks[i - 1] as number;
    const to = marks[i] as number;
    if (to > from && (!longest || to - from > longest.to - longest.from)) longest = { from, to };
  }

  // covered = within coverMs after an update; silent = the rest of the open span
  const covered: Interval[] = [];
  const silent: Interval[] = [];
  if (openFrom !== null) {
    let cursor = openFrom;
    for (const t of times) {
      const from = Math.max(t, openFrom);
      const to = Math.min(t + opts.coverMs, openTo);
      if (to <= from || to <= cursor) continue;
      if (from > cursor) silent.push({ from: cursor, to: Math.min(from, openTo) });
      const c = { from: Math.max(from, cursor), to };
      covered.push(c);
      cursor = to;
    }
    if (cursor < openTo) silent.push({ from: cursor, to: openTo });
  }

  const inOpen = posts.filter((p) => openFrom !== null && p.publishedAt >= openFrom && p.publishedAt < openTo);
  const intervals = times.slice(1).map((t, i) => t - (times[i] as number));
  const sortedIntervals = [...intervals].sort((a, b) => a - b);
  const mid = sortedIntervals.length >> 1;

  const perUpdate: UpdateEffect[] = updates.map((u) => {
    const before = windowStats(posts.filter((p) => p.publishedAt >= u.postedAt - opts.windowMs && p.publishedAt < u.postedAt));
    const after = windowStats(posts.filter((p) => p.publishedAt >= u.postedAt && p.publishedAt < u.postedAt + opts.windowMs));
    return {
      updateId: u.updateId,
      status: u.status,
      postedAt: u.postedAt,
      before,
      after,
      negativeShareChange: diff(after.negativeShare, before.negativeShare),
      meanSentimentChange: diff(after.meanSentiment, before.meanSentiment),
    };
  });

  return {
    openFrom,
    openTo,
    ttaFromFirstSignalMs: diff(incident.acknowledgedAt, incident.firstSignalAt),
    ttaFromDetectionMs: diff(incident.acknowledgedAt, incident.detectedAt),
    unacknowledgedForMs: incident.acknowledgedAt === null && openFrom !== null ? openTo - openFrom : null,
    longestSilenceMs: longest ? longest.to - longest.from : null,
    longestSilence: longest,
    updates: updates.length,
    meanUpdateIntervalMs: intervals.length ? intervals.reduce((a, b) => a + b, 0) / intervals.length : null,
    medianUpdateIntervalMs: sortedIntervals.length === 0 ? null
      : sortedIntervals.length % 2 ? (sortedIntervals[mid] as number)
      : ((sortedIntervals[mid - 1] as number) + (sortedIntervals[mid] as number)) / 2,
    silentStretches: silent,
    silentMs: total(silent),
    coveredStretches: covered,
    coveredMs: total(covered),
    postsDuringSilence: windowStats(inOpen.filter((p) => inAny(p.publishedAt, silent))),
    postsDuringCover: windowStats(inOpen.filter((p) => inAny(p.publishedAt, covered))),
    overall: windowStats(inOpen),
    perUpdate,
  };
}
