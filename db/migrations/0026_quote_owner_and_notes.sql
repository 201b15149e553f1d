CREATE TABLE `quote_internal_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`author_id` integer,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `quote_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `quote_internal_notes_request_idx` ON `quote_internal_notes` (`request_id`,`id`);--> statement-breakpoint
ALTER TABLE `quote_events` ADD `kind` text DEFAULT 'status' NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_requests` ADD `owner_id` integer REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `quote_requests_owner_idx` ON `quote_requests` (`owner_id`,`created_at`);