import { formatMoney } from "~/lib/money";

/**
 * A product's price: the list price, or "Price on request" for a product sold by quote. For a
 * signed-in buyer whose company has its own price, that price first and the list price after.
 */
export function Price({
  cents,
  yours,
  className = "price",
}: {
  cents: number | null;
  yours?: number;
  className?: string;
}) {
  if (cents === null) return <span className={`${className} price--on-request`}>Price on request</span>;
  if (yours === undefined) return <span className={className}>{formatMoney(cents)}</span>;
  return (
    <span className={`${className} price--yours`}>
      Your price {formatMoney(yours)} <span className="price__list">list {formatMoney(cents)}</span>
    </span>
  );
}
