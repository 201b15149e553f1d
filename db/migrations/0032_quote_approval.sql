CREATE TABLE `quote_approval_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`max_discount_bp` integer,
	`min_margin_bp` integer,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `quote_drafts` ADD `approval` text;--> statement-breakpoint
ALTER TABLE `quote_drafts` ADD `approval_reasons` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_drafts` ADD `approval_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_drafts` ADD `approval_asked_by` integer REFERENCES users(id) ON DELETE set null;