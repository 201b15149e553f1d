CREATE TABLE `quote_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `quote_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quote_reminders_kind_subject_unique` ON `quote_reminders` (`kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `quote_reminders_request_idx` ON `quote_reminders` (`request_id`);--> statement-breakpoint
ALTER TABLE `outbox_emails` ADD `attachment_kind` text;--> statement-breakpoint
ALTER TABLE `outbox_emails` ADD `attachment_id` integer;--> statement-breakpoint
ALTER TABLE `quote_revision_lines` ADD `cost_cents` integer;--> statement-breakpoint
ALTER TABLE `quote_revisions` ADD `incoterm_place` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `quote_messages_author_created_idx` ON `quote_messages` (`author`,`created_at`);