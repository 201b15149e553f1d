import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import {
  checkoutSessions,
  invoicePayments,
  orderEvents,
  orders,
  outboxEmails,
  stripeEvents,
  waitingPayments,
  waitingRefunds,
} from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/money";
import { stripeWebhooks } from "./stripe.server";
import { getOrder, getOrderLines, moveOrder, orderUrlOf } from "./order.server";
import { orderCancelledEmail } from "./order-emails.server";
import { confirmOrderPaid, recordInvoiceCardPayment } from "./invoice.server";
import { nextOrderStatus, orderAllows } from "./order-lifecycle";
import { creditWaitingRefunds, recordOrKeepRefund } from "./refund.server";
import { preTaxCents } from "./tax-line";
import { usRegionOf } from "~/lib/us-address";

/** What we read from a Stripe Checkout Session, whether it came in an event or from the API. */
const checkoutSessionFacts = z.object({
  id: z.string().min(1),
  status: z.string().nullish(),
  payment_status: z.string().nullish(),
  amount_total: z.number().int().nullish(),
  total_details: z.object({ amount_tax: z.number().int().nonnegative().nullish() }).nullish(),
  currency: z.string().nullish(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  success_url: z.string().nullish(),
  url: z.string().nullish(),
});
export type CheckoutSessionFacts = z.infer<typeof checkoutSessionFacts>;

/** A verified delivery is still only trusted as far as its shape: a session event carries a session. */
const webhookEvent = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.unknown() }),
});

export type SessionOutcome = "completed" | "async_succeeded" | "async_failed" | "expired";

/** The order a session belongs to: by our record of the session, else by the metadata we set. */
function findSessionOrder(session: CheckoutSessionFacts) {
  const known = db
    .select({ orderId: checkoutSessions.orderId })
    .from(checkoutSessions)
    .where(eq(checkoutSessions.stripeSessionId, session.id))
    .get();
  if (known) return known.orderId;
  const orderId = Number(session.metadata?.order_id);
  if (!Number.isSafeInteger(orderId)) return undefined;
  const order = db
    .select({ id: orders.id, reference: orders.reference })
    .from(orders)
    .where(eq(orders.id, orderId))
    .get();
  if (!order || order.reference !== session.metadata?.order_reference) return undefined;
  // Stripe made the session but our write after it failed: keep the record now.
  db.insert(checkoutSessions)
    .values({ orderId, stripeSessionId: session.id, url: session.url ?? "" })
    .onConflictDoNothing()
    .run();
  return orderId;
}

/** The buyer's order link, read back from the success URL we gave Stripe (only its hash is stored). */
function orderLinkOf(session: CheckoutSessionFacts) {
  const prefix = new URL("/orders/", env.SITE_URL).toString();
  if (!session.success_url?.startsWith(prefix)) return undefined;
  const url = new URL(session.success_url);
  return /^\/orders\/[A-Za-z0-9_-]{43}$/.test(url.pathname) ? `${url.origin}${url.pathname}` : undefined;
}

/** What Stripe says was charged, in words: "$1.00", "€570.00". */
const reported = (session: CheckoutSessionFacts) =>
  session.amount_total == null ? "no amount" : formatMoney(session.amount_total, session.currency ?? "");

/** A flagged payment as Stripe reported it: its payment intent, and what it charged in which currency. */
const flaggedPayment = (session: CheckoutSessionFacts) => ({
  flaggedPaymentIntentId: paymentIntentOf(session),
  flaggedAmountCents: session.amount_total ?? null,
  flaggedCurrency: session.currency?.toLowerCase() ?? null,
});

/** The tax Stripe added to the session (Stripe Tax), 0 when it added none. */
const taxOf = (session: CheckoutSessionFacts) => session.total_details?.amount_tax ?? 0;

type Order = NonNullable<ReturnType<typeof getOrder>>;

/**
 * The order's tax line and total as Stripe charged them: the tax Stripe Tax worked out (with the
 * table's rate kept only when Stripe's figure is the table's), on the order's pre-tax amount.
 * An order Stripe added no tax to keeps its line (placed without one, or exempt).
 */
function chargedTax(order: Order, session: CheckoutSessionFacts): Partial<Order> {
  const tax = taxOf(session);
  if (tax === 0 && (order.taxStatus === "none" || order.taxStatus === "exempt")) return {};
  return {
    taxCents: tax,
    taxStatus: "charged",
    taxRate: tax === order.taxCents ? order.taxRate : null,
    taxState: order.taxState ?? usRegionOf(order.shippingAddress)?.state ?? null,
    taxExemptionNumber: null,
    totalCents: preTaxCents(order) + tax,
  };
}

const paymentIntentOf = (session: CheckoutSessionFacts) =>
  typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);

/**
 * Applies what Stripe says about a checkout session to its order. The one path to "paid" for
 * card orders, used by the webhook and by the buyer's return from checkout; must run inside a
 * write transaction. Every move is guarded by the order's current status, so replays and events
 * arriving out of order never move an order backwards, and "paid" (with its one e-mail) happens
 * at most once.
 */
export function applyCheckoutSession(
  session: CheckoutSessionFacts,
  outcome: SessionOutcome,
  actor: string,
  link = orderLinkOf(session),
) {
  const orderId = findSessionOrder(session);
  if (orderId === undefined) return "unknown-order" as const;
  const sessionRow = and(eq(checkoutSessions.stripeSessionId, session.id), eq(checkoutSessions.orderId, orderId));
  if (outcome === "expired") {
    db.update(checkoutSessions)
      .set({ status: "expired" })
      .where(and(sessionRow, eq(checkoutSessions.status, "open")))
      .run();
    return "session-expired" as const;
  }
  db.update(checkoutSessions)
    .set({ status: "complete" })
    .where(and(sessionRow, ne(checkoutSessions.status, "complete")))
    .run();
  if (outcome === "async_failed") {
    moveOrder(orderId, "stripe_failed", actor, {}, "The payment failed");
    return "payment-failed" as const;
  }
  const order = getOrder(orderId)!;
  const paymentIntentId = paymentIntentOf(session);
  const paid = outcome === "async_succeeded" || session.payment_status === "paid";
  // The payment to wait behind an open flag, kept whole, once per payment intent.
  const keepWaiting = (paymentIntentId: string) => {
    const kept = db
      .insert(waitingPayments)
      .values({ orderId, paymentIntentId, session: JSON.stringify(session), outcome, actor })
      .onConflictDoNothing()
      .run();
    if (kept.changes) {
      const note = `Paid by card ${reported(session)} (${paymentIntentId}, session ${session.id}) while another payment is checked: it is applied when that one is resolved`;
      db.insert(orderEvents).values({ orderId, status: order.status, actor, note }).run();
    }
    return "waiting" as const;
  };
  if (order.paymentMethod === "invoice") {
    // A card payment of the invoice's balance: a payment recorded against it, once per payment
    // intent. Only one that would be flagged waits behind an open flag.
    if (!paid || !paymentIntentId) return "processing" as const;
    const recorded = recordInvoiceCardPayment(
      {
        orderId,
        paymentIntentId,
        amountCents: session.amount_total ?? 0,
        currency: session.currency ?? "",
        sessionId: session.id,
      },
      actor,
      link,
    );
    if (recorded === "paid") creditWaitingRefunds(paymentIntentId);
    return recorded === "flag-open" ? keepWaiting(paymentIntentId) : recorded;
  }
  if (paid && paymentIntentId && waitsForFlag(order, paymentIntentId)) return keepWaiting(paymentIntentId);
  if (paid && orderAllows(order.status, "stripe_late_payment")) {
    // Cancelled (by sales, or lapsed with its quote) while the buyer was on Stripe's page: the
    // money arrived anyway. The order is not made paid; sales sees it to refund.
    const reason = `Paid after the order was cancelled: ${reported(session)} (${paymentIntentId ?? "no payment intent"}, session ${session.id}); refund it`;
    moveOrder(
      orderId,
      "stripe_late_payment",
      actor,
      { flaggedReason: reason, stripePaymentIntentId: paymentIntentId, ...flaggedPayment(session) },
      reason,
    );
    return "flagged" as const;
  }
  // Stripe Tax may add another tax than the order's estimate (county and city rates): what must
  // match is the amount before tax (ADR 34).
  const stripePreTax = session.amount_total == null ? null : session.amount_total - taxOf(session);
  if (stripePreTax !== preTaxCents(order) || session.currency?.toLowerCase() !== order.currency) {
    const beforeTax =
      taxOf(session) || order.taxCents
        ? ` (before tax: ${stripePreTax === null ? "no amount" : formatMoney(stripePreTax, session.currency ?? "")} and ${formatMoney(preTaxCents(order), order.currency)})`
        : "";
    const reason = `Stripe reported ${reported(session)} for an order of ${formatMoney(order.totalCents, order.currency)}${beforeTax} (session ${session.id})`;
    moveOrder(
      orderId,
      "stripe_mismatch",
      actor,
      { flaggedReason: reason, stripePaymentIntentId: paymentIntentId, ...flaggedPayment(session) },
      reason,
    );
    return "flagged" as const;
  }
  if (!paid) {
    moveOrder(
      orderId,
      "stripe_processing",
      actor,
      { stripePaymentIntentId: paymentIntentId },
      "Payment is being processed",
    );
    return "processing" as const;
  }
  const moved = moveOrder(
    orderId,
    "stripe_paid",
    actor,
    { paidAt: new Date().toISOString(), stripePaymentIntentId: paymentIntentId, ...chargedTax(order, session) },
    `Paid by card (${session.id})${taxOf(session) ? `, tax ${formatMoney(taxOf(session), order.currency)} by Stripe Tax` : ""}`,
  );
  if (moved) {
    confirmOrderPaid(orderId, link);
    if (paymentIntentId) creditWaitingRefunds(paymentIntentId);
    return "paid" as const;
  }
  if (
    orderAllows(order.status, "stripe_paid_twice") &&
    paymentIntentId &&
    order.stripePaymentIntentId &&
    paymentIntentId !== order.stripePaymentIntentId
  ) {
    // A superseded session was paid too: the order stays paid, and sales sees the second payment to refund.
    const reason = `Paid twice: ${paymentIntentId} (session ${session.id}) after ${order.stripePaymentIntentId}; refund one`;
    db.update(orders)
      .set({ flaggedReason: reason, flaggedPaymentIntentId: paymentIntentId, updatedAt: new Date().toISOString() })
      .where(eq(orders.id, orderId))
      .run();
    db.insert(orderEvents).values({ orderId, status: order.status, actor, note: reason }).run();
    return "paid-twice" as const;
  }
  return "unchanged" as const;
}

export type FlagResolution = "accept" | "refund";

/**
 * Whether a flagged payment can be taken as this order's: a card order's (whose receipt it then
 * is), of at most its total, in its currency. More, in another currency, or a late payment of an
 * invoice order (its invoice voided when it was cancelled), it is to be refunded.
 */
export const takeableAsPayment = (
  order: Pick<
    typeof orders.$inferSelect,
    "paymentMethod" | "flaggedAmountCents" | "flaggedCurrency" | "totalCents" | "currency"
  >,
) =>
  order.paymentMethod === "card" &&
  (order.flaggedAmountCents ?? 0) <= order.totalCents &&
  (order.flaggedCurrency ?? order.currency) === order.currency;

/**
 * Sales resolves a payment Stripe reported differently from the order (or a second payment):
 * "accept" takes the payment as received and the order becomes paid (one e-mail); "refund"
 * records that the payment was refunded (through Stripe by `refundFlaggedPayment`, or in Stripe's
 * dashboard: this records, it does not move money) and cancels the order, telling the buyer; on a
 * paid order it records the second payment refunded. The note is kept in the event with who and when.
 */
export function resolvePaymentFlag(
  orderId: number,
  resolution: FlagResolution,
  note: string,
  actor: string,
  /**
   * The flagged payment's intent as sales' page showed it ("" for none): a form sent again, or
   * from an old page, must not resolve the payment that was waiting behind it and is flagged now.
   */
  shownFor?: string,
) {
  return writeTransaction(() => {
    const resolved = resolveFlag(orderId, resolution, note, actor, shownFor);
    if (resolved) applyWaitingPayments(orderId);
    return resolved;
  });
}

function resolveFlag(orderId: number, resolution: FlagResolution, note: string, actor: string, shownFor?: string) {
  const action = resolution === "accept" ? "accept_payment" : "refund_payment";
  const order = getOrder(orderId);
  if (!order || !orderAllows(order.status, action, { flagged: Boolean(order.flaggedReason) })) return false;
  if (shownFor !== undefined && shownFor !== (order.flaggedPaymentIntentId ?? "")) return false;
  const cleared = { flaggedReason: null };
  if (nextOrderStatus(order.status, action) === order.status) {
    // A paid order stays paid: the second payment was refunded.
    db.update(orders)
      .set({ ...cleared, updatedAt: new Date().toISOString() })
      .where(eq(orders.id, orderId))
      .run();
    db.insert(orderEvents)
      .values({ orderId, status: order.status, actor, note: `Second payment refunded in Stripe: ${note}` })
      .run();
    return true;
  }
  if (action === "accept_payment") {
    // What Stripe charged is what is recorded: less than the total, the rest is credited
    // (`confirmOrderPaid`); more, or in another currency, it is no payment of this order's to take.
    const paidCents = order.flaggedAmountCents ?? order.totalCents;
    if (!takeableAsPayment(order)) return false;
    const moved = moveOrder(
      orderId,
      action,
      actor,
      { ...cleared, paidAt: new Date().toISOString() },
      `Payment accepted as received: ${note}`,
    );
    if (moved) {
      confirmOrderPaid(orderId, undefined, { paidCents, actor });
      // Refunds of it Stripe reported while it was flagged are credited now, as for any payment.
      if (order.flaggedPaymentIntentId) creditWaitingRefunds(order.flaggedPaymentIntentId);
    }
    return moved;
  }
  const reason = "We could not accept the payment as made and have refunded it.";
  const moved = moveOrder(
    orderId,
    action,
    actor,
    { ...cleared, cancelReason: reason },
    `Refunded in Stripe and cancelled: ${note}`,
  );
  if (moved) {
    db.insert(outboxEmails)
      .values(orderCancelledEmail(order, getOrderLines(orderId), reason, orderUrlOf(order)))
      .run();
  }
  return moved;
}

/**
 * Whether a paid session must wait: the order carries a flagged payment sales has not resolved,
 * and this is another one (not the flagged one, the order's own, or one its invoice recorded).
 * Applied now, it would be written over the flag being checked, or dropped, since a flagged order
 * takes no payment (ADR 48).
 */
function waitsForFlag(order: Order, paymentIntentId: string) {
  if (!order.flaggedReason) return false;
  if (paymentIntentId === order.flaggedPaymentIntentId || paymentIntentId === order.stripePaymentIntentId) return false;
  return !db
    .select({ id: invoicePayments.id })
    .from(invoicePayments)
    .where(eq(invoicePayments.stripePaymentIntentId, paymentIntentId))
    .get();
}

/**
 * The payments waiting on an order's flag, oldest first, applied as Stripe reported them once it
 * is resolved: each may be recorded, or flag the order again, and then the rest wait on that.
 */
function applyWaitingPayments(orderId: number) {
  while (!getOrder(orderId)?.flaggedReason) {
    const next = db
      .select()
      .from(waitingPayments)
      .where(eq(waitingPayments.orderId, orderId))
      .orderBy(asc(waitingPayments.id))
      .get();
    if (!next) return;
    db.delete(waitingPayments).where(eq(waitingPayments.id, next.id)).run();
    const session = checkoutSessionFacts.parse(JSON.parse(next.session));
    if (refundedWhileWaiting(orderId, next.paymentIntentId, session)) continue;
    applyCheckoutSession(session, next.outcome, next.actor);
  }
}

/**
 * Whether a waiting payment was refunded in full in Stripe (its refunds kept in
 * `waiting_refunds`, having no payment of ours to credit): then nothing is left of it to take or
 * to refund, and the timeline says so.
 */
function refundedWhileWaiting(orderId: number, paymentIntentId: string, session: CheckoutSessionFacts) {
  const { cents } = db
    .select({ cents: sql<number>`coalesce(sum(${waitingRefunds.amountCents}), 0)` })
    .from(waitingRefunds)
    .where(eq(waitingRefunds.paymentIntentId, paymentIntentId))
    .get()!;
  if (cents === 0 || cents < (session.amount_total ?? 0)) return false;
  db.delete(waitingRefunds).where(eq(waitingRefunds.paymentIntentId, paymentIntentId)).run();
  const note = `Paid by card ${reported(session)} (${paymentIntentId}) and refunded in full in Stripe while another payment was checked: nothing to do`;
  db.insert(orderEvents)
    .values({ orderId, status: getOrder(orderId)!.status, actor: "stripe", note })
    .run();
  return true;
}

/** What waits on an order's flag, for sales: each payment's intent and what Stripe charged. */
export const waitingPaymentsOf = (orderId: number) =>
  db
    .select({ paymentIntentId: waitingPayments.paymentIntentId, session: waitingPayments.session })
    .from(waitingPayments)
    .where(eq(waitingPayments.orderId, orderId))
    .orderBy(asc(waitingPayments.id))
    .all()
    .map(({ paymentIntentId, session }) => ({
      paymentIntentId,
      charged: reported(checkoutSessionFacts.parse(JSON.parse(session))),
    }));

const OUTCOMES: Partial<Record<string, SessionOutcome>> = {
  "checkout.session.completed": "completed",
  "checkout.session.async_payment_succeeded": "async_succeeded",
  "checkout.session.async_payment_failed": "async_failed",
  "checkout.session.expired": "expired",
};

const idOf = z.union([z.string(), z.object({ id: z.string() })]).transform((v) => (typeof v === "string" ? v : v.id));

/** What we read from a Stripe Refund. */
const refundFacts = z.object({
  id: z.string().min(1).max(255),
  amount: z.number().int().positive(),
  payment_intent: idOf.nullish(),
  status: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
type StripeRefund = z.infer<typeof refundFacts>;

/** A charge in `charge.refunded`: its refunds, when Stripe lists them. */
const refundedCharge = z.object({
  payment_intent: idOf.nullish(),
  refunds: z.object({ data: z.array(refundFacts) }).nullish(),
});

const REFUND_EVENTS = new Set(["refund.created", "refund.updated"]);

/**
 * The succeeded refunds an event reports: a refund event's refund, or the refunds a refunded
 * charge lists. Each is recorded once, by its id, however often and in whatever order they come;
 * one made in Stripe's dashboard gets its credit note here.
 */
function applyRefunds(refunds: StripeRefund[], chargeIntent?: string | null) {
  const results = refunds
    .filter((refund) => refund.status === "succeeded")
    .map((refund) => {
      const paymentIntentId = refund.payment_intent ?? chargeIntent;
      if (!paymentIntentId) return "not-a-receipt-payment";
      const recorded = recordOrKeepRefund({
        id: refund.id,
        amount: refund.amount,
        paymentIntentId,
        reason: refund.metadata?.reason,
        actor: refund.metadata?.requested_by,
      });
      return recorded.ok ? (recorded.fresh ? "credited" : "known") : recorded.reason;
    });
  return results.join(",") || "ignored";
}

function refundsOfEvent(type: string, object: unknown) {
  if (REFUND_EVENTS.has(type)) {
    const refund = refundFacts.safeParse(object);
    return refund.success ? { refunds: [refund.data] } : undefined;
  }
  if (type === "charge.refunded") {
    const charge = refundedCharge.safeParse(object);
    return charge.success
      ? { refunds: charge.data.refunds?.data ?? [], chargeIntent: charge.data.payment_intent }
      : undefined;
  }
  return { refunds: [] };
}

export const MAX_WEBHOOK_BYTES = 256 * 1024;

export type WebhookAnswer = { status: number; body: string };

/**
 * Verifies a webhook delivery and processes it exactly once: the event id is recorded in the
 * same transaction as its effect, so a replay (Stripe retries, duplicates) changes nothing.
 * A delivery that cannot be verified writes nothing.
 */
export async function receiveStripeWebhook(
  payload: string,
  signature: string | null,
  secret = env.STRIPE_WEBHOOK_SECRET,
): Promise<WebhookAnswer> {
  if (!secret) return { status: 400, body: "Webhook secret not configured" };
  if (!signature) return { status: 400, body: "Missing Stripe-Signature header" };
  const webhooks = await stripeWebhooks();
  let verified: unknown;
  try {
    verified = webhooks.constructEvent(payload, signature, secret);
  } catch {
    return { status: 400, body: "Invalid signature" };
  }
  const event = webhookEvent.safeParse(verified);
  if (!event.success) return { status: 400, body: "Not a Stripe event" };
  const { id, type, data } = event.data;
  const outcome = OUTCOMES[type];
  const session = outcome ? checkoutSessionFacts.safeParse(data.object) : undefined;
  if (session && !session.success) return { status: 400, body: "Not a checkout session event" };
  const refunds = refundsOfEvent(type, data.object);
  if (!refunds) return { status: 400, body: "Not a refund event" };
  const result = writeTransaction(() => {
    const fresh = db.insert(stripeEvents).values({ id, type }).onConflictDoNothing().run().changes === 1;
    if (!fresh) return "duplicate";
    if (refunds.refunds.length) return applyRefunds(refunds.refunds, refunds.chargeIntent);
    if (!outcome || !session) return "ignored";
    return applyCheckoutSession(session.data, outcome, "stripe");
  });
  return { status: 200, body: JSON.stringify({ received: true, result }) };
}
