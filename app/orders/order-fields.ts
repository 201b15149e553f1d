import { idParam } from "~/lib/route-params";

/** The buyer's order page's forms: "Pay now" (a card order), "Pay the balance by card" (an invoice). */
export const ORDER_INTENT = { pay: "pay", payInvoice: "pay-invoice" } as const;

/** The forms of sales' order page, by the `intent` each sends. */
export const ADMIN_ORDER_INTENT = {
  recordPayment: "record-payment",
  cancel: "cancel",
  resolveFlag: "resolve-flag",
  ship: "ship",
  markDelivered: "mark-delivered",
  refund: "refund",
  recordRefund: "record-refund",
  confirmTax: "confirm-tax",
  creditInvoice: "credit-invoice",
} as const;

/** The ship form's quantity field of one order line. */
export const shipQuantityField = (orderLineId: number) => `ship-${orderLineId}`;
const SHIP_QUANTITY_FIELD = /^ship-(.*)$/s;

/**
 * The order line a ship form's field is the quantity of (0 when the field names no line as the
 * page writes ids: "ship-03"), or undefined for another field.
 */
export function shippedLineOf(field: string) {
  const match = SHIP_QUANTITY_FIELD.exec(field);
  return match ? idParam(match[1]) : undefined;
}

/**
 * How sales settles a flagged payment, the buttons of the resolve form: accept it, refund it
 * through Stripe, or record with a note what was done elsewhere (refunded in Stripe's dashboard).
 */
export const FLAG_RESOLUTION = { accept: "accept", refund: "refund", note: "note" } as const;
