import { asc, eq } from "drizzle-orm";
import { productPriceBreaks } from "~db/schema";
import { db, inIdsPlaceholder, preparedOnce } from "~/lib/db.server";
import type { PriceBreak } from "~/lib/price-breaks";

// Read for every page of products: prepared once, answered by the (product, quantity) index.
const breaksOfProducts = preparedOnce(() =>
  db
    .select({
      productId: productPriceBreaks.productId,
      minQuantity: productPriceBreaks.minQuantity,
      unitPriceCents: productPriceBreaks.unitPriceCents,
    })
    .from(productPriceBreaks)
    .where(inIdsPlaceholder(productPriceBreaks.productId))
    .orderBy(asc(productPriceBreaks.productId), asc(productPriceBreaks.minQuantity))
    .prepare(),
);

/** The price breaks of the products, by product id (none for a product without): one query for them all. */
export function priceBreaksOf(productIds: readonly number[]) {
  const byProduct = new Map<number, PriceBreak[]>();
  if (productIds.length === 0) return byProduct;
  for (const { productId, ...tier } of breaksOfProducts().all({ ids: JSON.stringify(productIds) })) {
    const breaks = byProduct.get(productId);
    if (breaks) breaks.push(tier);
    else byProduct.set(productId, [tier]);
  }
  return byProduct;
}

/** The items, each with its `priceBreaks` (empty for none), read in one query. */
export function withPriceBreaks<T extends { id: number }>(items: T[]): (T & { priceBreaks: PriceBreak[] })[] {
  const breaks = priceBreaksOf(items.map((item) => item.id));
  return items.map((item) => ({ ...item, priceBreaks: breaks.get(item.id) ?? [] }));
}

/** Replaces a product's breaks with `breaks`; called inside the transaction that saves the product. */
export function replacePriceBreaks(productId: number, breaks: readonly PriceBreak[]) {
  db.delete(productPriceBreaks).where(eq(productPriceBreaks.productId, productId)).run();
  if (breaks.length)
    db.insert(productPriceBreaks)
      .values(breaks.map((tier) => ({ productId, ...tier })))
      .run();
}
