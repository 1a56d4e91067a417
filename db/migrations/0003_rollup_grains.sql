-- Rollups at 1 hour and 1 day next to the 5-minute grain (docs/decisions.md, 2026-11-26: rollup grains).
-- Ingest writes every grain in the same statement from now on (db/queries/rollups.ts); this backfills
-- the coarser grains of existing databases from the 5-minute rows (pure sums, so exact).
DELETE FROM `rollups` WHERE `bucket_seconds` <> 300;
--> statement-breakpoint
INSERT INTO `rollups` (`bucket_start`, `bucket_seconds`, `product`, `region`, `posts`, `outage_posts`, `negative`, `positive`, `comms_complaints`, `churn`, `revenue`, `credit`, `sentiment_sum`)
SELECT (`bucket_start` / 3600000) * 3600000, 3600, `product`, `region`, sum(`posts`), sum(`outage_posts`), sum(`negative`), sum(`positive`), sum(`comms_complaints`), sum(`churn`), sum(`revenue`), sum(`credit`), total(`sentiment_sum`)
FROM `rollups` WHERE `bucket_seconds` = 300 GROUP BY 1, 3, 4 HAVING sum(`posts`) <> 0;
--> statement-breakpoint
INSERT INTO `rollups` (`bucket_start`, `bucket_seconds`, `product`, `region`, `posts`, `outage_posts`, `negative`, `positive`, `comms_complaints`, `churn`, `revenue`, `credit`, `sentiment_sum`)
SELECT (`bucket_start` / 86400000) * 86400000, 86400, `product`, `region`, sum(`posts`), sum(`outage_posts`), sum(`negative`), sum(`positive`), sum(`comms_complaints`), sum(`churn`), sum(`revenue`), sum(`credit`), total(`sentiment_sum`)
FROM `rollups` WHERE `bucket_seconds` = 3600 GROUP BY 1, 3, 4 HAVING sum(`posts`) <> 0;
