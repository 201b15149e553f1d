import { z } from "zod";
import { ADMIN_ORDER_INTENT, FLAG_RESOLUTION, ORDER_INTENT } from "./order-fields";
import { ORDER_STATUSES } from "./order-lifecycle";
import { PAYMENT_METHODS } from "./invoice-rules";
import { MAX_ORDER_TOTAL_CENTS, parseDollars } from "~/lib/money";

/**
 * The buyer's "Pay now", with the number of checkout attempts the page knew of (so that the
 * second click of a double click reuses the first one's session); a count that is not a number
 * is treated as unknown.
 */
export const OrderPayForm = z.object({
  intent: z.literal(ORDER_INTENT.pay),
  attempts: z.coerce.number().int().nonnegative().optional().catch(undefined),
});

/** A note sales writes for the record (and, for a cancellation, for the buyer). */
const recordNote = (missing: string) =>
  z.string({ error: missing }).trim().min(1, { error: missing }).max(1000, { error: "Keep it to 1,000 characters" });

const AMOUNT = "Enter the amount received in dollars, like 1,250.00";
const MAX_ORDER_TOTAL_DOLLARS = MAX_ORDER_TOTAL_CENTS / 100;

/** Every form of sales' order page, one schema per `intent`. */
export const AdminOrderAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.recordPayment),
    amount: z
      .string({ error: AMOUNT })
      .trim()
      .transform((typed, ctx) => {
        const cents = parseDollars(typed, MAX_ORDER_TOTAL_DOLLARS);
        if (cents === undefined || cents === 0) ctx.addIssue({ code: "custom", message: AMOUNT });
        return cents ?? 0;
      }),
    receivedOn: z.iso.date({ error: "Enter the day the money arrived, like 2026-12-03" }),
    method: z.enum(PAYMENT_METHODS, { error: "Choose how it was paid" }),
    reference: z.string().trim().max(100, { error: "Keep the reference to 100 characters" }).default(""),
  }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.cancel),
    reason: recordNote("Give the reason: it is sent to the buyer"),
  }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.resolveFlag),
    note: recordNote("Say what was done, for the record"),
    resolution: z.enum([FLAG_RESOLUTION.accept, FLAG_RESOLUTION.refund], {
      error: "Choose whether the payment is accepted or was refunded",
    }),
  }),
]);

/** The back office's order list by status (`?status=…`): anything else lists every order. */
export const OrderStatusFilter = z.enum(ORDER_STATUSES).optional().catch(undefined);
