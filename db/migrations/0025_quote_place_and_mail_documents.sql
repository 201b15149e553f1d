ALTER TABLE `outbox_emails` ADD `attachment_kind` text;--> statement-breakpoint
ALTER TABLE `outbox_emails` ADD `attachment_id` integer;--> statement-breakpoint
ALTER TABLE `quote_revisions` ADD `incoterm_place` text DEFAULT '' NOT NULL;