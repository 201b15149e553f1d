CREATE TABLE `waiting_refunds` (
	`stripe_refund_id` text PRIMARY KEY NOT NULL,
	`payment_intent_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text,
	`requested_by` text,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `waiting_refunds_intent_idx` ON `waiting_refunds` (`payment_intent_id`);--> statement-breakpoint
ALTER TABLE `invoice_payments` ADD `stripe_payment_intent_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_payments_stripe_payment_intent_unique` ON `invoice_payments` (`stripe_payment_intent_id`);