/**
 * The contract between ingest/ connectors and whoever stores their output.
 * A connector turns one source's responses into RawPost[] (customers' words) and, for a provider's
 * status page, OfficialUpdate[] (the provider's words), plus the cursor for the next pull.
 */
import type { Fetcher } from './fetch/types.js';

/** Connector kinds with a pull implementation (push/import sources have none). */
export type SourceKind = 'rss' | 'reddit' | 'hackernews' | 'mastodon' | 'bluesky' | 'discourse' | 'statuspage';

/** What a connector needs to know about a source (a subset of the db `sources` row). */
export interface SourceConfig {
  id: number;
  kind: string;
  url: string;
  name: string;
  /** Per-kind options (json column); every connector accepts `maxPages`. */
  options?: Record<string, unknown> | null;
}

/** Persisted per source between pulls (db columns cursor, etag, last_modified). */
export interface SourceState {
  cursor: string | null;
  etag: string | null;
  lastModified: string | null;
}

export interface RawPost {
  /** Set by the caller (storage), never by a connector. */
  sourceId?: number;
  /** Unique within the source (guid, fullname, status id, AT uri…). */
  externalId: string;
  url?: string;
  /** sha-256 hex of the trimmed, lower-cased handle. The raw handle is never kept. */
  authorHash?: string;
  title?: string;
  /** Plain text (HTML already turned into text). Never empty. */
  text: string;
  /** Epoch ms. */
  publishedAt: number;
  parentId?: string;
  threadId?: string;
  lang?: string;
  meta?: Record<string, unknown>;
}

export type OfficialStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | (string & {});

export interface OfficialUpdate {
  incidentId: string;
  updateId: string;
  /** Lower-case snake_case; the four classic values are typed, others (postmortem, scheduled…) pass through. */
  status: OfficialStatus;
  /** Affected component names as the status page spells them (mapped to products by config later). */
  components: string[];
  title?: string;
  body: string;
  /** Epoch ms. */
  postedAt: number;
  url?: string;
  meta?: Record<string, unknown>;
}

export interface ConnectorResult {
  posts: RawPost[];
  officialUpdates?: OfficialUpdate[];
  /** Cursor to store for the next pull (unchanged when nothing new). */
  cursor: string | null;
  /** True when the source answered 304 (or every sub-request did): nothing to store but state. */
  notModified?: boolean;
  /** Validators of the source URL to store for the next conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
}

export interface ConnectorContext {
  fetch: Fetcher;
  /** Epoch ms of this pull (connectors never read the clock). */
  now: number;
}

export interface Connector {
  kind: SourceKind;
  pull(source: SourceConfig, state: SourceState, ctx: ConnectorContext): Promise<ConnectorResult>;
}
