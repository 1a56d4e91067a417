DROP INDEX `post_products_product_idx`;--> statement-breakpoint
CREATE INDEX `post_products_product_idx` ON `post_products` (`product`,`published_at`,`post_id`);--> statement-breakpoint
DROP INDEX `post_regions_region_idx`;--> statement-breakpoint
CREATE INDEX `post_regions_region_idx` ON `post_regions` (`region`,`published_at`,`post_id`);