-- Full-text index of the catalog. External content: the rows live in products; triggers keep
-- the index in step with every insert, update and delete.
CREATE VIRTUAL TABLE `products_fts` USING fts5(
  name, part_number, part_number_key, manufacturer, summary, spec_text,
  content='products', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER `products_fts_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO products_fts(rowid, name, part_number, part_number_key, manufacturer, summary, spec_text)
  VALUES (new.id, new.name, new.part_number, new.part_number_key, new.manufacturer, new.summary, new.spec_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_ad` AFTER DELETE ON `products` BEGIN
  INSERT INTO products_fts(products_fts, rowid, name, part_number, part_number_key, manufacturer, summary, spec_text)
  VALUES ('delete', old.id, old.name, old.part_number, old.part_number_key, old.manufacturer, old.summary, old.spec_text);
END;
--> statement-breakpoint
CREATE TRIGGER `products_fts_au` AFTER UPDATE OF name, part_number, part_number_key, manufacturer, summary, spec_text ON `products` BEGIN
  INSERT INTO products_fts(products_fts, rowid, name, part_number, part_number_key, manufacturer, summary, spec_text)
  VALUES ('delete', old.id, old.name, old.part_number, old.part_number_key, old.manufacturer, old.summary, old.spec_text);
  INSERT INTO products_fts(rowid, name, part_number, part_number_key, manufacturer, summary, spec_text)
  VALUES (new.id, new.name, new.part_number, new.part_number_key, new.manufacturer, new.summary, new.spec_text);
END;
