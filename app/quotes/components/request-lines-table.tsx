import { formatMoney } from "~/lib/money";
import { RequestedItem, type RequestedLine } from "./requested-item";
import { TableScroll } from "~/components/ui/table-scroll";

type Line = RequestedLine & {
  id: number;
  quantity: number;
  listPriceCents: number | null;
  targetPriceCents: number | null;
};

/** The lines of a request as the buyer sent them, with the target price each line asked for. */
export function RequestLinesTable({ lines, audience }: { lines: Line[]; audience: "buyer" | "sales" }) {
  const sales = audience === "sales";
  return (
    <TableScroll label="Requested lines">
      <table className={sales ? "data-table" : "request-lines"}>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">{sales ? "Qty" : "Quantity"}</th>
            <th scope="col">{sales ? "List price" : "List price at request"}</th>
            <th scope="col">{sales ? "Target" : "Your target price"}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <td>
                <RequestedItem line={line} />
              </td>
              <td>{line.quantity}</td>
              <td>{line.listPriceCents === null ? "On request" : formatMoney(line.listPriceCents)}</td>
              <td>{line.targetPriceCents === null ? "—" : formatMoney(line.targetPriceCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
