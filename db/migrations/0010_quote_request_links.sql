CREATE TABLE `quote_request_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `quote_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quote_request_links_token_hash_unique` ON `quote_request_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `quote_request_links_request_idx` ON `quote_request_links` (`request_id`);--> statement-breakpoint
-- Every existing request keeps its link.
INSERT INTO `quote_request_links` (`request_id`, `token_hash`, `created_at`) SELECT `id`, `token_hash`, `created_at` FROM `quote_requests`;--> statement-breakpoint
DROP INDEX `quote_requests_token_hash_unique`;--> statement-breakpoint
ALTER TABLE `quote_requests` DROP COLUMN `token_hash`;