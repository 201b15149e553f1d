ALTER TABLE `companies` ADD `account_owner_id` integer REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `companies_account_owner_idx` ON `companies` (`account_owner_id`);