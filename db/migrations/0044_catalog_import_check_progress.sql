ALTER TABLE `catalog_imports` ADD `file_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `catalog_imports` ADD `checked_bytes` integer DEFAULT 0 NOT NULL;