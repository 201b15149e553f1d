CREATE TABLE `catalog_index_changes` (
	`seq` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_products_update` AFTER UPDATE ON `products`
WHEN OLD.id = NEW.id AND OLD.name IS NEW.name AND OLD.category_id IS NEW.category_id
  AND OLD.manufacturer IS NEW.manufacturer AND OLD.status IS NEW.status
BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_price_breaks_insert` AFTER INSERT ON `product_price_breaks` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_price_breaks_update` AFTER UPDATE ON `product_price_breaks` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (NEW.product_id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_index_changes_price_breaks_delete` AFTER DELETE ON `product_price_breaks` BEGIN
  INSERT INTO catalog_index_changes (product_id) VALUES (OLD.product_id);
  DELETE FROM catalog_index_changes WHERE seq <= (SELECT max(seq) FROM catalog_index_changes) - 10000;
END;
