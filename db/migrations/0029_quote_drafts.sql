CREATE TABLE `quote_drafts` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`fields` text NOT NULL,
	`saved_by` integer,
	`saved_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `quote_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`saved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
