ALTER TABLE `order_lines` ADD `kind` text DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `taxable` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_revision_lines` ADD `kind` text DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_revision_lines` ADD `percent_bp` integer;--> statement-breakpoint
ALTER TABLE `quote_revision_lines` ADD `price_breaks` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_revision_lines` ADD `optional` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `quote_revision_lines` ADD `alternative_of` integer;--> statement-breakpoint
ALTER TABLE `quote_revision_lines` ADD `taxable` integer DEFAULT true NOT NULL;