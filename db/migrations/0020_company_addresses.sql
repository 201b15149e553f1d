CREATE TABLE `company_addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `company_addresses_company_idx` ON `company_addresses` (`company_id`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `company_addresses_one_default` ON `company_addresses` (`company_id`,`kind`) WHERE is_default = 1;