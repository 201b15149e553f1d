CREATE INDEX `quote_events_status_idx` ON `quote_events` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `quote_requests_created_idx` ON `quote_requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `quote_revisions_sent_idx` ON `quote_revisions` (`created_at`);