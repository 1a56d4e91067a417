/** Small helpers every connector shares: author hashing, time parsing, options, de-duplication. */
import { createHash } from 'node:crypto';
import { FetchError } from '../fetch/errors.js';
import type { RawPost, SourceConfig } from '../types.js';

export const DEFAULT_MAX_PAGES = 5;

/** sha-256 hex of the trimmed, lower-cased handle; undefined for empty or deleted authors. */
export function authorHash(handle: unknown): string | undefined {
  if (typeof handle !== 'string') return undefined;
  const h = handle.trim().toLowerCase();
  if (h === '' || h === '[deleted]' || h === '[removed]') return undefined;
  return createHash('sha256').update(h).digest('hex');
}

/** Epoch ms from an ISO/RFC 822 string, epoch seconds (number < 1e11) or ms; null if unusable. */
export function toMs(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e11 ? Math.round(v * 1000) : Math.round(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const t = Date.parse(v.trim());
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

export function option<T>(source: SourceConfig, name: string, fallback: T): T {
  const v = source.options?.[name];
  return v === undefined || v === null || typeof v !== typeof fallback ? fallback : (v as T);
}

/** Pages a connector may request in one pull (option `maxPages`, 1…50, default 5). */
export function maxPages(source: SourceConfig): number {
  return Math.min(50, Math.max(1, Math.floor(option(source, 'maxPages', DEFAULT_MAX_PAGES))));
}

/** Collects posts, keeping the first of each externalId (pages overlap when new items arrive). */
export class PostCollector {
  readonly posts: RawPost[] = [];
  private readonly seen = new Set<string>();
  add(p: RawPost | null | undefined): boolean {
    if (!p || this.seen.has(p.externalId)) return false;
    this.seen.add(p.externalId);
    this.posts.push(p);
    return true;
  }
}

/** `url` with query parameters set (undefined values are removed). */
export function withQuery(url: string, params: Record<string, string | number | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return u.href;
}

export function badBody(url: string, what: string): FetchError {
  return new FetchError('bad_body', `${what} (${url})`, { url });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (isObject(v) && typeof v['_'] === 'string') return v['_'];
  return undefined;
}

/** Larger of two numeric strings of any length (snowflake ids); null-safe. */
export function maxId(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a > b ? a : b;
}
