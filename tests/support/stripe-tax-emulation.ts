/**
 * How the Stripe emulator works out Stripe Tax on a Checkout Session, in one pure function that
 * the emulator and the unit tests share: the coupon is spread over the line items in proportion
 * to their amounts (as Stripe spreads a session's discount), and the ship-to state's rate of
 * `STATE_TAX_RATES` applies to what the taxable items come to after it, rounded once, half up.
 */
import { STATE_TAX_RATES, taxCents } from "~/orders/sales-tax";
import type { UsState } from "~/lib/us-address";

export type EmulatedTaxItem = { amount: number; taxable: boolean };

/** Each item's share of `discount`, whole cents, summing to the discount (the odd cents go to the first items). */
export function discountShares(items: readonly EmulatedTaxItem[], discount: number) {
  const subtotal = items.reduce((sum, item) => sum + item.amount, 0);
  if (subtotal <= 0 || discount <= 0) return items.map(() => 0);
  const off = Math.min(discount, subtotal);
  const shares = items.map((item) => Number((BigInt(off) * BigInt(item.amount)) / BigInt(subtotal)));
  let left = off - shares.reduce((sum, share) => sum + share, 0);
  for (let i = 0; left > 0 && i < items.length; i++) {
    if (shares[i] < items[i].amount) {
      shares[i] += 1;
      left -= 1;
    }
  }
  return shares;
}

/** The tax Stripe Tax adds: none for an exempt customer or a state the table does not know. */
export function emulatedTax(
  items: readonly EmulatedTaxItem[],
  discount: number,
  customer: { state: string | null; exempt: boolean },
) {
  if (customer.exempt || !customer.state || !(customer.state in STATE_TAX_RATES)) return 0;
  const shares = discountShares(items, discount);
  const taxable = items.reduce((sum, item, i) => sum + (item.taxable ? item.amount - shares[i] : 0), 0);
  return taxCents(taxable, STATE_TAX_RATES[customer.state as UsState]);
}
