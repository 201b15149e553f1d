ALTER TABLE `orders` ADD `flagged_amount_cents` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `flagged_currency` text;