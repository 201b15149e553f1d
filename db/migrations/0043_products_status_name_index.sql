CREATE INDEX `products_status_name_idx` ON `products` (`status`,`name`);--> statement-breakpoint
DROP TRIGGER `catalog_index_changes_products_update`;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_products_update` AFTER UPDATE ON `products` WHEN OLD.id = NEW.id BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_products_insert` AFTER INSERT ON `products` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_products_delete` AFTER DELETE ON `products` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (OLD.id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_specs_insert` AFTER INSERT ON `product_specs` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_specs_update` AFTER UPDATE ON `product_specs` WHEN OLD.product_id = NEW.product_id BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_specs_delete` AFTER DELETE ON `product_specs` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (OLD.product_id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
