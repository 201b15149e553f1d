import type { ProductSpec } from "~/models/product.server";
import { groupSpecs } from "~/lib/specs";

export function SpecsTable({ specs, caption }: { specs: ProductSpec[]; caption: string }) {
  return (
    <table className="specs-table">
      <caption>{caption}</caption>
      <tbody>
        {groupSpecs(specs).map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>{row.values.join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
