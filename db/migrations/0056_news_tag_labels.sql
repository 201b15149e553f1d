-- A tag keeps how its editor wrote it; tags saved before read as their slug's words.
ALTER TABLE `news_article_tags` ADD `label` text DEFAULT '' NOT NULL;
--> statement-breakpoint
UPDATE `news_article_tags` SET `label` = replace(`tag`, '-', ' ');
