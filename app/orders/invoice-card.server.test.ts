import { and, count, eq } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { checkoutSessions, invoicePayments, orderEvents, outboxEmails, waitingRefunds } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { makeOrder, uniqueEmail } from "../../tests/support/factories";
import { invoiceBalanceByCard } from "./checkout.server";
import { getInvoiceAccount, recordInvoiceCardPayment, recordInvoicePayment } from "./invoice.server";
import { cancelOrderBySales, getOrder } from "./order.server";
import { receiveStripeWebhook, resolvePaymentFlag } from "./payment.server";
import { creditNotesOf, refundableOf } from "./refund.server";

const SECRET = "whsec_unit_test";
const today = () => new Date().toISOString().slice(0, 10);

function invoiceOrder(email = uniqueEmail("ap")) {
  const order = makeOrder({ paymentMethod: "invoice", buyer: { email, poNumber: "PO-5512" } });
  return { ...order, email, totalCents: getOrder(order.orderId)!.totalCents };
}

/** A checkout session of the order's invoice, as `startInvoiceCheckout` keeps it. */
function invoiceSession(orderId: number) {
  const sessionId = `cs_test_inv_${orderId}_${createToken().slice(0, 12)}`;
  db.insert(checkoutSessions).values({ orderId, stripeSessionId: sessionId, url: "https://checkout.example/x" }).run();
  return sessionId;
}

/** Stripe's `checkout.session.completed` for `amount` paid through `paymentIntent`, signed. */
function completed(sessionId: string, amount: number, paymentIntent: string, id = `evt_${createToken().slice(0, 20)}`) {
  const payload = JSON.stringify({
    id,
    object: "event",
    type: "checkout.session.completed",
    data: {
      object: {
        object: "checkout.session",
        id: sessionId,
        status: "complete",
        payment_status: "paid",
        amount_total: amount,
        currency: "usd",
        payment_intent: paymentIntent,
        metadata: {},
      },
    },
  });
  return () =>
    receiveStripeWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }), SECRET);
}

/** A refund event (`refund.created`, or `charge.refunded` listing it) for `amount` of `paymentIntent`, signed. */
function refundEvent(
  type: "refund.created" | "charge.refunded",
  refundId: string,
  amount: number,
  paymentIntent: string,
) {
  const refund = { object: "refund", id: refundId, amount, payment_intent: paymentIntent, status: "succeeded" };
  const object =
    type === "refund.created"
      ? refund
      : { object: "charge", payment_intent: paymentIntent, refunds: { data: [refund] } };
  const payload = JSON.stringify({ id: `evt_${createToken().slice(0, 20)}`, object: "event", type, data: { object } });
  return () =>
    receiveStripeWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }), SECRET);
}

const cardPayments = (orderId: number) =>
  getInvoiceAccount(orderId)!.payments.filter((payment) => payment.method === "card");
const mailCount = (email: string, subject: string) =>
  db
    .select({ n: count() })
    .from(outboxEmails)
    .where(and(eq(outboxEmails.to, email), eq(outboxEmails.subject, subject)))
    .get()!.n;
const pi = () => `pi_${createToken().slice(0, 20)}`;

describe("paying an invoice's balance by card", () => {
  it("is offered for an open invoice with a balance, within the card limit, and not once paid or for a card order", () => {
    const order = invoiceOrder();
    const offer = invoiceBalanceByCard(getOrder(order.orderId)!);
    expect(offer).toMatchObject({ balanceCents: order.totalCents });
    expect(offer!.invoice.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(invoiceBalanceByCard(getOrder(makeOrder({ paymentMethod: "card" }).orderId)!)).toBeUndefined();
    writeTransaction(() =>
      recordInvoiceCardPayment(
        {
          orderId: order.orderId,
          paymentIntentId: pi(),
          amountCents: order.totalCents,
          currency: "usd",
          sessionId: "cs_x",
        },
        "stripe",
      ),
    );
    expect(invoiceBalanceByCard(getOrder(order.orderId)!)).toBeUndefined();
  });

  it("records the whole balance once per payment intent: the order paid, one confirmation, however often Stripe says so", async () => {
    const order = invoiceOrder();
    const sessionId = invoiceSession(order.orderId);
    const intent = pi();
    const deliver = completed(sessionId, order.totalCents, intent);
    const first = await deliver();
    expect(JSON.parse(first.body)).toMatchObject({ result: "paid" });
    // The same event again, and the same payment in another event (the buyer's return, a re-sent event).
    expect(JSON.parse((await deliver()).body)).toMatchObject({ result: "duplicate" });
    expect(JSON.parse((await completed(sessionId, order.totalCents, intent)()).body)).toMatchObject({
      result: "unchanged",
    });
    expect(cardPayments(order.orderId)).toMatchObject([
      {
        amountCents: order.totalCents,
        method: "card",
        reference: intent,
        stripePaymentIntentId: intent,
        receivedOn: today(),
      },
    ]);
    expect(getOrder(order.orderId)).toMatchObject({ status: "paid", flaggedReason: null });
    expect(getInvoiceAccount(order.orderId)!.balanceCents).toBe(0);
    expect(mailCount(order.email, `Payment received for order ${order.reference}`)).toBe(1);
    expect(
      db
        .select({ n: count() })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, order.orderId), eq(orderEvents.status, "paid")))
        .get()!.n,
    ).toBe(1);
  });

  it("pays the rest after a part recorded by sales: the buyer is told the balance, then the order is paid", async () => {
    const order = invoiceOrder();
    const part = 100_00;
    expect(
      recordInvoicePayment(
        order.orderId,
        { amountCents: part, receivedOn: today(), method: "check", reference: "CHK 77" },
        "sales:sam@ironaxis.test",
      ),
    ).toEqual({ ok: true, paidInFull: false });
    expect(invoiceBalanceByCard(getOrder(order.orderId)!)).toMatchObject({ balanceCents: order.totalCents - part });
    const result = await completed(invoiceSession(order.orderId), order.totalCents - part, pi())();
    expect(JSON.parse(result.body)).toMatchObject({ result: "paid" });
    expect(getInvoiceAccount(order.orderId)!.payments.map((payment) => [payment.method, payment.amountCents])).toEqual([
      ["check", part],
      ["card", order.totalCents - part],
    ]);
    expect(getOrder(order.orderId)!.status).toBe("paid");
  });

  it("records a card payment of part of the balance as a part payment, with the balance e-mail", async () => {
    const order = invoiceOrder();
    const result = await completed(invoiceSession(order.orderId), 200_00, pi())();
    expect(JSON.parse(result.body)).toMatchObject({ result: "paid-in-part" });
    expect(getOrder(order.orderId)!.status).toBe("awaiting_payment");
    expect(getInvoiceAccount(order.orderId)!.balanceCents).toBe(order.totalCents - 200_00);
    const { number } = getInvoiceAccount(order.orderId)!.invoice;
    expect(mailCount(order.email, `Payment of $200.00 received for invoice ${number}`)).toBe(1);
  });

  it("flags a second session paid for the same balance, for sales to refund: never a negative balance", async () => {
    const order = invoiceOrder();
    const first = invoiceSession(order.orderId);
    const second = invoiceSession(order.orderId);
    const [one, two] = [pi(), pi()];
    await completed(first, order.totalCents, one)();
    const flagged = await completed(second, order.totalCents, two)();
    expect(JSON.parse(flagged.body)).toMatchObject({ result: "flagged" });
    expect(JSON.parse((await completed(second, order.totalCents, two)()).body)).toMatchObject({ result: "unchanged" });
    expect(cardPayments(order.orderId).map((payment) => payment.reference)).toEqual([one]);
    expect(getInvoiceAccount(order.orderId)!.balanceCents).toBe(0);
    const paid = getOrder(order.orderId)!;
    expect(paid).toMatchObject({ status: "paid", flaggedPaymentIntentId: two });
    expect(paid.flaggedReason).toContain(`Paid by card`);
    expect(paid.flaggedReason).toContain("refund it");
    // A third, while the second is checked, waits rather than writing over its flag.
    const [third, three] = [invoiceSession(order.orderId), pi()];
    expect(JSON.parse((await completed(third, order.totalCents, three)()).body)).toMatchObject({ result: "waiting" });
    expect(getOrder(order.orderId)).toMatchObject({ flaggedPaymentIntentId: two });
    // Sales refunds it in Stripe and records so: the order stays paid, and the third is flagged in turn.
    expect(resolvePaymentFlag(order.orderId, "refund", "Refunded in the dashboard", "sales:sam@ironaxis.test")).toBe(
      true,
    );
    expect(getOrder(order.orderId)).toMatchObject({ status: "paid", flaggedPaymentIntentId: three });
    expect(resolvePaymentFlag(order.orderId, "refund", "Refunded too", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(order.orderId)).toMatchObject({ status: "paid", flaggedReason: null });
    expect(cardPayments(order.orderId).map((payment) => payment.reference)).toEqual([one]);
  });

  it("flags more than the balance left after a part recorded meanwhile, and keeps the invoice owed", async () => {
    const order = invoiceOrder();
    const sessionId = invoiceSession(order.orderId);
    recordInvoicePayment(
      order.orderId,
      { amountCents: 50_00, receivedOn: today(), method: "ach", reference: "ACH 1" },
      "sales:sam@ironaxis.test",
    );
    const intent = pi();
    expect(JSON.parse((await completed(sessionId, order.totalCents, intent)()).body)).toMatchObject({
      result: "flagged",
    });
    expect(cardPayments(order.orderId)).toEqual([]);
    expect(getInvoiceAccount(order.orderId)!.balanceCents).toBe(order.totalCents - 50_00);
    expect(getOrder(order.orderId)).toMatchObject({ status: "awaiting_payment", flaggedPaymentIntentId: intent });
    // The balance paid right, while that is checked: recorded at once, not kept waiting.
    const balance = invoiceSession(order.orderId);
    expect(JSON.parse((await completed(balance, order.totalCents - 50_00, pi())()).body)).toMatchObject({
      result: "paid",
    });
    expect(getInvoiceAccount(order.orderId)!.balanceCents).toBe(0);
    expect(resolvePaymentFlag(order.orderId, "refund", "re_1, refunded", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(order.orderId)).toMatchObject({ status: "paid", flaggedReason: null });
  });

  it("drops a waiting payment refunded in full in Stripe meanwhile, and frees those of a refunded order", async () => {
    const order = invoiceOrder();
    const [first, second, third] = [
      invoiceSession(order.orderId),
      invoiceSession(order.orderId),
      invoiceSession(order.orderId),
    ];
    const [one, two, three] = [pi(), pi(), pi()];
    await completed(first, order.totalCents, one)();
    expect(JSON.parse((await completed(second, order.totalCents, two)()).body).result).toBe("flagged");
    expect(JSON.parse((await completed(third, order.totalCents, three)()).body).result).toBe("waiting");
    // The third is refunded in Stripe's dashboard while it waits: nothing of it is left to act on.
    await refundEvent("refund.created", `re_${createToken().slice(0, 12)}`, order.totalCents, three)();
    expect(resolvePaymentFlag(order.orderId, "refund", "Refunded the second", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(order.orderId)).toMatchObject({ status: "paid", flaggedReason: null });
    const events = db.select().from(orderEvents).where(eq(orderEvents.orderId, order.orderId)).all();
    expect(events.at(-1)!.note).toContain(
      `(${three}) and refunded in full in Stripe while another payment was checked`,
    );

    // The order refunded in full while an extra payment is flagged: the flag can still be resolved,
    // and what waited behind it is flagged in turn.
    const fourth = [invoiceSession(order.orderId), invoiceSession(order.orderId)];
    const [four, five] = [pi(), pi()];
    expect(JSON.parse((await completed(fourth[0], order.totalCents, four)()).body).result).toBe("flagged");
    expect(JSON.parse((await completed(fourth[1], order.totalCents, five)()).body).result).toBe("waiting");
    await refundEvent("refund.created", `re_${createToken().slice(0, 12)}`, order.totalCents, one)();
    expect(getOrder(order.orderId)).toMatchObject({ status: "refunded", flaggedPaymentIntentId: four });
    expect(resolvePaymentFlag(order.orderId, "refund", "Refunded the fourth", "sales:sam@ironaxis.test")).toBe(true);
    expect(getOrder(order.orderId)).toMatchObject({ status: "refunded", flaggedPaymentIntentId: five });
    expect(getOrder(order.orderId)!.flaggedReason).toContain("refund it");
  });

  it("flags a payment that arrives after the invoice order was cancelled", async () => {
    const order = invoiceOrder();
    const sessionId = invoiceSession(order.orderId);
    expect(cancelOrderBySales(order.orderId, "Ordered twice", "sales:sam@ironaxis.test")).toMatchObject({ ok: true });
    const intent = pi();
    expect(JSON.parse((await completed(sessionId, order.totalCents, intent)()).body)).toMatchObject({
      result: "flagged",
    });
    expect(getOrder(order.orderId)).toMatchObject({ status: "flagged", flaggedPaymentIntentId: intent });
    expect(db.select().from(invoicePayments).where(eq(invoicePayments.stripePaymentIntentId, intent)).all()).toEqual(
      [],
    );
    // Its invoice was voided with the order: the payment is refunded, never taken as the order's.
    expect(resolvePaymentFlag(order.orderId, "accept", "Take it", "sales:sam@ironaxis.test")).toBe(false);
    expect(getOrder(order.orderId)!.status).toBe("flagged");
  });
});

describe("a refund Stripe reports before the payment it refunds", () => {
  it("is kept until the payment is recorded, then credited once", async () => {
    const order = makeOrder({ paymentMethod: "card" });
    const total = getOrder(order.orderId)!.totalCents;
    const sessionId = invoiceSession(order.orderId);
    const intent = pi();
    const refundId = `re_${createToken().slice(0, 20)}`;
    const result = async (deliver: () => Promise<{ body: string }>) =>
      (JSON.parse((await deliver()).body) as { result: string }).result;
    expect(await result(refundEvent("refund.created", refundId, 25_00, intent))).toBe("waiting-for-its-payment");
    expect(await result(refundEvent("charge.refunded", refundId, 25_00, intent))).toBe("waiting-for-its-payment");
    expect(creditNotesOf(order.orderId)).toEqual([]);

    expect(await result(completed(sessionId, total, intent))).toBe("paid");
    expect(creditNotesOf(order.orderId)).toMatchObject([{ stripeRefundId: refundId, amountCents: 25_00 }]);
    expect(getOrder(order.orderId)!.status).toBe("paid");
    expect(await result(refundEvent("refund.created", refundId, 25_00, intent))).toBe("known");
    expect(await result(completed(sessionId, total, intent))).toBe("unchanged");
    expect(creditNotesOf(order.orderId)).toHaveLength(1);
    expect(db.select().from(waitingRefunds).where(eq(waitingRefunds.paymentIntentId, intent)).all()).toEqual([]);
  });
});

describe("refunding an invoice paid in part by card", () => {
  it("offers to refund what the card paid, not what came by check", async () => {
    const order = invoiceOrder();
    recordInvoicePayment(
      order.orderId,
      { amountCents: 100_00, receivedOn: today(), method: "check", reference: "CHK 9" },
      "sales:sam@ironaxis.test",
    );
    const intent = pi();
    await completed(invoiceSession(order.orderId), order.totalCents - 100_00, intent)();
    expect(getOrder(order.orderId)!.status).toBe("paid");
    expect(refundableOf(order.orderId)).toMatchObject({
      cents: order.totalCents - 100_00,
      payments: [{ paymentIntentId: intent, cents: order.totalCents - 100_00 }],
    });
  });

  it("refunds all the card paid with the order still paid: it keeps what came by check", async () => {
    const order = invoiceOrder();
    recordInvoicePayment(
      order.orderId,
      { amountCents: 100_00, receivedOn: today(), method: "check", reference: "CHK 10" },
      "sales:sam@ironaxis.test",
    );
    const intent = pi();
    await completed(invoiceSession(order.orderId), order.totalCents - 100_00, intent)();
    await refundEvent("refund.created", `re_${createToken().slice(0, 12)}`, order.totalCents - 100_00, intent)();
    expect(creditNotesOf(order.orderId)).toHaveLength(1);
    expect(getOrder(order.orderId)!.status).toBe("paid");
    expect(refundableOf(order.orderId)).toMatchObject({ cents: 0, payments: [{ paymentIntentId: intent, cents: 0 }] });
  });

  it("goes back to the payment Stripe took, not to a card payment sales recorded by hand", async () => {
    const order = invoiceOrder();
    recordInvoicePayment(
      order.orderId,
      { amountCents: 100_00, receivedOn: today(), method: "card", reference: "VT-7731" },
      "sales:sam@ironaxis.test",
    );
    const intent = pi();
    await completed(invoiceSession(order.orderId), order.totalCents - 100_00, intent)();
    expect(refundableOf(order.orderId)).toMatchObject({
      cents: order.totalCents - 100_00,
      payments: [{ paymentIntentId: intent, cents: order.totalCents - 100_00 }],
    });
    // A refund made in Stripe's dashboard of the payment it took gets its credit note.
    await refundEvent("refund.created", `re_${createToken().slice(0, 12)}`, 200_00, intent)();
    expect(creditNotesOf(order.orderId).map((note) => note.amountCents)).toEqual([200_00]);
  });
});
