/** Local days and the send rule in IANA zones, on DST change days. */
import { describe, expect, it } from 'vitest';
import { dueDate } from '../../src/digest/job.js';
import { localDate, localDayRange } from '../../src/digest/time.js';

const H = 3_600_000;
const cfg = (timeZone: string, hour: number) => ({ digest: { recipients: [], timeZone, hour } });

describe('local days', () => {
  it('are 23 hours when clocks spring forward and 25 when they fall back (Dublin)', () => {
    const spring = localDayRange('2026-03-29', 'Europe/Dublin');
    expect(new Date(spring.from).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(spring.to - spring.from).toBe(23 * H);
    const autumn = localDayRange('2026-10-25', 'Europe/Dublin');
    expect(new Date(autumn.from).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(autumn.to - autumn.from).toBe(25 * H);
  });

  it('start at local midnight in New York, EST before the change and EDT after', () => {
    expect(new Date(localDayRange('2026-03-07', 'America/New_York').from).toISOString()).toBe('2026-03-07T05:00:00.000Z');
    expect(new Date(localDayRange('2026-03-09', 'America/New_York').from).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(localDayRange('2026-03-08', 'America/New_York').to - localDayRange('2026-03-08', 'America/New_York').from).toBe(23 * H);
  });

  it('handle zones east of UTC and half-hour offsets', () => {
    expect(new Date(localDayRange('2026-03-10', 'Asia/Kolkata').from).toISOString()).toBe('2026-03-09T18:30:00.000Z');
    expect(localDate(Date.UTC(2026, 2, 9, 18, 30), 'Asia/Kolkata')).toBe('2026-03-10');
    expect(localDate(Date.UTC(2026, 2, 9, 18, 29), 'Asia/Kolkata')).toBe('2026-03-09');
  });
});

describe('the send rule', () => {
  it('makes yesterday due from the configured local hour, not before', () => {
    expect(dueDate(Date.UTC(2026, 2, 11, 10, 59), cfg('America/New_York', 7))).toBeNull();
    expect(dueDate(Date.UTC(2026, 2, 11, 11, 0), cfg('America/New_York', 7))).toBe('2026-03-10');
    expect(dueDate(Date.UTC(2026, 2, 11, 3, 59), cfg('America/New_York', 7))).toBe('2026-03-09'); // still the evening of the 10th there
  });

  it('sends at 03:00 when the configured 02:00 does not exist on the spring-forward day', () => {
    // 2026-03-08 in New York: 01:59 EST is followed by 03:00 EDT.
    expect(dueDate(Date.UTC(2026, 2, 8, 6, 59), cfg('America/New_York', 2))).toBeNull();
    expect(dueDate(Date.UTC(2026, 2, 8, 7, 0), cfg('America/New_York', 2))).toBe('2026-03-07');
  });
});
