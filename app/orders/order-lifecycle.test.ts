import { describe, expect, it } from "vitest";
import {
  BUYER_ORDER_STATUS,
  BUYER_ORDER_STATUS_TEXT,
  COMMITTED_ORDER_STATUSES,
  OPEN_INVOICE_STATUSES,
  ORDER_ACTIONS,
  ORDER_ACTORS,
  ORDER_STATUSES,
  ORDER_STATUS_LABEL,
  approvalAction,
  awaitsCardPayment,
  nextOrderStatus,
  orderAllows,
  orderMove,
  orderStatusesAllowing,
  payByPassed,
  placedOrderStatus,
  type OrderAction,
  type OrderFacts,
  type OrderStatus,
} from "./order-lifecycle";

const _ = undefined;

/** Columns: awaiting_approval, pending_payment, processing, awaiting_payment, paid, payment_failed, cancelled, flagged, refunded. */
const EXPECTED: Record<OrderAction, (OrderStatus | undefined)[]> = {
  approve_card_order: ["pending_payment", _, _, _, _, _, _, _, _],
  approve_invoice_order: ["awaiting_payment", _, _, _, _, _, _, _, _],
  decline: ["cancelled", _, _, _, _, _, _, _, _],
  pay_by_card: [_, "pending_payment", _, _, _, "payment_failed", _, _, _],
  pay_invoice_by_card: [_, _, _, "awaiting_payment", _, _, _, _, _],
  stripe_processing: [_, "processing", _, _, _, "processing", _, _, _],
  stripe_paid: [_, "paid", "paid", _, _, "paid", _, _, _],
  stripe_failed: [_, "payment_failed", "payment_failed", _, _, _, _, _, _],
  stripe_mismatch: [_, "flagged", "flagged", _, _, "flagged", _, _, _],
  stripe_late_payment: [_, _, _, _, _, _, "flagged", _, _],
  stripe_paid_twice: [_, _, _, "awaiting_payment", "paid", _, _, _, "refunded"],
  record_payment: [_, _, _, "awaiting_payment", _, _, _, _, _],
  mark_paid: [_, _, _, "paid", _, _, _, _, _],
  cancel: ["cancelled", "cancelled", _, "cancelled", _, "cancelled", _, _, _],
  supersede: ["cancelled", "cancelled", _, _, _, "cancelled", _, _, _],
  request_changes: ["cancelled", "cancelled", _, _, _, "cancelled", _, _, _],
  lapse: ["cancelled", "cancelled", _, _, _, "cancelled", _, _, _],
  accept_payment: [_, _, _, _, _, _, _, "paid", _],
  refund_payment: [_, _, _, "awaiting_payment", "paid", _, _, "cancelled", "refunded"],
  refund: [_, _, _, "awaiting_payment", "paid", _, _, _, _],
  refund_in_full: [_, _, _, _, "refunded", _, _, _, _],
  ship: [_, _, _, "awaiting_payment", "paid", _, _, _, _],
  deliver: [_, _, _, "awaiting_payment", "paid", _, _, _, "refunded"],
  confirm_tax: [_, _, _, "awaiting_payment", "paid", _, _, _, _],
  credit_invoice: [_, _, _, "awaiting_payment", _, _, _, _, _],
};

/** Every fact in the action's favour. */
const favourable = (action: OrderAction): OrderFacts => ({
  paymentMethod: ["approve_invoice_order", "pay_invoice_by_card", "confirm_tax"].includes(action) ? "invoice" : "card",
  withinCardLimit: true,
  payBy: "2030-06-15",
  today: action === "lapse" ? "2030-06-16" : "2030-06-15",
  flagged: true,
  shipped: false,
  paidInPart: false,
  paidByCard: true,
  taxEstimated: true,
});

describe("the order lifecycle", () => {
  it("has these statuses, and these actions taken by these actors", () => {
    expect(ORDER_STATUSES).toEqual([
      "awaiting_approval",
      "pending_payment",
      "processing",
      "awaiting_payment",
      "paid",
      "payment_failed",
      "cancelled",
      "flagged",
      "refunded",
    ]);
    expect(ORDER_ACTORS).toEqual({
      approve_card_order: "approver",
      approve_invoice_order: "approver",
      decline: "approver",
      pay_by_card: "buyer",
      pay_invoice_by_card: "buyer",
      stripe_processing: "stripe",
      stripe_paid: "stripe",
      stripe_failed: "stripe",
      stripe_mismatch: "stripe",
      stripe_late_payment: "stripe",
      stripe_paid_twice: "stripe",
      record_payment: "sales",
      mark_paid: "sales",
      cancel: "sales",
      supersede: "sales",
      request_changes: "buyer",
      lapse: "system",
      accept_payment: "sales",
      refund_payment: "sales",
      refund: "sales",
      refund_in_full: "sales",
      ship: "sales",
      deliver: "sales",
      confirm_tax: "sales",
      credit_invoice: "sales",
    });
    expect(ORDER_ACTIONS).toEqual(Object.keys(EXPECTED));
  });

  it("moves every status by every action as the table says, or not at all", () => {
    for (const action of ORDER_ACTIONS) {
      ORDER_STATUSES.forEach((status, column) => {
        const expected = EXPECTED[action][column];
        const pair = `${action} on ${status}`;
        expect(nextOrderStatus(status, action), pair).toBe(expected);
        expect(orderAllows(status, action, favourable(action)), pair).toBe(expected !== undefined);
        expect(orderStatusesAllowing(action).includes(status), pair).toBe(expected !== undefined);
      });
    }
  });

  it("gives each moving action one target for one guarded update", () => {
    expect(orderMove("stripe_paid")).toEqual({
      from: ["pending_payment", "processing", "payment_failed"],
      to: "paid",
    });
    expect(orderMove("cancel")).toEqual({
      from: ["awaiting_approval", "pending_payment", "awaiting_payment", "payment_failed"],
      to: "cancelled",
    });
    expect(orderMove("refund_payment")).toEqual({ from: ["flagged"], to: "cancelled" });
    expect(orderMove("refund_in_full")).toEqual({ from: ["paid"], to: "refunded" });
    expect(orderMove("pay_by_card")).toBeUndefined();
    expect(orderMove("ship")).toBeUndefined();
    expect(orderMove("stripe_paid_twice")).toBeUndefined();
  });

  it("starts a card order pending payment and an invoice order awaiting payment, or either awaiting approval", () => {
    expect(placedOrderStatus("card")).toBe("pending_payment");
    expect(placedOrderStatus("invoice")).toBe("awaiting_payment");
    expect(placedOrderStatus("card", true)).toBe("awaiting_approval");
    expect(placedOrderStatus("invoice", true)).toBe("awaiting_approval");
  });

  it("approves an order as it is to be paid, and not once its quote's last valid day has passed", () => {
    expect(approvalAction("card")).toBe("approve_card_order");
    expect(approvalAction("invoice")).toBe("approve_invoice_order");
    expect(nextOrderStatus("awaiting_approval", approvalAction("card"))).toBe(placedOrderStatus("card"));
    expect(nextOrderStatus("awaiting_approval", approvalAction("invoice"))).toBe(placedOrderStatus("invoice"));
    expect(orderAllows("awaiting_approval", "approve_card_order", { paymentMethod: "invoice" })).toBe(false);
    expect(orderAllows("awaiting_approval", "approve_invoice_order", { paymentMethod: "card" })).toBe(false);
    expect(orderAllows("awaiting_approval", "approve_card_order", {})).toBe(false);
    const quoteOrder: OrderFacts = { paymentMethod: "card", payBy: "2030-06-15", today: "2030-06-15" };
    expect(orderAllows("awaiting_approval", "approve_card_order", quoteOrder)).toBe(true);
    expect(orderAllows("awaiting_approval", "approve_card_order", { ...quoteOrder, today: "2030-06-16" })).toBe(false);
    expect(awaitsCardPayment("awaiting_approval", "card")).toBe(false);
  });

  it("offers card payment only for a card order within the card limit, to the end of its pay-by day", () => {
    const facts: OrderFacts = {
      paymentMethod: "card",
      withinCardLimit: true,
      payBy: "2030-06-15",
      today: "2030-06-15",
    };
    expect(orderAllows("pending_payment", "pay_by_card", facts)).toBe(true);
    expect(orderAllows("pending_payment", "pay_by_card", { ...facts, today: "2030-06-16" })).toBe(false);
    expect(orderAllows("pending_payment", "pay_by_card", { ...facts, payBy: null, today: "2199-01-01" })).toBe(true);
    expect(orderAllows("pending_payment", "pay_by_card", { ...facts, withinCardLimit: false })).toBe(false);
    expect(orderAllows("pending_payment", "pay_by_card", { ...facts, withinCardLimit: undefined })).toBe(false);
    expect(orderAllows("payment_failed", "pay_by_card", { ...facts, paymentMethod: "invoice" })).toBe(false);
    expect(awaitsCardPayment("payment_failed", "card")).toBe(true);
    expect(awaitsCardPayment("payment_failed", "invoice")).toBe(false);
    expect(awaitsCardPayment("processing", "card")).toBe(false);
  });

  it("offers to pay an invoice by card only on an invoice order within the card limit, while it is owed", () => {
    const facts: OrderFacts = { paymentMethod: "invoice", withinCardLimit: true };
    expect(orderAllows("awaiting_payment", "pay_invoice_by_card", facts)).toBe(true);
    expect(orderAllows("awaiting_payment", "pay_invoice_by_card", { ...facts, withinCardLimit: false })).toBe(false);
    expect(orderAllows("awaiting_payment", "pay_invoice_by_card", { ...facts, paymentMethod: "card" })).toBe(false);
    expect(orderAllows("paid", "pay_invoice_by_card", facts)).toBe(false);
    expect(orderAllows("awaiting_approval", "pay_invoice_by_card", facts)).toBe(false);
  });

  it("lapses an unpaid card order only after its pay-by day", () => {
    expect(payByPassed({ payBy: "2030-06-15", today: "2030-06-15" })).toBe(false);
    expect(payByPassed({ payBy: "2030-06-15", today: "2030-06-16" })).toBe(true);
    expect(payByPassed({ payBy: null, today: "2199-01-01" })).toBe(false);
    expect(orderAllows("pending_payment", "lapse", { payBy: "2030-06-15", today: "2030-06-15" })).toBe(false);
    expect(orderAllows("pending_payment", "lapse", {})).toBe(false);
  });

  it("resolves a payment only on a flagged order", () => {
    expect(orderAllows("flagged", "accept_payment", { flagged: false })).toBe(false);
    expect(orderAllows("paid", "refund_payment", { flagged: false })).toBe(false);
    expect(orderAllows("paid", "refund_payment", { flagged: true })).toBe(true);
    expect(orderAllows("paid", "accept_payment", { flagged: true })).toBe(false);
  });

  it("refunds only money received, by card or recorded by hand, and refunds in full only a paid order", () => {
    expect(orderAllows("paid", "refund", { paidByCard: false })).toBe(false);
    expect(orderAllows("paid", "refund_in_full", {})).toBe(false);
    expect(orderAllows("refunded", "refund", { paidByCard: true })).toBe(false);
    expect(orderAllows("paid", "refund", { paidByHand: true })).toBe(true);
    expect(orderAllows("paid", "refund_in_full", { paidByHand: true })).toBe(true);
    expect(orderAllows("awaiting_payment", "refund", { paidByHand: true })).toBe(true);
    expect(orderAllows("awaiting_payment", "refund_in_full", { paidByHand: true })).toBe(false);
    expect(orderAllows("cancelled", "refund", { paidByHand: true })).toBe(false);
  });

  it("confirms only an invoice order's estimated tax line", () => {
    expect(orderAllows("awaiting_payment", "confirm_tax", { paymentMethod: "invoice", taxEstimated: true })).toBe(true);
    expect(orderAllows("awaiting_payment", "confirm_tax", { paymentMethod: "invoice", taxEstimated: false })).toBe(
      false,
    );
    expect(orderAllows("paid", "confirm_tax", { paymentMethod: "card", taxEstimated: true })).toBe(false);
    expect(orderAllows("cancelled", "confirm_tax", { paymentMethod: "invoice", taxEstimated: true })).toBe(false);
    expect(orderMove("confirm_tax")).toBeUndefined();
  });

  it("counts money as committed when paid, on its way, invoiced or being checked", () => {
    expect(COMMITTED_ORDER_STATUSES).toEqual(["processing", "awaiting_payment", "paid", "flagged", "refunded"]);
  });

  it("counts an invoice as still owed while it waits for approval or for its payment", () => {
    expect(OPEN_INVOICE_STATUSES).toEqual(["awaiting_approval", "awaiting_payment"]);
  });

  it("names every status for sales and for the buyer", () => {
    expect(ORDER_STATUS_LABEL.pending_payment).toBe("pending payment");
    expect(BUYER_ORDER_STATUS.flagged).toBe("checking payment");
    expect(BUYER_ORDER_STATUS.payment_failed).toBe("payment failed");
    expect(BUYER_ORDER_STATUS_TEXT.paid).toBe("Paid: thank you");
    for (const labels of [ORDER_STATUS_LABEL, BUYER_ORDER_STATUS, BUYER_ORDER_STATUS_TEXT])
      expect(Object.keys(labels).sort()).toEqual([...ORDER_STATUSES].sort());
  });
});
