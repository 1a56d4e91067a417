/**
 * The digest's content as a plain model: what the HTML and text renderers show and what the subject
 * carries. Pure: data in (src/digest/data.ts), model out; no clock, no I/O.
 */
import type { RollupCounts } from '../../db/queries/trends.js';
import type { DigestData } from './data.js';
import { pickQuotes, type Quote } from './quotes.js';
import { localParts } from './time.js';

export interface DigestOptions {
  /** Dashboard base URL, no trailing slash: the only URL the message links to. */
  publicUrl: string;
  products: readonly { id: string; name: string }[];
  provider: string;
  demo: boolean;
}

export interface IncidentLine {
  id: number;
  product: string;
  regions: string[];
  state: 'open' | 'resolved';
  /** Local "HH:MM" of the first customer signal. */
  startedAt: string;
  /** Minutes from the first customer signal to the first official update; null when none yet. */
  ttfuMin: number | null;
  /** Minutes customers have waited without any update (only when none yet). */
  waitingMin: number | null;
  longestSilenceMin: number | null;
  updates: number;
  /** Share of the incident's posts complaining about communication (0–1), null when unknown. */
  commsShare: number | null;
  silenceCost: number | null;
  currency: string;
  costTerms: { name: string; amount: number }[];
  link: string;
}

export interface Change {
  now: number;
  before: number;
}

export interface Mover {
  key: string;
  label: string;
  negative: Change;
  delta: number;
}

export interface DigestModel {
  date: string;
  dateLabel: string;
  timeZone: string;
  demo: boolean;
  provider: string;
  quiet: boolean;
  headline: {
    incidents: number;
    /** Worst (largest) time to first update of the day's incidents, minutes. */
    ttfuMin: number | null;
    unacknowledged: number;
    longestSilenceMin: number | null;
    silenceCost: number;
    currency: string;
  };
  /** The one-line summary (also the subject, without the date). */
  summary: string;
  subject: string;
  incidents: IncidentLine[];
  trend: { posts: Change; outagePosts: Change; negativeShare: Change; sentimentMean: Change; commsComplaints: Change };
  hourly: { label: string; outagePosts: number }[];
  movers: { products: Mover[]; regions: Mover[] };
  quotes: Quote[];
  week: { incidents: number; silenceCost: number; outagePosts: Change; posts: Change };
  links: { overview: string; incidents: string; breakdown: string; posts: string };
}

type StoredMetrics = {
  comms?: { ttaFromFirstSignalMs?: number | null; unacknowledgedForMs?: number | null; longestSilenceMs?: number | null; updates?: number; overall?: { commsComplaintShare?: number | null } };
  cost?: { silence?: { total: number; currency: string; terms: { name: string; amount: number }[] } };
};

const ZERO: RollupCounts = { posts: 0, outagePosts: 0, negative: 0, positive: 0, commsComplaints: 0, churn: 0, revenue: 0, credit: 0, sentimentSum: 0 };
const minutes = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Math.round(ms / 60_000));

const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** $18k, $1.2k, $950, $1.3M. */
export function money(amount: number, currency = 'USD'): string {
  const s = symbols[currency] ?? `${currency} `;
  const a = Math.abs(amount);
  const body = a >= 1e6 ? `${(a / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M` : a >= 1e4 ? `${Math.round(a / 1e3)}k` : a >= 1e3 ? `${(a / 1e3).toFixed(1)}k` : `${Math.round(a)}`;
  return `${amount < 0 ? '−' : ''}${s}${body.replace('.0', '')}`;
}

/** "+12%", "−4%", "×28" (three times or more), "new" (from zero), "±0%". */
export function pctChange(c: Change): string {
  if (c.before === 0) return c.now === 0 ? '±0%' : 'new';
  const ratio = c.now / c.before;
  // "×28" reads faster than "+2737%".
  if (ratio >= 3) return `×${ratio < 10 ? (Math.round(ratio * 10) / 10).toString() : Math.round(ratio)}`;
  const p = Math.round(((c.now - c.before) / c.before) * 100);
  return p === 0 ? '±0%' : p > 0 ? `+${p}%` : `−${-p}%`;
}

/** Share as a percentage with the change in points: "1.3% (−0.1 pt)". */
export function pointChange(c: Change): string {
  const d = Math.round((c.now - c.before) * 1000) / 10;
  return d === 0 ? '±0 pt' : d > 0 ? `+${d} pt` : `−${-d} pt`;
}

/** Signed difference of a score: "+0.04", "−0.01", "±0". */
export function diffChange(c: Change, digits = 2): string {
  const d = Number((c.now - c.before).toFixed(digits));
  return d === 0 ? '±0' : d > 0 ? `+${d.toFixed(digits)}` : `−${(-d).toFixed(digits)}`;
}

const termLabels: Record<string, string> = { revenue_at_risk: 'revenue at risk', support_load: 'support load', sla_credits: 'SLA credits', brand: 'brand' };

/** "revenue at risk", "SLA credits": a cost term's name for people. */
export function termLabel(name: string): string {
  return termLabels[name] ?? name.replace(/_/g, ' ');
}

export function durationLabel(min: number): string {
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function hhmm(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

function dateLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function shortDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

const share = (c: RollupCounts) => (c.posts ? c.negative / c.posts : 0);
const mean = (c: RollupCounts) => (c.posts ? c.sentimentSum / c.posts : 0);

function movers(day: readonly { key: string; negative: number }[], before: readonly { key: string; negative: number }[], label: (k: string) => string): Mover[] {
  const prev = new Map(before.map((r) => [r.key, r.negative]));
  return day
    .filter((r) => r.key !== '*')
    .map((r) => {
      const b = prev.get(r.key) ?? 0;
      return { key: r.key, label: label(r.key), negative: { now: r.negative, before: b }, delta: r.negative - b };
    })
    .filter((m) => m.delta > 0)
    .sort((a, b) => b.delta - a.delta || a.key.localeCompare(b.key))
    .slice(0, 3);
}

const regionLabels: Record<string, string> = { NA: 'North America', LATAM: 'Latin America', EMEA: 'Europe, Middle East & Africa', APAC: 'Asia-Pacific', unknown: 'No region named' };

export function incidentLine(i: DigestData['incidents'][number], tz: string, o: DigestOptions): IncidentLine {
  const m = (i.metrics ?? {}) as StoredMetrics;
  const silence = m.cost?.silence;
  return {
    id: i.id,
    product: o.products.find((p) => p.id === i.product)?.name ?? i.product,
    regions: i.regions.filter((r) => r !== 'unknown'),
    state: i.state,
    startedAt: hhmm(i.firstSignalAt, tz),
    ttfuMin: i.acknowledgedAt === null ? null : minutes(m.comms?.ttaFromFirstSignalMs ?? i.acknowledgedAt - i.firstSignalAt),
    waitingMin: i.acknowledgedAt === null ? minutes(m.comms?.unacknowledgedForMs ?? null) : null,
    longestSilenceMin: minutes(m.comms?.longestSilenceMs ?? null),
    updates: m.comms?.updates ?? 0,
    commsShare: m.comms?.overall?.commsComplaintShare ?? null,
    silenceCost: silence ? silence.total : null,
    currency: silence?.currency ?? 'USD',
    costTerms: silence ? silence.terms.map((t) => ({ name: t.name, amount: t.amount })) : [],
    link: `${o.publicUrl}/incidents/${i.id}`,
  };
}

export function buildDigest(d: DigestData, o: DigestOptions): DigestModel {
  const tz = d.timeZone;
  const productName = (id: string) => o.products.find((p) => p.id === id)?.name ?? id;
  const incidents = d.incidents.map((i) => incidentLine(i, tz, o));
  const acked = incidents.map((i) => i.ttfuMin).filter((x): x is number => x !== null);
  const silences = incidents.map((i) => i.longestSilenceMin).filter((x): x is number => x !== null);
  const currency = incidents[0]?.currency ?? 'USD';
  const silenceCost = incidents.reduce((a, i) => a + (i.silenceCost ?? 0), 0);
  const headline = {
    incidents: incidents.length,
    ttfuMin: acked.length ? Math.max(...acked) : null,
    unacknowledged: incidents.filter((i) => i.ttfuMin === null).length,
    longestSilenceMin: silences.length ? Math.max(...silences) : null,
    silenceCost,
    currency,
  };
  const dayTotal = d.products.day.find((r) => r.key === '*') ?? ZERO;
  const lastTotal = d.products.lastWeekDay.find((r) => r.key === '*') ?? ZERO;
  const quiet = incidents.length === 0;

  let summary: string;
  if (quiet) {
    summary = `Quiet day: no incidents, ${dayTotal.outagePosts} outage post${dayTotal.outagePosts === 1 ? '' : 's'} (${pctChange({ now: dayTotal.outagePosts, before: lastTotal.outagePosts })} vs last week)`;
  } else {
    const parts = [`${incidents.length} incident${incidents.length === 1 ? '' : 's'}`];
    if (headline.ttfuMin !== null) parts.push(`${incidents.length > 1 ? 'worst ' : ''}${headline.ttfuMin} min to first update`);
    if (headline.unacknowledged) parts.push(`${headline.unacknowledged} with no update yet`);
    parts.push(`est. ${money(silenceCost, currency)} silence cost`);
    summary = parts.join(', ');
  }
  const weekCost = d.weekIncidents.reduce((a, i) => a + (((i.metrics ?? {}) as StoredMetrics).cost?.silence?.total ?? 0), 0);
  const wk = d.weekTotals.week ?? ZERO;
  const lwk = d.weekTotals.lastWeek ?? ZERO;
  const base = o.publicUrl;
  const q = `period=1d&to=${d.date}`;
  return {
    date: d.date,
    dateLabel: dateLabel(d.date),
    timeZone: tz,
    demo: o.demo,
    provider: o.provider,
    quiet,
    headline,
    summary,
    subject: `${o.demo ? '[demo] ' : ''}${summary} · ${shortDate(d.date)}`,
    incidents,
    trend: {
      posts: { now: dayTotal.posts, before: lastTotal.posts },
      outagePosts: { now: dayTotal.outagePosts, before: lastTotal.outagePosts },
      negativeShare: { now: share(dayTotal), before: share(lastTotal) },
      sentimentMean: { now: mean(dayTotal), before: mean(lastTotal) },
      commsComplaints: { now: dayTotal.commsComplaints, before: lastTotal.commsComplaints },
    },
    hourly: d.hourly.map((h) => ({ label: hhmm(h.t, tz).slice(0, 2), outagePosts: h.outagePosts })),
    movers: {
      products: movers(d.products.day, d.products.lastWeekDay, productName),
      // Posts naming no region are not a place an executive can act on.
      regions: movers(d.regions.day.filter((r) => r.key !== 'unknown'), d.regions.lastWeekDay, (k) => regionLabels[k] ?? k),
    },
    quotes: quiet ? [] : pickQuotes(d.quotes),
    week: {
      incidents: d.weekIncidents.length,
      silenceCost: weekCost,
      outagePosts: { now: wk.outagePosts, before: lwk.outagePosts },
      posts: { now: wk.posts, before: lwk.posts },
    },
    links: {
      overview: `${base}/?${q}`,
      incidents: `${base}/incidents?${q}`,
      breakdown: `${base}/breakdown?${q}`,
      posts: `${base}/posts?${q}&sentiment=neg`,
    },
  };
}
