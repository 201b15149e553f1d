import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import { cartLines, carts, products } from "~db/schema";
import { MAX_CART_QUANTITY } from "./cart-fields";
import { quantityProblem } from "~/lib/pack-quantity";
import { db, writeTransaction } from "~/lib/db.server";
import { MAX_ORDER_TOTAL_CENTS, ORDER_TOTAL_LIMIT_TEXT } from "~/lib/money";
import { lineLimitProblem } from "~/lib/quantity";
import { createToken, hashToken } from "~/lib/tokens.server";
import { listProductsByIds, shippingWeightsOf, type ProductSummary } from "~/catalog/product.server";
import { shippingWeightOf } from "./freight";
import { companyPriceRules, type CompanyPricing } from "~/accounts/company-prices.server";
import { buyerUnitPrice } from "~/accounts/unit-price";
import { withPriceBreaks } from "~/catalog/price-breaks.server";
import { nextBreak, type PriceBreak } from "~/lib/price-breaks";

/** A cheaper unit price a larger quantity of a cart line would reach: "Order 50 for $89.50 each". */
export type CartBreakHint = { quantity: number; unitPriceCents: number };

/**
 * A cart line at today's price for its quantity (`buyerUnitPrice`: the break it reaches, the
 * buyer's company price), and the next cheaper break, if there is one.
 */
export type CartLine = {
  lineId: number;
  quantity: number;
  product: ProductSummary & { priceBreaks: PriceBreak[] };
  unitPriceCents: number;
  lineTotalCents: number;
  /** One unit's shipping weight in hundredths of a pound; null: freight counts the default. */
  shippingWeight: number | null;
  nextBreak?: CartBreakHint;
};

function findCartId(token: string | undefined) {
  if (!token) return undefined;
  return db
    .select({ id: carts.id })
    .from(carts)
    .where(eq(carts.tokenHash, hashToken(token)))
    .get()?.id;
}

/**
 * The buyer's cart with our current prices (the quantity breaks each line reaches, and a
 * signed-in buyer's company prices where `pricing` has them). Only active, list-priced products
 * count: a line whose product was archived or lost its price meanwhile is left out (and cannot
 * be bought).
 */
export function getCart(token: string | undefined, pricing?: CompanyPricing) {
  const cartId = findCartId(token);
  if (cartId === undefined)
    return { cartId, lines: [] as CartLine[], totalCents: 0, shippingWeight: 0, unavailable: 0 };
  const rows = db
    .select({ lineId: cartLines.id, quantity: cartLines.quantity, productId: cartLines.productId })
    .from(cartLines)
    .where(eq(cartLines.cartId, cartId))
    .orderBy(asc(cartLines.id))
    .all();
  const lines = priceLines(rows, pricing);
  const totalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  return {
    cartId,
    lines,
    totalCents,
    shippingWeight: shippingWeightOf(lines),
    unavailable: rows.length - lines.length,
  };
}

/** Lines of products at quantities, priced as the cart prices them; lines that cannot be bought left out. */
function priceLines(rows: { lineId: number; quantity: number; productId: number }[], pricing?: CompanyPricing) {
  const listed = withPriceBreaks(listProductsByIds(rows.map((row) => row.productId)));
  const catalog = new Map(listed.map((p) => [p.id, p]));
  const rules = companyPriceRules(pricing, listed);
  const weights = shippingWeightsOf(rows.map((row) => row.productId));
  return rows.flatMap(({ lineId, quantity, productId }): CartLine[] => {
    const listedProduct = catalog.get(productId);
    if (!listedProduct || listedProduct.priceCents === null) return [];
    const priced = { priceCents: listedProduct.priceCents, priceBreaks: listedProduct.priceBreaks };
    const rule = rules.get(productId);
    // "Your price" beside the list price, as every other page shows it: one unit's.
    const yourPriceCents = rule && buyerUnitPrice(priced, 1, rule);
    const product =
      yourPriceCents !== undefined && yourPriceCents !== priced.priceCents
        ? { ...listedProduct, yourPriceCents }
        : listedProduct;
    const unitPriceCents = buyerUnitPrice(priced, quantity, rule);
    const next = nextBreak(product.priceBreaks, quantity);
    const nextPrice = next && buyerUnitPrice(priced, next.minQuantity, rule);
    return [
      {
        lineId,
        quantity,
        product,
        unitPriceCents,
        lineTotalCents: unitPriceCents * quantity,
        shippingWeight: weights.get(productId) ?? null,
        nextBreak:
          next && nextPrice! < unitPriceCents ? { quantity: next.minQuantity, unitPriceCents: nextPrice! } : undefined,
      },
    ];
  });
}

/** How many lines of the buyer's cart can be bought (as `getCart` shows them), for the header: one indexed count. */
export function countCartLines(token: string | undefined) {
  if (!token) return 0;
  return db
    .select({ n: count() })
    .from(cartLines)
    .innerJoin(carts, eq(carts.id, cartLines.cartId))
    .innerJoin(products, eq(products.id, cartLines.productId))
    .where(and(eq(carts.tokenHash, hashToken(token)), eq(products.status, "active"), isNotNull(products.priceCents)))
    .get()!.n;
}

function openCart(token: string | undefined) {
  const existing = findCartId(token);
  if (existing !== undefined && token) {
    db.update(carts)
      .set({ updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(eq(carts.id, existing))
      .run();
    return { cartId: existing, token };
  }
  const fresh = createToken();
  const { id } = db
    .insert(carts)
    .values({ tokenHash: hashToken(fresh) })
    .returning({ id: carts.id })
    .get();
  return { cartId: id, token: fresh };
}

type BuyableProduct = { id: number; minOrderQty: number; packSize: number; priceCents: number | null };

function findBuyableProduct(productId: number): BuyableProduct | undefined {
  return db
    .select({
      id: products.id,
      minOrderQty: products.minOrderQty,
      packSize: products.packSize,
      priceCents: products.priceCents,
    })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.status, "active"), isNotNull(products.priceCents)))
    .get();
}

/**
 * What is wrong with the cart's total once the line of `product` holds `quantity`, priced as the
 * cart prices it (breaks, company prices); undefined when it can be ordered.
 */
function totalProblem(token: string | undefined, productId: number, quantity: number, pricing?: CompanyPricing) {
  const others = getCart(token, pricing).lines.filter((line) => line.product.id !== productId);
  const [line] = priceLines([{ lineId: 0, quantity, productId }], pricing);
  const total = others.reduce((sum, other) => sum + other.lineTotalCents, line?.lineTotalCents ?? 0);
  return total > MAX_ORDER_TOTAL_CENTS ? `${ORDER_TOTAL_LIMIT_TEXT}: order fewer, or ask us for a quote` : undefined;
}

const CART_LINE = { line: "order line", where: "in your cart" };

/** What is wrong with one line of `quantity` of `product`, `already` of them being in the cart before. */
function lineProblem(
  token: string | undefined,
  product: BuyableProduct,
  quantity: number,
  { already = 0, pricing }: { already?: number; pricing?: CompanyPricing } = {},
) {
  return (
    lineLimitProblem(quantity, MAX_CART_QUANTITY, already, CART_LINE) ??
    quantityProblem(quantity, product) ??
    totalProblem(token, product.id, quantity, pricing)
  );
}

/** Whether a cart line holds more than one order line may (the checkout checks again). */
export const overLineLimit = (line: { quantity: number }) => line.quantity > MAX_CART_QUANTITY;

/**
 * Adds a list-priced product to the cart (creating the cart on first use). Adding a product
 * already in the cart raises its quantity; the sum must still be within the line's limit, respect
 * minimum and pack size, and keep the cart's total within what one order may come to.
 */
export function addProductToCart(
  token: string | undefined,
  productId: number,
  quantity: number,
  pricing?: CompanyPricing,
) {
  return writeTransaction(() => {
    const product = findBuyableProduct(productId);
    if (!product) return { ok: false as const, reason: "unavailable" as const, token };
    const cartId = findCartId(token);
    const current =
      cartId === undefined
        ? 0
        : (db
            .select({ quantity: cartLines.quantity })
            .from(cartLines)
            .where(and(eq(cartLines.cartId, cartId), eq(cartLines.productId, productId)))
            .get()?.quantity ?? 0);
    const problem = lineProblem(token, product, current + quantity, { already: current, pricing });
    if (problem) return { ok: false as const, reason: "quantity" as const, message: problem, token };
    const cart = openCart(token);
    db.insert(cartLines)
      .values({ cartId: cart.cartId, productId, quantity })
      .onConflictDoUpdate({ target: [cartLines.cartId, cartLines.productId], set: { quantity: current + quantity } })
      .run();
    return { ok: true as const, token: cart.token };
  });
}

export function updateCartLine(token: string | undefined, lineId: number, quantity: number, pricing?: CompanyPricing) {
  return writeTransaction(() => {
    const cartId = findCartId(token);
    if (cartId === undefined) return { ok: false as const, message: "That item is no longer in your cart" };
    const line = db
      .select({ productId: cartLines.productId })
      .from(cartLines)
      .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
      .get();
    const product = line && findBuyableProduct(line.productId);
    if (!product) return { ok: false as const, message: "That item is no longer in your cart" };
    const problem = lineProblem(token, product, quantity, { pricing });
    if (problem) return { ok: false as const, message: problem };
    db.update(cartLines).set({ quantity }).where(eq(cartLines.id, lineId)).run();
    return { ok: true as const };
  });
}

export function removeCartLine(token: string | undefined, lineId: number) {
  const cartId = findCartId(token);
  if (cartId === undefined) return false;
  return (
    db
      .delete(cartLines)
      .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
      .run().changes === 1
  );
}

/** Empties a cart; called inside the transaction that turns it into an order. */
export function emptyCart(cartId: number) {
  db.delete(cartLines).where(eq(cartLines.cartId, cartId)).run();
}
