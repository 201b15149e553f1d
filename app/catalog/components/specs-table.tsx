import type { ProductSpec } from "~/catalog/product.server";
import { groupSpecs } from "~/catalog/specs";

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
