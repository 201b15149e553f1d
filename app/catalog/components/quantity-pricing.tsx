import { formatMoney } from "~/lib/money";
import { breakRanges, breaksLine, unitPriceAt, type PriceBreak } from "~/lib/price-breaks";

/**
 * A product's quantity pricing as a small table under its price: "1–9", "10–49", "50+", each with
 * its unit price, from the minimum order on (`unitPriceCents` and `priceBreaks` as this buyer pays them).
 */
export function QuantityPricing({
  unitPriceCents,
  priceBreaks,
  minOrderQty,
}: {
  unitPriceCents: number;
  priceBreaks: PriceBreak[];
  minOrderQty: number;
}) {
  if (priceBreaks.length === 0) return null;
  const rows = breakRanges(
    priceBreaks,
    (quantity) => unitPriceAt({ unitPriceCents, priceBreaks }, quantity),
    minOrderQty,
  );
  if (rows.length < 2) return null;
  return (
    <table className="quantity-pricing">
      <caption>Quantity pricing</caption>
      <thead>
        <tr>
          <th scope="col">Quantity</th>
          <th scope="col">Unit price</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.from}>
            <th scope="row">{row.range}</th>
            <td>{formatMoney(row.unitPriceCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A listing row's breaks in one short line: "10+ $95.00 · 50+ $89.50". */
export function BreaksLine({ priceBreaks }: { priceBreaks: PriceBreak[] }) {
  if (priceBreaks.length === 0) return null;
  return <span className="price-breaks">{breaksLine(priceBreaks, formatMoney)}</span>;
}
