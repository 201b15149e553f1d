CREATE TABLE `news_article_categories` (
	`article_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	PRIMARY KEY(`article_id`, `category_id`),
	FOREIGN KEY (`article_id`) REFERENCES `news_articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `news_article_categories_category_idx` ON `news_article_categories` (`category_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `news_article_tags` (
	`article_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`article_id`, `tag`),
	FOREIGN KEY (`article_id`) REFERENCES `news_articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `news_article_tags_tag_idx` ON `news_article_tags` (`tag`,`article_id`);--> statement-breakpoint
CREATE TABLE `news_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`body_markdown` text NOT NULL,
	`published_on` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`is_repost` integer DEFAULT false NOT NULL,
	`source_name` text,
	`source_url` text,
	`repost_notice` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `news_articles_slug_unique` ON `news_articles` (`slug`);--> statement-breakpoint
CREATE INDEX `news_articles_published_idx` ON `news_articles` (`status`,`published_on`);