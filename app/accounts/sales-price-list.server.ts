import { and, asc, count, eq } from "drizzle-orm";
import { categories, companies, companyCategoryDiscounts, companyProductPrices, products } from "~db/schema";
import { findProductByPartNumber } from "~/catalog/product.server";
import { db, writeTransaction } from "~/lib/db.server";
import { MAX_PRICE_LIST_RULES } from "./price-list-intents";

/** The price list as sales sees and edits it: discounts by category, fixed prices by part number. */
export function priceListOf(companyId: number) {
  const discounts = db
    .select({
      categoryId: companyCategoryDiscounts.categoryId,
      categoryName: categories.name,
      basisPoints: companyCategoryDiscounts.basisPoints,
    })
    .from(companyCategoryDiscounts)
    .innerJoin(categories, eq(categories.id, companyCategoryDiscounts.categoryId))
    .where(eq(companyCategoryDiscounts.companyId, companyId))
    .orderBy(asc(categories.name))
    .all();
  const fixed = db
    .select({
      productId: companyProductPrices.productId,
      partNumber: products.partNumber,
      name: products.name,
      slug: products.slug,
      listPriceCents: products.priceCents,
      priceCents: companyProductPrices.priceCents,
    })
    .from(companyProductPrices)
    .innerJoin(products, eq(products.id, companyProductPrices.productId))
    .where(eq(companyProductPrices.companyId, companyId))
    .orderBy(asc(products.partNumber))
    .all();
  return { discounts, fixed };
}

/** Every rule a price list holds, for the limit. Inside the caller's transaction. */
function ruleCount(companyId: number) {
  const discounts = db
    .select({ n: count() })
    .from(companyCategoryDiscounts)
    .where(eq(companyCategoryDiscounts.companyId, companyId))
    .get()!.n;
  const fixed = db
    .select({ n: count() })
    .from(companyProductPrices)
    .where(eq(companyProductPrices.companyId, companyId))
    .get()!.n;
  return discounts + fixed;
}

const companyExists = (companyId: number) =>
  Boolean(db.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId)).get());

export type PriceListWrite = { ok: true } | { ok: false; field: string; message: string; status: 400 | 404 | 409 };

const GONE: PriceListWrite = { ok: false, field: "", message: "This company is not there any more.", status: 404 };
const FULL: PriceListWrite = {
  ok: false,
  field: "",
  message: `A price list holds at most ${MAX_PRICE_LIST_RULES.toLocaleString("en-US")} discounts and prices: remove some first.`,
  status: 409,
};

/** Sets (or changes) the percentage off a category for the company. */
export function setCategoryDiscount(companyId: number, categoryId: number, basisPoints: number): PriceListWrite {
  return writeTransaction(() => {
    if (!companyExists(companyId)) return GONE;
    if (!db.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get())
      return {
        ok: false,
        field: "categoryId",
        message: "That category is not there any more: reload the page.",
        status: 409,
      };
    const existing = db
      .select({ id: companyCategoryDiscounts.id })
      .from(companyCategoryDiscounts)
      .where(
        and(eq(companyCategoryDiscounts.companyId, companyId), eq(companyCategoryDiscounts.categoryId, categoryId)),
      )
      .get();
    if (existing) {
      db.update(companyCategoryDiscounts)
        .set({ basisPoints, updatedAt: new Date().toISOString() })
        .where(eq(companyCategoryDiscounts.id, existing.id))
        .run();
    } else {
      if (ruleCount(companyId) >= MAX_PRICE_LIST_RULES) return FULL;
      db.insert(companyCategoryDiscounts).values({ companyId, categoryId, basisPoints }).run();
    }
    return { ok: true };
  });
}

/** Sets (or changes) the company's fixed price for a list-priced product, found by part number. */
export function setProductPrice(companyId: number, partNumber: string, priceCents: number): PriceListWrite {
  return writeTransaction(() => {
    if (!companyExists(companyId)) return GONE;
    const found = findProductByPartNumber(partNumber);
    const product =
      found &&
      db
        .select({ id: products.id, priceCents: products.priceCents })
        .from(products)
        .where(eq(products.id, found.id))
        .get();
    if (!product)
      return {
        ok: false,
        field: "partNumber",
        message: `No active product has the part number ${partNumber}.`,
        status: 400,
      };
    if (product.priceCents === null)
      return {
        ok: false,
        field: "partNumber",
        message: `${found!.partNumber} has no list price: it is sold by quote, so price it in the quote.`,
        status: 400,
      };
    const existing = db
      .select({ id: companyProductPrices.id })
      .from(companyProductPrices)
      .where(and(eq(companyProductPrices.companyId, companyId), eq(companyProductPrices.productId, product.id)))
      .get();
    if (existing) {
      db.update(companyProductPrices)
        .set({ priceCents, updatedAt: new Date().toISOString() })
        .where(eq(companyProductPrices.id, existing.id))
        .run();
    } else {
      if (ruleCount(companyId) >= MAX_PRICE_LIST_RULES) return FULL;
      db.insert(companyProductPrices).values({ companyId, productId: product.id, priceCents }).run();
    }
    return { ok: true };
  });
}

/** Takes a category's discount off the company's price list (nothing to do if it is gone). */
export function removeCategoryDiscount(companyId: number, categoryId: number) {
  db.delete(companyCategoryDiscounts)
    .where(and(eq(companyCategoryDiscounts.companyId, companyId), eq(companyCategoryDiscounts.categoryId, categoryId)))
    .run();
}

/** Takes a product's fixed price off the company's price list (nothing to do if it is gone). */
export function removeProductPrice(companyId: number, productId: number) {
  db.delete(companyProductPrices)
    .where(and(eq(companyProductPrices.companyId, companyId), eq(companyProductPrices.productId, productId)))
    .run();
}
