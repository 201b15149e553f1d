ALTER TABLE `credit_notes` ADD `tax_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Credit notes issued before their tax was kept: each order's, in the order they were issued, get
-- the tax of what they credited so far in proportion to the order's (rounded half up, at most
-- the order's tax) less what the ones before got. So an order's notes never credit more tax than
-- it charged, and notes that credit it whole credit its tax exactly. The one edit an issued credit
-- note ever gets, so its guard steps aside for it.
DROP TRIGGER `credit_notes_never_edited`;--> statement-breakpoint
UPDATE `credit_notes` SET `tax_cents` = `shares`.`tax` FROM (
  SELECT `id`,
    min(`order_tax`, (2 * `so_far` * `order_tax` + `order_total`) / (2 * `order_total`))
    - min(`order_tax`, (2 * (`so_far` - `amount_cents`) * `order_tax` + `order_total`) / (2 * `order_total`)) AS `tax`
  FROM (
    SELECT `credit_notes`.`id`, `credit_notes`.`amount_cents`,
      `orders`.`tax_cents` AS `order_tax`, `orders`.`total_cents` AS `order_total`,
      sum(`credit_notes`.`amount_cents`) OVER (PARTITION BY `credit_notes`.`order_id` ORDER BY `credit_notes`.`id`) AS `so_far`
    FROM `credit_notes` JOIN `orders` ON `orders`.`id` = `credit_notes`.`order_id`
    WHERE `orders`.`tax_cents` > 0 AND `orders`.`total_cents` > 0
  )
) AS `shares` WHERE `credit_notes`.`id` = `shares`.`id`;--> statement-breakpoint
CREATE TRIGGER `credit_notes_never_edited` BEFORE UPDATE ON `credit_notes` BEGIN
  SELECT RAISE(ABORT, 'An issued credit note is never edited');
END;--> statement-breakpoint
-- The tax in a credit note is part of its amount.
CREATE TRIGGER `credit_notes_tax_within_amount` BEFORE INSERT ON `credit_notes`
WHEN NEW.`tax_cents` < 0 OR NEW.`tax_cents` > NEW.`amount_cents` BEGIN
  SELECT RAISE(ABORT, 'A credit note''s tax is part of its amount');
END;--> statement-breakpoint
CREATE INDEX `credit_notes_issued_idx` ON `credit_notes` (`issued_on`);--> statement-breakpoint
CREATE INDEX `invoices_issued_idx` ON `invoices` (`issued_on`);
