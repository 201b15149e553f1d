import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import { carrierText, type Carrier } from "./carriers";
import { orderMail } from "./order-emails.server";

type OrderSummary = Parameters<typeof orderMail>[1];
type ShipmentSummary = { number: number; carrier: Carrier; trackingNumber: string; trackingUrl: string | null };
/** An item line with the quantity this e-mail speaks of (shipped in it, or still to ship). */
export type QuantityLine = { name: string; partNumber: string | null; quantity: number };

const lineText = (line: QuantityLine) =>
  `${line.quantity} × ${line.name}${line.partNumber ? ` (${line.partNumber})` : ""}`;

type Section = { heading: string; lines: QuantityLine[] };

function shipmentEmail(
  subject: string,
  intro: string,
  order: OrderSummary,
  shipment: ShipmentSummary,
  sections: Section[],
  orderUrl?: string,
): OutgoingEmail {
  const tracking = `Carrier and tracking number: ${carrierText(shipment.carrier, shipment.trackingNumber)}`;
  return orderMail(subject, order, {
    intro,
    orderUrl,
    bodyText: [
      "",
      tracking,
      ...(shipment.trackingUrl ? [`Track the shipment: ${shipment.trackingUrl}`] : []),
      ...sections.flatMap((section) => ["", section.heading, ...section.lines.map((line) => `- ${lineText(line)}`)]),
    ],
    body: (
      <>
        <p>
          {tracking}
          {shipment.trackingUrl ? (
            <>
              {" · "}
              <a href={shipment.trackingUrl}>Track the shipment</a>
            </>
          ) : null}
        </p>
        {sections.map((section) => (
          <div key={section.heading}>
            <p>{section.heading}</p>
            <ul>
              {section.lines.map((line, i) => (
                <li key={i}>{lineText(line)}</li>
              ))}
            </ul>
          </div>
        ))}
      </>
    ),
  });
}

/** Sent with each shipment: what is in it, how to track it, and what is still to ship. */
export function shipmentSentEmail(
  order: OrderSummary,
  shipment: ShipmentSummary,
  shipped: QuantityLine[],
  stillToShip: QuantityLine[],
  orderUrl?: string,
) {
  return shipmentEmail(
    `Shipment ${shipment.number} of order ${order.reference} is on its way`,
    `Shipment ${shipment.number} of your order ${order.reference} has left our warehouse.`,
    order,
    shipment,
    [
      { heading: "In this shipment:", lines: shipped },
      ...(stillToShip.length
        ? [{ heading: "Still to ship (back-ordered):", lines: stillToShip }]
        : [{ heading: "This completes your order: nothing is left to ship.", lines: [] }]),
    ],
    orderUrl,
  );
}

/** Sent when sales records a shipment delivered. */
export function shipmentDeliveredEmail(
  order: OrderSummary,
  shipment: ShipmentSummary,
  delivered: QuantityLine[],
  orderUrl?: string,
) {
  return shipmentEmail(
    `Shipment ${shipment.number} of order ${order.reference} was delivered`,
    `Shipment ${shipment.number} of your order ${order.reference} was delivered.`,
    order,
    shipment,
    [{ heading: "Delivered:", lines: delivered }],
    orderUrl,
  );
}
