ALTER TABLE `companies` ADD `payment_terms` text DEFAULT 'card' NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `credit_limit_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_terms` text;