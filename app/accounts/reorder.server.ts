import { and, asc, eq } from "drizzle-orm";
import { orderLines, orders } from "~db/schema";
import { listProductsByIds } from "~/catalog/product.server";
import { db, writeTransaction } from "~/lib/db.server";
import { formatMoney } from "~/lib/money";
import { ownedBy } from "./account-history.server";
import { pricingFor, withYourPrices } from "./company-prices.server";
import type { Customer } from "./customer-session.server";
import { sendLines, type LinesTarget } from "./send-lines.server";

export type ReorderTarget = LinesTarget;

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
      // Charges (freight, crating) and discounts are worked out anew for the new order: only items go back.
      .where(and(eq(orderLines.orderId, order.id), eq(orderLines.kind, "item")))
      .orderBy(asc(orderLines.position))
      .all();
    // Today's price is what the buyer pays today: their company's where it has one.
    const prices = new Map(
      withYourPrices(pricingFor(customer), listProductsByIds(lines.flatMap((line) => line.productId ?? []))).map(
        (product) => [product.id, product.yourPriceCents ?? product.priceCents],
      ),
    );
    const sent = sendLines(
      target,
      token,
      lines.map((line) => ({ ...line, label: line.partNumber ? `${line.name} (${line.partNumber})` : line.name })),
      (line) => {
        const today = line.productId === null ? undefined : prices.get(line.productId);
        return target === "cart" && today != null && today !== line.unitPriceCents
          ? `${line.label} is ${formatMoney(today)} each today; it was ${formatMoney(line.unitPriceCents)} on ${order.reference}.`
          : undefined;
      },
    );
    return { ok: true as const, reference: order.reference, ...sent };
  });
}
