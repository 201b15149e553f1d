/**
 * An order's tax line as every page, e-mail and PDF writes it, and what Stripe Checkout is sent for
 * a card order's tax (ADR 34). Pure and client-safe.
 */
import { usRegionOf, type UsState } from "~/lib/us-address";
import { taxRateText, type TaxStatus } from "./sales-tax";

/** The tax columns of an order row. */
export type OrderTaxColumns = {
  taxCents: number;
  taxStatus: TaxStatus;
  taxRate: number | null;
  taxState: string | null;
  taxExemptionNumber: string | null;
};

/**
 * The tax line's words: "Sales tax (TX 6.25%)", "Sales tax (TX)" when Stripe charged a figure of
 * its own (county and city rates), "Tax-exempt — certificate 01-234567"; undefined for an order
 * placed without a tax line, which shows none.
 */
export function taxLineText(tax: OrderTaxColumns) {
  if (tax.taxStatus === "none") return undefined;
  if (tax.taxStatus === "exempt") return `Tax-exempt — certificate ${tax.taxExemptionNumber ?? "on file"}`;
  const where = [tax.taxState, tax.taxRate === null ? "" : taxRateText(tax.taxRate)].filter(Boolean).join(" ");
  return where ? `Sales tax (${where})` : "Sales tax";
}

/** What the buyer and sales read beside the amount: whether it may still change. */
export const TAX_STATUS_NOTE: Record<TaxStatus, string> = {
  none: "",
  estimated: "estimated",
  charged: "charged by card",
  confirmed: "confirmed",
  exempt: "",
};

/** The amount before tax: what the buyer agreed to, and what Stripe's pre-tax figure must equal. */
export const preTaxCents = (order: { totalCents: number; taxCents: number }) => order.totalCents - order.taxCents;

/**
 * Stripe Tax's non-taxable product tax code ("Nontaxable"): a charge flagged not taxable is sent
 * with it, so Stripe adds no tax on it.
 */
export const NONTAXABLE_TAX_CODE = "txcd_00000000";

type CheckoutLine = {
  name: string;
  partNumber: string | null;
  quantity: number;
  unitPriceCents: number;
  taxable: boolean;
};

/**
 * Checkout's line items of an order: every line but discounts (a coupon, ADR 27), priced before
 * tax (`exclusive`) when Stripe Tax works the tax out, the non-taxable ones with the non-taxable
 * tax code.
 */
export function checkoutLineItems(lines: readonly CheckoutLine[], currency: string, automaticTax: boolean) {
  return lines
    .filter((line) => line.unitPriceCents >= 0)
    .map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency,
        unit_amount: line.unitPriceCents,
        ...(automaticTax && { tax_behavior: "exclusive" as const }),
        product_data: {
          name: line.partNumber ? `${line.name} (${line.partNumber})` : line.name,
          ...(automaticTax && !line.taxable && { tax_code: NONTAXABLE_TAX_CODE }),
        },
      },
    }));
}

export type StripeAddress = {
  line1: string;
  line2?: string;
  city?: string;
  state: UsState;
  postal_code: string;
  country: "US";
};

/**
 * A typed U.S. address as Stripe's address fields, for Stripe Tax: the first line is the street,
 * the last names city, state and ZIP ("Houston, TX 77002"); undefined if it names no state and ZIP.
 */
export function stripeAddressOf(address: string): StripeAddress | undefined {
  const region = usRegionOf(address);
  if (!region) return undefined;
  const lines = address
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const last = lines.at(-1) ?? "";
  // "Houston, TX 77002" or "12 Refinery Road, Baton Rouge, LA 70801, USA" on one line.
  const parts = last.split(",").map((part) => part.trim());
  const zipAt = parts.findIndex((part) => part.includes(region.zip));
  const city = zipAt > 0 ? parts[zipAt - 1] : undefined;
  const street = lines.length > 1 ? lines[0] : parts.slice(0, Math.max(1, zipAt - 1)).join(", ");
  const middle = lines.slice(1, -1).join(", ");
  return {
    line1: street.slice(0, 200),
    ...(middle && { line2: middle.slice(0, 200) }),
    ...(city && { city: city.slice(0, 200) }),
    state: region.state,
    postal_code: region.zip,
    country: "US",
  };
}
