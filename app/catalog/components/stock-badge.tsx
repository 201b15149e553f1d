import { formatLeadTime } from "~/catalog/units";

export function StockBadge({ inStock, leadTimeDays }: { inStock: boolean; leadTimeDays: number }) {
  return (
    <span className={inStock ? "stock stock--in" : "stock"}>
      {inStock ? `In stock · ${formatLeadTime(leadTimeDays).toLowerCase()}` : formatLeadTime(leadTimeDays)}
    </span>
  );
}
