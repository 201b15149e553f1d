CREATE TABLE `outbox_emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_emails_due_idx` ON `outbox_emails` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `quote_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`status` text NOT NULL,
	`actor` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `quote_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quote_events_request_idx` ON `quote_events` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `quote_request_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`position` integer NOT NULL,
	`product_id` integer,
	`part_number` text,
	`name` text NOT NULL,
	`list_price_cents` integer,
	`quantity` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`target_price_cents` integer,
	`requirements` text DEFAULT '[]' NOT NULL,
	`equivalent_accepted` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `quote_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `quote_request_lines_request_idx` ON `quote_request_lines` (`request_id`,`position`);--> statement-breakpoint
CREATE TABLE `quote_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`token_hash` text NOT NULL,
	`submission_key` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`company` text NOT NULL,
	`contact_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`country` text NOT NULL,
	`delivery_location` text DEFAULT '' NOT NULL,
	`incoterm` text DEFAULT '' NOT NULL,
	`needed_by` text,
	`message` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quote_requests_reference_unique` ON `quote_requests` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `quote_requests_token_hash_unique` ON `quote_requests` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `quote_requests_submission_key_unique` ON `quote_requests` (`submission_key`);--> statement-breakpoint
CREATE INDEX `quote_requests_status_idx` ON `quote_requests` (`status`,`created_at`);