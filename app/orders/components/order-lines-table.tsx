import { formatMoney } from "~/lib/money";
import { preTaxCents, TAX_STATUS_NOTE, taxLineText, type OrderTaxColumns } from "~/orders/tax-line";
import { TableScroll } from "~/components/ui/table-scroll";

type Line = { id: number; name: string; partNumber: string | null; quantity: number; unitPriceCents: number };

/** An order's lines with line totals, its tax line and the order total: the buyer's and sales' view alike. */
export function OrderLinesTable({
  lines,
  totalCents,
  currency,
  tax,
}: {
  lines: Line[];
  totalCents: number;
  currency: string;
  tax: OrderTaxColumns;
}) {
  const taxLine = taxLineText(tax);
  const note = TAX_STATUS_NOTE[tax.taxStatus];
  return (
    <TableScroll label="Order lines">
      <table className="request-lines">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
            <th scope="col">Line total</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <td>
                <strong>{line.name}</strong>
                {line.partNumber ? <span className="part-number mono"> {line.partNumber}</span> : null}
              </td>
              <td>{line.quantity}</td>
              <td>{formatMoney(line.unitPriceCents)}</td>
              <td>{formatMoney(line.unitPriceCents * line.quantity)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {taxLine ? (
            <>
              <tr>
                <th scope="row" colSpan={3}>
                  Subtotal
                </th>
                <td>{formatMoney(preTaxCents({ totalCents, taxCents: tax.taxCents }))}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>
                  {taxLine}
                  {note ? <span className="muted"> ({note})</span> : null}
                </th>
                <td data-testid="order-tax">{formatMoney(tax.taxCents)}</td>
              </tr>
            </>
          ) : null}
          <tr>
            <th scope="row" colSpan={3}>
              Total ({currency.toUpperCase()})
            </th>
            <td data-testid="order-total">{formatMoney(totalCents)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
