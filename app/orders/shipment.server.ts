import { and, asc, eq, inArray, isNull, max } from "drizzle-orm";
import { orderEvents, outboxEmails, shipmentLines, shipments } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import type { FormResult } from "~/lib/forms";
import { plural } from "~/lib/plural";
import { carrierText, trackingUrlOf, type Carrier } from "./carriers";
import {
  fulfilmentOf,
  ORDER_STATUS_LABEL,
  orderAllows,
  shipmentProblems,
  type Fulfilment,
  type ShipmentLineQuantity,
} from "./order-lifecycle";
import { shipQuantityField } from "./order-fields";
import { getOrder, getOrderLines, orderUrlOf } from "./order.server";
import { shipmentDeliveredEmail, shipmentSentEmail, type QuantityLine } from "./shipment-emails.server";

export type ShipmentInput = {
  lines: ShipmentLineQuantity[];
  carrier: Carrier;
  trackingNumber: string;
  /** Only for carrier "other": the others' links come from their tracking pages. */
  trackingUrl?: string | null;
};

/** Why a shipment or a delivery was refused: at a line's quantity (by order line id), or for the whole form. */
export type ShipmentRefusal = { ok: false; lines: Record<number, string>; form?: string };

/** An order's shipments, oldest first, each with its lines. */
export function listShipments(orderId: number) {
  const rows = db.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.number)).all();
  if (!rows.length) return [];
  const lines = db
    .select()
    .from(shipmentLines)
    .where(
      inArray(
        shipmentLines.shipmentId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(shipmentLines.orderLineId))
    .all();
  return rows.map((row) => ({
    ...row,
    lines: lines
      .filter((line) => line.shipmentId === row.id)
      .map(({ orderLineId, quantity }) => ({ orderLineId, quantity })),
  }));
}
export type Shipment = ReturnType<typeof listShipments>[number];

/** What has shipped of an order and what remains, with its shipments. */
export function orderFulfilment(orderId: number) {
  const list = listShipments(orderId);
  return { shipments: list, fulfilment: fulfilmentOf(getOrderLines(orderId), list) };
}

type LineNames = { id: number; name: string; partNumber: string | null }[];

/** Order lines with the quantities `quantities` gives them (those with none left out), for e-mails and documents. */
export function quantityLines(lines: LineNames, quantities: { orderLineId: number; quantity: number }[]) {
  return quantities
    .filter((entry) => entry.quantity > 0)
    .map((entry): QuantityLine => {
      const line = lines.find((l) => l.id === entry.orderLineId)!;
      return { name: line.name, partNumber: line.partNumber, quantity: entry.quantity };
    });
}

export const stillToShip = (lines: LineNames, fulfilment: Fulfilment) =>
  quantityLines(
    lines,
    fulfilment.lines.map((line) => ({ orderLineId: line.orderLineId, quantity: line.remaining })),
  );

/** A refused shipment or delivery as its form's answer: each line's message at its quantity field. */
export function shipmentRefused(refusal: ShipmentRefusal, intent: string | undefined, values: Record<string, string>) {
  const fieldErrors = Object.fromEntries(
    Object.entries(refusal.lines).map(([lineId, message]) => [shipQuantityField(Number(lineId)), message]),
  );
  return { status: "error", intent, values, formError: refusal.form, fieldErrors } satisfies FormResult;
}

const refusal = (form: string): ShipmentRefusal => ({ ok: false, lines: {}, form });

/**
 * Ships some or all of what remains of an order, in one transaction: the status and the quantities
 * shipped so far are read inside it, so two shipments sent at once cannot both ship the last of a
 * line. Refused: an order whose status does not allow shipping, a line that is not one of its
 * items, more than remains, nothing at all. Writes the shipment, an order event (status
 * unchanged) and the buyer's e-mail with the tracking link.
 */
export function shipOrder(
  orderId: number,
  input: ShipmentInput,
  actor: string,
): { ok: true; number: number } | ShipmentRefusal {
  return writeTransaction(() => {
    const order = getOrder(orderId);
    if (!order) return refusal("This order no longer exists.");
    if (!orderAllows(order.status, "ship"))
      return refusal(`This order is ${ORDER_STATUS_LABEL[order.status]}: only a paid or invoiced order ships.`);
    const lines = getOrderLines(orderId);
    const before = fulfilmentOf(lines, listShipments(orderId));
    const problems = shipmentProblems(before, input.lines);
    if (problems) return { ok: false, ...problems };
    const shipped = input.lines.filter((line) => line.quantity > 0);
    const number =
      (db
        .select({ last: max(shipments.number) })
        .from(shipments)
        .where(eq(shipments.orderId, orderId))
        .get()?.last ?? 0) + 1;
    const trackingUrl = trackingUrlOf(input.carrier, input.trackingNumber, input.trackingUrl);
    const { id } = db
      .insert(shipments)
      .values({
        orderId,
        number,
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
        trackingUrl,
        createdBy: actor,
      })
      .returning({ id: shipments.id })
      .get();
    db.insert(shipmentLines)
      .values(shipped.map((line) => ({ shipmentId: id, ...line })))
      .run();
    db.insert(orderEvents)
      .values({
        orderId,
        status: order.status,
        actor,
        note: `Shipment ${number}: ${plural(shipped.length, "line")}, ${carrierText(input.carrier, input.trackingNumber)}`,
      })
      .run();
    const after = fulfilmentOf(lines, listShipments(orderId));
    db.insert(outboxEmails)
      .values(
        shipmentSentEmail(
          order,
          { number, carrier: input.carrier, trackingNumber: input.trackingNumber, trackingUrl },
          quantityLines(lines, shipped),
          stillToShip(lines, after),
          orderUrlOf(order),
        ),
      )
      .run();
    return { ok: true, number };
  });
}

/**
 * Records a shipment of the order delivered, once (a second time is refused), with an order event
 * and the buyer's e-mail, in one transaction.
 */
export function markDelivered(
  { orderId, shipmentId }: { orderId: number; shipmentId: number },
  actor: string,
): { ok: true } | ShipmentRefusal {
  return writeTransaction(() => {
    const order = getOrder(orderId);
    const shipment = db
      .select()
      .from(shipments)
      .where(and(eq(shipments.id, shipmentId), eq(shipments.orderId, orderId)))
      .get();
    if (!order || !shipment) return refusal("This shipment is not one of this order’s.");
    if (shipment.deliveredAt !== null) return refusal(`Shipment ${shipment.number} was marked delivered already.`);
    if (!orderAllows(order.status, "deliver"))
      return refusal(`This order is ${ORDER_STATUS_LABEL[order.status]}: its shipments cannot be marked delivered.`);
    const changed = db
      .update(shipments)
      .set({ deliveredAt: new Date().toISOString() })
      .where(and(eq(shipments.id, shipmentId), isNull(shipments.deliveredAt)))
      .run().changes;
    if (changed !== 1) return refusal(`Shipment ${shipment.number} was marked delivered already.`);
    db.insert(orderEvents)
      .values({ orderId, status: order.status, actor, note: `Shipment ${shipment.number} delivered` })
      .run();
    const lines = getOrderLines(orderId);
    const inIt = db.select().from(shipmentLines).where(eq(shipmentLines.shipmentId, shipmentId)).all();
    db.insert(outboxEmails)
      .values(shipmentDeliveredEmail(order, shipment, quantityLines(lines, inIt), orderUrlOf(order)))
      .run();
    return { ok: true };
  });
}
