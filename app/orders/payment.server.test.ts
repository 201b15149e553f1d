import { and, count, eq } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { checkoutSessions, orderEvents, orders, outboxEmails, stripeEvents, waitingPayments } from "~db/schema";
import { db } from "~/lib/db.server";
import { isPublicPage } from "~/lib/page-cache.server";
import { createToken } from "~/lib/tokens.server";
import { startCheckout } from "./checkout.server";
import { cancelOrderBySales, createOrderFromLines, getOrder } from "./order.server";
import { listOrders } from "./order-list.server";
import { getInvoiceAccount } from "./invoice.server";
import { receiveStripeWebhook, resolvePaymentFlag } from "./payment.server";
import { refundableOf } from "./refund.server";
import { makeOrder, ORDER_LINES, orderBuyer } from "../../tests/support/factories";

const SECRET = "whsec_unit_test";
const buyer = orderBuyer();
const lines = ORDER_LINES;

function cardOrder() {
  const order = makeOrder({ paymentMethod: "card" });
  const sessionId = `cs_test_${order.orderId}_${Date.now()}`;
  db.insert(checkoutSessions)
    .values({ orderId: order.orderId, stripeSessionId: sessionId, url: "https://checkout.example/x" })
    .run();
  return { ...order, sessionId };
}

function event(type: string, session: Record<string, unknown>, id = `evt_${createToken().slice(0, 20)}`) {
  return JSON.stringify({
    id,
    object: "event",
    type,
    data: { object: { object: "checkout.session", currency: "usd", metadata: {}, ...session } },
  });
}
const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, timestamp: options.timestamp });
const deliver = (payload: string) => receiveStripeWebhook(payload, sign(payload), SECRET);

const paidEmails = (reference: string) =>
  db
    .select({ n: count() })
    .from(outboxEmails)
    .where(eq(outboxEmails.subject, `Payment received for order ${reference}`))
    .get()!.n;
const events = (orderId: number, status: "paid" | "flagged") =>
  db
    .select({ n: count() })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, status)))
    .get()!.n;

describe("createOrderFromLines", () => {
  it("totals our prices in cents, numbers the order and makes one order per submission key", () => {
    const submissionKey = createToken();
    const first = createOrderFromLines({ kind: "quote", lines, buyer, submissionKey, paymentMethod: "card" });
    const again = createOrderFromLines({ kind: "quote", lines, buyer, submissionKey, paymentMethod: "card" });
    expect(first.reference).toMatch(/^O-\d{4}-\d{5}$/);
    expect(again).toMatchObject({ orderId: first.orderId, token: first.token, repeated: true });
    expect(getOrder(first.orderId)).toMatchObject({ totalCents: 57000, status: "pending_payment", currency: "usd" });
  });
});

describe("receiveStripeWebhook", () => {
  it("refuses what it cannot verify with 400 and writes nothing", async () => {
    const { sessionId, orderId } = cardOrder();
    const payload = event("checkout.session.completed", {
      id: sessionId,
      status: "complete",
      payment_status: "paid",
      amount_total: 57000,
    });
    const before = db.select({ n: count() }).from(stripeEvents).get()!.n;
    const answers = await Promise.all([
      receiveStripeWebhook(payload.replace("57000", "57001"), sign(payload), SECRET),
      receiveStripeWebhook(payload, sign(payload, { secret: "whsec_other" }), SECRET),
      receiveStripeWebhook(payload, sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }), SECRET),
      receiveStripeWebhook(payload, null, SECRET),
      receiveStripeWebhook(payload, sign(payload), undefined),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    expect(db.select({ n: count() }).from(stripeEvents).get()!.n).toBe(before);
    expect(getOrder(orderId)!.status).toBe("pending_payment");
  });

  it("makes an order paid once, with one e-mail, whatever the replays and the order of events", async () => {
    const { sessionId, orderId, reference } = cardOrder();
    const session = { id: sessionId, amount_total: 57000, payment_intent: "pi_123" };
    const sequence = [
      event("checkout.session.completed", { ...session, status: "complete", payment_status: "unpaid" }),
      event("checkout.session.async_payment_succeeded", { ...session, status: "complete", payment_status: "paid" }),
      event("checkout.session.expired", { ...session, status: "expired", payment_status: "unpaid" }),
      event("checkout.session.completed", { ...session, status: "complete", payment_status: "unpaid" }),
      event("checkout.session.async_payment_failed", { ...session, status: "complete", payment_status: "unpaid" }),
    ];
    const statuses: number[] = [];
    for (const payload of sequence) for (let i = 0; i < 3; i++) statuses.push((await deliver(payload)).status);
    expect(statuses).toEqual(Array(15).fill(200));
    const order = getOrder(orderId)!;
    expect(order).toMatchObject({ status: "paid", stripePaymentIntentId: "pi_123" });
    expect(order.paidAt).not.toBeNull();
    expect(events(orderId, "paid")).toBe(1);
    expect(paidEmails(reference)).toBe(1);
    // The first "completed, unpaid" moved it to processing before the async success.
    const history = db
      .select({ status: orderEvents.status, actor: orderEvents.actor })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .all();
    expect(history.map((e) => e.status)).toEqual(["pending_payment", "processing", "paid"]);
    expect(history.slice(1).every((e) => e.actor === "stripe")).toBe(true);
  });

  it("flags an order when Stripe's amount or currency differs: not paid, no e-mail", async () => {
    const amount = cardOrder();
    await deliver(
      event("checkout.session.completed", {
        id: amount.sessionId,
        status: "complete",
        payment_status: "paid",
        amount_total: 100,
      }),
    );
    expect(getOrder(amount.orderId)).toMatchObject({ status: "flagged", paidAt: null });
    expect(getOrder(amount.orderId)!.flaggedReason).toContain("Stripe reported $1.00 for an order of $570.00");
    expect(paidEmails(amount.reference)).toBe(0);

    const currency = cardOrder();
    await deliver(
      event("checkout.session.completed", {
        id: currency.sessionId,
        status: "complete",
        payment_status: "paid",
        amount_total: 57000,
        currency: "eur",
      }),
    );
    expect(getOrder(currency.orderId)!.status).toBe("flagged");
    expect(getOrder(currency.orderId)!.flaggedReason).toContain("Stripe reported €570.00 for an order of $570.00");
    expect(events(currency.orderId, "flagged")).toBe(1);
  });

  it("keeps an order paid once when a superseded session is paid as well, and notes the payment to refund", async () => {
    const { sessionId, orderId, reference } = cardOrder();
    const other = `${sessionId}_old`;
    db.insert(checkoutSessions)
      .values({ orderId, stripeSessionId: other, url: "https://checkout.example/y", status: "expired" })
      .run();
    await deliver(
      event("checkout.session.completed", {
        id: sessionId,
        status: "complete",
        payment_status: "paid",
        amount_total: 57000,
        payment_intent: "pi_a",
      }),
    );
    const answer = await deliver(
      event("checkout.session.completed", {
        id: other,
        status: "complete",
        payment_status: "paid",
        amount_total: 57000,
        payment_intent: "pi_b",
      }),
    );
    expect(JSON.parse(answer.body).result).toBe("paid-twice");
    expect(getOrder(orderId)).toMatchObject({ status: "paid", stripePaymentIntentId: "pi_a" });
    expect(getOrder(orderId)!.flaggedReason).toContain("Paid twice: pi_b");
    expect(paidEmails(reference)).toBe(1);
  });

  it("flags a cancelled order whose checkout completes anyway for a refund, never making it paid", async () => {
    const { sessionId, orderId, reference } = cardOrder();
    expect(cancelOrderBySales(orderId, "The buyer ordered by phone instead", "sales:sam@ironaxis.test")).toMatchObject({
      ok: true,
      staleSessions: [sessionId],
    });
    const answer = await deliver(
      event("checkout.session.completed", {
        id: sessionId,
        status: "complete",
        payment_status: "paid",
        amount_total: 57000,
        payment_intent: "pi_late",
      }),
    );
    expect(JSON.parse(answer.body).result).toBe("flagged");
    const order = getOrder(orderId)!;
    expect(order).toMatchObject({ status: "flagged", paidAt: null, stripePaymentIntentId: "pi_late" });
    expect(order.flaggedReason).toContain("Paid after the order was cancelled: $570.00 (pi_late");
    expect(paidEmails(reference)).toBe(0);
  });

  it("refuses a signed delivery that is not a Stripe event, or a session event without a session, with 400 and writes nothing", async () => {
    const { sessionId, orderId } = cardOrder();
    const before = db.select({ n: count() }).from(stripeEvents).get()!.n;
    const payloads = [
      "{}",
      "[]",
      "null",
      "1",
      JSON.stringify({ id: "evt_1" }),
      JSON.stringify({ id: { nested: true }, type: "checkout.session.completed", data: { object: { id: sessionId } } }),
      JSON.stringify({ id: "evt_2", type: "checkout.session.completed", data: {} }),
      JSON.stringify({
        id: "evt_3",
        type: "checkout.session.completed",
        data: { object: { id: sessionId, amount_total: "57000" } },
      }),
      JSON.stringify({
        id: "evt_4",
        type: "checkout.session.completed",
        data: { object: { id: sessionId, metadata: { order_id: 1 } } },
      }),
    ];
    const answers = await Promise.all(payloads.map(deliver));
    expect(answers.map((a) => a.status)).toEqual(payloads.map(() => 400));
    expect(db.select({ n: count() }).from(stripeEvents).get()!.n).toBe(before);
    expect(getOrder(orderId)!.status).toBe("pending_payment");
  });

  it("acknowledges events of other types and sessions that are not ours without changing anything", async () => {
    expect((await deliver(event("payment_intent.created", { id: "pi_x" }))).status).toBe(200);
    const answer = await deliver(
      event("checkout.session.completed", { id: "cs_test_unknown", payment_status: "paid", amount_total: 1 }),
    );
    expect(JSON.parse(answer.body).result).toBe("unknown-order");
  });
});

describe("resolvePaymentFlag", () => {
  const flagged = async () => {
    const order = cardOrder();
    await deliver(
      event("checkout.session.completed", {
        id: order.sessionId,
        status: "complete",
        payment_status: "paid",
        amount_total: 100,
        payment_intent: "pi_short",
      }),
    );
    expect(getOrder(order.orderId)!.status).toBe("flagged");
    return order;
  };
  const lastEvent = (orderId: number) =>
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all().at(-1)!;

  it("accepts a payment as received: paid, one e-mail, the note kept with who did it", async () => {
    const { orderId, reference } = await flagged();
    expect(resolvePaymentFlag(orderId, "accept", "Buyer agreed the discount by phone", "sales:sam@ironaxis.test")).toBe(
      true,
    );
    expect(getOrder(orderId)).toMatchObject({ status: "paid", flaggedReason: null });
    expect(getOrder(orderId)!.paidAt).not.toBeNull();
    expect(lastEvent(orderId)).toMatchObject({
      status: "paid",
      actor: "sales:sam@ironaxis.test",
      note: "Payment accepted as received: Buyer agreed the discount by phone",
    });
    expect(paidEmails(reference)).toBe(1);
    expect(resolvePaymentFlag(orderId, "accept", "again", "sales:sam@ironaxis.test")).toBe(false);
    // The receipt records what Stripe charged, and credits the rest: nothing owed, and why.
    const account = getInvoiceAccount(orderId)!;
    expect(account.payments.map((payment) => [payment.amountCents, payment.stripePaymentIntentId])).toEqual([
      [100, "pi_short"],
    ]);
    expect(account.creditNotes).toMatchObject([
      { amountCents: getOrder(orderId)!.totalCents - 100, reason: "Accepted as paid in full: $1.00 charged by card" },
    ]);
    expect(account.balanceCents).toBe(0);
    expect(refundableOf(orderId)).toMatchObject({
      cents: 100,
      payments: [{ paymentIntentId: "pi_short", cents: 100 }],
    });
  });

  it("does not take as the order's a payment of more than its total, or in another currency", async () => {
    for (const charged of [{ amount_total: 999_999_00 }, { currency: "eur" }]) {
      const order = cardOrder();
      const total = getOrder(order.orderId)!.totalCents;
      await deliver(
        event("checkout.session.completed", {
          id: order.sessionId,
          status: "complete",
          payment_status: "paid",
          amount_total: total,
          payment_intent: `pi_${createToken().slice(0, 12)}`,
          ...charged,
        }),
      );
      expect(getOrder(order.orderId)!.status).toBe("flagged");
      expect(resolvePaymentFlag(order.orderId, "accept", "Take it", "sales:sam@ironaxis.test")).toBe(false);
      expect(getOrder(order.orderId)!.status).toBe("flagged");
      expect(getInvoiceAccount(order.orderId)).toBeUndefined();
    }
  });

  it("records a refund made in Stripe and cancels the order, telling the buyer; a second payment on a paid order is cleared", async () => {
    const { orderId, reference } = await flagged();
    expect(resolvePaymentFlag(orderId, "refund", "Refunded re_123 in the dashboard", "sales:sam@ironaxis.test")).toBe(
      true,
    );
    expect(getOrder(orderId)).toMatchObject({ status: "cancelled", flaggedReason: null, paidAt: null });
    expect(lastEvent(orderId)).toMatchObject({
      status: "cancelled",
      actor: "sales:sam@ironaxis.test",
      note: "Refunded in Stripe and cancelled: Refunded re_123 in the dashboard",
    });
    expect(
      db
        .select({ n: count() })
        .from(outboxEmails)
        .where(eq(outboxEmails.subject, `Order ${reference} cancelled`))
        .get()!.n,
    ).toBe(1);
    expect(paidEmails(reference)).toBe(0);

    const twice = cardOrder();
    db.update(orders)
      .set({ status: "paid", flaggedReason: "Paid twice: pi_b" })
      .where(eq(orders.id, twice.orderId))
      .run();
    expect(resolvePaymentFlag(twice.orderId, "accept", "no", "sales:sam@ironaxis.test")).toBe(false);
    expect(resolvePaymentFlag(twice.orderId, "refund", "Refunded pi_b", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(twice.orderId)).toMatchObject({ status: "paid", flaggedReason: null });
    expect(lastEvent(twice.orderId)).toMatchObject({
      status: "paid",
      note: "Second payment refunded in Stripe: Refunded pi_b",
    });
  });
});

describe("payments that arrive while another is flagged", () => {
  const paidSession = (orderId: number, id: string, amount: number, paymentIntent: string) => {
    db.insert(checkoutSessions)
      .values({ orderId, stripeSessionId: id, url: "https://checkout.example/z" })
      .onConflictDoNothing()
      .run();
    return event("checkout.session.completed", {
      id,
      status: "complete",
      payment_status: "paid",
      amount_total: amount,
      payment_intent: paymentIntent,
    });
  };
  const result = async (payload: string) => JSON.parse((await deliver(payload)).body).result;
  const waiting = (orderId: number) =>
    db.select({ n: count() }).from(waitingPayments).where(eq(waitingPayments.orderId, orderId)).get()!.n;

  it("waits, once, while a mismatch is checked, and is applied when it is resolved", async () => {
    const { sessionId, orderId, reference } = cardOrder();
    const total = getOrder(orderId)!.totalCents;
    expect(await result(paidSession(orderId, sessionId, 100, "pi_short_w"))).toBe("flagged");
    // The buyer paid the whole total in a second session: it must not be dropped.
    const second = paidSession(orderId, `${sessionId}_b`, total, "pi_full_w");
    expect(await result(second)).toBe("waiting");
    expect(await result(second.replace(/"id":"evt_[^"]+"/, '"id":"evt_again_w"'))).toBe("waiting");
    expect(waiting(orderId)).toBe(1);
    expect(getOrder(orderId)).toMatchObject({ status: "flagged", flaggedPaymentIntentId: "pi_short_w" });
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all().at(-1)!.note).toContain(
      "pi_full_w",
    );

    // The $1.00 is refunded: the order is cancelled, and the waiting payment is then a late one,
    // flagged with what Stripe charged, which sales can take as the order's.
    expect(resolvePaymentFlag(orderId, "refund", "Refunded the $1.00", "sales:sam@ironaxis.test")).toBe(true);
    expect(waiting(orderId)).toBe(0);
    expect(getOrder(orderId)).toMatchObject({
      status: "flagged",
      flaggedPaymentIntentId: "pi_full_w",
      flaggedAmountCents: total,
    });
    expect(getOrder(orderId)!.flaggedReason).toContain("Paid after the order was cancelled");
    expect(resolvePaymentFlag(orderId, "accept", "The buyer's full payment", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(orderId)).toMatchObject({ status: "paid", flaggedReason: null });
    expect(getInvoiceAccount(orderId)!.payments.map((payment) => payment.stripePaymentIntentId)).toEqual(["pi_full_w"]);
    expect(paidEmails(reference)).toBe(1);
  });

  it("does not resolve, on a form sent again or from an old page, the payment that waited behind", async () => {
    const { sessionId, orderId } = cardOrder();
    const total = getOrder(orderId)!.totalCents;
    await deliver(paidSession(orderId, sessionId, 100, "pi_short_s"));
    await deliver(paidSession(orderId, `${sessionId}_b`, total, "pi_full_s"));
    const refund = () =>
      resolvePaymentFlag(orderId, "refund", "Refunded the $1.00", "sales:sam@ironaxis.test", "pi_short_s");
    expect(refund()).toBe(true);
    expect(getOrder(orderId)).toMatchObject({ status: "flagged", flaggedPaymentIntentId: "pi_full_s" });
    // The same form again: it was for the $1.00, so the buyer's full payment is left as it is.
    expect(refund()).toBe(false);
    expect(getOrder(orderId)).toMatchObject({ status: "flagged", flaggedPaymentIntentId: "pi_full_s" });
    expect(resolvePaymentFlag(orderId, "accept", "Full payment", "sales:sam@ironaxis.test", "pi_full_s")).toBe(true);
    expect(getOrder(orderId)!.status).toBe("paid");
  });

  it("keeps a third payment of a paid order from writing over the second's flag", async () => {
    const { sessionId, orderId } = cardOrder();
    const total = getOrder(orderId)!.totalCents;
    expect(await result(paidSession(orderId, sessionId, total, "pi_one_w"))).toBe("paid");
    expect(await result(paidSession(orderId, `${sessionId}_2`, total, "pi_two_w"))).toBe("paid-twice");
    expect(await result(paidSession(orderId, `${sessionId}_3`, total, "pi_three_w"))).toBe("waiting");
    expect(getOrder(orderId)).toMatchObject({ status: "paid", flaggedPaymentIntentId: "pi_two_w" });

    expect(resolvePaymentFlag(orderId, "refund", "Refunded pi_two_w", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(orderId)).toMatchObject({ status: "paid", flaggedPaymentIntentId: "pi_three_w" });
    expect(getOrder(orderId)!.flaggedReason).toContain("Paid twice: pi_three_w");
    expect(resolvePaymentFlag(orderId, "refund", "Refunded pi_three_w", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(orderId)).toMatchObject({ status: "paid", flaggedReason: null, stripePaymentIntentId: "pi_one_w" });
    expect(waiting(orderId)).toBe(0);
  });
});

describe("listOrders", () => {
  it("lists orders newest first, by status, a page at a time", () => {
    const awaiting = listOrders({ status: "awaiting_payment" });
    expect(awaiting.orders.every((o) => o.status === "awaiting_payment")).toBe(true);
    const all = listOrders();
    expect(all.total).toBe(db.select({ n: count() }).from(orders).get()!.n);
    expect(all.orders[0].id).toBeGreaterThan(all.orders.at(-1)!.id);
  });
});

describe("without STRIPE_SECRET_KEY", () => {
  it("card checkout reports itself unavailable", async () => {
    const { orderId, token } = cardOrder();
    expect(await startCheckout(orderId, { orderToken: token })).toMatchObject({ ok: false, reason: "unavailable" });
  });
});

describe("order pages", () => {
  it("are never served from the public page cache", () => {
    for (const path of ["/orders/abc", "/orders/abc.data", "/cart", "/checkout", "/webhooks/stripe"])
      expect(isPublicPage(path)).toBe(false);
  });
});

describe("webhooks at volume", () => {
  it("50 sessions, every event delivered 3 times in a shuffled order: exactly one payment and one e-mail per session", async () => {
    const orders = Array.from({ length: 50 }, () => cardOrder());
    const payloads = orders.flatMap(({ sessionId }, i) => {
      const session = { id: sessionId, amount_total: 57000, payment_intent: `pi_bulk_${i}` };
      return [
        event("checkout.session.completed", { ...session, status: "complete", payment_status: "paid" }),
        event("checkout.session.async_payment_succeeded", { ...session, status: "complete", payment_status: "paid" }),
        event("checkout.session.expired", { ...session, status: "expired", payment_status: "unpaid" }),
      ];
    });
    const deliveries = payloads.flatMap((payload) => [payload, payload, payload]);
    // A fixed-seed shuffle: out of order, and the same order on every run.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const statuses: number[] = [];
    for (const payload of deliveries) statuses.push((await deliver(payload)).status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(statuses).toHaveLength(450);
    for (const { orderId, reference } of orders) {
      expect(getOrder(orderId)!.status).toBe("paid");
      expect(events(orderId, "paid")).toBe(1);
      expect(paidEmails(reference)).toBe(1);
    }
  });

  it("100 forged, expired or missing signatures: all 400, nothing written", async () => {
    const { sessionId, orderId } = cardOrder();
    const payload = event("checkout.session.completed", {
      id: sessionId,
      status: "complete",
      payment_status: "paid",
      amount_total: 57000,
    });
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string | null][] = [
      ...Array.from({ length: 25 }, (_, i): [string, string | null] => [
        payload.replace("57000", String(57000 + i + 1)),
        sign(payload),
      ]),
      ...Array.from({ length: 25 }, (_, i): [string, string | null] => [
        payload,
        sign(payload, { secret: `whsec_wrong_${i}` }),
      ]),
      ...Array.from({ length: 25 }, (_, i): [string, string | null] => [
        payload,
        sign(payload, { timestamp: now - 301 - i * 400 }),
      ]),
      ...Array.from({ length: 25 }, (_, i): [string, string | null] => [
        payload,
        [null, "", "t=1", `v1=${"0".repeat(64)}`, `t=${now},v1=${"a".repeat(64)}`][i % 5],
      ]),
    ];
    const before = {
      events: db.select({ n: count() }).from(stripeEvents).get()!.n,
      emails: db.select({ n: count() }).from(outboxEmails).get()!.n,
    };
    const statuses: number[] = [];
    for (const [body, signature] of cases) statuses.push((await receiveStripeWebhook(body, signature, SECRET)).status);
    expect(statuses).toHaveLength(100);
    expect(statuses.filter((s) => s !== 400)).toEqual([]);
    expect(db.select({ n: count() }).from(stripeEvents).get()!.n).toBe(before.events);
    expect(db.select({ n: count() }).from(outboxEmails).get()!.n).toBe(before.emails);
    expect(getOrder(orderId)!.status).toBe("pending_payment");
  });
});
