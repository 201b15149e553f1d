/**
 * Sales tax by the state an order ships to. Pure and client-safe: the checkout shows the tax
 * before the buyer commits, invoices carry it, and the Stripe emulator of the tests computes
 * Stripe Tax's figure from the same table.
 *
 * The table holds each state's base rate only. In production a card order's tax is what Stripe
 * Tax computed (it adds county and city rates) and the order records that figure; an invoice
 * order's tax is this table's, confirmed by sales.
 */
import type { UsRegion, UsState } from "~/lib/us-address";

/** Rates in thousandths of a percent (6.25% is 6250), so that 6.875% stays a whole number. */
export const STATE_TAX_RATES: Record<UsState, number> = {
  AL: 4000,
  AK: 0,
  AZ: 5600,
  AR: 6500,
  CA: 7250,
  CO: 2900,
  CT: 6350,
  DE: 0,
  DC: 6000,
  FL: 6000,
  GA: 4000,
  HI: 4000,
  ID: 6000,
  IL: 6250,
  IN: 7000,
  IA: 6000,
  KS: 6500,
  KY: 6000,
  LA: 5000,
  ME: 5500,
  MD: 6000,
  MA: 6250,
  MI: 6000,
  MN: 6875,
  MS: 7000,
  MO: 4225,
  MT: 0,
  NE: 5500,
  NV: 6850,
  NH: 0,
  NJ: 6625,
  NM: 4875,
  NY: 4000,
  NC: 4750,
  ND: 5000,
  OH: 5750,
  OK: 4500,
  OR: 0,
  PA: 6000,
  RI: 7000,
  SC: 6000,
  SD: 4200,
  TN: 7000,
  TX: 6250,
  UT: 6100,
  VT: 6000,
  VA: 5300,
  WA: 6500,
  WV: 6000,
  WI: 5000,
  WY: 4000,
};

/** A rate in words: "6.25%", "6.875%", "0%". */
export const taxRateText = (rate: number) => `${(rate / 1000).toString()}%`;

/** The tax on `taxableCents` at `rate` (thousandths of a percent), in whole cents rounded half up. */
export function taxCents(taxableCents: number, rate: number) {
  if (taxableCents <= 0 || rate <= 0) return 0;
  return Number((BigInt(taxableCents) * BigInt(rate) + 50_000n) / 100_000n);
}

/**
 * The sales tax in a credit note of `amountCents` against an invoice that, after its earlier
 * credit notes, still comes to `remaining.totalCents` with `remaining.taxCents` of tax: its share
 * in proportion, rounded half up; a credit of all that remains takes all the tax that remains. So
 * credit notes never credit more tax than the invoice charged, and crediting it whole credits its
 * tax exactly.
 */
export function creditedTaxCents(amountCents: number, remaining: { totalCents: number; taxCents: number }) {
  if (amountCents <= 0 || remaining.taxCents <= 0 || remaining.totalCents <= 0) return 0;
  if (amountCents >= remaining.totalCents) return remaining.taxCents;
  const total = BigInt(remaining.totalCents);
  const share = Number((2n * BigInt(amountCents) * BigInt(remaining.taxCents) + total) / (2n * total));
  // Within what the credit note and the invoice hold: never more tax than its amount, and never
  // less than what its amount leaves once the invoice's untaxed part is used up.
  return Math.max(taxCreditBounds(amountCents, remaining).least, Math.min(share, amountCents, remaining.taxCents));
}

/**
 * The least and most sales tax a credit note of `amountCents` can hold against an invoice that
 * still comes to `remaining.totalCents` with `remaining.taxCents` of tax: no more than its amount
 * or the tax left, and at least what its amount goes beyond the part of the invoice left untaxed.
 */
export function taxCreditBounds(amountCents: number, remaining: { totalCents: number; taxCents: number }) {
  const untaxed = Math.max(0, remaining.totalCents - remaining.taxCents);
  return {
    least: Math.max(0, Math.min(amountCents, remaining.taxCents, amountCents - untaxed)),
    most: Math.max(0, Math.min(amountCents, remaining.taxCents)),
  };
}

/** A line as tax sees it: a discount is a line of negative amount, a charge says so, the rest are goods. */
export type TaxedLine = { quantity: number; unitPriceCents: number; taxable?: boolean; kind?: string };

/**
 * The part of an order's lines tax is due on: its taxable goods and charges, less its discounts'
 * share of the taxable goods. A discount is off the goods, so it lowers the taxable part of them
 * in proportion (rounded half up to the cent), as Stripe Tax spreads a coupon over the lines it
 * applies to: 10% off goods all taxable takes 10% off the base, and off goods half of them
 * taxable, 5%. Never below 0.
 */
export function taxableCentsOf(lines: readonly TaxedLine[]) {
  let goods = 0n;
  let taxableGoods = 0n;
  let taxableCharges = 0n;
  let discounts = 0n;
  for (const line of lines) {
    const amount = BigInt(line.quantity) * BigInt(line.unitPriceCents);
    if (amount < 0n) discounts -= amount;
    else if (line.kind === "charge") taxableCharges += line.taxable === false ? 0n : amount;
    else {
      goods += amount;
      if (line.taxable !== false) taxableGoods += amount;
    }
  }
  const off = goods > 0n ? (2n * discounts * taxableGoods + goods) / (2n * goods) : 0n;
  const base = (off < taxableGoods ? taxableGoods - off : 0n) + taxableCharges;
  return Number(base);
}

/**
 * Where an order's tax line stands:
 * - `none`: no tax worked out (orders placed before tax was charged);
 * - `estimated`: worked out from this table when the order was placed, to be settled;
 * - `charged`: what Stripe Tax charged on a card payment;
 * - `confirmed`: an invoice order's tax line, confirmed by sales;
 * - `exempt`: no tax, on the buyer company's approved exemption certificate (its number kept).
 */
export const TAX_STATUSES = ["none", "estimated", "charged", "confirmed", "exempt"] as const;
export type TaxStatus = (typeof TAX_STATUSES)[number];

/** The tax line of an order, as written on it. */
export type OrderTax = {
  cents: number;
  status: TaxStatus;
  rate: number | null;
  state: UsState | null;
  exemptionNumber: string | null;
};

/** The tax line of an order placed without one. */
export const NO_TAX: OrderTax = { cents: 0, status: "none", rate: null, state: null, exemptionNumber: null };

/** An approved certificate in force: it exempts orders shipped to the state that issued it. */
export type TaxExemption = { issuingState: string; certificateNumber: string };

/**
 * The tax an order is placed with: the ship-to state's rate on its taxable lines, or nothing on
 * the buyer company's exemption for that state. An address with no recognisable state has no tax
 * worked out (checkout refuses such an address before it gets here).
 */
export function estimateTax(
  lines: readonly TaxedLine[],
  shipTo: UsRegion | undefined,
  exemption?: TaxExemption | null,
): OrderTax {
  if (!shipTo) return NO_TAX;
  if (exemption && exemption.issuingState === shipTo.state)
    return { cents: 0, status: "exempt", rate: 0, state: shipTo.state, exemptionNumber: exemption.certificateNumber };
  const rate = STATE_TAX_RATES[shipTo.state];
  return {
    cents: taxCents(taxableCentsOf(lines), rate),
    status: "estimated",
    rate,
    state: shipTo.state,
    exemptionNumber: null,
  };
}
