import { and, asc, eq } from "drizzle-orm";
import { orderLines, orders } from "~db/schema";
import { listProductsByIds } from "~/catalog/product.server";
import { db, writeTransaction } from "~/lib/db.server";
import { formatMoney } from "~/lib/money";
import { addProductToCart } from "~/orders/cart.server";
import { addProductToQuoteList } from "~/quotes/quote-list.server";
import { ownedBy } from "./account-history.server";
import { pricingFor, withYourPrices } from "./company-prices.server";
import type { Customer } from "./customer-session.server";

export type ReorderTarget = "cart" | "quote";

/**
 * Puts a past order of the account back into the cart (at today's prices, the company's where it
 * has them) or the quote list, in one transaction, and says plainly what changed: a price that
 * moved, a product no longer sold online or no longer in the catalog, a quantity the product's
 * rules now refuse. An order of another account is not found.
 */
export function reorder(customer: Customer, orderId: number, target: ReorderTarget, token: string | undefined) {
  return writeTransaction(() => {
    const order = db
      .select({ id: orders.id, reference: orders.reference })
      .from(orders)
      .where(and(eq(orders.id, orderId), ownedBy(orders, customer)))
      .get();
    if (!order) return { ok: false as const };
    const lines = db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.position))
      .all();
    // Today's price is what the buyer pays today: their company's where it has one.
    const prices = new Map(
      withYourPrices(pricingFor(customer), listProductsByIds(lines.flatMap((line) => line.productId ?? []))).map(
        (product) => [product.id, product.yourPriceCents ?? product.priceCents],
      ),
    );
    let next = token;
    let added = 0;
    const changes: string[] = [];
    for (const line of lines) {
      const label = line.partNumber ? `${line.name} (${line.partNumber})` : line.name;
      if (line.productId === null) {
        changes.push(`${label} is no longer in the catalog.`);
        continue;
      }
      const result =
        target === "cart"
          ? addProductToCart(next, line.productId, line.quantity)
          : addProductToQuoteList(next, line.productId, line.quantity);
      next = result.token;
      if (!result.ok) {
        changes.push(
          result.reason === "quantity"
            ? `${label}: ${result.message}`
            : target === "cart"
              ? `${label} is not sold online now: add it to your quote list instead.`
              : `${label} is no longer in the catalog.`,
        );
        continue;
      }
      added += 1;
      const today = prices.get(line.productId);
      if (target === "cart" && today != null && today !== line.unitPriceCents)
        changes.push(
          `${label} is ${formatMoney(today)} each today; it was ${formatMoney(line.unitPriceCents)} on ${order.reference}.`,
        );
    }
    return { ok: true as const, reference: order.reference, token: next, added, of: lines.length, changes };
  });
}
