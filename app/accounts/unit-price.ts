/**
 * What a buyer pays for one unit of a list-priced product at a quantity: the one place the
 * catalog's quantity breaks and a company's price list meet (ADR 29). The cart, its limit
 * checks, checkout and the product page all ask here.
 */
import { unitPriceAt, type PriceBreak } from "~/lib/price-breaks";

/** What a company's price list says of one product: a fixed price, a category discount, or nothing. */
export type CompanyPrice = { fixedCents: number } | { discountBp: number } | undefined;

/** A list price less a discount in basis points, rounded to the nearest cent (half up). */
export function discounted(listCents: number, basisPoints: number) {
  return Math.floor((listCents * (10_000 - basisPoints) + 5_000) / 10_000);
}

/**
 * The unit price of `quantity` units: a company's fixed price wins over everything; otherwise
 * the break the quantity reaches (or the list price), less the company's category discount.
 */
export function buyerUnitPrice(
  product: { priceCents: number; priceBreaks: readonly PriceBreak[] },
  quantity: number,
  company?: CompanyPrice,
) {
  if (company && "fixedCents" in company) return company.fixedCents;
  const listed = unitPriceAt({ unitPriceCents: product.priceCents, priceBreaks: product.priceBreaks }, quantity);
  return company ? discounted(listed, company.discountBp) : listed;
}

/**
 * The breaks as the buyer pays them: each break's `buyerUnitPrice`, keeping only those that
 * lower the price (none once a fixed price wins; a discount's rounding may make two alike).
 */
export function buyerBreaks(
  product: { priceCents: number; priceBreaks: readonly PriceBreak[] },
  company?: CompanyPrice,
): PriceBreak[] {
  const breaks: PriceBreak[] = [];
  let last = buyerUnitPrice(product, 1, company);
  for (const { minQuantity } of product.priceBreaks) {
    const unitPriceCents = buyerUnitPrice(product, minQuantity, company);
    if (unitPriceCents >= last) continue;
    breaks.push({ minQuantity, unitPriceCents });
    last = unitPriceCents;
  }
  return breaks;
}

/** A product as a buyer pays for it: the list price, theirs at one unit when it differs, and their breaks. */
export type BuyerPriced = { priceCents: number | null; yourPriceCents?: number; priceBreaks: PriceBreak[] };

/** What a buyer pays for one unit at `quantity` (`buyerUnitPrice`); null for a product priced on request. */
export function buyerPriceAt(product: BuyerPriced, quantity: number) {
  if (product.priceCents === null) return null;
  return unitPriceAt(
    { unitPriceCents: product.yourPriceCents ?? product.priceCents, priceBreaks: product.priceBreaks },
    quantity,
  );
}
