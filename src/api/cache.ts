/**
 * A short-lived, per-app cache for rollup reads (trends, breakdown). Many clients polling the same
 * series — dashboards, the support leads' scripts — then cost one query per TTL instead of one each.
 * Rollups change only when a batch is ingested, so the price is at most `ttlMs` of staleness.
 * Concurrent misses for one key share one query (the promise is cached). Process-local: on Workers
 * each isolate has its own.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  until: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<object, Map<string, Entry>>();

export function cachedRead<T>(owner: object, key: string, load: () => Promise<T>, ttlMs = TTL_MS): Promise<T> {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new Map();
    caches.set(owner, cache);
  }
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  if (hit) cache.delete(key);
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, e] of cache) {
      if (e.until <= now || cache.size >= MAX_ENTRIES) cache.delete(k);
      if (cache.size < MAX_ENTRIES * 0.9) break;
    }
  }
  const value = load();
  const entry = { until: now + ttlMs, value };
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
