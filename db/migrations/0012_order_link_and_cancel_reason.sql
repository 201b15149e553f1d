ALTER TABLE `orders` ADD `token_sealed` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancel_reason` text;