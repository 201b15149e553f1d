import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { companies, customers, orderLines, orders, outboxEmails, quoteRevisions } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { openToken } from "~/lib/link-secret.server";
import { orderFacts } from "~/orders/checkout.server";
import { cardOrderApprovedEmail } from "~/orders/order-emails.server";
import { invoiceOrder } from "~/orders/invoice.server";
import { approvalAction, orderAllows } from "~/orders/order-lifecycle";
import { cancelUnpaidOrder, getOrder, getOrderLines, moveOrder, orderUrlOf, payByOf } from "~/orders/order.server";
import type { ApprovalDecision } from "./approval-schema";
import { companyRoleAllows } from "./company-roles";
import { currentPerson } from "./company.server";

/** Why a decision was refused: the HTTP status it answers, and what the approver reads. */
export type ApprovalRefusal = { ok: false; status: 403 | 404 | 409; message: string };

const refuse = (status: ApprovalRefusal["status"], message: string): ApprovalRefusal => ({
  ok: false,
  status,
  message,
});

/** The signed-in person as stored now, when they may approve: a role an admin just changed counts at once. */
function currentApprover(customerId: number) {
  const me = currentPerson(customerId);
  return me?.companyId && companyRoleAllows(me.companyRole, "approve") ? { ...me, companyId: me.companyId } : undefined;
}

/**
 * The approvals page: the company's orders waiting for approval, oldest first (they have waited
 * longest), with their lines (one query for all of them). `canApprove`: the person is an approver
 * or company admin; `mine` marks their own orders, which someone else must approve.
 */
export function awaitingApproval(customer: { id: number }) {
  const me = currentPerson(customer.id);
  if (!me?.companyId) return undefined;
  const canApprove = companyRoleAllows(me.companyRole, "approve");
  const waiting = db
    .select({
      id: orders.id,
      reference: orders.reference,
      customerId: orders.customerId,
      contactName: orders.contactName,
      email: orders.email,
      poNumber: orders.poNumber,
      paymentMethod: orders.paymentMethod,
      totalCents: orders.totalCents,
      taxCents: orders.taxCents,
      taxStatus: orders.taxStatus,
      taxRate: orders.taxRate,
      taxState: orders.taxState,
      taxExemptionNumber: orders.taxExemptionNumber,
      tokenSealed: orders.tokenSealed,
      createdAt: orders.createdAt,
      // Who placed it, in the company or not any more (its contact may be someone else since).
      placerCompanyId: customers.companyId,
      placerLimitCents: customers.spendingLimitCents,
      placerName: customers.name,
      placerEmail: customers.email,
      /** An order of a quote lapses unapproved after the quote's last valid day. */
      decideBy: quoteRevisions.validUntil,
    })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(quoteRevisions, eq(quoteRevisions.id, orders.quoteRevisionId))
    .where(and(eq(orders.status, "awaiting_approval"), eq(orders.companyId, me.companyId)))
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(100)
    .all();
  const lines = waiting.length
    ? db
        .select({
          orderId: orderLines.orderId,
          name: orderLines.name,
          partNumber: orderLines.partNumber,
          quantity: orderLines.quantity,
          unitPriceCents: orderLines.unitPriceCents,
        })
        .from(orderLines)
        .where(
          inArray(
            orderLines.orderId,
            waiting.map((order) => order.id),
          ),
        )
        .orderBy(asc(orderLines.orderId), asc(orderLines.position))
        .all()
    : [];
  return {
    canApprove,
    orders: waiting.map(
      ({ tokenSealed, customerId, placerCompanyId, placerLimitCents, placerName, placerEmail, ...order }) => {
        const token = openToken(tokenSealed);
        return {
          ...order,
          /** The placer's limit while they are in the company. */
          spendingLimitCents: placerCompanyId === me.companyId ? placerLimitCents : null,
          /** Who placed it, when that is not its contact (a person who has left the company since). */
          placedBy:
            placerEmail && placerEmail.toLowerCase() !== order.email.toLowerCase()
              ? placerName || placerEmail
              : undefined,
          mine: customerId === customer.id,
          href: token ? `/orders/${token}` : undefined,
          lines: lines.filter((line) => line.orderId === order.id),
        };
      },
    ),
  };
}

/** How many of the company's orders wait for this person's approval (their own aside): for the account's navigation. */
export function approvalsWaitingFor(customer: { id: number }) {
  const me = currentApprover(customer.id);
  if (!me) return 0;
  return db
    .select({ n: count() })
    .from(orders)
    .where(
      and(
        eq(orders.status, "awaiting_approval"),
        eq(orders.companyId, me.companyId),
        sql`${orders.customerId} IS NOT ${me.id}`,
      ),
    )
    .get()!.n;
}

/**
 * An approver or company admin approves or declines a colleague's order over their spending
 * limit, with a note, in one transaction. Approved, a card order may be paid (the buyer is told)
 * and an invoice order is invoiced; declined, the order is cancelled with the note as the reason
 * (its quote goes back in review). Nobody decides their own order, and only the first of two
 * decisions counts.
 */
export function decideOrder(customer: { id: number }, decision: ApprovalDecision, now = new Date()) {
  return writeTransaction((): { ok: true } | ApprovalRefusal => {
    const me = currentApprover(customer.id);
    if (!me) return refuse(403, "Only an approver or a company admin of the company can approve orders.");
    const order = getOrder(decision.orderId);
    if (!order || order.companyId !== me.companyId) return refuse(404, "That order is not one of your company’s.");
    if (order.customerId === me.id) return refuse(403, "Someone else at your company must approve your own order.");
    if (order.status !== "awaiting_approval")
      return refuse(409, `Order ${order.reference} is not waiting for approval any more: someone decided it already.`);
    const actor = `approver:${me.email}`;
    const who = me.name || me.email;
    if (decision.intent === "decline") {
      const company = db.select({ name: companies.name }).from(companies).where(eq(companies.id, me.companyId)).get();
      const reason = `${who} at ${company?.name ?? "your company"} declined it: ${decision.note}`;
      // Nothing was paid: no checkout session was ever opened for an order waiting for approval.
      cancelUnpaidOrder(order.id, "decline", actor, `Declined: ${decision.note}`, reason);
      return { ok: true };
    }
    const action = approvalAction(order.paymentMethod);
    if (!orderAllows(order.status, action, orderFacts({ ...order, payBy: payByOf(order) }, now)))
      return refuse(409, `The quote of order ${order.reference} is no longer valid: it cannot be approved.`);
    moveOrder(order.id, action, actor, {}, decision.note ? `Approved: ${decision.note}` : "Approved");
    if (order.paymentMethod === "invoice") invoiceOrder(order.id);
    else
      db.insert(outboxEmails)
        .values(cardOrderApprovedEmail(order, getOrderLines(order.id), who, decision.note, orderUrlOf(order)))
        .run();
    return { ok: true };
  });
}
