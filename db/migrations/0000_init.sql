CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`product` text NOT NULL,
	`region` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`observed` real NOT NULL,
	`expected` real NOT NULL,
	`score` real NOT NULL,
	`severity` text NOT NULL,
	`incident_id` integer,
	`top_post_ids` text DEFAULT '[]' NOT NULL,
	`fired_at` integer NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_once_unique` ON `alerts` (`kind`,`product`,`region`,`bucket_start`);--> statement-breakpoint
CREATE INDEX `alerts_fired_idx` ON `alerts` (`fired_at`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`recipient` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_until` integer,
	`sent_at` integer,
	`message_id` text,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_date_recipient_unique` ON `digests` (`date`,`recipient`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product` text NOT NULL,
	`regions` text DEFAULT '[]' NOT NULL,
	`first_signal_at` integer NOT NULL,
	`detected_at` integer,
	`acknowledged_at` integer,
	`resolved_at` integer,
	`peak_count` integer DEFAULT 0 NOT NULL,
	`peak_at` integer,
	`official_incident_refs` text DEFAULT '[]' NOT NULL,
	`metrics` text DEFAULT '{}' NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incidents_product_first_idx` ON `incidents` (`product`,`first_signal_at`);--> statement-breakpoint
CREATE INDEX `incidents_first_idx` ON `incidents` (`first_signal_at`);--> statement-breakpoint
CREATE TABLE `official_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`incident_ref` text NOT NULL,
	`update_ref` text NOT NULL,
	`status` text NOT NULL,
	`title` text,
	`body` text NOT NULL,
	`components` text DEFAULT '[]' NOT NULL,
	`products` text DEFAULT '[]' NOT NULL,
	`regions` text DEFAULT '[]' NOT NULL,
	`url` text,
	`posted_at` integer NOT NULL,
	`fetched_at` integer NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `official_updates_source_update_unique` ON `official_updates` (`source_id`,`update_ref`);--> statement-breakpoint
CREATE INDEX `official_updates_posted_idx` ON `official_updates` (`posted_at`);--> statement-breakpoint
CREATE TABLE `post_products` (
	`post_id` integer NOT NULL,
	`product` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `product`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_products_product_idx` ON `post_products` (`product`,`published_at`);--> statement-breakpoint
CREATE TABLE `post_regions` (
	`post_id` integer NOT NULL,
	`region` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `region`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_regions_region_idx` ON `post_regions` (`region`,`published_at`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`url` text,
	`author_hash` text,
	`title` text,
	`text` text NOT NULL,
	`content_hash` text NOT NULL,
	`published_at` integer NOT NULL,
	`fetched_at` integer NOT NULL,
	`lang` text,
	`thread_id` text,
	`parent_id` text,
	`sentiment_score` real NOT NULL,
	`sentiment_label` text NOT NULL,
	`outage_score` real NOT NULL,
	`outage` integer NOT NULL,
	`comms_complaint` integer NOT NULL,
	`churn` integer NOT NULL,
	`revenue` integer NOT NULL,
	`credit` integer NOT NULL,
	`analyzer_version` text NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_source_external_unique` ON `posts` (`source_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `posts_published_idx` ON `posts` (`published_at`);--> statement-breakpoint
CREATE INDEX `posts_outage_published_idx` ON `posts` (`outage`,`published_at`);--> statement-breakpoint
CREATE TABLE `rollups` (
	`bucket_start` integer NOT NULL,
	`bucket_seconds` integer NOT NULL,
	`product` text NOT NULL,
	`region` text NOT NULL,
	`posts` integer DEFAULT 0 NOT NULL,
	`outage_posts` integer DEFAULT 0 NOT NULL,
	`negative` integer DEFAULT 0 NOT NULL,
	`positive` integer DEFAULT 0 NOT NULL,
	`comms_complaints` integer DEFAULT 0 NOT NULL,
	`churn` integer DEFAULT 0 NOT NULL,
	`revenue` integer DEFAULT 0 NOT NULL,
	`credit` integer DEFAULT 0 NOT NULL,
	`sentiment_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`bucket_seconds`, `product`, `region`, `bucket_start`)
);
--> statement-breakpoint
CREATE INDEX `rollups_bucket_idx` ON `rollups` (`bucket_seconds`,`bucket_start`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`url` text,
	`official` integer DEFAULT false NOT NULL,
	`product_hint` text,
	`region_hint` text,
	`poll_interval_seconds` integer DEFAULT 300 NOT NULL,
	`options` text DEFAULT '{}' NOT NULL,
	`cursor` text,
	`etag` text,
	`last_modified` text,
	`last_polled_at` integer,
	`next_poll_at` integer,
	`last_success_at` integer,
	`last_error` text,
	`last_error_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`breaker_open_until` integer,
	`lease_owner` text,
	`lease_expires_at` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_name_unique` ON `sources` (`name`);--> statement-breakpoint
CREATE INDEX `sources_due_idx` ON `sources` (`enabled`,`next_poll_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`alert_id` integer,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`next_attempt_at` integer NOT NULL,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_once_unique` ON `webhook_deliveries` (`webhook_id`,`alert_id`,`event`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`filters` text DEFAULT '{}' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
