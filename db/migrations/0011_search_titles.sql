-- A second, smaller full-text index over what names a product: its name, part numbers and
-- manufacturer. Search ranks matches in the name above matches elsewhere; asking this index
-- reads only title words, not every description and spec that mentions them.
CREATE VIRTUAL TABLE `products_title_fts` USING fts5(
  name, part_number, part_number_key, manufacturer,
  content='products', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
--> statement-breakpoint
INSERT INTO products_title_fts(products_title_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `products_title_fts_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO products_title_fts(rowid, name, part_number, part_number_key, manufacturer)
  VALUES (new.id, new.name, new.part_number, new.part_number_key, new.manufacturer);
END;
--> statement-breakpoint
CREATE TRIGGER `products_title_fts_ad` AFTER DELETE ON `products` BEGIN
  INSERT INTO products_title_fts(products_title_fts, rowid, name, part_number, part_number_key, manufacturer)
  VALUES ('delete', old.id, old.name, old.part_number, old.part_number_key, old.manufacturer);
END;
--> statement-breakpoint
CREATE TRIGGER `products_title_fts_au` AFTER UPDATE OF name, part_number, part_number_key, manufacturer ON `products` BEGIN
  INSERT INTO products_title_fts(products_title_fts, rowid, name, part_number, part_number_key, manufacturer)
  VALUES ('delete', old.id, old.name, old.part_number, old.part_number_key, old.manufacturer);
  INSERT INTO products_title_fts(rowid, name, part_number, part_number_key, manufacturer)
  VALUES (new.id, new.name, new.part_number, new.part_number_key, new.manufacturer);
END;
