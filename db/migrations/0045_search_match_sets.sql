CREATE TABLE `search_match_sets` (
	`id` integer PRIMARY KEY NOT NULL,
	`fts_table` text NOT NULL,
	`expression` text NOT NULL,
	`catalog_version` integer NOT NULL,
	`change_seq` integer NOT NULL,
	`dense` integer NOT NULL,
	`members` blob NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_match_sets_expression_unique` ON `search_match_sets` (`fts_table`,`expression`);