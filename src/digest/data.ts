/**
 * Reads what one digest needs, through the same queries the API uses (breakdown and trends over
 * rollups, incidents with their stored metrics), so every number matches `/api/v1/...` for the
 * same [from, to). Portable: no Node built-ins (the Worker's scheduled handler runs it too).
 */
import type { Db } from '../../db/client.js';
import { breakdown, type BreakdownRow } from '../../db/queries/breakdown.js';
import { quoteCandidates, type QuoteCandidate } from '../../db/queries/digest.js';
import { listIncidents, type IncidentRow } from '../../db/queries/incidents.js';
import { ROLLUP_BUCKET_SECONDS } from '../../db/queries/rollups.js';
import { trendSeries, type RollupCounts } from '../../db/queries/trends.js';
import type { Config } from '../config.js';
import { addDays, HOUR_MS, isoWeekday, localDayRange } from './time.js';

export const REGION_KEYS = ['NA', 'LATAM', 'EMEA', 'APAC', 'unknown'] as const;
const ALL = '*';

export interface Range {
  from: number;
  to: number;
}

export interface DigestData {
  date: string;
  timeZone: string;
  /** The local day covered, the same weekday a week before, and week-to-date (Monday → end of the day). */
  day: Range;
  lastWeekDay: Range;
  week: Range;
  lastWeek: Range;
  incidents: IncidentRow[];
  weekIncidents: IncidentRow[];
  /** Rollup counts per product (key '*' = all) and per region (key '*' = all). */
  products: { day: BreakdownRow[]; lastWeekDay: BreakdownRow[] };
  regions: { day: BreakdownRow[]; lastWeekDay: BreakdownRow[] };
  weekTotals: { week: RollupCounts | null; lastWeek: RollupCounts | null };
  /** Outage posts per hour of the day (UTC-hour buckets starting at day.from). */
  hourly: { t: number; outagePosts: number }[];
  quotes: QuoteCandidate[];
}

function total(rows: BreakdownRow[]): RollupCounts | null {
  return rows.find((r) => r.key === ALL) ?? null;
}

export async function loadDigestData(db: Db, config: Config, date: string): Promise<DigestData> {
  const timeZone = config.digest.timeZone;
  const day = localDayRange(date, timeZone);
  const lastWeekDay = localDayRange(addDays(date, -7), timeZone);
  const monday = addDays(date, 1 - isoWeekday(date));
  const week = { from: localDayRange(monday, timeZone).from, to: day.to };
  const lastWeek = { from: localDayRange(addDays(monday, -7), timeZone).from, to: lastWeekDay.to };
  const productKeys = [...config.products.map((p) => p.id), ALL];
  const regionKeys = [...REGION_KEYS, ALL];
  const grainSeconds = ROLLUP_BUCKET_SECONDS;
  const by = (b: 'product' | 'region', r: Range) =>
    breakdown(db, { by: b, fixed: ALL, keys: b === 'product' ? productKeys : regionKeys, from: r.from, to: r.to, grainSeconds });
  const [incidents, weekIncidents, pDay, pLast, rDay, rLast, wk, lwk, series, quotes] = await Promise.all([
    listIncidents(db, { from: day.from, to: day.to, limit: 1000 }),
    listIncidents(db, { from: week.from, to: week.to, limit: 1000 }),
    by('product', day),
    by('product', lastWeekDay),
    by('region', day),
    by('region', lastWeekDay),
    breakdown(db, { by: 'product', fixed: ALL, keys: [ALL], ...week, grainSeconds }),
    breakdown(db, { by: 'product', fixed: ALL, keys: [ALL], ...lastWeek, grainSeconds }),
    trendSeries(db, { product: ALL, region: ALL, from: day.from, to: day.to, bucketMs: 300_000, grainSeconds }),
    quoteCandidates(db, { from: day.from, to: day.to, limit: 400 }),
  ]);
  const hourly: DigestData['hourly'] = [];
  for (let t = day.from; t < day.to; t += HOUR_MS) hourly.push({ t, outagePosts: 0 });
  for (const p of series) {
    const slot = hourly[Math.floor((p.bucketStart - day.from) / HOUR_MS)];
    if (slot) slot.outagePosts += p.outagePosts;
  }
  return {
    date,
    timeZone,
    day,
    lastWeekDay,
    week,
    lastWeek,
    incidents: [...incidents].sort((a, b) => a.firstSignalAt - b.firstSignalAt),
    weekIncidents,
    products: { day: pDay, lastWeekDay: pLast },
    regions: { day: rDay, lastWeekDay: rLast },
    weekTotals: { week: total(wk), lastWeek: total(lwk) },
    hourly,
    quotes,
  };
}
