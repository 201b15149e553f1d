CREATE TABLE `site_pages` (
	`slug` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`body_markdown` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `contact_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`company` text NOT NULL,
	`email` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`subject` text NOT NULL,
	`message` text NOT NULL,
	`submission_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_messages_submission_key_unique` ON `contact_messages` (`submission_key`);
--> statement-breakpoint
-- Site page writes bump their own counter, so an edit retires the cached copies of the pages
-- (and of the sitemap) without touching the catalog index or the news pages.
INSERT INTO `catalog_meta` (`key`, `value`) VALUES ('pages_version', 1);
--> statement-breakpoint
CREATE TRIGGER `pages_version_site_pages_insert` AFTER INSERT ON `site_pages` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'pages_version';
END;
--> statement-breakpoint
CREATE TRIGGER `pages_version_site_pages_update` AFTER UPDATE ON `site_pages` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'pages_version';
END;
--> statement-breakpoint
CREATE TRIGGER `pages_version_site_pages_delete` AFTER DELETE ON `site_pages` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'pages_version';
END;
