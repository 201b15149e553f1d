import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORM_OUT_OF_DATE } from "~/lib/forms";
import {
  fulfilmentOf,
  fulfilmentState,
  ORDER_STATUSES,
  orderAllows,
  shipmentProblems,
  type ShipmentLineQuantity,
  type ShipmentRecord,
} from "./order-lifecycle";

/** 10 gauges, 3 valves, a freight charge and a discount: only the first two ship. */
const LINES = [
  { id: 1, kind: "item", quantity: 10 },
  { id: 2, kind: "item", quantity: 3 },
  { id: 3, kind: "charge", quantity: 1 },
  { id: 4, kind: "discount", quantity: 1 },
];
const shipment = (lines: ShipmentLineQuantity[], deliveredAt: string | null = null): ShipmentRecord => ({
  deliveredAt,
  lines,
});

describe("fulfilment", () => {
  it("ships in paid and invoiced orders only, and refuses a cancellation once anything shipped", () => {
    expect(ORDER_STATUSES.filter((status) => orderAllows(status, "ship"))).toEqual(["awaiting_payment", "paid"]);
    // What left before a refund in full may still arrive.
    expect(ORDER_STATUSES.filter((status) => orderAllows(status, "deliver"))).toEqual([
      "awaiting_payment",
      "paid",
      "refunded",
    ]);
    expect(orderAllows("awaiting_payment", "cancel", { shipped: false, paidInPart: false })).toBe(true);
    expect(orderAllows("awaiting_payment", "cancel", { shipped: true, paidInPart: false })).toBe(false);
    expect(orderAllows("awaiting_payment", "cancel", { shipped: false, paidInPart: true })).toBe(false);
    // Not knowing whether anything shipped refuses it too.
    expect(orderAllows("awaiting_payment", "cancel")).toBe(false);
  });

  it("is unshipped, partly shipped, shipped, then delivered once every shipment is", () => {
    expect(fulfilmentOf(LINES, [])).toEqual({
      state: "unshipped",
      lines: [
        { orderLineId: 1, ordered: 10, shipped: 0, remaining: 10 },
        { orderLineId: 2, ordered: 3, shipped: 0, remaining: 3 },
      ],
    });
    const first = shipment([{ orderLineId: 1, quantity: 4 }], "2030-01-02T00:00:00.000Z");
    expect(fulfilmentOf(LINES, [first])).toMatchObject({
      state: "partly shipped",
      lines: [{ remaining: 6 }, { remaining: 3 }],
    });
    const rest = shipment([
      { orderLineId: 1, quantity: 6 },
      { orderLineId: 2, quantity: 3 },
    ]);
    expect(fulfilmentOf(LINES, [first, rest]).state).toBe("shipped");
    expect(fulfilmentOf(LINES, [first, { ...rest, deliveredAt: "2030-01-05T00:00:00.000Z" }]).state).toBe("delivered");
  });

  it("refuses more than remains, lines that are not items of the order, and a shipment of nothing", () => {
    const now = fulfilmentOf(LINES, [shipment([{ orderLineId: 1, quantity: 8 }])]);
    expect(shipmentProblems(now, [{ orderLineId: 1, quantity: 3 }])).toEqual({
      lines: { 1: "Only 2 left to ship on this line" },
    });
    expect(shipmentProblems(now, [{ orderLineId: 3, quantity: 1 }])).toEqual({ lines: {}, form: FORM_OUT_OF_DATE });
    expect(shipmentProblems(now, [{ orderLineId: 99, quantity: 1 }])).toEqual({ lines: {}, form: FORM_OUT_OF_DATE });
    expect(shipmentProblems(now, [{ orderLineId: 2, quantity: -1 }])).toEqual({ lines: { 2: "Enter a whole number" } });
    expect(shipmentProblems(now, [{ orderLineId: 1, quantity: 0 }])).toEqual({
      lines: {},
      form: "Enter a quantity to ship on at least one line",
    });
    expect(shipmentProblems(now, [])).toMatchObject({ form: "Enter a quantity to ship on at least one line" });
    expect(shipmentProblems(now, [{ orderLineId: 1, quantity: 2 }])).toBeUndefined();
    const full = fulfilmentOf(LINES, [shipment([{ orderLineId: 2, quantity: 3 }])]);
    expect(shipmentProblems(full, [{ orderLineId: 2, quantity: 1 }])).toEqual({
      lines: { 2: "Shipped in full already" },
    });
  });

  it("never ships more than was ordered, whatever sequence of shipments is attempted", () => {
    const attempt = fc.array(
      fc.record({ orderLineId: fc.integer({ min: 0, max: 5 }), quantity: fc.integer({ min: -2, max: 12 }) }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 12 }), (attempts) => {
        const shipped: ShipmentRecord[] = [];
        for (const lines of attempts) {
          const before = fulfilmentOf(LINES, shipped);
          if (shipmentProblems(before, lines) === undefined)
            shipped.push(shipment(lines.filter((l) => l.quantity > 0)));
          const after = fulfilmentOf(LINES, shipped);
          for (const line of after.lines) {
            expect(line.shipped).toBeLessThanOrEqual(line.ordered);
            expect(line.shipped + line.remaining).toBe(line.ordered);
          }
          // Nothing but items ever ships.
          expect(shipped.flatMap((s) => s.lines).every((l) => l.orderLineId === 1 || l.orderLineId === 2)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("fulfilment state from the three facts the order lists read in SQL", () => {
  it("is each state for exactly its facts", () => {
    const state = (shippedAnything: boolean, leftToShip: boolean, undelivered: boolean) =>
      fulfilmentState({ shippedAnything, leftToShip, undelivered });
    for (const left of [true, false])
      for (const undelivered of [true, false]) expect(state(false, left, undelivered)).toBe("unshipped");
    expect(state(true, true, true)).toBe("partly shipped");
    expect(state(true, true, false)).toBe("partly shipped");
    expect(state(true, false, true)).toBe("shipped");
    expect(state(true, false, false)).toBe("delivered");
  });
});
