import { and, count, desc, eq, ne } from "drizzle-orm";
import { checkoutSessions, orderEvents } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { CARD_LIMIT_TEXT, withinCardLimit } from "~/lib/money";
import {
  LAPSED_TEXT,
  awaitsCardPayment,
  orderAllows,
  payByPassed,
  type OrderFacts,
  type OrderStatus,
  type PaymentMethod,
} from "./order-lifecycle";
import { getStripe } from "./stripe.server";
import { hashToken } from "~/lib/tokens.server";
import { getOrder, getOrderLines, payByOf } from "./order.server";
import { getInvoiceAccount } from "./invoice.server";
import { applyCheckoutSession, type CheckoutSessionFacts } from "./payment.server";
import { checkoutLineItems, stripeAddressOf } from "./tax-line";

/** Failed attempts to start a checkout are recorded as order events by this actor. */
const FAILED_ATTEMPT_ACTOR = "checkout";

type PayableOrder = { status: OrderStatus; paymentMethod: PaymentMethod; totalCents: number; payBy?: string | null };

/** What the order lifecycle needs to know of an order beyond its status, at `now`. */
export function orderFacts(order: PayableOrder, now = new Date()): OrderFacts {
  return {
    paymentMethod: order.paymentMethod,
    withinCardLimit: withinCardLimit(order.totalCents),
    payBy: order.payBy,
    today: now.toISOString().slice(0, 10),
  };
}

/**
 * Card orders not paid yet whose total Stripe can charge and whose quote is still valid (to the end
 * of its last valid day, UTC): a fresh checkout session may be started for them.
 */
export function canPayByCard(order: PayableOrder, now = new Date()) {
  return orderAllows(order.status, "pay_by_card", orderFacts(order, now));
}

/** An unpaid card order whose quote's validity has ended: it can no longer be paid at those prices. */
export function payPeriodOver(order: PayableOrder, now = new Date()) {
  return awaitsCardPayment(order.status, order.paymentMethod) && payByPassed(orderFacts(order, now));
}

/** A card order not paid yet whose total is more than Stripe can charge: its page says so instead of offering to pay. */
export function overCardLimit(order: PayableOrder) {
  return awaitsCardPayment(order.status, order.paymentMethod) && !withinCardLimit(order.totalCents);
}

/** Attempts so far (sessions made plus attempts Stripe refused): the next one is this plus one. */
export function countCheckoutAttempts(orderId: number) {
  const sessions = db.select({ n: count() }).from(checkoutSessions).where(eq(checkoutSessions.orderId, orderId)).get()!
    .n;
  const failures = db
    .select({ n: count() })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.actor, FAILED_ATTEMPT_ACTOR)))
    .get()!.n;
  return sessions + failures;
}

/** How finely a session's expiry follows the clock (see sessionExpiry). */
const EXPIRY_STEP_MS = 10 * 60_000;

/**
 * When a new checkout session should lapse (Unix seconds): at the end of the pay-by day, within
 * the 30 minutes to 24 hours Stripe allows. It is counted from the start of the current 10-minute
 * step, not from the second: the two requests of a double click send the same idempotency key,
 * and Stripe refuses a key sent again with different parameters, as an expiry a second apart is.
 */
export function sessionExpiry(payBy: string | null | undefined, now = Date.now()) {
  const from = now - (now % EXPIRY_STEP_MS);
  const latest = from + 24 * 3_600_000;
  const end = !payBy ? latest : Date.parse(`${payBy}T00:00:00Z`) + 86_400_000;
  return Math.floor(Math.min(latest, Math.max(end, from + EXPIRY_STEP_MS + 31 * 60_000)) / 1000);
}

function latestOpenSession(orderId: number) {
  return db
    .select({ stripeSessionId: checkoutSessions.stripeSessionId, url: checkoutSessions.url })
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.orderId, orderId), eq(checkoutSessions.status, "open")))
    .orderBy(desc(checkoutSessions.id))
    .get();
}

/**
 * The number of the checkout attempt to make now; or, when an attempt started since the buyer's
 * page counted `seenAttempts` (the other click of a double click), the URL of its open session.
 */
function nextAttempt(orderId: number, seenAttempts: number | undefined): { attempt: number } | { url: string } {
  const attempts = countCheckoutAttempts(orderId);
  const open = latestOpenSession(orderId);
  if (seenAttempts !== undefined && attempts > seenAttempts && open) return { url: open.url };
  return { attempt: attempts + 1 };
}

export type CheckoutStart =
  { ok: true; url: string } | { ok: false; reason: "unavailable" | "not-payable" | "stripe-error"; message: string };

/**
 * Sends the buyer to pay a card order: creates a Stripe Checkout Session at the order's amounts
 * and stores it; older open sessions of the order are expired. `seenAttempts` is the number of
 * attempts the buyer's page knew of: if an attempt started since (the other click of a double
 * click), its session is reused. Two requests racing for the same attempt send the same
 * idempotency key, so Stripe answers both with one session. A failed attempt is recorded, so the
 * retry uses a new key (Stripe replays a failed request's answer for the same key).
 */
export async function startCheckout(
  orderId: number,
  { orderToken, seenAttempts }: { orderToken: string; seenAttempts?: number },
): Promise<CheckoutStart> {
  const stripe = await getStripe();
  if (!stripe)
    return { ok: false, reason: "unavailable", message: "Online card payment is not available at the moment." };
  const found = getOrder(orderId);
  if (!found || found.tokenHash !== hashToken(orderToken))
    return { ok: false, reason: "not-payable", message: "This order cannot be paid by card now." };
  const order = { ...found, payBy: payByOf(found) };
  if (!canPayByCard(order)) {
    const message = overCardLimit(order)
      ? CARD_LIMIT_TEXT
      : payPeriodOver(order)
        ? LAPSED_TEXT
        : "This order cannot be paid by card now.";
    return { ok: false, reason: "not-payable", message };
  }
  const next = nextAttempt(orderId, seenAttempts);
  if ("url" in next) return { ok: true, url: next.url };
  const { attempt } = next;
  const orderPage = new URL(`/orders/${orderToken}`, env.SITE_URL).toString();
  const lines = getOrderLines(orderId);
  // Checkout takes no negative line: the discounts go as one coupon for their sum (ADR 27).
  const discountCents = -lines.reduce(
    (sum, line) => sum + (line.unitPriceCents < 0 ? line.unitPriceCents * line.quantity : 0),
    0,
  );
  // Stripe Tax works out the tax of an order placed with a tax line, from its ship-to address (ADR 34).
  const shipTo = ["estimated", "exempt"].includes(order.taxStatus) ? stripeAddressOf(order.shippingAddress) : undefined;
  let session;
  try {
    const coupon = discountCents
      ? await stripe.coupons.create(
          {
            amount_off: discountCents,
            currency: order.currency,
            duration: "once",
            max_redemptions: 1,
            name: `Discount, order ${order.reference}`.slice(0, 40),
          },
          { idempotencyKey: `order-${order.id}-discount-${attempt}` },
        )
      : undefined;
    // Checkout reads a known customer's address for tax; an exempt one is charged none.
    const customer = shipTo
      ? await stripe.customers.create(
          {
            email: order.email,
            name: order.company.slice(0, 256),
            address: shipTo,
            shipping: { name: (order.contactName || order.company).slice(0, 256), address: shipTo },
            tax_exempt: order.taxStatus === "exempt" ? "exempt" : "none",
            metadata: { order_id: String(order.id), order_reference: order.reference },
          },
          { idempotencyKey: `order-${order.id}-customer-${attempt}` },
        )
      : undefined;
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        ...(coupon && { discounts: [{ coupon: coupon.id }] }),
        line_items: checkoutLineItems(lines, order.currency, customer !== undefined),
        ...(customer ? { customer: customer.id, automatic_tax: { enabled: true } } : { customer_email: order.email }),
        client_reference_id: order.reference,
        metadata: { order_id: String(order.id), order_reference: order.reference },
        payment_intent_data: { metadata: { order_id: String(order.id), order_reference: order.reference } },
        // The page lapses with the quote (Stripe wants 30 minutes to 24 hours); the timer expires it then too.
        expires_at: sessionExpiry(order.payBy),
        success_url: `${orderPage}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${orderPage}?checkout=cancelled`,
      },
      { idempotencyKey: `order-${order.id}-checkout-${attempt}` },
    );
  } catch (error) {
    return failedAttempt(order, attempt, error);
  }
  return keepSession(orderId, session);
}

/** A checkout Stripe refused: recorded, so the retry sends a new idempotency key (ADR 6). */
function failedAttempt(order: { id: number; status: OrderStatus }, attempt: number, error: unknown): CheckoutStart {
  const message = error instanceof Error ? error.message : String(error);
  writeTransaction(() =>
    db
      .insert(orderEvents)
      .values({
        orderId: order.id,
        status: order.status,
        actor: FAILED_ATTEMPT_ACTOR,
        note: `Card checkout attempt ${attempt} failed: ${message.slice(0, 300)}`,
      })
      .run(),
  );
  return {
    ok: false,
    reason: "stripe-error",
    message:
      "Our card payment provider did not answer. Your order is saved and nothing was charged: please try again in a moment.",
  };
}

/** Stores the session Stripe made and expires the order's older open ones, here and at Stripe. */
async function keepSession(orderId: number, session: { id: string; url: string | null }): Promise<CheckoutStart> {
  if (!session.url)
    return { ok: false, reason: "stripe-error", message: "The payment page could not be opened. Please try again." };
  const superseded = writeTransaction(() => {
    db.insert(checkoutSessions)
      .values({ orderId, stripeSessionId: session.id, url: session.url! })
      .onConflictDoNothing()
      .run();
    return db
      .update(checkoutSessions)
      .set({ status: "expired" })
      .where(
        and(
          eq(checkoutSessions.orderId, orderId),
          eq(checkoutSessions.status, "open"),
          ne(checkoutSessions.stripeSessionId, session.id),
        ),
      )
      .returning({ stripeSessionId: checkoutSessions.stripeSessionId })
      .all();
  });
  await expireCheckoutSessions(superseded.map((old) => old.stripeSessionId));
  return { ok: true, url: session.url };
}

/**
 * What an invoice order's buyer may pay by card now: the balance of its invoice, while the order
 * awaits payment and its total is within what Stripe can charge; undefined otherwise.
 */
export function invoiceBalanceByCard(order: PayableOrder & { id: number }) {
  if (!orderAllows(order.status, "pay_invoice_by_card", orderFacts(order))) return undefined;
  const account = getInvoiceAccount(order.id);
  if (!account || account.invoice.kind !== "invoice" || account.balanceCents <= 0) return undefined;
  return { invoice: account.invoice, balanceCents: account.balanceCents };
}

/**
 * Sends an invoice order's buyer to pay what the invoice still owes by card: a Checkout Session of
 * one line, "Invoice INV-…", for exactly the balance. Attempts are counted, reused and keyed as
 * `startCheckout` does; the key also names the invoice and the balance, so a payment recorded
 * meanwhile makes a new session rather than Stripe's answer for the old balance. Its completion is
 * recorded as a payment of the invoice (`recordInvoiceCardPayment`).
 */
export async function startInvoiceCheckout(
  orderId: number,
  { orderToken, seenAttempts }: { orderToken: string; seenAttempts?: number },
): Promise<CheckoutStart> {
  const stripe = await getStripe();
  if (!stripe)
    return { ok: false, reason: "unavailable", message: "Online card payment is not available at the moment." };
  const order = getOrder(orderId);
  const due = order && order.tokenHash === hashToken(orderToken) ? invoiceBalanceByCard(order) : undefined;
  if (!order || !due)
    return {
      ok: false,
      reason: "not-payable",
      message:
        order && !withinCardLimit(order.totalCents) ? CARD_LIMIT_TEXT : "This invoice cannot be paid by card now.",
    };
  const next = nextAttempt(orderId, seenAttempts);
  if ("url" in next) return { ok: true, url: next.url };
  const { attempt } = next;
  const orderPage = new URL(`/orders/${orderToken}`, env.SITE_URL).toString();
  const { invoice, balanceCents } = due;
  const metadata = { order_id: String(order.id), order_reference: order.reference, invoice_number: invoice.number };
  let session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: invoice.currency,
              unit_amount: balanceCents,
              product_data: { name: `Invoice ${invoice.number}` },
            },
          },
        ],
        customer_email: order.email,
        client_reference_id: order.reference,
        metadata,
        payment_intent_data: { metadata },
        expires_at: sessionExpiry(null),
        success_url: `${orderPage}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${orderPage}?checkout=cancelled`,
      },
      { idempotencyKey: `invoice-${invoice.id}-balance-${balanceCents}-checkout-${attempt}` },
    );
  } catch (error) {
    return failedAttempt(order, attempt, error);
  }
  return keepSession(orderId, session);
}

/** Expires superseded sessions at Stripe so an old payment page cannot be paid as well; if Stripe refuses, they lapse anyway. */
export async function expireCheckoutSessions(sessionIds: string[]) {
  const stripe = await getStripe();
  if (!stripe) return;
  for (const id of sessionIds) await stripe.checkout.sessions.expire(id).catch(() => undefined);
}

/**
 * The buyer came back from Stripe with `session_id`: ask Stripe about that session (it must be one
 * of this order's) and settle the order as the webhook would. The webhook stays the source of
 * truth; this only saves the buyer from waiting for it.
 */
export async function confirmCheckoutReturn(orderId: number, sessionId: string, orderLink: string) {
  const stripe = await getStripe();
  const known = db
    .select({ status: checkoutSessions.status })
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.orderId, orderId), eq(checkoutSessions.stripeSessionId, sessionId)))
    .get();
  // Complete: its payment was applied (or flagged, and maybe resolved since), by the webhook or an
  // earlier return. The buyer reloading the page must not bring a refunded payment back.
  if (!stripe || !known || known.status === "complete") return;
  let session: CheckoutSessionFacts;
  try {
    session = (await stripe.checkout.sessions.retrieve(sessionId)) as CheckoutSessionFacts;
  } catch {
    return; // the webhook will tell us
  }
  if (session.status !== "complete" || session.payment_status !== "paid") return;
  writeTransaction(() => applyCheckoutSession(session, "completed", "buyer-return", orderLink));
}
