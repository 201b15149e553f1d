ALTER TABLE `credit_notes` ADD `refund_method` text;--> statement-breakpoint
ALTER TABLE `credit_notes` ADD `refund_reference` text;--> statement-breakpoint
ALTER TABLE `credit_notes` ADD `refunded_on` text;