/**
 * What a cart order comes to once it ships: the goods, the freight from the table by zone and
 * weight, and the sales tax of the ship-to state (none on the company's exemption). One pure
 * function, so that the checkout's review and the order written agree to the cent.
 */
import { formatWeight } from "~/lib/shipping-weight";
import type { UsRegion, UsState } from "~/lib/us-address";
import { freightCents, freightLineName, shippingWeightOf } from "./freight";
import { estimateTax, taxRateText, type OrderTax, type TaxExemption } from "./sales-tax";

export type CartCharges = {
  goodsCents: number;
  freight: { cents: number; weight: number; state: UsState };
  tax: OrderTax;
  totalCents: number;
};

export function cartCharges(
  lines: readonly { quantity: number; unitPriceCents: number; shippingWeight: number | null }[],
  shipTo: UsRegion,
  exemption?: TaxExemption | null,
): CartCharges {
  const goodsCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const weight = shippingWeightOf(lines);
  const freight = { cents: freightCents(weight, shipTo.state), weight, state: shipTo.state };
  // Freight is not taxable here: it is a separately stated delivery charge.
  const tax = estimateTax(lines, shipTo, exemption);
  return { goodsCents, freight, tax, totalCents: goodsCents + freight.cents + tax.cents };
}

/** The freight charge line of the order: "Freight, 85 lb to TX", not taxable. */
export function freightOrderLine({ freight }: CartCharges) {
  return {
    productId: null,
    partNumber: null,
    name: freightLineName(freight.weight, freight.state),
    quantity: 1,
    unitPriceCents: freight.cents,
    kind: "charge" as const,
    taxable: false,
  };
}

/** The charges as the buyer reads them before committing: "Freight to TX, 85 lb", "Sales tax TX 6.25%". */
export function chargesText({ freight, tax }: CartCharges) {
  return {
    freight: `Freight to ${freight.state}, ${formatWeight(freight.weight)}`,
    tax:
      tax.status === "exempt"
        ? `Tax-exempt, certificate ${tax.exemptionNumber}`
        : `Sales tax ${tax.state} ${taxRateText(tax.rate ?? 0)}`,
  };
}
