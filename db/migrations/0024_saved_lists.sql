CREATE TABLE `saved_list_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`added_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `saved_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_list_lines_product_unique` ON `saved_list_lines` (`list_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `saved_list_lines_product_idx` ON `saved_list_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `saved_lists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer,
	`customer_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_lists_company_name_unique` ON `saved_lists` (`company_id`,lower("name")) WHERE company_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `saved_lists_own_name_unique` ON `saved_lists` (`customer_id`,lower("name")) WHERE company_id is null;--> statement-breakpoint
CREATE INDEX `saved_lists_customer_idx` ON `saved_lists` (`customer_id`);