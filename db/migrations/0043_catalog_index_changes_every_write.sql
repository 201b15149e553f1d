-- Every write to a product, its specs or its price breaks logs the product (ADR 38); one trigger
-- on the log prunes it every 1,000 rows.
DROP TRIGGER `catalog_index_changes_products_update`;
--> statement-breakpoint
DROP TRIGGER `catalog_index_changes_price_breaks_insert`;
--> statement-breakpoint
DROP TRIGGER `catalog_index_changes_price_breaks_update`;
--> statement-breakpoint
DROP TRIGGER `catalog_index_changes_price_breaks_delete`;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_prune` AFTER INSERT ON `catalog_index_changes` WHEN NEW.seq % 1000 = 0 BEGIN
  DELETE FROM catalog_index_changes WHERE seq <= NEW.seq - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_price_breaks_insert` AFTER INSERT ON `product_price_breaks` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_price_breaks_update` AFTER UPDATE ON `product_price_breaks` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_price_breaks_delete` AFTER DELETE ON `product_price_breaks` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (OLD.product_id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_products_update` AFTER UPDATE ON `products` WHEN OLD.id = NEW.id BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_products_insert` AFTER INSERT ON `products` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_products_delete` AFTER DELETE ON `products` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_specs_insert` AFTER INSERT ON `product_specs` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_specs_update` AFTER UPDATE ON `product_specs` WHEN OLD.product_id = NEW.product_id BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_specs_delete` AFTER DELETE ON `product_specs` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (OLD.product_id);
END;
