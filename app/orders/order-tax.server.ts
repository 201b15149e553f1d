import { and, eq, inArray } from "drizzle-orm";
import { orderEvents, orders } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { formatMoney } from "~/lib/money";
import { orderAllows, orderStatusesAllowing } from "./order-lifecycle";
import { getOrder } from "./order.server";
import { taxLineText } from "./tax-line";

type TaxFacts = { status: Parameters<typeof orderAllows>[0]; paymentMethod: "card" | "invoice"; taxStatus: string };

/** Whether sales may confirm the order's tax line now: an invoiced order whose tax is still the estimate. */
export const canConfirmTax = (order: TaxFacts) =>
  orderAllows(order.status, "confirm_tax", {
    paymentMethod: order.paymentMethod,
    taxEstimated: order.taxStatus === "estimated",
  });

/**
 * Sales confirms an invoice order's estimated tax line, as invoiced: the amount stays (an issued
 * invoice is never edited; a correction is a credit note, ADR 34), its status becomes `confirmed`,
 * and the timeline records who confirmed what. Guarded in the UPDATE, so it happens once.
 */
export function confirmOrderTax(orderId: number, actor: string) {
  return writeTransaction(() => {
    const order = getOrder(orderId);
    if (!order || !canConfirmTax(order)) return false;
    const changed = db
      .update(orders)
      .set({ taxStatus: "confirmed", updatedAt: new Date().toISOString() })
      .where(
        and(
          eq(orders.id, orderId),
          eq(orders.taxStatus, "estimated"),
          inArray(orders.status, orderStatusesAllowing("confirm_tax")),
        ),
      )
      .run().changes;
    if (changed !== 1) return false;
    const line = taxLineText({ ...order, taxStatus: "confirmed" });
    db.insert(orderEvents)
      .values({
        orderId,
        status: order.status,
        actor,
        note: `Tax line confirmed: ${line ?? "Sales tax"} ${formatMoney(order.taxCents, order.currency)}`,
      })
      .run();
    return true;
  });
}
