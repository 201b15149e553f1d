import { useRef, type ReactNode } from "react";
import { Form } from "@remix-run/react";
import { OnceForm } from "./once-form";
import { typedOr, useFormResult } from "~/lib/forms";
import { firstRefused, FormError, SelectField, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { CARRIER_LABEL, CARRIERS } from "~/orders/carriers";
import { ADMIN_ORDER_INTENT, shipQuantityField } from "~/orders/order-fields";
import type { Fulfilment } from "~/orders/order-lifecycle";
import { ShipmentList, type ShipmentView } from "./shipment-list";
import { TableScroll } from "~/components/ui/table-scroll";

type Line = { id: number; name: string; partNumber: string | null };

const CARRIER_OPTIONS = [
  ["", "Choose…"],
  ...CARRIERS.map((carrier) => [carrier, CARRIER_LABEL[carrier]] as const),
] as const;

/** The lines' table is the ship form while something may ship, and a plain table otherwise. */
function Wrap({ open, requestKey, children }: { open: boolean; requestKey: string; children: ReactNode }) {
  const form = useRef<HTMLFormElement>(null);
  useFocusOnRefusal(form, useFormResult(ADMIN_ORDER_INTENT.ship));
  if (!open) return <>{children}</>;
  return (
    <OnceForm ref={form} requestKey={requestKey} aria-label="Ship">
      <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.ship} />
      {children}
    </OnceForm>
  );
}

/**
 * Sales' shipping of an order: each item line's ordered, shipped and back-ordered quantities; the
 * ship form (a quantity per line, prefilled with what remains) when the order may ship; and the
 * shipments, each with its packing slip and "Mark delivered". `requestKey`: the page view's, so
 * the ship form sent twice ships once.
 */
export function ShippingPanel({
  orderId,
  lines,
  fulfilment,
  shipments,
  canShip,
  requestKey,
}: {
  orderId: number;
  lines: Line[];
  fulfilment: Fulfilment;
  shipments: ShipmentView[];
  canShip: boolean;
  requestKey: string;
}) {
  const shipResult = useFormResult(ADMIN_ORDER_INTENT.ship);
  const refusedAt = firstRefused(shipResult);
  const deliverResult = useFormResult(ADMIN_ORDER_INTENT.markDelivered);
  const open = canShip && fulfilment.lines.some((line) => line.remaining > 0);
  const started = fulfilment.state !== "unshipped";
  return (
    <section aria-labelledby="shipping-heading">
      <h2 id="shipping-heading">
        Shipping <span className="muted">({fulfilment.state})</span>
      </h2>
      <FormError result={shipResult} />
      {/* A new shipment remounts the form, so its fields show what now remains rather than what was typed. */}
      <Wrap key={shipments.length} open={open} requestKey={requestKey}>
        <TableScroll label="Shipments">
          <table className="request-lines">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Ordered</th>
                <th scope="col">Shipped</th>
                <th scope="col">Back-ordered</th>
                {open ? <th scope="col">Ship now</th> : null}
              </tr>
            </thead>
            <tbody>
              {fulfilment.lines.map((row) => {
                const line = lines.find((l) => l.id === row.orderLineId)!;
                const field = shipQuantityField(row.orderLineId);
                const error = shipResult?.fieldErrors[field];
                return (
                  <tr key={row.orderLineId}>
                    <td>
                      <strong>{line.name}</strong>
                      {line.partNumber ? <span className="part-number mono"> {line.partNumber}</span> : null}
                    </td>
                    <td>{row.ordered}</td>
                    <td>{row.shipped}</td>
                    <td data-testid={`back-ordered-${row.orderLineId}`}>{started ? row.remaining : "—"}</td>
                    {open ? (
                      <td>
                        {error ? (
                          <span id={`${field}-error`} className="field-error">
                            {error}
                          </span>
                        ) : null}
                        <input
                          id={field}
                          name={field}
                          inputMode="numeric"
                          size={6}
                          aria-label={`Quantity to ship of ${line.partNumber ?? line.name}`}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${field}-error` : undefined}
                          // eslint-disable-next-line jsx-a11y/no-autofocus -- only on a refusal, at the field refused (`firstRefused`)
                          autoFocus={refusedAt(field)}
                          defaultValue={typedOr(shipResult, field, row.remaining)}
                        />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        {open ? (
          <div className="panel">
            <SelectField
              id="carrier"
              name="carrier"
              label="Carrier"
              required
              options={CARRIER_OPTIONS}
              defaultValue={typedOr(shipResult, "carrier", "")}
              error={shipResult?.fieldErrors.carrier}
              autoFocus={refusedAt("carrier")}
            />
            <TextField
              id="trackingNumber"
              name="trackingNumber"
              label="Tracking number"
              required
              maxLength={40}
              defaultValue={typedOr(shipResult, "trackingNumber", "")}
              error={shipResult?.fieldErrors.trackingNumber}
              autoFocus={refusedAt("trackingNumber")}
            />
            <TextField
              id="trackingUrl"
              name="trackingUrl"
              type="url"
              label="Tracking link (freight or another carrier only)"
              hint="UPS, FedEx, USPS and DHL links are made from the tracking number."
              maxLength={500}
              defaultValue={typedOr(shipResult, "trackingUrl", "")}
              error={shipResult?.fieldErrors.trackingUrl}
              autoFocus={refusedAt("trackingUrl")}
            />
            <button type="submit" className="button">
              Ship
            </button>
          </div>
        ) : null}
      </Wrap>
      {!canShip && fulfilment.state === "unshipped" ? (
        <p className="muted">This order ships once it is paid, or at once if it is invoiced.</p>
      ) : null}
      <h3>Shipments</h3>
      <FormError result={deliverResult} />
      <ShipmentList
        shipments={shipments}
        lines={lines}
        packingSlipHref={(number) => `/admin/orders/${orderId}/shipments/${number}/packing-slip.pdf`}
        actions={(shipment) =>
          shipment.deliveredAt ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value={ADMIN_ORDER_INTENT.markDelivered} />
              <input type="hidden" name="shipment" value={shipment.id} />
              <button type="submit" className="button button--secondary">
                Mark shipment {shipment.number} delivered
              </button>
            </Form>
          )
        }
      />
    </section>
  );
}
