/**
 * Periods and formatting for the pages. Default periods follow the data, not the wall clock: the
 * demo lies in 2013, so "last 7 days" means the 7 days ending with the newest stored bucket.
 */
import type { Db } from '../../db/client.js';
import { latestRollupAt } from '../../db/queries/dashboard.js';
import { grainSeconds } from '../api/trends.js';

export const DAY = 86_400_000;
export const PERIODS = { '1d': 1, '7d': 7, '30d': 30, '90d': 90 } as const;
export type PeriodKey = keyof typeof PERIODS;

export interface Period {
  key: PeriodKey;
  from: number;
  to: number;
  /** The same length just before. */
  prevFrom: number;
  /** The `to` date as given in the URL (YYYY-MM-DD) or null when it followed the data. */
  toParam: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function resolvePeriod(db: Db, q: { period?: string; to?: string }, now: number): Promise<Period> {
  const key: PeriodKey = q.period && q.period in PERIODS ? (q.period as PeriodKey) : '7d';
  const days = PERIODS[key];
  let to: number;
  let toParam: string | null = null;
  if (q.to && DATE.test(q.to) && Number.isFinite(Date.parse(q.to))) {
    to = Date.parse(q.to) + DAY;
    toParam = q.to;
  } else {
    const latest = (await latestRollupAt(db, grainSeconds())) ?? now;
    to = Math.ceil((latest + 1) / DAY) * DAY;
  }
  const from = to - days * DAY;
  return { key, from, to, prevFrom: from - days * DAY, toParam };
}

export const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const when = (ms: number | null | undefined) => (ms == null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC');

export function minutes(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  const m = Math.round(ms / 60_000);
  return m >= 120 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
}

export const pct = (v: number | null | undefined, digits = 1) => (v == null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`);
export const num = (v: number) => v.toLocaleString('en-US');
export const signed = (v: number | null | undefined, digits = 2) => (v == null || !Number.isFinite(v) ? '—' : (v > 0 ? '+' : '') + v.toFixed(digits));

export function money(v: number | null | undefined, currency = 'USD'): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A query string from the non-empty values (for links that keep the filters). */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
