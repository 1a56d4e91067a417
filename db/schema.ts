/**
 * The one source of truth for Barometer's data (DESIGN.md "Data model"). Migrations in
 * db/migrations are generated from this file with `npm run db:generate` and checked in.
 * Times are epoch milliseconds (UTC) in integer columns; JSON columns hold small arrays/objects.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch() * 1000)`);

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    url: text('url'),
    /** A provider status page: its items are official updates, not customer posts. */
    official: integer('official', { mode: 'boolean' }).notNull().default(false),
    productHint: text('product_hint'),
    regionHint: text('region_hint'),
    pollIntervalSeconds: integer('poll_interval_seconds').notNull().default(300),
    options: text('options', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    cursor: text('cursor'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastPolledAt: integer('last_polled_at'),
    nextPollAt: integer('next_poll_at'),
    lastSuccessAt: integer('last_success_at'),
    lastError: text('last_error'),
    lastErrorAt: integer('last_error_at'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    breakerOpenUntil: integer('breaker_open_until'),
    /** Lease so one source is never pulled twice at once, also across processes sharing the DB. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sources_name_unique').on(t.name), index('sources_due_idx').on(t.enabled, t.nextPollAt)],
);

/**
 * Also over posts, not declared here (drizzle cannot declare virtual tables): `posts_fts`, an
 * external-content FTS5 index of (title, text) keyed by posts.id, kept in step by triggers on posts.
 * It is created in the hand-written migration db/migrations/0002_posts_fts.sql; db/queries/search.ts
 * queries it. See docs/decisions.md (2026-11-26, posts search).
 */
export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    externalId: text('external_id').notNull(),
    url: text('url'),
    /** sha-256 of the author handle: we never store the raw handle. */
    authorHash: text('author_hash'),
    title: text('title'),
    text: text('text').notNull(),
    /** Hash of title+text: an edit changes it and triggers re-analysis. */
    contentHash: text('content_hash').notNull(),
    publishedAt: integer('published_at').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
    lang: text('lang'),
    threadId: text('thread_id'),
    parentId: text('parent_id'),
    sentimentScore: real('sentiment_score').notNull(),
    sentimentLabel: text('sentiment_label', { enum: ['neg', 'neu', 'pos'] }).notNull(),
    outageScore: real('outage_score').notNull(),
    outage: integer('outage', { mode: 'boolean' }).notNull(),
    commsComplaint: integer('comms_complaint', { mode: 'boolean' }).notNull(),
    churn: integer('churn', { mode: 'boolean' }).notNull(),
    revenue: integer('revenue', { mode: 'boolean' }).notNull(),
    credit: integer('credit', { mode: 'boolean' }).notNull(),
    analyzerVersion: text('analyzer_version').notNull(),
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    /**
     * Token of the ingest batch that last inserted or changed this row (db/queries/posts.ts): lets one
     * atomic batch find exactly the rows it wrote and add their rollup counts, with no read-then-write race.
     */
    ingestBatch: text('ingest_batch'),
  },
  (t) => [
    uniqueIndex('posts_source_external_unique').on(t.sourceId, t.externalId),
    index('posts_published_idx').on(t.publishedAt),
    index('posts_outage_published_idx').on(t.outage, t.publishedAt),
  ],
);

export const postProducts = sqliteTable(
  'post_products',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    product: text('product').notNull(),
    publishedAt: integer('published_at').notNull(),
  },
  // post_id last: posts search walks a product's posts newest first in (published_at, id) order, covered
  // by this index (db/queries/search.ts); it still serves every (product, published_at) range.
  (t) => [primaryKey({ columns: [t.postId, t.product] }), index('post_products_product_idx').on(t.product, t.publishedAt, t.postId)],
);

export const postRegions = sqliteTable(
  'post_regions',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    publishedAt: integer('published_at').notNull(),
  },
  // post_id last: as post_products_product_idx, for a search by region.
  (t) => [primaryKey({ columns: [t.postId, t.region] }), index('post_regions_region_idx').on(t.region, t.publishedAt, t.postId)],
);

/**
 * Counts per (bucket, product, region). product '*' / region '*' are the totals over all;
 * region 'unknown' counts posts naming no region. Trends read rollups, never scan posts.
 * Every cell is stored at bucket_seconds 300, 3600 and 86400 (db/queries/rollups.ts ROLLUP_GRAINS).
 */
export const rollups = sqliteTable(
  'rollups',
  {
    bucketStart: integer('bucket_start').notNull(),
    bucketSeconds: integer('bucket_seconds').notNull(),
    product: text('product').notNull(),
    region: text('region').notNull(),
    posts: integer('posts').notNull().default(0),
    outagePosts: integer('outage_posts').notNull().default(0),
    negative: integer('negative').notNull().default(0),
    positive: integer('positive').notNull().default(0),
    commsComplaints: integer('comms_complaints').notNull().default(0),
    churn: integer('churn').notNull().default(0),
    revenue: integer('revenue').notNull().default(0),
    credit: integer('credit').notNull().default(0),
    sentimentSum: real('sentiment_sum').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bucketSeconds, t.product, t.region, t.bucketStart] }),
    index('rollups_bucket_idx').on(t.bucketSeconds, t.bucketStart),
  ],
);

export const officialUpdates = sqliteTable(
  'official_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    /** The provider's incident id (Statuspage `incident.id`). */
    incidentRef: text('incident_ref').notNull(),
    /** The provider's update id (Statuspage `incident_updates[].id`). */
    updateRef: text('update_ref').notNull(),
    status: text('status').notNull(),
    title: text('title'),
    body: text('body').notNull(),
    components: text('components', { mode: 'json' }).$type<string[]>().notNull().default([]),
    products: text('products', { mode: 'json' }).$type<string[]>().notNull().default([]),
    regions: text('regions', { mode: 'json' }).$type<string[]>().notNull().default([]),
    url: text('url'),
    postedAt: integer('posted_at').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('official_updates_source_update_unique').on(t.sourceId, t.updateRef),
    index('official_updates_posted_idx').on(t.postedAt),
  ],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    product: text('product').notNull(),
    regions: text('regions', { mode: 'json' }).$type<string[]>().notNull().default([]),
    firstSignalAt: integer('first_signal_at').notNull(),
    detectedAt: integer('detected_at'),
    acknowledgedAt: integer('acknowledged_at'),
    resolvedAt: integer('resolved_at'),
    peakCount: integer('peak_count').notNull().default(0),
    peakAt: integer('peak_at'),
    officialIncidentRefs: text('official_incident_refs', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Comms metrics and cost of silence as computed by analysis/signals (docs/metrics.md). */
    metrics: text('metrics', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    state: text('state', { enum: ['open', 'resolved'] }).notNull().default('open'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('incidents_product_first_idx').on(t.product, t.firstSignalAt), index('incidents_first_idx').on(t.firstSignalAt)],
);

export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['spike', 'silence', 'recovery'] }).notNull(),
    product: text('product').notNull(),
    region: text('region').notNull(),
    bucketStart: integer('bucket_start').notNull(),
    observed: real('observed').notNull(),
    expected: real('expected').notNull(),
    score: real('score').notNull(),
    severity: text('severity').notNull(),
    incidentId: integer('incident_id').references(() => incidents.id),
    topPostIds: text('top_post_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    firedAt: integer('fired_at').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: integer('acknowledged_at'),
  },
  (t) => [
    uniqueIndex('alerts_once_unique').on(t.kind, t.product, t.region, t.bucketStart),
    index('alerts_fired_idx').on(t.firedAt),
  ],
);

export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  /** { products?: string[], regions?: string[], minSeverity?: string, kinds?: string[] } */
  filters: text('filters', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
});

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    alertId: integer('alert_id').references(() => alerts.id),
    event: text('event').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    deliveredAt: integer('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once_unique').on(t.webhookId, t.alertId, t.event),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** First characters of the key, to recognise it in lists; the key itself is never stored. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    role: text('role', { enum: ['viewer', 'admin'] }).notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_unique').on(t.keyHash)],
);

export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Local date (YYYY-MM-DD in the configured time zone) the digest covers. */
    date: text('date').notNull(),
    recipient: text('recipient').notNull(),
    status: text('status', { enum: ['sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedUntil: integer('claimed_until'),
    sentAt: integer('sent_at'),
    messageId: text('message_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('digests_date_recipient_unique').on(t.date, t.recipient)],
);

/** Small process-independent settings: e.g. the session-signing secret, generated once per database. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
