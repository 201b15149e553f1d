CREATE TABLE `product_price_breaks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`min_quantity` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_price_breaks_product_quantity_unique` ON `product_price_breaks` (`product_id`,`min_quantity`);--> statement-breakpoint
CREATE TRIGGER `catalog_version_price_breaks_insert` AFTER INSERT ON `product_price_breaks` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_price_breaks_update` AFTER UPDATE ON `product_price_breaks` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_price_breaks_delete` AFTER DELETE ON `product_price_breaks` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
