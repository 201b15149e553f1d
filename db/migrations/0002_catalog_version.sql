-- Every catalog write bumps one counter; readers compare it with what they built their index from.
INSERT INTO `catalog_meta` (`key`, `value`) VALUES ('catalog_version', 1);
--> statement-breakpoint
CREATE TRIGGER `catalog_version_products_insert` AFTER INSERT ON `products` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_products_update` AFTER UPDATE ON `products` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_products_delete` AFTER DELETE ON `products` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_specs_insert` AFTER INSERT ON `product_specs` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_specs_update` AFTER UPDATE ON `product_specs` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_specs_delete` AFTER DELETE ON `product_specs` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_categories_insert` AFTER INSERT ON `categories` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_categories_update` AFTER UPDATE ON `categories` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_categories_delete` AFTER DELETE ON `categories` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_spec_definitions_change` AFTER UPDATE ON `spec_definitions` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
