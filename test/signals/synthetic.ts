/** Small seeded generators shared by the signal tests. */
import { BUCKET_MS, DAY_MS, HOUR_MS, WEEK_MS, mulberry32, poisson, type BucketCount } from '../../analysis/signals/index.js';

export const MONDAY = Date.UTC(2026, 0, 5); // a Monday, 00:00 UTC
export const at = (day: number, hour: number, minute = 0) => MONDAY + day * DAY_MS + hour * HOUR_MS + minute * 60_000;

/** Realistic background: daily cycle (15 % at night), weekends at 40 %, Poisson per 5-min bucket. */
export function background(seed: number, weeks: number, peak: number): BucketCount[] {
  const rng = mulberry32(seed);
  const out: BucketCount[] = [];
  for (let t = MONDAY; t < MONDAY + weeks * WEEK_MS; t += BUCKET_MS) {
    const h = ((t % DAY_MS) / HOUR_MS + 24 - 5) % 24; // local hour in UTC−5
    const dow = Math.floor(((t - MONDAY) % WEEK_MS) / DAY_MS);
    const day = h >= 7 && h <= 21 ? Math.sin((Math.PI * (h - 7)) / 14) : 0;
    const rate = peak * (dow >= 5 ? 0.4 : 1) * (0.15 + 0.85 * day);
    const count = poisson(rng, rate);
    if (count > 0) out.push({ bucketStart: t, count });
  }
  return out;
}

/** Add counts to buckets (creating them if missing). */
export function inject(points: BucketCount[], start: number, counts: number[]): BucketCount[] {
  const map = new Map(points.map((p) => [p.bucketStart, p.count]));
  counts.forEach((c, i) => {
    const b = start + i * BUCKET_MS;
    map.set(b, (map.get(b) ?? 0) + c);
  });
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([bucketStart, count]) => ({ bucketStart, count }));
}
