import { z } from "zod";
import { ADMIN_ORDER_INTENT, FLAG_RESOLUTION, ORDER_INTENT } from "./order-fields";
import { ORDER_STATUSES } from "./order-lifecycle";

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

/** Every form of sales' order page, one schema per `intent`. */
export const AdminOrderAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(ADMIN_ORDER_INTENT.markPaid) }),
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
