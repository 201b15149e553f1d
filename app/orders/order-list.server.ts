import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { invoices, orderLines, orders, shipmentLines, shipments, type OrderStatus } from "~db/schema";
import { db } from "~/lib/db.server";
import { balanceCents } from "./invoice-rules";
import { creditedSubquery, paidSubquery } from "./invoice.server";
import { fulfilmentState, orderStatusesAllowing, type OrderView } from "./order-lifecycle";

export const PAGE_SIZE = 25;

// Fulfilment facts of the order being listed, each one indexed probe per row of the page (or of
// the queue being filtered): shipments by (order_id, number), order lines by (order_id, position),
// shipment lines by order_line_id.
const leftToShip = sql<number>`exists (select 1 from ${orderLines} where ${orderLines.orderId} = ${orders.id} and ${orderLines.kind} = 'item' and ${orderLines.quantity} > coalesce((select sum(${shipmentLines.quantity}) from ${shipmentLines} where ${shipmentLines.orderLineId} = ${orderLines.id}), 0))`;
const shippedAnything = sql<number>`exists (select 1 from ${shipments} where ${shipments.orderId} = ${orders.id})`;
const undelivered = sql<number>`exists (select 1 from ${shipments} where ${shipments.orderId} = ${orders.id} and ${shipments.deliveredAt} is null)`;

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Each queue as one WHERE clause and its order. To ship: the statuses that ship, found by
 * `orders_status_idx`, with an item line not shipped in full. Shipped: the orders of undelivered
 * shipments (`shipments_undelivered_idx`, a partial index of those only) with nothing left to
 * ship. Overdue: the statuses that take payments (`orders_status_idx`), with their invoice
 * (`invoices_order_unique`) past its due day and a balance.
 */
function queue(view: OrderView, today: string): { where: SQL; orderBy: SQL[] } {
  switch (view) {
    case "to_ship":
      return {
        where: and(inArray(orders.status, orderStatusesAllowing("ship")), sql`${leftToShip}`)!,
        orderBy: [asc(orders.createdAt), asc(orders.id)],
      };
    case "shipped":
      return {
        where: and(
          inArray(
            orders.id,
            db.select({ orderId: shipments.orderId }).from(shipments).where(isNull(shipments.deliveredAt)),
          ),
          sql`not ${leftToShip}`,
        )!,
        orderBy: [desc(orders.createdAt), desc(orders.id)],
      };
    case "overdue":
      return {
        where: and(
          inArray(orders.status, orderStatusesAllowing("record_payment")),
          // Unary + keeps the planner off invoices_due_idx: past-due invoices include every paid
          // one ever issued, while the orders still owed are few.
          sql`+${invoices.kind} = 'invoice'`,
          sql`+${invoices.dueOn} < ${today}`,
          sql`${invoices.totalCents} > ${paidSubquery} + ${creditedSubquery}`,
        )!,
        orderBy: [asc(invoices.dueOn), asc(orders.id)],
      };
  }
}

/**
 * The back office's orders, a page at a time with the count: by status (`status`, newest first),
 * in a work queue (`view`, which then decides alone), or all of them; of one company when
 * `companyId` is given. Each row says how far the order has shipped and, for an invoice, its due
 * day and balance. One query for the page and one for the count, whatever the view.
 */
export function listOrders({
  status,
  view,
  page = 1,
  companyId,
  now = new Date(),
}: { status?: OrderStatus; view?: OrderView; page?: number; companyId?: number; now?: Date } = {}) {
  const chosen = view ? queue(view, dayOf(now)) : undefined;
  const where = and(
    chosen ? chosen.where : status ? eq(orders.status, status) : undefined,
    companyId !== undefined ? eq(orders.companyId, companyId) : undefined,
  );
  const rows = db
    .select({
      id: orders.id,
      reference: orders.reference,
      status: orders.status,
      paymentMethod: orders.paymentMethod,
      company: orders.company,
      email: orders.email,
      poNumber: orders.poNumber,
      totalCents: orders.totalCents,
      currency: orders.currency,
      quoteRequestId: orders.quoteRequestId,
      flaggedReason: orders.flaggedReason,
      paidAt: orders.paidAt,
      createdAt: orders.createdAt,
      shippedAnything,
      leftToShip,
      undelivered,
      invoiceKind: invoices.kind,
      invoiceTotalCents: invoices.totalCents,
      dueOn: invoices.dueOn,
      paidCents: paidSubquery,
      creditedCents: creditedSubquery,
    })
    .from(orders)
    .leftJoin(invoices, eq(invoices.orderId, orders.id))
    .where(where)
    .orderBy(...(chosen?.orderBy ?? [desc(orders.createdAt), desc(orders.id)]))
    .limit(PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * PAGE_SIZE)
    .all()
    .map(
      ({
        shippedAnything,
        leftToShip,
        undelivered,
        invoiceKind,
        invoiceTotalCents,
        dueOn,
        paidCents,
        creditedCents,
        ...order
      }) => ({
        ...order,
        fulfilment: fulfilmentState({
          shippedAnything: Boolean(shippedAnything),
          leftToShip: Boolean(leftToShip),
          undelivered: Boolean(undelivered),
        }),
        // What an invoice still owes and when it is due; a receipt (paid by card) owes nothing.
        invoice:
          invoiceKind === "invoice" && dueOn !== null && invoiceTotalCents !== null
            ? { dueOn, balanceCents: balanceCents(invoiceTotalCents, paidCents, creditedCents) }
            : undefined,
      }),
    );
  const total = db
    .select({ n: count() })
    .from(orders)
    .leftJoin(invoices, eq(invoices.orderId, orders.id))
    .where(where)
    .get()!.n;
  return { orders: rows, total, page, pageSize: PAGE_SIZE };
}
export type ListedOrder = ReturnType<typeof listOrders>["orders"][number];

/** How many orders each work queue holds, for the dashboard. */
export function orderQueueCounts(now = new Date()) {
  const today = dayOf(now);
  const countOf = (view: OrderView) =>
    db
      .select({ n: count() })
      .from(orders)
      .leftJoin(invoices, eq(invoices.orderId, orders.id))
      .where(queue(view, today).where)
      .get()!.n;
  return { toShip: countOf("to_ship"), overdue: countOf("overdue") };
}
