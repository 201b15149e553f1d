import type { ReactNode } from "react";
import { formatDateTimeUtc } from "~/lib/dates";
import { carrierText, type Carrier } from "~/orders/carriers";

type Line = { id: number; name: string; partNumber: string | null };
export type ShipmentView = {
  id: number;
  number: number;
  carrier: Carrier;
  trackingNumber: string;
  trackingUrl: string | null;
  shippedAt: string;
  deliveredAt: string | null;
  lines: { orderLineId: number; quantity: number }[];
};

const nameOf = (lines: Line[], id: number) => {
  const line = lines.find((l) => l.id === id);
  return line ? `${line.name}${line.partNumber ? ` (${line.partNumber})` : ""}` : "";
};

/**
 * An order's shipments as the buyer and sales read them: when each left, its carrier with the
 * tracking number linking to the carrier's page, when it was delivered, what was in it, and its
 * packing slip. `actions` adds a shipment's controls (sales' "Mark delivered").
 */
export function ShipmentList({
  shipments,
  lines,
  packingSlipHref,
  actions,
}: {
  shipments: ShipmentView[];
  lines: Line[];
  packingSlipHref: (number: number) => string;
  actions?: (shipment: ShipmentView) => ReactNode;
}) {
  if (!shipments.length) return <p className="muted">Nothing has shipped yet.</p>;
  return (
    <ol className="shipments">
      {shipments.map((shipment) => (
        <li key={shipment.id}>
          <h3 id={`shipment-${shipment.number}`}>Shipment {shipment.number}</h3>
          <p>
            Shipped {formatDateTimeUtc(shipment.shippedAt)} ·{" "}
            {shipment.trackingUrl ? (
              <a href={shipment.trackingUrl} target="_blank" rel="noopener noreferrer">
                {carrierText(shipment.carrier, shipment.trackingNumber)}
              </a>
            ) : (
              carrierText(shipment.carrier, shipment.trackingNumber)
            )}{" "}
            ·{" "}
            {shipment.deliveredAt ? (
              <strong>Delivered {formatDateTimeUtc(shipment.deliveredAt)}</strong>
            ) : (
              <span>On its way</span>
            )}{" "}
            · <a href={packingSlipHref(shipment.number)}>Packing slip (PDF)</a>
          </p>
          <ul>
            {shipment.lines.map((line) => (
              <li key={line.orderLineId}>
                {line.quantity} × {nameOf(lines, line.orderLineId)}
              </li>
            ))}
          </ul>
          {actions?.(shipment)}
        </li>
      ))}
    </ol>
  );
}

/** What is still to ship of each item line, once part of the order has shipped. */
export function StillToShip({
  lines,
  remaining,
}: {
  lines: Line[];
  remaining: { orderLineId: number; remaining: number }[];
}) {
  const open = remaining.filter((line) => line.remaining > 0);
  if (!open.length) return null;
  return (
    <>
      <h3>Still to ship</h3>
      <ul data-testid="still-to-ship">
        {open.map((line) => (
          <li key={line.orderLineId}>
            {line.remaining} × {nameOf(lines, line.orderLineId)} (back-ordered)
          </li>
        ))}
      </ul>
    </>
  );
}
