import { SELLER } from "~/lib/company";
import { BOLD, MUTED, REGULAR, SLATE, startPdf, tableRow } from "~/lib/pdf.server";
import { CARRIER_LABEL } from "./carriers";
import { fulfilmentOf, ships } from "./order-lifecycle";
import { getOrder, getOrderLines } from "./order.server";
import { listShipments } from "./shipment.server";

export const packingSlipFilename = (reference: string, number: number) =>
  `IronAxis-${reference}-shipment-${number}.pdf`;

/**
 * The packing slip that travels in shipment `number` of an order: seller, ship-to address, the
 * order's reference and PO, carrier and tracking, and each item with how many are in this box and
 * how many are still back-ordered after it. No prices: the warehouse and the receiving dock see it.
 * Undefined when the order has no such shipment.
 */
export async function packingSlipPdf(orderId: number, number: number) {
  const order = getOrder(orderId);
  const list = listShipments(orderId);
  const shipment = list.find((s) => s.number === number);
  if (!order || !shipment) return undefined;
  const lines = getOrderLines(orderId);
  // Back-ordered as of this shipment: what it and the ones before it left remaining.
  const upToHere = fulfilmentOf(
    lines,
    list.filter((s) => s.number <= number),
  );
  const title = `Packing slip ${order.reference} shipment ${number}`;
  const { doc, finish, left, width } = await startPdf({
    title,
    subject: `Packing slip for ${order.company}`,
    kind: "Packing slip",
    footer: `${SELLER.legalName}  ·  ${title}`,
  });
  doc
    .fillColor(SLATE)
    .font(BOLD)
    .fontSize(16)
    .text(`Packing slip — order ${order.reference}, shipment ${number}`, { width });
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      [
        `Shipped ${shipment.shippedAt.slice(0, 10)}`,
        order.poNumber ? `PO ${order.poNumber}` : "",
        `${CARRIER_LABEL[shipment.carrier]} ${shipment.trackingNumber}`,
      ]
        .filter(Boolean)
        .join("  ·  "),
      { width },
    );
  doc.moveDown(1);

  const half = width / 2;
  const top = doc.y;
  const block = (x: number, heading: string, text: string[]) => {
    doc
      .font(BOLD)
      .fontSize(9)
      .fillColor(MUTED)
      .text(heading, x, top, { width: half - 12 });
    doc.font(REGULAR).fontSize(10).fillColor(SLATE);
    for (const line of text) doc.text(line, { width: half - 12 });
    return doc.y;
  };
  const sellerBottom = block(left, "FROM", [
    SELLER.legalName,
    SELLER.street,
    SELLER.city,
    SELLER.country,
    `Phone ${SELLER.phone}`,
  ]);
  const shipToBottom = block(left + half, "SHIP TO", [
    order.company,
    order.contactName,
    ...order.shippingAddress.split(/\r?\n/),
  ]);
  doc.x = left;
  doc.y = Math.max(sellerBottom, shipToBottom) + 16;

  const columns = [0.5, 0.2, 0.15, 0.15].map((share) => width * share);
  tableRow(doc, left, columns, ["Item", "Part number", "In this shipment", "Back-ordered"], true);
  for (const line of lines.filter(ships)) {
    const inIt = shipment.lines.find((l) => l.orderLineId === line.id)?.quantity ?? 0;
    const remaining = upToHere.lines.find((l) => l.orderLineId === line.id)?.remaining ?? 0;
    tableRow(doc, left, columns, [line.name, line.partNumber ?? "—", String(inIt), String(remaining)]);
  }
  doc.moveDown(1);
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `Check the goods against this slip on arrival and write to ${SELLER.email} quoting ${order.reference} if anything is missing or damaged.`,
      left,
      doc.y,
      { width },
    );
  return { pdf: await finish(), filename: packingSlipFilename(order.reference, number) };
}
