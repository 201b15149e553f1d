import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invoices, orders } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { addDays } from "./invoice-rules";
import { listInvoices, recordInvoicePayment } from "./invoice.server";
import { issueCreditNote } from "./refund.server";
import type { OrderStatus, OrderView } from "./order-lifecycle";
import { listOrders, orderQueueCounts, PAGE_SIZE } from "./order-list.server";
import { getOrderLines } from "./order.server";
import { listShipments, markDelivered, shipOrder } from "./shipment.server";
import { makeCompany, makeOrder, payInvoiceInFull } from "../../tests/support/factories";

const SALES = "sales:sam@ironaxis.test";
const ups = { carrier: "ups" as const, trackingNumber: "1Z999AA10123456784" };
const today = new Date().toISOString().slice(0, 10);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

/** A company of its own, so that each test lists only the orders it made. */
function companyOrders() {
  const { admin, companyId } = makeCompany("Queue Works", { terms: "net30", creditLimitCents: 1_000_000_00 });
  const owner = { customerId: admin.id, companyId };
  /** 10 gauges, 2 valves and a freight charge (which never ships), paid by card or invoiced on Net 30. */
  const order = (paymentMethod: "card" | "invoice", status?: OrderStatus) => {
    const { orderId } = makeOrder({
      paymentMethod,
      owner,
      paymentTerms: paymentMethod === "invoice" ? "net30" : undefined,
      lines: [
        { productId: null, partNumber: "GC-1", name: "Gauge", quantity: 10, unitPriceCents: 4200 },
        { productId: null, partNumber: "VB-2", name: "Ball valve", quantity: 2, unitPriceCents: 9900 },
        { productId: null, partNumber: null, name: "Freight", quantity: 1, unitPriceCents: 15000, kind: "charge" },
      ],
    });
    if (status) db.update(orders).set({ status }).where(eq(orders.id, orderId)).run();
    const [gauge, valve] = getOrderLines(orderId);
    return { orderId, gauge, valve };
  };
  const list = (view?: OrderView, now?: Date) => listOrders({ view, companyId, now });
  const ids = (view?: OrderView, now?: Date) => list(view, now).orders.map((row) => row.id);
  const row = (orderId: number, view?: OrderView, now?: Date) => list(view, now).orders.find((o) => o.id === orderId);
  return { companyId, order, list, ids, row };
}

describe("the back office's work queues", () => {
  it("lists a paid or invoiced order under To ship until all of it has shipped, then under Shipped until delivered", () => {
    const { order, ids, row } = companyOrders();
    const paid = order("card", "paid");
    const invoiced = order("invoice");
    const unpaid = order("card");
    const cancelled = order("card", "cancelled");
    expect(ids("to_ship")).toEqual([paid.orderId, invoiced.orderId]);
    expect(row(paid.orderId, "to_ship")!.fulfilment).toBe("unshipped");
    expect(ids("shipped")).toEqual([]);
    expect(ids()).toEqual(expect.arrayContaining([unpaid.orderId, cancelled.orderId]));

    expect(shipOrder(paid.orderId, { ...ups, lines: [{ orderLineId: paid.gauge.id, quantity: 4 }] }, SALES)).toEqual({
      ok: true,
      number: 1,
    });
    expect(ids("to_ship")).toEqual([paid.orderId, invoiced.orderId]);
    expect(row(paid.orderId, "to_ship")!.fulfilment).toBe("partly shipped");
    expect(ids("shipped")).toEqual([]);

    const rest = [
      { orderLineId: paid.gauge.id, quantity: 6 },
      { orderLineId: paid.valve.id, quantity: 2 },
    ];
    expect(shipOrder(paid.orderId, { ...ups, lines: rest }, SALES)).toMatchObject({ ok: true });
    expect(ids("to_ship")).toEqual([invoiced.orderId]);
    expect(ids("shipped")).toEqual([paid.orderId]);
    expect(row(paid.orderId, "shipped")!.fulfilment).toBe("shipped");

    // One of two shipments delivered: still on its way.
    const [first, second] = listShipments(paid.orderId);
    expect(markDelivered({ orderId: paid.orderId, shipmentId: first.id }, SALES)).toEqual({ ok: true });
    expect(ids("shipped")).toEqual([paid.orderId]);
    expect(markDelivered({ orderId: paid.orderId, shipmentId: second.id }, SALES)).toEqual({ ok: true });
    expect(ids("shipped")).toEqual([]);
    expect(row(paid.orderId)!.fulfilment).toBe("delivered");
  });

  it("lists an invoice order under Overdue once its due day has passed with a balance, with the due day and balance", () => {
    const { order, ids, row } = companyOrders();
    const invoiced = order("invoice");
    const paidByCard = order("card", "paid");
    const dueOn = addDays(today, 30);
    expect(row(invoiced.orderId)!.invoice).toEqual({ dueOn, balanceCents: 76800 });
    expect(row(paidByCard.orderId)!.invoice).toBeUndefined();
    expect(ids("overdue")).toEqual([]);
    // On the due day it is not yet overdue; the day after it is.
    expect(ids("overdue", daysFromNow(30))).toEqual([]);
    expect(ids("overdue", daysFromNow(31))).toEqual([invoiced.orderId]);

    const part = recordInvoicePayment(
      invoiced.orderId,
      { amountCents: 29800, receivedOn: today, method: "ach", reference: "" },
      SALES,
    );
    expect(part).toEqual({ ok: true, paidInFull: false });
    expect(row(invoiced.orderId, "overdue", daysFromNow(31))!.invoice).toEqual({ dueOn, balanceCents: 47000 });

    expect(payInvoiceInFull(invoiced.orderId)).toEqual({ ok: true, paidInFull: true });
    expect(ids("overdue", daysFromNow(31))).toEqual([]);
    expect(row(invoiced.orderId)!.invoice).toEqual({ dueOn, balanceCents: 0 });
  });

  it("takes credit notes off the balance it shows, and drops an invoice they settle from Overdue", () => {
    const { order, ids, row } = companyOrders();
    const invoiced = order("invoice");
    const invoice = db.select().from(invoices).where(eq(invoices.orderId, invoiced.orderId)).get()!;
    const credit = (amountCents: number) =>
      writeTransaction(() =>
        issueCreditNote({
          invoiceId: invoice.id,
          orderId: invoiced.orderId,
          amountCents,
          reason: "Price corrected",
          stripeRefundId: null,
          createdBy: SALES,
        }),
      );
    credit(10000);
    expect(row(invoiced.orderId, "overdue", daysFromNow(31))!.invoice).toMatchObject({ balanceCents: 66800 });
    const aged = listInvoices({ open: true, now: daysFromNow(31) }).invoices.find((i) => i.id === invoice.id)!;
    expect(aged.balanceCents).toBe(66800);
    credit(66800);
    expect(ids("overdue", daysFromNow(31))).toEqual([]);
  });

  it("puts the longest overdue first and pages every view with its count", () => {
    const { order, list, companyId } = companyOrders();
    const older = order("invoice");
    const newer = order("invoice");
    db.update(orders).set({ createdAt: "2026-01-01T00:00:00.000Z" }).where(eq(orders.id, newer.orderId)).run();
    const overdue = list("overdue", daysFromNow(40));
    expect(overdue.orders.map((o) => o.id)).toEqual([older.orderId, newer.orderId]);
    expect(overdue.total).toBe(2);
    // To ship runs oldest placed first: the queue's head is what has waited longest.
    expect(list("to_ship").orders.map((o) => o.id)).toEqual([newer.orderId, older.orderId]);

    for (let i = 0; i < PAGE_SIZE; i++) order("card", "paid");
    const first = listOrders({ view: "to_ship", companyId });
    expect(first.total).toBe(PAGE_SIZE + 2);
    expect(first.orders).toHaveLength(PAGE_SIZE);
    const second = listOrders({ view: "to_ship", companyId, page: 2 });
    expect(second.orders).toHaveLength(2);
    expect(new Set([...first.orders, ...second.orders].map((o) => o.id)).size).toBe(PAGE_SIZE + 2);
  });

  it("counts the queues for the dashboard", () => {
    const before = orderQueueCounts(daysFromNow(31));
    const { order } = companyOrders();
    order("invoice");
    order("card", "paid");
    order("card");
    expect(orderQueueCounts(daysFromNow(31))).toEqual({ toShip: before.toShip + 2, overdue: before.overdue + 1 });
  });
});
