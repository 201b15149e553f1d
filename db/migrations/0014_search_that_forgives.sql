CREATE TABLE `search_synonyms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`terms` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `catalog_version_search_synonyms_insert` AFTER INSERT ON `search_synonyms` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_search_synonyms_update` AFTER UPDATE ON `search_synonyms` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_version_search_synonyms_delete` AFTER DELETE ON `search_synonyms` BEGIN
  UPDATE catalog_meta SET value = value + 1 WHERE key = 'catalog_version';
END;
--> statement-breakpoint
-- The spellings and names buyers use for what the catalog calls otherwise; sales edits them at
-- /admin/search-synonyms.
INSERT INTO `search_synonyms` (`terms`) VALUES
  ('pasteuriser, pasteurizer'),
  ('pasteurisation, pasteurization'),
  ('homogeniser, homogenizer'),
  ('steriliser, sterilizer'),
  ('electrolyser, electrolyzer'),
  ('analyser, analyzer'),
  ('fertiliser, fertilizer'),
  ('aluminium, aluminum'),
  ('metre, meter'),
  ('litre, liter'),
  ('gauge, gage'),
  ('flowmeter, flow meter'),
  ('VFD, VSD, variable frequency drive, variable speed drive, variable speed'),
  ('SS, stainless, stainless steel'),
  ('EV charger, EV charging station, charging station, electric vehicle charger'),
  ('genset, generator'),
  ('BESS, battery storage, energy storage system, battery energy storage system'),
  ('PV inverter, solar inverter'),
  ('welder, welding machine'),
  ('filler, filling machine'),
  ('blender, mixer'),
  ('turning center, turning centre, CNC lathe'),
  ('rapid charger, fast charger, DC charger'),
  ('hydrogen generator, electrolyzer'),
  ('mag meter, magmeter, electromagnetic flow meter'),
  ('lab, laboratory'),
  ('scale, balance'),
  ('fin fan cooler, air-cooled heat exchanger'),
  ('MMA, stick, SMAW'),
  ('farm equipment, agricultural machinery'),
  ('farm, agricultural'),
  ('food processing, food processing systems'),
  ('food grade, sanitary, hygienic'),
  ('explosion proof, ATEX, intrinsically safe, hazardous area');
--> statement-breakpoint
-- The word index now stems English (porter over unicode61): "valves" finds "valve",
-- "compressors" "compressor". Rebuilt from the products it indexes, with the same triggers.
DROP TRIGGER `products_fts_ai`;
--> statement-breakpoint
DROP TRIGGER `products_fts_ad`;
--> statement-breakpoint
DROP TRIGGER `products_fts_au`;
--> statement-breakpoint
DROP TABLE `products_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `products_fts` USING fts5(
  name, part_number, part_number_key, manufacturer, summary, spec_text,
  content='products', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2', prefix='2 3'
);
--> statement-breakpoint
INSERT INTO products_fts(products_fts) VALUES ('rebuild');
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
--> statement-breakpoint
-- Product names, stemmed: the tier "every word in the name" for stems and synonyms, below the
-- words as typed, which the unstemmed title index (0011) answers.
CREATE VIRTUAL TABLE `products_name_fts` USING fts5(
  name,
  content='products', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO products_name_fts(products_name_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `products_name_fts_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO products_name_fts(rowid, name) VALUES (new.id, new.name);
END;
--> statement-breakpoint
CREATE TRIGGER `products_name_fts_ad` AFTER DELETE ON `products` BEGIN
  INSERT INTO products_name_fts(products_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
--> statement-breakpoint
CREATE TRIGGER `products_name_fts_au` AFTER UPDATE OF name ON `products` BEGIN
  INSERT INTO products_name_fts(products_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO products_name_fts(rowid, name) VALUES (new.id, new.name);
END;
--> statement-breakpoint
-- The words of names, part numbers and manufacturers with how many products use each: the
-- vocabulary a misspelt word is corrected against.
CREATE VIRTUAL TABLE `products_title_vocab` USING fts5vocab(products_title_fts, row);
