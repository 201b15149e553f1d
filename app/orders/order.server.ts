import crypto from "node:crypto";
import { pricingFor } from "~/accounts/company-prices.server";
import { and, asc, eq, inArray, isNotNull, lt, ne } from "drizzle-orm";
import {
  checkoutSessions,
  orderEvents,
  orderLines,
  orders,
  outboxEmails,
  quoteEvents,
  quoteRequests,
  quoteRevisions,
  shipments,
  type OrderStatus,
} from "~db/schema";
import { GUEST, type AccountOwner } from "~/accounts/account-owner";
import { companyCredit, invoiceChoice } from "~/accounts/credit.server";
import type { NetTerms } from "~/accounts/payment-terms";
import { needsApproval, queueApprovalRequests } from "~/accounts/spending-limit.server";
import { db, writeTransaction } from "~/lib/db.server";
import { storedFile, type StoredFile } from "~/lib/attachments.server";
import { env } from "~/lib/env.server";
import { MAX_ORDER_TOTAL_CENTS, withinCardLimit } from "~/lib/money";
import { openToken, sealToken } from "~/lib/link-secret.server";
import { orderCancelledEmail } from "./order-emails.server";
import { getInvoiceAccount, invoiceOrder } from "./invoice.server";
import { issueCreditNote } from "./refund.server";
import { hashToken, looksLikeToken } from "~/lib/tokens.server";
import { emptyCart, getCart, overLineLimit } from "./cart.server";
import {
  COMMITTED_ORDER_STATUSES,
  orderAllows,
  orderMove,
  orderStatusesAllowing,
  placedOrderStatus,
  type OrderAction,
  type PaymentMethod,
} from "./order-lifecycle";
import { quoteMove } from "~/quotes/quote-lifecycle";
import type { LineKind } from "~/quotes/quote-pricing";
import { NO_TAX, type OrderTax, type TaxExemption } from "./sales-tax";
import { cartCharges, freightOrderLine } from "./order-charges";
import { taxExemptionOf } from "~/accounts/tax-exemption.server";
import { usRegionOf, type UsRegion } from "~/lib/us-address";

export type OrderLineInput = {
  productId: number | null;
  partNumber: string | null;
  name: string;
  quantity: number;
  /** Negative for a discount. */
  unitPriceCents: number;
  /** Goods unless said: a quote may add charges and discounts. */
  kind?: LineKind;
  taxable?: boolean;
};

export type OrderBuyer = {
  company: string;
  contactName: string;
  email: string;
  shippingAddress: string;
  /** Where the invoice goes: the shipping address when the buyer bills there. */
  billingAddress: string;
  poNumber: string;
};

/** Like the quote status link: derived from the one-time submission key, stored only hashed. */
export function orderToken(submissionKey: string) {
  return crypto.createHmac("sha256", submissionKey).update("order-status-link").digest("base64url");
}

export function orderUrl(token: string) {
  return new URL(`/orders/${token}`, env.SITE_URL).toString();
}

/** The buyer's private order link again, for a later e-mail; undefined for an order made before links were sealed. */
export function orderUrlOf(order: { tokenSealed: string | null }) {
  const token = openToken(order.tokenSealed);
  return token ? orderUrl(token) : undefined;
}

function findBySubmissionKey(submissionKey: string) {
  return db
    .select({ id: orders.id, reference: orders.reference, paymentMethod: orders.paymentMethod, status: orders.status })
    .from(orders)
    .where(eq(orders.submissionKey, hashToken(submissionKey)))
    .get();
}

export const orderTotal = (lines: Pick<OrderLineInput, "quantity" | "unitPriceCents">[]) =>
  lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);

/**
 * Writes an order with its lines (prices are the caller's, from our catalog or a quote revision,
 * never from the browser), its first status event and, for an invoice order, the buyer's e-mail.
 * A company's order over the buyer's spending limit waits for approval instead: its approvers are
 * e-mailed, and the invoice goes out once it is approved. Must run inside a write transaction.
 * The same submission key finds the order already made.
 */
export function insertOrder(input: {
  kind: "cart" | "quote";
  lines: OrderLineInput[];
  buyer: OrderBuyer;
  submissionKey: string;
  paymentMethod: PaymentMethod;
  quoteRequestId?: number | null;
  quoteRevisionId?: number | null;
  /** The buyer's purchase-order document, already stored (`storeFile`). */
  poDocument?: Pick<StoredFile, "originalName" | "storedName">;
  /** The signed-in buyer's account it goes into; a guest's order has none. */
  owner?: AccountOwner;
  /** The company's net terms an invoice order from the cart is placed on. */
  paymentTerms?: NetTerms | null;
  /** The sales tax line, added to the total; none without. */
  tax?: OrderTax;
}) {
  const token = orderToken(input.submissionKey);
  const existing = findBySubmissionKey(input.submissionKey);
  if (existing)
    return { orderId: existing.id, reference: existing.reference, token, status: existing.status, repeated: true };
  if (input.lines.length === 0) throw new Error("An order needs at least one line");
  const tax = input.tax ?? NO_TAX;
  const totalCents = orderTotal(input.lines) + tax.cents;
  // Quote revisions and carts are held to these totals before they get here.
  if (totalCents > MAX_ORDER_TOTAL_CENTS) throw new Error(`An order of ${totalCents} cents is over the order limit`);
  if (input.paymentMethod === "card" && !withinCardLimit(totalCents))
    throw new Error(`An order of ${totalCents} cents cannot be paid by card`);
  const owner = input.owner ?? GUEST;
  const status = placedOrderStatus(input.paymentMethod, needsApproval(owner, totalCents));
  const { id } = db
    .insert(orders)
    .values({
      ...input.buyer,
      reference: `pending-${hashToken(input.submissionKey)}`,
      tokenHash: hashToken(token),
      tokenSealed: sealToken(token),
      submissionKey: hashToken(input.submissionKey),
      status,
      paymentMethod: input.paymentMethod,
      quoteRequestId: input.quoteRequestId ?? null,
      quoteRevisionId: input.quoteRevisionId ?? null,
      poAttachmentName: input.poDocument?.originalName ?? null,
      poAttachmentStoredName: input.poDocument?.storedName ?? null,
      paymentTerms: input.paymentTerms ?? null,
      totalCents,
      taxCents: tax.cents,
      taxStatus: tax.status,
      taxRate: tax.rate,
      taxState: tax.state,
      taxExemptionNumber: tax.exemptionNumber,
      ...owner,
    })
    .returning({ id: orders.id })
    .get();
  const reference = `O-${new Date().getUTCFullYear()}-${String(id).padStart(5, "0")}`;
  db.update(orders).set({ reference }).where(eq(orders.id, id)).run();
  db.insert(orderLines)
    .values(input.lines.map((line, position) => ({ ...line, orderId: id, position })))
    .run();
  db.insert(orderEvents)
    .values({
      orderId: id,
      status,
      actor: `buyer:${input.buyer.email}`,
      note: `Placed from ${input.kind === "cart" ? "the cart" : "an accepted quote"}, to pay by ${input.paymentMethod}${status === "awaiting_approval" ? ", over the buyer’s spending limit" : ""}`,
    })
    .run();
  if (status === "awaiting_approval" && owner.companyId !== null)
    queueApprovalRequests({ ...owner, companyId: owner.companyId }, { reference, totalCents, ...input.buyer });
  else if (input.paymentMethod === "invoice") invoiceOrder(id, orderUrl(token));
  return { orderId: id, reference, token, status, repeated: false };
}

/** `insertOrder` in its own transaction: for callers that do nothing else in it. */
export function createOrderFromLines(input: Parameters<typeof insertOrder>[0]) {
  return writeTransaction(() => insertOrder(input));
}

/** The approved exemption certificate in force of the buyer's company, if any: its orders to that state are tax-exempt. */
export function companyTaxExemption(companyId: number | null): TaxExemption | null {
  if (companyId === null) return null;
  const { exempt, certificate } = taxExemptionOf(companyId);
  return exempt && certificate
    ? { issuingState: certificate.issuingState, certificateNumber: certificate.certificateNumber }
    : null;
}

/**
 * The buyer's cart at their prices, and what shipping it to `shipTo` comes to (freight, tax on
 * their company's exemption, total): what the checkout shows for review, and what the order is
 * written with. Read in the caller's transaction when it writes.
 */
export function priceCartOrder(cartToken: string | undefined, owner: AccountOwner, shipTo: UsRegion) {
  const cart = getCart(cartToken, pricingFor(owner));
  return { cart, charges: cartCharges(cart.lines, shipTo, companyTaxExemption(owner.companyId)) };
}

/**
 * Turns the buyer's cart into an order at our current prices, with its freight line and sales
 * tax, and empties the cart, in one transaction. A repeat of the same form finds the order it
 * already made. `reviewedTotalCents`: the total the buyer saw; an order that would now come to
 * another total (prices, the cart or the address changed) is not placed. Invoice is only for a
 * company on net terms, within its available credit, checked in the same transaction so that two
 * orders cannot both spend the last of it; card and credit limits count freight and tax.
 */
export function createOrderFromCart(
  cartToken: string | undefined,
  buyer: OrderBuyer,
  submissionKey: string,
  paymentMethod: PaymentMethod,
  owner: AccountOwner = GUEST,
  reviewedTotalCents?: number,
) {
  return writeTransaction(() => {
    // A repeat keeps what the first submission chose, even if the form now says otherwise.
    const existing = findBySubmissionKey(submissionKey);
    if (existing) {
      const { id: orderId, reference, paymentMethod: chosen, status } = existing;
      return {
        ok: true as const,
        orderId,
        reference,
        token: orderToken(submissionKey),
        status,
        repeated: true,
        paymentMethod: chosen,
      };
    }
    const shipTo = usRegionOf(buyer.shippingAddress);
    if (!shipTo) return { ok: false as const, reason: "address" as const };
    // The buyer pays their company's prices, read in this transaction.
    const { cart, charges } = priceCartOrder(cartToken, owner, shipTo);
    if (cart.cartId === undefined || cart.lines.length === 0) return { ok: false as const, reason: "empty" as const };
    // A line may have been filled past the limit before the limit held for it.
    if (cart.lines.some(overLineLimit)) return { ok: false as const, reason: "quantity" as const };
    const lines = cart.lines.map(({ product, quantity, unitPriceCents }) => ({
      productId: product.id,
      partNumber: product.partNumber,
      name: product.name,
      quantity,
      unitPriceCents,
    }));
    // Prices, the cart or the address may have changed since the buyer reviewed the total.
    const { totalCents } = charges;
    if (reviewedTotalCents !== undefined && reviewedTotalCents !== totalCents)
      return { ok: false as const, reason: "changed" as const };
    if (totalCents > MAX_ORDER_TOTAL_CENTS) return { ok: false as const, reason: "total" as const };
    if (paymentMethod === "card" && !withinCardLimit(totalCents))
      return { ok: false as const, reason: "card-limit" as const };
    let paymentTerms: NetTerms | null = null;
    if (paymentMethod === "invoice") {
      const invoice = invoiceChoice(companyCredit(owner.companyId), totalCents);
      if (!invoice.ok) return { ok: false as const, reason: "invoice" as const, message: invoice.message };
      paymentTerms = invoice.terms;
    }
    const order = insertOrder({
      kind: "cart",
      lines: [...lines, freightOrderLine(charges)],
      buyer,
      submissionKey,
      paymentMethod,
      owner,
      paymentTerms,
      tax: charges.tax,
    });
    emptyCart(cart.cartId);
    return { ok: true as const, ...order, paymentMethod };
  });
}

export function getOrder(orderId: number) {
  return db.select().from(orders).where(eq(orders.id, orderId)).get();
}

export function getOrderLines(orderId: number) {
  return db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position)).all();
}

/** The order behind a private link, with what its buyer may see. */
export function getOrderByToken(token: string) {
  if (!looksLikeToken(token)) return undefined;
  const order = db
    .select()
    .from(orders)
    .where(eq(orders.tokenHash, hashToken(token)))
    .get();
  if (!order) return undefined;
  const {
    tokenHash: _tokenHash,
    tokenSealed: _tokenSealed,
    submissionKey: _submissionKey,
    poAttachmentStoredName: _stored,
    ...visible
  } = order;
  return {
    ...visible,
    payBy: payByOf(order),
    lines: getOrderLines(order.id),
    // The buyer's timeline is the status changes; sales' notes stay in the back office, and what
    // happens within a status (an invoice, a payment, a shipment) has its own part of the page.
    events: db
      .select({ id: orderEvents.id, status: orderEvents.status, createdAt: orderEvents.createdAt })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), ne(orderEvents.actor, "checkout")))
      .orderBy(asc(orderEvents.id))
      .all()
      .filter((event, i, events) => i === 0 || events[i - 1].status !== event.status),
  };
}

/**
 * Takes `action` on an order: moves it where the order lifecycle says, only from a status that
 * allows the move (checked in the UPDATE itself, so two writers cannot both make the change), and
 * records who did it. Returns whether it moved.
 */
export function moveOrder(
  orderId: number,
  action: OrderAction,
  actor: string,
  extra: Partial<typeof orders.$inferInsert> = {},
  note = "",
) {
  const move = orderMove(action);
  if (!move) throw new Error(`The order action ${action} moves no order`);
  const { from, to: status } = move;
  const changed = db
    .update(orders)
    .set({ ...extra, status, updatedAt: new Date().toISOString() })
    .where(and(eq(orders.id, orderId), inArray(orders.status, from)))
    .run().changes;
  if (changed !== 1) return false;
  db.insert(orderEvents).values({ orderId, status, actor, note }).run();
  return true;
}

/**
 * The unpaid orders of a quote request cancelled, and their open checkout sessions marked
 * expired, in the caller's transaction: a new revision supersedes the accepted one
 * (`supersede`), or the buyer asks for changes to it (`request_changes`). Returns the Stripe
 * session ids to expire at Stripe once the transaction has committed, so an old payment page
 * cannot be paid.
 */
export function cancelUnpaidQuoteOrders(
  quoteRequestId: number,
  action: "supersede" | "request_changes",
  actor: string,
) {
  const unpaid = db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.quoteRequestId, quoteRequestId), inArray(orders.status, orderStatusesAllowing(action))))
    .all();
  const note = action === "supersede" ? "Replaced by a revised quote" : "The buyer asked for changes to the quote";
  const sessionIds: string[] = [];
  for (const { id } of unpaid) {
    moveOrder(id, action, actor, {}, note);
    const open = db
      .update(checkoutSessions)
      .set({ status: "expired" })
      .where(and(eq(checkoutSessions.orderId, id), eq(checkoutSessions.status, "open")))
      .returning({ stripeSessionId: checkoutSessions.stripeSessionId })
      .all();
    sessionIds.push(...open.map((session) => session.stripeSessionId));
  }
  return sessionIds;
}

/** Whether the buyer has committed money to the request (paid, paying, or invoiced). */
export function hasCommittedOrder(quoteRequestId: number) {
  return Boolean(
    db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.quoteRequestId, quoteRequestId), inArray(orders.status, COMMITTED_ORDER_STATUSES)))
      .get(),
  );
}

/** The purchase-order document of an order, by the buyer's link or by id for sales: for a download. */
export function getOrderDocument(by: { token: string } | { orderId: number }) {
  if ("token" in by && !looksLikeToken(by.token)) return undefined;
  const row = db
    .select({ name: orders.poAttachmentName, storedName: orders.poAttachmentStoredName })
    .from(orders)
    .where("token" in by ? eq(orders.tokenHash, hashToken(by.token)) : eq(orders.id, by.orderId))
    .get();
  return row?.name && row.storedName ? storedFile(row.name, row.storedName) : undefined;
}

/** An order as sales sees it: lines, every event, and every Stripe checkout session made for it. */
export function getOrderForSales(orderId: number) {
  const order = getOrder(orderId);
  if (!order) return undefined;
  const { tokenHash: _tokenHash, tokenSealed: _tokenSealed, submissionKey: _submissionKey, ...visible } = order;
  return {
    ...visible,
    payBy: payByOf(order),
    cancellable: canCancel(order.status, cancelFacts(orderId)),
    lines: getOrderLines(orderId),
    events: db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)).all(),
    sessions: db
      .select()
      .from(checkoutSessions)
      .where(eq(checkoutSessions.orderId, orderId))
      .orderBy(asc(checkoutSessions.id))
      .all(),
  };
}

/** Orders made from a quote request, for its page in the back office. */
export function listQuoteRequestOrders(quoteRequestId: number) {
  return db
    .select({
      id: orders.id,
      reference: orders.reference,
      status: orders.status,
      paymentMethod: orders.paymentMethod,
      totalCents: orders.totalCents,
    })
    .from(orders)
    .where(eq(orders.quoteRequestId, quoteRequestId))
    .orderBy(asc(orders.id))
    .all();
}

/**
 * The last day (UTC) an order of a quote may be paid by card, or approved: the accepted quote
 * revision's last valid day, since its prices hold until then. Null for cart orders (priced from
 * the catalog). An invoice order once approved is invoiced, and the day no longer matters.
 */
export function payByOf(order: { quoteRevisionId: number | null }) {
  if (order.quoteRevisionId === null) return null;
  return (
    db
      .select({ validUntil: quoteRevisions.validUntil })
      .from(quoteRevisions)
      .where(eq(quoteRevisions.id, order.quoteRevisionId))
      .get()?.validUntil ?? null
  );
}

/**
 * What the cancel rule needs to know besides the status: whether any of it shipped, or money
 * received is still held (what was refunded of it no longer is).
 */
export function cancelFacts(orderId: number) {
  const shipped = Boolean(db.select({ id: shipments.id }).from(shipments).where(eq(shipments.orderId, orderId)).get());
  const account = getInvoiceAccount(orderId);
  const paidInPart = account !== undefined && account.paidCents - account.refundedCents > 0;
  return { shipped, paidInPart };
}

/**
 * Orders sales may cancel: nothing paid, no payment on its way (a flag has its own resolution),
 * nothing shipped (an invoice order ships before it is paid) and nothing received against its invoice.
 */
export const canCancel = (status: OrderStatus, facts: ReturnType<typeof cancelFacts>) =>
  orderAllows(status, "cancel", facts);

/** Marks the order's open checkout sessions expired; returns their ids, to expire at Stripe after the commit. */
function closeOpenSessions(orderId: number) {
  return db
    .update(checkoutSessions)
    .set({ status: "expired" })
    .where(and(eq(checkoutSessions.orderId, orderId), eq(checkoutSessions.status, "open")))
    .returning({ stripeSessionId: checkoutSessions.stripeSessionId })
    .all()
    .map((session) => session.stripeSessionId);
}

/**
 * Cancelling an order (by sales, or an approver declining it) puts its quote back in review; the
 * timer's lapse expires it.
 */
const QUOTE_ACTION_ON = { cancel: "reopen", decline: "reopen", lapse: "lapse" } as const;

/**
 * Cancels an unpaid order (`action`: sales' cancel, an approver's decline or the timer's lapse)
 * and tells the buyer, in the caller's transaction: the status event with `actor` and `note`, the
 * open checkout sessions closed, the e-mail with the reason and the private link, and the quote it
 * came from (if still accepted at that revision) moved on as its lifecycle says. Returns the
 * Stripe sessions to expire, or undefined when the order's status does not allow the action.
 */
export function cancelUnpaidOrder(
  orderId: number,
  action: keyof typeof QUOTE_ACTION_ON,
  actor: string,
  note: string,
  reason: string,
) {
  const order = getOrder(orderId);
  if (!order || !moveOrder(orderId, action, actor, { cancelReason: reason }, note)) return undefined;
  const stale = closeOpenSessions(orderId);
  if (order.quoteRequestId !== null) {
    const { from, to: quoteStatus } = quoteMove(QUOTE_ACTION_ON[action])!;
    const reopened = db
      .update(quoteRequests)
      .set({ status: quoteStatus, acceptedRevisionId: null, updatedAt: new Date().toISOString() })
      .where(
        and(
          eq(quoteRequests.id, order.quoteRequestId),
          inArray(quoteRequests.status, from),
          eq(quoteRequests.acceptedRevisionId, order.quoteRevisionId!),
        ),
      )
      .run().changes;
    if (reopened)
      db.insert(quoteEvents)
        .values({
          requestId: order.quoteRequestId,
          status: quoteStatus,
          actor,
          note: `Order ${order.reference} cancelled: ${reason}`,
        })
        .run();
  }
  // An invoice already issued is never changed: a credit note for what it still owes cancels it.
  const account = getInvoiceAccount(orderId);
  const voided =
    account && account.balanceCents > 0
      ? issueCreditNote({
          invoiceId: account.invoice.id,
          orderId,
          amountCents: account.balanceCents,
          reason: `Order cancelled: ${reason}`,
          stripeRefundId: null,
          createdBy: actor,
        })
      : undefined;
  db.insert(outboxEmails)
    .values(orderCancelledEmail(order, getOrderLines(orderId), reason, orderUrlOf(order), voided))
    .run();
  return stale;
}

/**
 * Sales cancels an unpaid order with a reason (required): recorded with who and when, the buyer
 * told by e-mail, and a quote it came from back in review so sales can revise or decline it.
 * A paid, processing, flagged, (partly) shipped or partly paid order is refused, with the facts
 * that refused it. Returns the Stripe sessions to expire.
 */
export function cancelOrderBySales(orderId: number, reason: string, actor: string) {
  return writeTransaction(() => {
    // Read in the transaction, so that a shipment or a payment recorded meanwhile is seen.
    const facts = cancelFacts(orderId);
    const order = getOrder(orderId);
    if (!order || !canCancel(order.status, facts)) return { ok: false as const, ...facts };
    const stale = cancelUnpaidOrder(orderId, "cancel", actor, reason, reason);
    return stale ? { ok: true as const, staleSessions: stale } : { ok: false as const, ...facts };
  });
}

/**
 * Orders of quotes whose last valid day has passed unpaid (a card order) or unapproved (any order
 * waiting for its approver) are cancelled, and their quote expired, so the old prices cannot be
 * paid or committed to later. On the timer; returns the sessions to expire at Stripe.
 */
export function lapseUnpaidQuoteOrders(now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const due = db
    .select({ id: orders.id, status: orders.status, validUntil: quoteRevisions.validUntil })
    .from(orders)
    .innerJoin(quoteRevisions, eq(quoteRevisions.id, orders.quoteRevisionId))
    .where(
      and(
        inArray(orders.status, orderStatusesAllowing("lapse")),
        isNotNull(orders.quoteRevisionId),
        lt(quoteRevisions.validUntil, today),
      ),
    )
    .all();
  if (!due.length) return [];
  return writeTransaction(() =>
    due.flatMap(({ id, status, validUntil }) => {
      const missed = status === "awaiting_approval" ? "approved" : "paid";
      const reason = `The quote was valid until ${validUntil} and the order was not ${missed} by then.`;
      const note = `Not ${missed} by ${validUntil}, the quote's last valid day`;
      return cancelUnpaidOrder(id, "lapse", "system", note, reason) ?? [];
    }),
  );
}
