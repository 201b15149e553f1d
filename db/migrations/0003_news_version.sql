-- News writes bump their own counter, so a news edit retires cached news pages without
-- rebuilding the catalog index.
INSERT INTO `catalog_meta` (`key`, `value`) VALUES ('news_version', 1);
--> statement-breakpoint
CREATE TRIGGER `news_version_news_articles_insert` AFTER INSERT ON `news_articles` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_articles_update` AFTER UPDATE ON `news_articles` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_articles_delete` AFTER DELETE ON `news_articles` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_article_tags_insert` AFTER INSERT ON `news_article_tags` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_article_tags_update` AFTER UPDATE ON `news_article_tags` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_article_tags_delete` AFTER DELETE ON `news_article_tags` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_article_categories_insert` AFTER INSERT ON `news_article_categories` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_article_categories_update` AFTER UPDATE ON `news_article_categories` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
--> statement-breakpoint
CREATE TRIGGER `news_version_news_article_categories_delete` AFTER DELETE ON `news_article_categories` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version';
END;
