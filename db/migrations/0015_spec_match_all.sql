-- Specs with several values per product whose ticked values a filter wants all of: a buyer
-- ticking ATEX and IECEx wants equipment certified for both, a charger with both connectors.
ALTER TABLE `spec_definitions` ADD `match_all` integer DEFAULT false NOT NULL;
--> statement-breakpoint
UPDATE `spec_definitions` SET `match_all` = true WHERE `key` IN ('certifications', 'connectors');
