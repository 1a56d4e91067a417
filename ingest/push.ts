/**
 * The one item shape of push (`POST /api/v1/ingest`) and import (`barometer import FILE.jsonl`):
 *   {"source": "<source name>", "external_id": "...", "text": "...", "title"?: "...", "url"?: "...",
 *    "author"?: "...", "published_at": "<ISO-8601 with zone>"}
 * An unknown source name creates a `push` source. Validation is hand-written (it runs per line of
 * million-line imports) and every rejection says which field is wrong and why.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client.js';
import { ensurePushSources, touchSource } from '../db/queries/sources.js';
import { authorHash } from './connectors/common.js';
import { prepareBatch, writeBatch, type StoreContext } from './store.js';
import type { RawPost } from './types.js';

export interface PushItem {
  source: string;
  externalId: string;
  text: string;
  title?: string;
  url?: string;
  author?: string;
  publishedAt: number;
}

export const PUSH_LIMITS = { source: 200, externalId: 512, text: 100_000, title: 1_000, url: 2_048, author: 256 } as const;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const KNOWN = new Set(['source', 'external_id', 'text', 'title', 'url', 'author', 'published_at']);

export type ParsedItem = { ok: true; item: PushItem } | { ok: false; reason: string };

function str(o: Record<string, unknown>, key: string, max: number, required: boolean): string | undefined | { error: string } {
  const v = o[key];
  if (v === undefined || v === null) return required ? { error: `${key}: required` } : undefined;
  if (typeof v !== 'string') return { error: `${key}: expected a string, got ${Array.isArray(v) ? 'array' : typeof v}` };
  if (required && v.trim() === '') return { error: `${key}: must not be empty` };
  if (v.length > max) return { error: `${key}: longer than ${max} characters` };
  return v;
}

/** Checked in this order (the first problem is the one reported). Hoisted: this runs per line of million-line imports. */
const FIELDS = [
  ['source', PUSH_LIMITS.source, true],
  ['external_id', PUSH_LIMITS.externalId, true],
  ['text', PUSH_LIMITS.text, true],
  ['title', PUSH_LIMITS.title, false],
  ['url', PUSH_LIMITS.url, false],
  ['author', PUSH_LIMITS.author, false],
  ['published_at', 64, true],
] as const;

/** Validates one decoded item. */
export function parsePushItem(value: unknown): ParsedItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'expected a JSON object' };
  const o = value as Record<string, unknown>;
  for (const [key, max, required] of FIELDS) {
    const v = str(o, key, max, required);
    if (typeof v === 'object') return { ok: false, reason: v.error };
  }
  // All present fields are strings within their limits now.
  const at = o['published_at'] as string;
  const ms = ISO.test(at) ? Date.parse(at) : NaN;
  if (!Number.isFinite(ms)) return { ok: false, reason: `published_at: "${at.slice(0, 40)}" is not an ISO-8601 time with a zone (e.g. 2013-11-08T14:05:00Z)` };
  const url = (o['url'] ?? undefined) as string | undefined;
  if (url !== undefined && !/^https?:\/\//i.test(url)) return { ok: false, reason: 'url: must be an http(s) URL' };
  for (const k in o) if (!KNOWN.has(k)) return { ok: false, reason: `${k.slice(0, 40)}: unknown field` };
  const item: PushItem = { source: (o['source'] as string).trim(), externalId: o['external_id'] as string, text: o['text'] as string, publishedAt: ms };
  const title = o['title'] ?? undefined;
  const author = o['author'] ?? undefined;
  if (title !== undefined) item.title = title as string;
  if (url !== undefined) item.url = url;
  if (author !== undefined) item.author = author as string;
  return { ok: true, item };
}

/** Decodes and validates one JSONL line. */
export function parsePushLine(line: string): ParsedItem {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message.slice(0, 120)}` };
  }
  return parsePushItem(value);
}

export function toRawPost(item: PushItem): RawPost {
  const post: RawPost = { externalId: item.externalId, text: item.text, publishedAt: item.publishedAt };
  if (item.title !== undefined) post.title = item.title;
  if (item.url !== undefined) post.url = item.url;
  const author = item.author !== undefined ? authorHash(item.author) : undefined;
  if (author) post.authorHash = author;
  return post;
}

export interface PushStoreResult {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Items stored per source name. */
  sources: Record<string, number>;
}

/**
 * Stores valid items, grouped by source (unknown names become `push` sources); one atomic batch per
 * source. Analysis of all groups runs first (in parallel with an analysis pool); the writes wait for
 * `before` (the previous batch's writes, when an import keeps two batches in flight) and go in order.
 */
export async function storePushItems(db: Db, ctx: StoreContext, items: PushItem[], now: number, before?: Promise<unknown>): Promise<PushStoreResult> {
  const groups = new Map<string, PushItem[]>();
  for (const item of items) {
    const list = groups.get(item.source);
    if (list) list.push(item);
    else groups.set(item.source, [item]);
  }
  const sources = await ensurePushSources(db, [...groups.keys()]);
  const prepared = await Promise.all(
    [...groups].map(([name, list]) => {
      const src = sources.get(name);
      if (!src) throw new Error(`source "${name}" could not be created`);
      const also: BatchItem<'sqlite'>[] = [touchSource(db, src.id, now)];
      return prepareBatch(db, ctx, {
        source: { id: src.id, kind: src.kind, demo: src.demo, productHint: src.productHint, regionHint: src.regionHint },
        posts: list.map(toRawPost),
        now,
        also,
      });
    }),
  );
  await before;
  const total: PushStoreResult = { inserted: 0, updated: 0, unchanged: 0, skipped: 0, sources: {} };
  const names = [...groups.keys()];
  for (let i = 0; i < prepared.length; i++) {
    const r = await writeBatch(db, prepared[i]!);
    total.inserted += r.inserted;
    total.updated += r.updated;
    total.unchanged += r.unchanged;
    total.skipped += r.skipped;
    total.sources[names[i]!] = groups.get(names[i]!)!.length;
  }
  return total;
}
