ALTER TABLE `credit_notes` ADD `stripe_payment_intent_id` text;--> statement-breakpoint
-- The card payment each refund through Stripe went back to. Sales' refunds so far all went to the
-- order's first card payment; one made in Stripe's dashboard is taken to have too (its payment
-- intent was not kept). The one edit an issued credit note ever gets, so its guard steps aside.
DROP TRIGGER `credit_notes_never_edited`;--> statement-breakpoint
UPDATE `credit_notes` SET `stripe_payment_intent_id` = (
  SELECT `p`.`stripe_payment_intent_id` FROM `invoice_payments` `p`
  INNER JOIN `invoices` `i` ON `i`.`id` = `p`.`invoice_id`
  WHERE `i`.`order_id` = `credit_notes`.`order_id` AND `p`.`stripe_payment_intent_id` IS NOT NULL
  ORDER BY `p`.`id` LIMIT 1
) WHERE `stripe_refund_id` IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER `credit_notes_never_edited` BEFORE UPDATE ON `credit_notes` BEGIN
  SELECT RAISE(ABORT, 'An issued credit note is never edited');
END;
