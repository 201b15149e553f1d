import { z } from "zod";
import { FORM_OUT_OF_DATE } from "~/lib/forms";
import { recordId } from "~/lib/record-id";
import { readQuantity } from "~/lib/quantity";
import { CARRIERS } from "./carriers";
import { ADMIN_ORDER_INTENT, FLAG_RESOLUTION, ORDER_INTENT, shippedLineOf } from "./order-fields";
import { ORDER_STATUSES, ORDER_VIEWS } from "./order-lifecycle";
import { PAYMENT_METHODS } from "./invoice-rules";
import { MAX_ORDER_TOTAL_CENTS, readDollars } from "~/lib/money";
import { INVISIBLE_MESSAGE, isPlainText, isVisibleText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";

/**
 * The buyer's "Pay now" or "Pay the balance by card", with the number of checkout attempts the
 * page knew of (so that the second click of a double click reuses the first one's session); a
 * count that is not a number is treated as unknown.
 */
export const OrderPayForm = z.object({
  intent: z.enum([ORDER_INTENT.pay, ORDER_INTENT.payInvoice]),
  attempts: z.coerce.number().int().nonnegative().optional().catch(undefined),
});

/** A note sales writes for the record (and, for a cancellation, for the buyer). */
const recordNote = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(1000, { error: "Keep it to 1,000 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/**
 * The page view's random key, on the forms that would do their work twice if sent twice (money,
 * a credit note, a shipment, a refund): the second sending finds it used (`once`, Stripe's
 * idempotency key for a refund).
 */
const requestKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "Reload the page and send the form again" });

const AMOUNT = "Enter the amount received in dollars, like 1,250.00";
const REFUND_AMOUNT = "Enter the amount to refund in dollars, like 120.00";
const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

/**
 * An amount of money typed in dollars ("1,250.00"), as whole cents; none or 0 is refused with
 * `message`, more than an order can come to with the most there is.
 */
const dollars = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((typed, ctx) => {
      const read = readDollars(typed, MAX_ORDER_TOTAL_CENTS, message);
      if ("error" in read || read.cents === 0)
        ctx.addIssue({ code: "custom", message: "error" in read ? read.error : message });
      return "cents" in read ? read.cents : 0;
    });

/** One line of text: what a credit note, an invoice or a timeline prints as one. */
const oneLine = (text: string) => !/[\r\n]/.test(text);
const ONE_LINE = "Keep it to one line";

/** A wire's, an ACH trace's or a check's reference, optional. */
const paymentReference = z
  .string()
  .trim()
  .max(100, { error: "Keep the reference to 100 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
  .refine(oneLine, { error: ONE_LINE })
  .refine(isVisibleText, { error: INVISIBLE_MESSAGE })
  .default("");

/** Why a credit note is issued: printed on it, for the buyer. */
const creditReason = z
  .string({ error: "Give the reason: it is on the credit note" })
  .trim()
  .min(1, { error: "Give the reason: it is on the credit note" })
  .max(500, { error: "Keep it to 500 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
  .refine(oneLine, { error: ONE_LINE });

/**
 * The ship form: a quantity per item line (`ship-<order line id>`, empty or 0 for none), the
 * carrier, the tracking number, and a tracking link only for another carrier. Whether the lines
 * are the order's and the quantities remain is the server's to check, against the order.
 */
const ShipForm = z
  .looseObject({
    intent: z.literal(ADMIN_ORDER_INTENT.ship),
    requestKey,
    carrier: z.enum(CARRIERS, { error: "Choose the carrier" }),
    trackingNumber: z
      .string({ error: "Enter the tracking number" })
      .trim()
      .min(1, { error: "Enter the tracking number" })
      .max(40, { error: "At most 40 characters" })
      .regex(TRACKING_NUMBER, { error: "Letters, digits, spaces and dashes only" }),
    trackingUrl: z
      .string()
      .trim()
      .max(500, { error: "Keep the link under 500 characters" })
      .refine((url) => url === "" || /^https?:$/.test(URL.parse(url)?.protocol ?? ""), {
        error: "Enter a full link, starting https://",
      })
      .default(""),
  })
  .transform(({ intent, requestKey, carrier, trackingNumber, trackingUrl, ...typed }, context) => {
    const lines: { orderLineId: number; quantity: number }[] = [];
    for (const [field, value] of Object.entries(typed)) {
      const orderLineId = shippedLineOf(field);
      if (orderLineId === undefined) continue;
      // A field the page never writes ("ship-03"): the form is forged or out of date.
      if (orderLineId === 0) {
        context.addIssue({ code: "custom", path: [], message: FORM_OUT_OF_DATE });
        continue;
      }
      const text = String(value).trim();
      const quantity = text === "" ? 0 : readQuantity(text);
      if (quantity === undefined)
        context.addIssue({ code: "custom", path: [field], message: "Enter a whole number, or 0 for none" });
      // None of a line is no line: the same shipment whatever lines were left at 0.
      else if (quantity > 0) lines.push({ orderLineId, quantity });
    }
    // In line order: the same shipment whatever order the fields came in (`once` compares them).
    lines.sort((a, b) => a.orderLineId - b.orderLineId);
    if (trackingUrl && carrier !== "other")
      context.addIssue({
        code: "custom",
        path: ["trackingUrl"],
        message: "The link comes from the carrier’s tracking page: leave it empty, or choose another carrier",
      });
    if (context.issues.length) return z.NEVER;
    return { intent, requestKey, carrier, trackingNumber, trackingUrl: trackingUrl || null, lines };
  });

/** Every form of sales' order page, one schema per `intent`. */
export const AdminOrderAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.recordPayment),
    requestKey,
    amount: dollars(AMOUNT),
    receivedOn: z.iso.date({ error: "Enter the day the money arrived, like 2026-12-03" }),
    method: z.enum(PAYMENT_METHODS, { error: "Choose how it was paid" }),
    reference: paymentReference,
  }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.recordRefund),
    requestKey,
    amount: dollars(REFUND_AMOUNT),
    refundedOn: z.iso.date({ error: "Enter the day it was sent, like 2026-12-03" }),
    method: z.enum(PAYMENT_METHODS, { error: "Choose how it was sent" }),
    reference: paymentReference,
    creditReason,
  }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.cancel),
    reason: recordNote("Give the reason: it is sent to the buyer"),
  }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.resolveFlag),
    /** The flagged payment's intent the page showed ("" for none). */
    flagged: z.string().max(255).default(""),
    note: recordNote("Say what was done, for the record"),
    resolution: z.enum([FLAG_RESOLUTION.accept, FLAG_RESOLUTION.refund, FLAG_RESOLUTION.note], {
      error: "Choose whether the payment is accepted, refunded, or resolved as the note says",
    }),
  }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.refund),
    amount: dollars(REFUND_AMOUNT),
    creditReason,
    /** The card payment's intent, as the page listed it; empty: the only one. */
    payment: z.string().trim().max(255).default(""),
    requestKey,
  }),
  ShipForm,
  z.object({ intent: z.literal(ADMIN_ORDER_INTENT.confirmTax) }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.creditInvoice),
    amount: dollars("Enter the amount to credit in dollars, like 57.00"),
    /** The sales tax in it, when sales says (a tax charged too high is all tax); empty: in proportion. */
    tax: z
      .string()
      .trim()
      .default("")
      .transform((typed, ctx) => {
        if (typed === "") return undefined;
        const read = readDollars(
          typed,
          MAX_ORDER_TOTAL_CENTS,
          "Enter the tax in dollars, like 12.50, or leave it empty",
        );
        if ("error" in read) ctx.addIssue({ code: "custom", message: read.error });
        return "cents" in read ? read.cents : undefined;
      }),
    creditReason,
    requestKey,
  }),
  z.object({
    intent: z.literal(ADMIN_ORDER_INTENT.markDelivered),
    shipment: recordId,
  }),
]);

/** The back office's order list by status (`?status=…`): anything else lists every order. */
export const OrderStatusFilter = z.enum(ORDER_STATUSES).optional().catch(undefined);

/** The back office's work queues (`?view=to_ship|shipped|overdue`): anything else is no queue. */
export const OrderViewFilter = z.enum(ORDER_VIEWS).optional().catch(undefined);
