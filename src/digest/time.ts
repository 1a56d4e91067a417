/**
 * Local calendar arithmetic in an IANA time zone with nothing but `Intl` (portable: Node and
 * workerd). A local day is [start of D, start of D+1): 23 or 25 hours on a DST change day.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when it is not a valid IANA zone. */
export function checkTimeZone(timeZone: string): void {
  formatter(timeZone);
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** Offset of the zone from UTC at `ms`, in ms (e.g. +3_600_000 for Dublin in summer). */
export function zoneOffset(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (ms % 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of the local date at `ms`. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** Monday = 1 … Sunday = 7 (ISO weekday) of a calendar date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The first instant (UTC ms) of local `date` in the zone; DST-correct (also where midnight is skipped). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // wall − offset, refined: the offset at the guess may differ from the offset at the answer.
  let t = wall - zoneOffset(wall, timeZone);
  for (let i = 0; i < 3; i++) {
    const next = wall - zoneOffset(t, timeZone);
    if (next === t) break;
    t = next;
  }
  // Where 00:00 does not exist (a zone that springs forward at midnight), step to the first local minute of the date.
  while (localDate(t, timeZone) < date) t += 15 * MINUTE_MS;
  while (localDate(t - 15 * MINUTE_MS, timeZone) === date) t -= 15 * MINUTE_MS;
  return t;
}

/** [start, end) of local `date`. */
export function localDayRange(date: string, timeZone: string): { from: number; to: number } {
  return { from: startOfLocalDay(date, timeZone), to: startOfLocalDay(addDays(date, 1), timeZone) };
}
