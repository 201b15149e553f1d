import { renderToStaticMarkup } from "react-dom/server";
import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import { carrierText, type Carrier } from "./carriers";

type OrderSummary = { reference: string; contactName: string; email: string };
type ShipmentSummary = { number: number; carrier: Carrier; trackingNumber: string; trackingUrl: string | null };
/** An item line with the quantity this e-mail speaks of (shipped in it, or still to ship). */
export type QuantityLine = { name: string; partNumber: string | null; quantity: number };

const lineText = (line: QuantityLine) =>
  `${line.quantity} × ${line.name}${line.partNumber ? ` (${line.partNumber})` : ""}`;

type Section = { heading: string; lines: QuantityLine[] };

function ShipmentBody({
  order,
  intro,
  shipment,
  sections,
  orderUrl,
}: {
  order: OrderSummary;
  intro: string;
  shipment: ShipmentSummary;
  sections: Section[];
  orderUrl?: string;
}) {
  return (
    <div>
      <p>Dear {order.contactName || "customer"},</p>
      <p>{intro}</p>
      <p>
        Carrier and tracking number: {carrierText(shipment.carrier, shipment.trackingNumber)}
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
      {orderUrl ? (
        <p>
          <a href={orderUrl}>See your order</a> (keep this link private).
        </p>
      ) : (
        <p>Please quote {order.reference} when you contact us.</p>
      )}
      <p>IronAxis sales</p>
    </div>
  );
}

function shipmentEmail(
  subject: string,
  intro: string,
  order: OrderSummary,
  shipment: ShipmentSummary,
  sections: Section[],
  orderUrl?: string,
): OutgoingEmail {
  const text = [
    `Dear ${order.contactName || "customer"},`,
    "",
    intro,
    "",
    `Carrier and tracking number: ${carrierText(shipment.carrier, shipment.trackingNumber)}`,
    ...(shipment.trackingUrl ? [`Track the shipment: ${shipment.trackingUrl}`] : []),
    ...sections.flatMap((section) => ["", section.heading, ...section.lines.map((line) => `- ${lineText(line)}`)]),
    "",
    orderUrl
      ? `See your order here (keep this link private): ${orderUrl}`
      : `Please quote ${order.reference} when you contact us.`,
    "",
    "IronAxis sales",
  ].join("\n");
  const html = renderToStaticMarkup(
    <ShipmentBody order={order} intro={intro} shipment={shipment} sections={sections} orderUrl={orderUrl} />,
  );
  return { to: order.email, subject, text, html };
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
