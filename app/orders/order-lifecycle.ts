/**
 * An order's lifecycle: its statuses, who may do what in which status, and where each action
 * leads. The one home of these rules: models guard their writes with it (SQL guards take
 * `orderStatusesAllowing`), pages ask it what to offer. Pure and client-safe (no zod, no drizzle).
 */
import { FORM_OUT_OF_DATE } from "~/lib/forms";

export const ORDER_STATUSES = [
  "awaiting_approval",
  "pending_payment",
  "processing",
  "awaiting_payment",
  "paid",
  "payment_failed",
  "cancelled",
  "flagged",
  "refunded",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderActor = "buyer" | "approver" | "sales" | "system" | "stripe";

/** Everything that happens to an order after it is placed, and who does it. */
export const ORDER_ACTORS = {
  /** An approver of the buyer's company approves an order over the buyer's spending limit: card orders may now be paid. */
  approve_card_order: "approver",
  /** The same for an invoice order: it is invoiced now. */
  approve_invoice_order: "approver",
  /** The approver declines it, with a note for the buyer. */
  decline: "approver",
  /** The buyer starts a (new) card checkout; the status stays until Stripe reports. */
  pay_by_card: "buyer",
  /** The buyer starts a card checkout for what an invoice still owes; Stripe's report is recorded as a payment. */
  pay_invoice_by_card: "buyer",
  /** Stripe: the checkout completed and the payment is on its way. */
  stripe_processing: "stripe",
  /** Stripe: the payment arrived for the order's amount. */
  stripe_paid: "stripe",
  /** Stripe: the payment failed; the buyer may try again. */
  stripe_failed: "stripe",
  /** Stripe reported another amount or currency than the order's: sales checks it. */
  stripe_mismatch: "stripe",
  /** Stripe: money arrived for an order cancelled meanwhile: sales refunds it. */
  stripe_late_payment: "stripe",
  /**
   * Stripe: a superseded checkout of a paid order was paid as well, or a card payment of an invoice
   * came to more than its balance: the status stays, and sales refunds it.
   */
  stripe_paid_twice: "stripe",
  /** Sales records money received against an invoice (or Stripe reports a card payment of it), part of what is owed; the status stays. */
  record_payment: "sales",
  /** The payments recorded cover the invoice: the order is paid. */
  mark_paid: "sales",
  /** Sales cancels an order nothing was paid for. */
  cancel: "sales",
  /** A new quote revision replaces the accepted one: its unpaid card order is cancelled. */
  supersede: "sales",
  /** The buyer asks for changes to the quote they accepted: its unpaid order is cancelled. */
  request_changes: "buyer",
  /** An unpaid card order of a quote past its last valid day is cancelled. */
  lapse: "system",
  /** Sales takes a flagged payment as received. */
  accept_payment: "sales",
  /** Sales records a flagged payment refunded in Stripe (on a paid or invoiced order: the extra payment). */
  refund_payment: "sales",
  /**
   * Sales refunds part of what was paid (a credit note): through Stripe to the card, or sent by
   * hand (a wire, an ACH credit, a check) and recorded; the status stays.
   */
  refund: "sales",
  /** Sales refunds all the money the order still holds, either way: the order is refunded. */
  refund_in_full: "sales",
  /** Sales ships some or all of what remains; the payment status stays. */
  ship: "sales",
  /** Sales records a shipment delivered; the payment status stays. */
  deliver: "sales",
  /** Sales confirms an invoice order's estimated tax line; the status stays (ADR 34). */
  confirm_tax: "sales",
  /**
   * Sales corrects an open invoice with a credit note (a price or tax charged too high); the
   * status stays, unless it settles what the payments left (then `mark_paid`).
   */
  credit_invoice: "sales",
} as const satisfies Record<string, OrderActor>;
export type OrderAction = keyof typeof ORDER_ACTORS;
export const ORDER_ACTIONS = Object.keys(ORDER_ACTORS) as OrderAction[];

/** Action × status → next status; a status not listed does not allow the action. */
const TRANSITIONS: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  approve_card_order: { awaiting_approval: "pending_payment" },
  approve_invoice_order: { awaiting_approval: "awaiting_payment" },
  decline: { awaiting_approval: "cancelled" },
  pay_by_card: { pending_payment: "pending_payment", payment_failed: "payment_failed" },
  pay_invoice_by_card: { awaiting_payment: "awaiting_payment" },
  stripe_processing: { pending_payment: "processing", payment_failed: "processing" },
  stripe_paid: { pending_payment: "paid", processing: "paid", payment_failed: "paid" },
  stripe_failed: { pending_payment: "payment_failed", processing: "payment_failed" },
  stripe_mismatch: { pending_payment: "flagged", processing: "flagged", payment_failed: "flagged" },
  stripe_late_payment: { cancelled: "flagged" },
  stripe_paid_twice: { awaiting_payment: "awaiting_payment", paid: "paid", refunded: "refunded" },
  record_payment: { awaiting_payment: "awaiting_payment" },
  mark_paid: { awaiting_payment: "paid" },
  cancel: {
    awaiting_approval: "cancelled",
    pending_payment: "cancelled",
    payment_failed: "cancelled",
    awaiting_payment: "cancelled",
  },
  supersede: { awaiting_approval: "cancelled", pending_payment: "cancelled", payment_failed: "cancelled" },
  request_changes: { awaiting_approval: "cancelled", pending_payment: "cancelled", payment_failed: "cancelled" },
  lapse: { awaiting_approval: "cancelled", pending_payment: "cancelled", payment_failed: "cancelled" },
  accept_payment: { flagged: "paid" },
  refund_payment: { flagged: "cancelled", awaiting_payment: "awaiting_payment", paid: "paid", refunded: "refunded" },
  // Money received may go back on an invoice still open as well (before its order is cancelled, say).
  refund: { awaiting_payment: "awaiting_payment", paid: "paid" },
  refund_in_full: { paid: "refunded" },
  // Goods ship once paid, or at once on an invoice order (it is paid on its terms); what left
  // before a refund may still arrive.
  ship: { awaiting_payment: "awaiting_payment", paid: "paid" },
  deliver: { awaiting_payment: "awaiting_payment", paid: "paid", refunded: "refunded" },
  // Once invoiced, whether paid yet or not; an order waiting for its approver has no invoice yet.
  confirm_tax: { awaiting_payment: "awaiting_payment", paid: "paid" },
  credit_invoice: { awaiting_payment: "awaiting_payment" },
};

export type PaymentMethod = "card" | "invoice";

/**
 * The status of a new order: over the buyer's spending limit it waits for an approver of their
 * company first (`needsApproval`), and is then placed as `approvalAction` says.
 */
export const placedOrderStatus = (paymentMethod: PaymentMethod, needsApproval = false): OrderStatus =>
  needsApproval ? "awaiting_approval" : paymentMethod === "card" ? "pending_payment" : "awaiting_payment";

/** What approving an order does, by how it is to be paid. */
export const approvalAction = (paymentMethod: PaymentMethod) =>
  paymentMethod === "card" ? "approve_card_order" : "approve_invoice_order";

/**
 * What the status alone does not say. `withinCardLimit`: Stripe can charge the order's total.
 * `payBy`: an order's last day to be paid by card or approved (its quote's last valid day; null:
 * none), and `today`, both UTC dates (YYYY-MM-DD). `flagged`: the order carries a payment for
 * sales to check. `shipped`: some of the order has shipped. `paidInPart`: money has been recorded
 * against the order's invoice. `paidByCard`: a card payment is on the order's receipt (what a
 * refund goes back to). `paidByHand`: a payment sales recorded is on its invoice (a wire, an
 * ACH, a check: a refund of it is sent by hand). `taxEstimated`: the order's tax line is an estimate not yet confirmed.
 */
export type OrderFacts = {
  paymentMethod?: PaymentMethod;
  withinCardLimit?: boolean;
  payBy?: string | null;
  today?: string;
  flagged?: boolean;
  shipped?: boolean;
  paidInPart?: boolean;
  paidByCard?: boolean;
  paidByHand?: boolean;
  taxEstimated?: boolean;
};

/** Whether a card order's pay-by day has passed (false without one: cart and invoice orders). */
export const payByPassed = ({ payBy, today }: OrderFacts) =>
  typeof payBy === "string" && today !== undefined && payBy < today;

/** The status `action` leads to from `status`, or undefined when the status does not allow it. */
export function nextOrderStatus(status: OrderStatus, action: OrderAction): OrderStatus | undefined {
  return TRANSITIONS[action][status];
}

/** A card order whose payment has not started or has failed: the buyer may be offered to pay. */
export const awaitsCardPayment = (status: OrderStatus, paymentMethod: PaymentMethod) =>
  paymentMethod === "card" && nextOrderStatus(status, "pay_by_card") !== undefined;

/**
 * Whether `action` may be taken on an order in `status`, given the facts. A card checkout needs a
 * card order within the card limit and before its pay-by day; paying an invoice by card, an
 * invoice order within the card limit; the lapse needs that day passed;
 * an approval is the one for the order's way of paying, before its pay-by day; resolving a flag
 * needs the flag; a cancellation needs nothing shipped and nothing received; a refund needs a
 * payment to go back: a card payment (through Stripe) or one recorded by hand; confirming a tax line needs an invoice order's estimate. A fact a rule needs and is not given
 * refuses the action.
 */
export function orderAllows(status: OrderStatus, action: OrderAction, facts: OrderFacts = {}) {
  if (nextOrderStatus(status, action) === undefined) return false;
  switch (action) {
    case "pay_by_card":
      return facts.paymentMethod === "card" && facts.withinCardLimit === true && !payByPassed(facts);
    case "pay_invoice_by_card":
      return facts.paymentMethod === "invoice" && facts.withinCardLimit === true;
    case "lapse":
      return payByPassed(facts);
    case "approve_card_order":
    case "approve_invoice_order":
      return facts.paymentMethod !== undefined && approvalAction(facts.paymentMethod) === action && !payByPassed(facts);
    case "accept_payment":
    case "refund_payment":
      return facts.flagged === true;
    case "cancel":
      return facts.shipped === false && facts.paidInPart === false;
    case "refund":
    case "refund_in_full":
      return facts.paidByCard === true || facts.paidByHand === true;
    case "confirm_tax":
      return facts.paymentMethod === "invoice" && facts.taxEstimated === true;
    default:
      return true;
  }
}

/** The statuses in which `action` is allowed at all, for SQL guards (`inArray(status, …)`). */
export function orderStatusesAllowing(action: OrderAction): OrderStatus[] {
  return ORDER_STATUSES.filter((status) => nextOrderStatus(status, action) !== undefined);
}

/**
 * Where `action` moves an order, and from which statuses (those it leaves unchanged aside), for
 * one guarded UPDATE; undefined for an action that moves no order or moves orders to two places.
 */
export function orderMove(action: OrderAction): { from: OrderStatus[]; to: OrderStatus } | undefined {
  const from = orderStatusesAllowing(action).filter((status) => nextOrderStatus(status, action) !== status);
  const targets = new Set(from.map((status) => nextOrderStatus(status, action)!));
  return targets.size === 1 ? { from, to: [...targets][0] } : undefined;
}

/**
 * Money committed: paid, on its way, invoiced, or being checked; not cancelled, not waiting for a
 * card payment, and not waiting for the buyer's company to approve it.
 */
export const orderCommitsMoney = (status: OrderStatus) =>
  status !== "cancelled" && status !== "awaiting_approval" && nextOrderStatus(status, "pay_by_card") === undefined;
export const COMMITTED_ORDER_STATUSES = ORDER_STATUSES.filter(orderCommitsMoney);

/**
 * An invoice order that still owes money: waiting for its company's approval (then invoiced) or
 * for the invoice's payment. What counts against a company's credit limit.
 */
export const invoiceStillOwed = (status: OrderStatus) =>
  nextOrderStatus(status, "approve_invoice_order") !== undefined || nextOrderStatus(status, "mark_paid") !== undefined;
export const OPEN_INVOICE_STATUSES = ORDER_STATUSES.filter(invoiceStillOwed);

/** A status in a few words, in the back office's lists and timelines. */
export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  awaiting_approval: "awaiting approval",
  pending_payment: "pending payment",
  processing: "processing",
  awaiting_payment: "awaiting payment",
  paid: "paid",
  payment_failed: "payment failed",
  cancelled: "cancelled",
  flagged: "flagged",
  refunded: "refunded",
};

/** An order's status in the buyer's words (a payment being checked is not an accusation). */
export const BUYER_ORDER_STATUS: Record<OrderStatus, string> = {
  ...ORDER_STATUS_LABEL,
  flagged: "checking payment",
};

/** What the status means for the buyer, on their order page. */
export const BUYER_ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  awaiting_approval: "Waiting for an approver at your company: it is over the buyer’s spending limit",
  pending_payment: "Awaiting your card payment",
  processing: "Payment is being processed",
  awaiting_payment: "Awaiting payment of our invoice",
  paid: "Paid: thank you",
  payment_failed: "The payment failed: you can try again",
  cancelled: "Cancelled",
  flagged: "We are checking your payment; we will be in touch",
  refunded: "Refunded in full",
};

/** What the buyer reads on an unpaid card order whose quote's validity has ended. */
export const LAPSED_TEXT =
  "The quote’s validity has ended, so this order can no longer be paid. Write to sales for a new quote.";

/** Cancelled (by sales, by a newer quote revision, at the pay-by day, or refunded): the order's pages give the reason. */
export const orderCancelled = (status: OrderStatus) => status === "cancelled";

/**
 * Fulfilment, beside the payment status: how much of each item line has shipped. Only items ship;
 * charges and discounts do not. Delivered: everything shipped and every shipment delivered.
 */
export const FULFILMENT_STATES = ["unshipped", "partly shipped", "shipped", "delivered"] as const;
export type FulfilmentState = (typeof FULFILMENT_STATES)[number];

export type FulfilmentLine = { id: number; kind: string; quantity: number };
export type ShipmentLineQuantity = { orderLineId: number; quantity: number };
export type ShipmentRecord = { deliveredAt: string | null; lines: ShipmentLineQuantity[] };

export type Fulfilment = {
  state: FulfilmentState;
  /** Each item line: ordered, shipped so far, and what remains to ship (back-ordered). */
  lines: { orderLineId: number; ordered: number; shipped: number; remaining: number }[];
};

export const ships = (line: Pick<FulfilmentLine, "kind">) => line.kind === "item";

export function fulfilmentOf(lines: FulfilmentLine[], shipments: ShipmentRecord[]): Fulfilment {
  const shipped = new Map<number, number>();
  for (const shipment of shipments)
    for (const { orderLineId, quantity } of shipment.lines)
      shipped.set(orderLineId, (shipped.get(orderLineId) ?? 0) + quantity);
  const items = lines.filter(ships).map((line) => {
    const sent = shipped.get(line.id) ?? 0;
    return {
      orderLineId: line.id,
      ordered: line.quantity,
      shipped: sent,
      remaining: Math.max(0, line.quantity - sent),
    };
  });
  const state = fulfilmentState({
    shippedAnything: items.some((line) => line.shipped > 0),
    leftToShip: items.length === 0 || items.some((line) => line.remaining > 0),
    undelivered: shipments.some((shipment) => shipment.deliveredAt === null),
  });
  return { state, lines: items };
}

/**
 * The fulfilment state from three facts, as `fulfilmentOf` works them out from the lines and as
 * the back office's order lists read them in SQL: something has shipped, an item line still has
 * a quantity to ship, a shipment is not yet delivered.
 */
export function fulfilmentState(facts: { shippedAnything: boolean; leftToShip: boolean; undelivered: boolean }) {
  const state: FulfilmentState = !facts.shippedAnything
    ? "unshipped"
    : facts.leftToShip
      ? "partly shipped"
      : facts.undelivered
        ? "shipped"
        : "delivered";
  return state;
}

/**
 * The back office's work queues beside the status tabs. To ship: an order in a status that ships
 * with an item quantity not yet shipped. Shipped: everything shipped, a shipment not yet
 * delivered. Overdue: an invoice still owed (a status that takes payments) past its due day.
 */
export const ORDER_VIEWS = ["to_ship", "shipped", "overdue"] as const;
export type OrderView = (typeof ORDER_VIEWS)[number];
export const ORDER_VIEW_LABEL: Record<OrderView, string> = {
  to_ship: "To ship",
  shipped: "Shipped",
  overdue: "Overdue",
};

/**
 * Why a shipment of `request` cannot leave, by order line (`lines`) or for the whole of it
 * (`form`); undefined when it may. Every line must be an item of the order with that much still
 * to ship, and something must ship.
 */
export function shipmentProblems(
  fulfilment: Fulfilment,
  request: ShipmentLineQuantity[],
): { lines: Record<number, string>; form?: string } | undefined {
  const lines: Record<number, string> = {};
  const seen = new Set<number>();
  for (const { orderLineId, quantity } of request) {
    const line = fulfilment.lines.find((l) => l.orderLineId === orderLineId);
    // The page has a field for each item and for nothing else: another line is a forged form.
    if (!line) return { lines: {}, form: FORM_OUT_OF_DATE };
    if (seen.has(orderLineId)) lines[orderLineId] = "This line is listed twice";
    else if (!Number.isSafeInteger(quantity) || quantity < 0) lines[orderLineId] = "Enter a whole number";
    else if (quantity > line.remaining)
      lines[orderLineId] =
        line.remaining === 0 ? "Shipped in full already" : `Only ${line.remaining} left to ship on this line`;
    seen.add(orderLineId);
  }
  if (Object.keys(lines).length) return { lines };
  if (!request.some((line) => line.quantity > 0))
    return { lines, form: "Enter a quantity to ship on at least one line" };
  return undefined;
}
