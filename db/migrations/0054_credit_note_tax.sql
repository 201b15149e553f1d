ALTER TABLE `credit_notes` ADD `tax_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Credit notes issued before their tax was kept: the tax in proportion to the order's, rounded
-- half up. The one edit an issued credit note ever gets, so its guard steps aside for it.
DROP TRIGGER `credit_notes_never_edited`;--> statement-breakpoint
UPDATE `credit_notes` SET `tax_cents` = coalesce((
  SELECT CASE WHEN `orders`.`total_cents` > 0 AND `orders`.`tax_cents` > 0
    THEN min(`orders`.`tax_cents`, (2 * `credit_notes`.`amount_cents` * `orders`.`tax_cents` + `orders`.`total_cents`) / (2 * `orders`.`total_cents`))
    ELSE 0 END
  FROM `orders` WHERE `orders`.`id` = `credit_notes`.`order_id`), 0);--> statement-breakpoint
CREATE TRIGGER `credit_notes_never_edited` BEFORE UPDATE ON `credit_notes` BEGIN
  SELECT RAISE(ABORT, 'An issued credit note is never edited');
END;--> statement-breakpoint
CREATE INDEX `credit_notes_issued_idx` ON `credit_notes` (`issued_on`);--> statement-breakpoint
CREATE INDEX `invoices_issued_idx` ON `invoices` (`issued_on`);
