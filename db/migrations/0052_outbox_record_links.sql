ALTER TABLE `outbox_emails` ADD `order_id` integer REFERENCES orders(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `outbox_emails` ADD `request_id` integer REFERENCES quote_requests(id) ON DELETE set null;
