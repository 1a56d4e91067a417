import { describe, expect, it } from 'vitest';
import { BUCKET_MS, bucketStart, densify, hourOfWeek, rollUp, toDaily, toHourly } from '../../analysis/signals/index.js';
import { MONDAY, at } from './synthetic.js';

describe('buckets', () => {
  it('floors a time to the start of its 5-minute bucket by default', () => {
    expect(bucketStart(at(0, 10, 7) + 1234)).toBe(at(0, 10, 5));
    expect(bucketStart(at(0, 10, 5))).toBe(at(0, 10, 5));
    expect(bucketStart(-1, BUCKET_MS)).toBe(-BUCKET_MS);
  });

  it('numbers hours of the week from Monday 00:00 UTC', () => {
    expect(hourOfWeek(MONDAY)).toBe(0);
    expect(hourOfWeek(at(1, 3, 59))).toBe(27);
    expect(hourOfWeek(at(6, 23, 30))).toBe(167);
    expect(hourOfWeek(at(7, 0))).toBe(0);
  });

  it('rolls 5-minute counts up to hours and days, summing and sorting', () => {
    const points = [
      { bucketStart: at(0, 10, 55), count: 2 },
      { bucketStart: at(0, 10, 0), count: 1 },
      { bucketStart: at(0, 11, 0), count: 4 },
      { bucketStart: at(1, 0, 0), count: 5 },
    ];
    expect(toHourly(points)).toEqual([
      { bucketStart: at(0, 10), count: 3 },
      { bucketStart: at(0, 11), count: 4 },
      { bucketStart: at(1, 0), count: 5 },
    ]);
    expect(toDaily(points)).toEqual([
      { bucketStart: at(0, 0), count: 7 },
      { bucketStart: at(1, 0), count: 5 },
    ]);
    expect(rollUp(points, 30 * 60_000)[0]).toEqual({ bucketStart: at(0, 10), count: 1 });
  });

  it('densifies a sparse series with zeros', () => {
    expect(densify([{ bucketStart: at(0, 0, 10), count: 3 }], at(0, 0), at(0, 0, 20))).toEqual([0, 0, 3, 0]);
  });
});
