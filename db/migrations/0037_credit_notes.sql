CREATE TABLE `credit_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`year` integer NOT NULL,
	`sequence` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`order_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`stripe_refund_id` text,
	`issued_on` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "credit_notes_amount_positive" CHECK("credit_notes"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_number_unique` ON `credit_notes` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_year_sequence_unique` ON `credit_notes` (`year`,`sequence`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_stripe_refund_unique` ON `credit_notes` (`stripe_refund_id`);--> statement-breakpoint
CREATE INDEX `credit_notes_order_idx` ON `credit_notes` (`order_id`,`id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `flagged_payment_intent_id` text;--> statement-breakpoint
CREATE TRIGGER `credit_notes_never_deleted` BEFORE DELETE ON `credit_notes` BEGIN
  SELECT RAISE(ABORT, 'An issued credit note is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `credit_notes_never_edited` BEFORE UPDATE ON `credit_notes` BEGIN
  SELECT RAISE(ABORT, 'An issued credit note is never edited');
END;
