import { formatMoney } from "~/lib/money";

type Line = { id: number; name: string; partNumber: string | null; quantity: number; unitPriceCents: number };

/** An order's lines with line totals and the order total: the buyer's and sales' view alike. */
export function OrderLinesTable({
  lines,
  totalCents,
  currency,
}: {
  lines: Line[];
  totalCents: number;
  currency: string;
}) {
  return (
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
        <tr>
          <th scope="row" colSpan={3}>
            Total ({currency.toUpperCase()})
          </th>
          <td data-testid="order-total">{formatMoney(totalCents)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
