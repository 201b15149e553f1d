CREATE TABLE `catalog_import_checks` (
	`token` text PRIMARY KEY NOT NULL,
	`file_bytes` integer NOT NULL,
	`checked_bytes` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
