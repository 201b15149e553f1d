ALTER TABLE `orders` ADD `tax_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_status` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_rate` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_state` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_exemption_number` text;