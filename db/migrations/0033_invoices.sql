CREATE TABLE `invoice_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`received_on` text NOT NULL,
	`method` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `invoice_payments_invoice_idx` ON `invoice_payments` (`invoice_id`,`id`);--> statement-breakpoint
CREATE TABLE `invoice_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`stage` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_reminders_stage_unique` ON `invoice_reminders` (`invoice_id`,`stage`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`year` integer NOT NULL,
	`sequence` integer NOT NULL,
	`order_id` integer NOT NULL,
	`kind` text NOT NULL,
	`issued_on` text NOT NULL,
	`due_on` text NOT NULL,
	`terms` text,
	`total_cents` integer NOT NULL,
	`currency` text DEFAULT 'usd' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_unique` ON `invoices` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_year_sequence_unique` ON `invoices` (`year`,`sequence`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_order_unique` ON `invoices` (`order_id`);--> statement-breakpoint
CREATE INDEX `invoices_due_idx` ON `invoices` (`kind`,`due_on`);--> statement-breakpoint
CREATE TRIGGER `invoices_never_deleted` BEFORE DELETE ON `invoices` BEGIN
  SELECT RAISE(ABORT, 'An issued invoice is never deleted: issue a credit note');
END;
--> statement-breakpoint
CREATE TRIGGER `invoices_never_edited` BEFORE UPDATE OF `number`, `year`, `sequence`, `order_id`, `kind`, `terms`, `total_cents`, `currency` ON `invoices` BEGIN
  SELECT RAISE(ABORT, 'An issued invoice is never edited: issue a credit note');
END;
--> statement-breakpoint
CREATE TRIGGER `invoice_payments_never_edited` BEFORE UPDATE ON `invoice_payments` BEGIN
  SELECT RAISE(ABORT, 'A recorded payment is never edited');
END;
