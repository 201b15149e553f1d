import { and, eq, sql } from "drizzle-orm";
import { companyCategoryDiscounts, companyProductPrices } from "~db/schema";
import { categoryAncestries } from "~/catalog/category.server";
import { db, inIdsPlaceholder, preparedOnce } from "~/lib/db.server";
import { getCustomer, type Customer } from "./customer-session.server";
import { buyerBreaks, buyerUnitPrice, type CompanyPrice } from "./unit-price";
import { listProductsByIds } from "~/catalog/product.server";
import { withPriceBreaks } from "~/catalog/price-breaks.server";
import type { PriceBreak } from "~/lib/price-breaks";

/** A company's price list as pricing reads it: discounts by category id, and whether it has fixed prices. */
export type CompanyPricing = { companyId: number; discounts: Map<number, number>; fixedPrices: boolean };

/** What pricing needs of a product: the list price and the category it sits in. */
export type PricedProduct = { id: number; priceCents: number | null; categorySlug: string };

// Read on every page a signed-in buyer of a company opens: prepared once.
const discountsOf = preparedOnce(() =>
  db
    .select({ categoryId: companyCategoryDiscounts.categoryId, basisPoints: companyCategoryDiscounts.basisPoints })
    .from(companyCategoryDiscounts)
    .where(eq(companyCategoryDiscounts.companyId, sql.placeholder("companyId")))
    .prepare(),
);
const anyFixedPrice = preparedOnce(() =>
  db
    .select({ one: sql`1` })
    .from(companyProductPrices)
    .where(eq(companyProductPrices.companyId, sql.placeholder("companyId")))
    .limit(1)
    .prepare(),
);
const fixedPricesOf = preparedOnce(() =>
  db
    .select({ productId: companyProductPrices.productId, priceCents: companyProductPrices.priceCents })
    .from(companyProductPrices)
    .where(
      and(
        eq(companyProductPrices.companyId, sql.placeholder("companyId")),
        inIdsPlaceholder(companyProductPrices.productId),
      ),
    )
    .prepare(),
);

/**
 * The price list of a signed-in buyer's company; undefined for a guest, a buyer outside a
 * company, or a company without one (they pay list prices). Two small indexed queries: its
 * discounts, and whether it has any fixed price.
 */
export function pricingFor(customer: Pick<Customer, "companyId"> | undefined): CompanyPricing | undefined {
  const companyId = customer?.companyId;
  if (companyId == null) return undefined;
  const discounts = discountsOf().all({ companyId });
  const fixedPrices = Boolean(anyFixedPrice().get({ companyId }));
  if (discounts.length === 0 && !fixedPrices) return undefined;
  return {
    companyId,
    discounts: new Map(discounts.map(({ categoryId, basisPoints }) => [categoryId, basisPoints])),
    fixedPrices,
  };
}

export { discounted } from "./unit-price";

/**
 * What the company's price list says of each list-priced product, by product id (nothing for a
 * product it does not cover): its fixed price if sales set one, else the discount of its own
 * category or, failing that, of the nearest parent that has one. One query for the page's
 * fixed prices; the discounts and the category tree are in memory.
 */
export function companyPriceRules(pricing: CompanyPricing | undefined, items: readonly PricedProduct[]) {
  const rules = new Map<number, NonNullable<CompanyPrice>>();
  if (!pricing) return rules;
  const listed = items.filter((item) => item.priceCents !== null);
  const fixed = new Map(
    pricing.fixedPrices && listed.length > 0
      ? fixedPricesOf()
          .all({ companyId: pricing.companyId, ids: JSON.stringify(listed.map((item) => item.id)) })
          .map(({ productId, priceCents }) => [productId, priceCents])
      : [],
  );
  const ancestryOf = categoryAncestries();
  for (const item of listed) {
    const fixedCents = fixed.get(item.id);
    if (fixedCents !== undefined) {
      rules.set(item.id, { fixedCents });
      continue;
    }
    const discountBp = ancestryOf(item.categorySlug)
      .map((categoryId) => pricing.discounts.get(categoryId))
      .find((found) => found !== undefined);
    if (discountBp !== undefined) rules.set(item.id, { discountBp });
  }
  return rules;
}

/**
 * Each list-priced product's price for the company for one unit, by product id, where it differs
 * from the list price (`buyerUnitPrice` at a quantity of 1).
 */
export function companyPrices(pricing: CompanyPricing | undefined, items: readonly PricedProduct[]) {
  const prices = new Map<number, number>();
  const rules = companyPriceRules(pricing, items);
  for (const item of items) {
    const rule = rules.get(item.id);
    if (!rule || item.priceCents === null) continue;
    const price = buyerUnitPrice({ priceCents: item.priceCents, priceBreaks: [] }, 1, rule);
    if (price !== item.priceCents) prices.set(item.id, price);
  }
  return prices;
}

/** The items with `yourPriceCents` where the company's price differs from the list price. */
export function withYourPrices<T extends PricedProduct>(
  pricing: CompanyPricing | undefined,
  items: T[],
): (T & { yourPriceCents?: number })[] {
  if (!pricing) return items;
  const prices = companyPrices(pricing, items);
  return items.map((item) => (prices.has(item.id) ? { ...item, yourPriceCents: prices.get(item.id)! } : item));
}

/**
 * The items with `yourPriceCents` (as `withYourPrices`) and their `priceBreaks` as the company's
 * buyer pays them (`buyerBreaks`): what a page with quantity pricing shows. One query for the
 * page's fixed prices, as for `companyPrices`.
 */
export function withBuyerPrices<T extends PricedProduct & { priceBreaks: PriceBreak[] }>(
  pricing: CompanyPricing | undefined,
  items: T[],
): (T & { yourPriceCents?: number })[] {
  if (!pricing) return items;
  const rules = companyPriceRules(pricing, items);
  return items.map((item) => {
    const rule = rules.get(item.id);
    if (!rule || item.priceCents === null) return item;
    const listed = { priceCents: item.priceCents, priceBreaks: item.priceBreaks };
    const yours = buyerUnitPrice(listed, 1, rule);
    return {
      ...item,
      priceBreaks: buyerBreaks(listed, rule),
      ...(yours !== item.priceCents && { yourPriceCents: yours }),
    };
  });
}

/** The price list of the buyer a request is from (none for an anonymous one: no query at all). */
export async function pricingForRequest(request: Request) {
  return pricingFor(await getCustomer(request));
}

/** Catalog products (archived ones too) by id, priced for a company's buyer (none: list prices) with their breaks. */
export function buyerPricedProducts(companyId: number | null, productIds: number[]) {
  const products = withPriceBreaks(listProductsByIds([...new Set(productIds)], { includeArchived: true }));
  return new Map(withBuyerPrices(pricingFor({ companyId }), products).map((product) => [product.id, product]));
}
