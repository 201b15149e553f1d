import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orderEvents, orders, outboxEmails } from "~db/schema";
import { db } from "~/lib/db.server";
import { FORM_OUT_OF_DATE } from "~/lib/forms";
import type { OrderStatus } from "./order-lifecycle";
import { cancelOrderBySales, getOrder, getOrderLines } from "./order.server";
import { listShipments, markDelivered, orderFulfilment, shipOrder } from "./shipment.server";
import { makeOrder, uniqueEmail } from "../../tests/support/factories";

const SALES = "sales:sam@ironaxis.test";

/** An order of 10 gauges, 2 valves and a freight charge, in `status`. */
function orderIn(status: OrderStatus, paymentMethod: "card" | "invoice" = "card") {
  const email = uniqueEmail("ship");
  const { orderId } = makeOrder({
    paymentMethod,
    buyer: { email },
    lines: [
      { productId: null, partNumber: "GC-1", name: "Gauge", quantity: 10, unitPriceCents: 4200 },
      { productId: null, partNumber: "VB-2", name: "Ball valve", quantity: 2, unitPriceCents: 9900 },
      { productId: null, partNumber: null, name: "Freight", quantity: 1, unitPriceCents: 15000, kind: "charge" },
    ],
  });
  db.update(orders).set({ status }).where(eq(orders.id, orderId)).run();
  const [gauge, valve, freight] = getOrderLines(orderId);
  return { orderId, email, gauge, valve, freight };
}
const mailsTo = (email: string) => db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all();
const eventsOf = (orderId: number) => db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all();
const ups = { carrier: "ups" as const, trackingNumber: "1Z999AA10123456784" };

describe("shipping an order", () => {
  it("ships part of a paid order, tells the buyer with the tracking link and what is back-ordered, then the rest", () => {
    const { orderId, email, gauge, valve } = orderIn("paid");
    const first = shipOrder(orderId, { ...ups, lines: [{ orderLineId: gauge.id, quantity: 4 }] }, SALES);
    expect(first).toEqual({ ok: true, number: 1 });
    const [shipment] = listShipments(orderId);
    expect(shipment).toMatchObject({
      number: 1,
      carrier: "ups",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      deliveredAt: null,
      createdBy: SALES,
      lines: [{ orderLineId: gauge.id, quantity: 4 }],
    });
    expect(orderFulfilment(orderId).fulfilment.state).toBe("partly shipped");
    const mail = mailsTo(email).at(-1)!;
    expect(mail.subject).toMatch(/^Shipment 1 of order O-\d{4}-\d{5} is on its way$/);
    expect(mail.text).toContain("Track the shipment: https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(mail.text).toContain("In this shipment:\n- 4 × Gauge (GC-1)");
    expect(mail.text).toContain("Still to ship (back-ordered):\n- 6 × Gauge (GC-1)\n- 2 × Ball valve (VB-2)");
    expect(eventsOf(orderId).at(-1)).toMatchObject({
      status: "paid",
      actor: SALES,
      note: "Shipment 1: 1 line, UPS 1Z999AA10123456784",
    });
    expect(getOrder(orderId)!.status).toBe("paid");

    const rest = shipOrder(
      orderId,
      {
        carrier: "other",
        trackingNumber: "PRO 4471",
        trackingUrl: "https://freight.example/track/4471",
        lines: [
          { orderLineId: gauge.id, quantity: 6 },
          { orderLineId: valve.id, quantity: 2 },
        ],
      },
      SALES,
    );
    expect(rest).toEqual({ ok: true, number: 2 });
    expect(listShipments(orderId)[1].trackingUrl).toBe("https://freight.example/track/4471");
    expect(orderFulfilment(orderId).fulfilment.state).toBe("shipped");
    expect(mailsTo(email).at(-1)!.text).toContain("This completes your order: nothing is left to ship.");
  });

  it("ships an invoice order on its terms, which then can no longer be cancelled", () => {
    const unshipped = orderIn("awaiting_payment", "invoice");
    expect(cancelOrderBySales(unshipped.orderId, "No longer needed", SALES)).toMatchObject({ ok: true });
    const { orderId, valve } = orderIn("awaiting_payment", "invoice");
    expect(shipOrder(orderId, { ...ups, lines: [{ orderLineId: valve.id, quantity: 1 }] }, SALES).ok).toBe(true);
    expect(cancelOrderBySales(orderId, "No longer needed", SALES)).toEqual({
      ok: false,
      shipped: true,
      paidInPart: false,
    });
    expect(getOrder(orderId)!.status).toBe("awaiting_payment");
  });

  it("refuses a cancelled or unpaid order, over-shipping, a charge line, another order's line, and nothing at all", () => {
    for (const status of ["cancelled", "pending_payment", "awaiting_approval", "processing", "flagged"] as const) {
      const { orderId, gauge } = orderIn(status);
      expect(shipOrder(orderId, { ...ups, lines: [{ orderLineId: gauge.id, quantity: 1 }] }, SALES)).toEqual({
        ok: false,
        lines: {},
        form: expect.stringMatching(/only a paid or invoiced order ships/),
      });
      expect(listShipments(orderId)).toEqual([]);
    }
    const { orderId, email, gauge, freight } = orderIn("paid");
    const other = orderIn("paid");
    const mails = mailsTo(email).length;
    const events = eventsOf(orderId).length;
    expect(shipOrder(orderId, { ...ups, lines: [{ orderLineId: gauge.id, quantity: 11 }] }, SALES)).toEqual({
      ok: false,
      lines: { [gauge.id]: "Only 10 left to ship on this line" },
    });
    expect(shipOrder(orderId, { ...ups, lines: [{ orderLineId: freight.id, quantity: 1 }] }, SALES)).toEqual({
      ok: false,
      lines: {},
      form: FORM_OUT_OF_DATE,
    });
    expect(shipOrder(orderId, { ...ups, lines: [{ orderLineId: other.gauge.id, quantity: 1 }] }, SALES)).toEqual({
      ok: false,
      lines: {},
      form: FORM_OUT_OF_DATE,
    });
    expect(shipOrder(orderId, { ...ups, lines: [{ orderLineId: gauge.id, quantity: 0 }] }, SALES)).toMatchObject({
      ok: false,
      form: "Enter a quantity to ship on at least one line",
    });
    expect(listShipments(orderId)).toEqual([]);
    expect(mailsTo(email)).toHaveLength(mails);
    expect(eventsOf(orderId)).toHaveLength(events);
  });

  it("marks a shipment delivered once, with an e-mail; the second time is refused; another order's shipment is not found", () => {
    const { orderId, email, gauge, valve } = orderIn("paid");
    shipOrder(
      orderId,
      {
        ...ups,
        lines: [
          { orderLineId: gauge.id, quantity: 10 },
          { orderLineId: valve.id, quantity: 2 },
        ],
      },
      SALES,
    );
    const [shipment] = listShipments(orderId);
    const other = orderIn("paid");
    expect(markDelivered({ orderId: other.orderId, shipmentId: shipment.id }, SALES)).toMatchObject({ ok: false });
    expect(markDelivered({ orderId, shipmentId: shipment.id }, SALES)).toEqual({ ok: true });
    expect(orderFulfilment(orderId).fulfilment.state).toBe("delivered");
    const mail = mailsTo(email).at(-1)!;
    expect(mail.subject).toMatch(/^Shipment 1 of order O-\d{4}-\d{5} was delivered$/);
    expect(mail.text).toContain("Delivered:\n- 10 × Gauge (GC-1)\n- 2 × Ball valve (VB-2)");
    const mails = mailsTo(email).length;
    expect(markDelivered({ orderId, shipmentId: shipment.id }, SALES)).toEqual({
      ok: false,
      lines: {},
      form: "Shipment 1 was marked delivered already.",
    });
    expect(mailsTo(email)).toHaveLength(mails);
    expect(eventsOf(orderId).filter((event) => event.note === "Shipment 1 delivered")).toHaveLength(1);
  });
});
