ALTER TABLE `credit_notes` ADD `addressed_to` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `addressed_to` text;