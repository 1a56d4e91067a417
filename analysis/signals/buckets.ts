/**
 * Time buckets. All times are epoch milliseconds, UTC. Buckets are half-open: [start, start + size).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** Default bucket: 5 minutes. */
export const BUCKET_MS = 5 * MINUTE_MS;
/** 1970-01-01 was a Thursday; shifting by 4 days makes week slots start on Monday 00:00 UTC. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

/** Start of the bucket of size `sizeMs` that contains `ms` (floor, also for times before 1970). */
export function bucketStart(ms: number, sizeMs: number = BUCKET_MS): number {
  if (!(sizeMs > 0)) throw new RangeError(`bucket size must be > 0, got ${sizeMs}`);
  return Math.floor(ms / sizeMs) * sizeMs;
}

/** Hour of the week in UTC, 0 = Monday 00:00–01:00, 167 = Sunday 23:00–24:00. */
export function hourOfWeek(ms: number): number {
  const inWeek = (((ms - MONDAY_OFFSET_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS;
  return Math.floor(inWeek / HOUR_MS);
}

export interface BucketCount {
  /** Bucket start, epoch ms. */
  bucketStart: number;
  count: number;
}

/**
 * Roll counts up to a coarser bucket (e.g. 5 min → hour or day). Input may be sparse and unsorted;
 * output is sorted by bucket start and holds only non-empty coarse buckets. `sizeMs` must be a
 * multiple of the input bucket size for the result to be exact.
 */
export function rollUp(points: readonly BucketCount[], sizeMs: number): BucketCount[] {
  const sums = new Map<number, number>();
  for (const p of points) {
    const b = bucketStart(p.bucketStart, sizeMs);
    sums.set(b, (sums.get(b) ?? 0) + p.count);
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([bucketStart, count]) => ({ bucketStart, count }));
}

export const toHourly = (points: readonly BucketCount[]): BucketCount[] => rollUp(points, HOUR_MS);
export const toDaily = (points: readonly BucketCount[]): BucketCount[] => rollUp(points, DAY_MS);

/** Dense array of counts for buckets [from, to) (missing buckets are 0). */
export function densify(points: readonly BucketCount[], from: number, to: number, sizeMs: number = BUCKET_MS): number[] {
  const n = Math.max(0, Math.ceil((to - from) / sizeMs));
  const out = new Array<number>(n).fill(0);
  for (const p of points) {
    const i = Math.floor((p.bucketStart - from) / sizeMs);
    if (i >= 0 && i < n) out[i] = (out[i] ?? 0) + p.count;
  }
  return out;
}
