CREATE TABLE `waiting_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`payment_intent_id` text NOT NULL,
	`session` text NOT NULL,
	`outcome` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_payments_payment_intent_unique` ON `waiting_payments` (`payment_intent_id`);--> statement-breakpoint
CREATE INDEX `waiting_payments_order_idx` ON `waiting_payments` (`order_id`,`id`);