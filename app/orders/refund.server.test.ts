import { and, count, eq, like } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { checkoutSessions, creditNotes, orderEvents, outboxEmails } from "~db/schema";
import { db } from "~/lib/db.server";
import { SENT_WITH_OTHER_VALUES } from "~/lib/sent-forms.server";
import { createToken } from "~/lib/tokens.server";
import { getInvoiceAccount } from "./invoice.server";
import { getOrder } from "./order.server";
import { receiveStripeWebhook } from "./payment.server";
import {
  creditNotesOf,
  DASHBOARD_REFUND_REASON,
  refundableOf,
  refundFlaggedPayment,
  refundOrder,
} from "./refund.server";
import type { StripeRefunds } from "./stripe.server";
import { makeOrder } from "../../tests/support/factories";

const SECRET = "whsec_unit_test";
const SALES = "sales:sam@ironaxis.test";

type FakeRefund = {
  id: string;
  object: "refund";
  amount: number;
  payment_intent: string;
  status: string;
  metadata: Record<string, string>;
};

/**
 * Stripe's refunds as the API behaves: a payment intent's refunds never exceed its amount (the
 * same error Stripe gives), an idempotency key answers its first refund again. `onCreate` runs
 * before the answer comes back, as a webhook that overtakes it would.
 */
function fakeStripe(amounts: Record<string, number>, onCreate?: (refund: FakeRefund) => Promise<void>) {
  const made: FakeRefund[] = [];
  const byKey = new Map<string, { refund: FakeRefund; params: string }>();
  let failure: Error | undefined;
  const refunds = {
    async create(
      params: { payment_intent?: string; amount?: number; metadata?: Record<string, string> },
      options?: { idempotencyKey?: string },
    ) {
      if (failure) throw failure;
      const key = options?.idempotencyKey;
      const sent = key ? byKey.get(key) : undefined;
      // As Stripe answers a key used again: the same refund, or an error when the parameters differ.
      if (sent && sent.params !== JSON.stringify(params))
        throw new Stripe.errors.StripeIdempotencyError({
          type: "idempotency_error",
          message: "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        });
      if (sent) return sent.refund;
      const intent = params.payment_intent!;
      const left = amounts[intent] - made.filter((r) => r.payment_intent === intent).reduce((s, r) => s + r.amount, 0);
      const amount = params.amount ?? left;
      if (amount > left) throw new Error(`Refund amount is greater than unrefunded amount on charge`);
      const refund: FakeRefund = {
        id: `re_${createToken().slice(0, 16)}`,
        object: "refund",
        amount,
        payment_intent: intent,
        status: "succeeded",
        metadata: params.metadata ?? {},
      };
      made.push(refund);
      if (key) byKey.set(key, { refund, params: JSON.stringify(params) });
      await onCreate?.(refund);
      return refund;
    },
  };
  return {
    refunds: refunds as unknown as StripeRefunds,
    made,
    failWith: (error?: Error) => (failure = error),
  };
}

function event(type: string, object: unknown) {
  return JSON.stringify({ id: `evt_${createToken().slice(0, 20)}`, object: "event", type, data: { object } });
}
const deliver = (payload: string) =>
  receiveStripeWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }), SECRET);
const chargeRefunded = (paymentIntent: string, refunds: FakeRefund[]) =>
  event("charge.refunded", { object: "charge", payment_intent: paymentIntent, refunds: { data: refunds } });

/** What a webhook delivery did, as its answer says. */
const resultOf = async (answer: Promise<{ body: string }>) => JSON.parse((await answer).body).result;
const newIntent = () => `pi_${createToken().slice(0, 16)}`;

/** A checkout session of the order (its receipt's, or its invoice's), completed: `amount` paid through `paymentIntent`. */
async function paidBySession(orderId: number, amount: number, paymentIntent: string) {
  const sessionId = `cs_test_${orderId}_${createToken().slice(0, 8)}`;
  db.insert(checkoutSessions).values({ orderId, stripeSessionId: sessionId, url: "https://x" }).run();
  return deliver(
    event("checkout.session.completed", {
      object: "checkout.session",
      id: sessionId,
      status: "complete",
      payment_status: "paid",
      amount_total: amount,
      currency: "usd",
      payment_intent: paymentIntent,
      metadata: {},
    }),
  );
}

/** A card order of $570.00 paid through Stripe with `paymentIntent`. */
async function paidCardOrder() {
  const order = makeOrder({ paymentMethod: "card" });
  const paymentIntent = newIntent();
  await paidBySession(order.orderId, 57000, paymentIntent);
  expect(getOrder(order.orderId)!.status).toBe("paid");
  return { ...order, paymentIntent };
}

const refundEmails = (reference: string) =>
  db
    .select({ subject: outboxEmails.subject, kind: outboxEmails.attachmentKind, id: outboxEmails.attachmentId })
    .from(outboxEmails)
    .where(and(like(outboxEmails.subject, `Refund of %`), like(outboxEmails.subject, `%${reference}`)))
    .all();
const key = () => createToken().slice(0, 24);

describe("refundOrder", () => {
  it("refunds part, then the rest: two credit notes in sequence, one e-mail each, and the order refunded", async () => {
    const { orderId, reference, paymentIntent } = await paidCardOrder();
    const stripe = fakeStripe({ [paymentIntent]: 57000 });
    const first = await refundOrder(
      orderId,
      { amountCents: 12000, reason: "Two gauges returned", requestKey: key() },
      SALES,
      stripe.refunds,
    );
    expect(first).toMatchObject({
      ok: true,
      creditNote: { amountCents: 12000, reason: "Two gauges returned", createdBy: SALES },
    });
    expect(getOrder(orderId)!.status).toBe("paid");
    expect(stripe.made[0]).toMatchObject({ amount: 12000, payment_intent: paymentIntent });
    let account = getInvoiceAccount(orderId)!;
    expect(account).toMatchObject({ paidCents: 57000, creditedCents: 12000, refundedCents: 12000, balanceCents: 0 });

    const rest = await refundOrder(
      orderId,
      { amountCents: 45000, reason: "Order returned", requestKey: key() },
      SALES,
      stripe.refunds,
    );
    expect(rest.ok).toBe(true);
    expect(getOrder(orderId)!.status).toBe("refunded");
    account = getInvoiceAccount(orderId)!;
    expect(account.creditedCents).toBe(57000);
    const notes = creditNotesOf(orderId);
    expect(notes.map((n) => n.number)).toHaveLength(2);
    expect(notes[0].number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(notes[1].sequence).toBe(notes[0].sequence + 1);
    expect(refundEmails(reference)).toEqual([
      { subject: `Refund of $120.00 for order ${reference}`, kind: "credit_note", id: notes[0].id },
      { subject: `Refund of $450.00 for order ${reference}`, kind: "credit_note", id: notes[1].id },
    ]);
    // Nothing is left: a further refund is refused, and Stripe is not asked.
    const again = await refundOrder(
      orderId,
      { amountCents: 100, reason: "x", requestKey: key() },
      SALES,
      stripe.refunds,
    );
    expect(again).toMatchObject({ ok: false, field: "amount", message: expect.stringMatching(/refunded in full/) });
    expect(stripe.made).toHaveLength(2);
  });

  it("refuses more than was paid and not yet refunded, at the amount field, writing nothing", async () => {
    const { orderId, paymentIntent } = await paidCardOrder();
    const stripe = fakeStripe({ [paymentIntent]: 57000 });
    await refundOrder(orderId, { amountCents: 50000, reason: "Part", requestKey: key() }, SALES, stripe.refunds);
    const over = await refundOrder(
      orderId,
      { amountCents: 7001, reason: "Too much", requestKey: key() },
      SALES,
      stripe.refunds,
    );
    expect(over).toEqual({
      ok: false,
      field: "amount",
      message: "That is more than was paid and not yet refunded: refund at most $70.00",
    });
    expect(stripe.made).toHaveLength(1);
    expect(creditNotesOf(orderId)).toHaveLength(1);
  });

  it("brings Stripe's refusal back as a message, writing nothing; an unpaid or invoice order has nothing to refund", async () => {
    const { orderId, paymentIntent } = await paidCardOrder();
    const stripe = fakeStripe({ [paymentIntent]: 57000 });
    stripe.failWith(new Error("Connection to Stripe timed out"));
    const failed = await refundOrder(
      orderId,
      { amountCents: 100, reason: "x", requestKey: key() },
      SALES,
      stripe.refunds,
    );
    expect(failed).toEqual({
      ok: false,
      field: "amount",
      message: "Stripe did not make the refund: Connection to Stripe timed out",
    });
    expect(creditNotesOf(orderId)).toHaveLength(0);
    expect(await refundOrder(orderId, { amountCents: 100, reason: "x", requestKey: key() }, SALES, null)).toMatchObject(
      {
        ok: false,
        message: expect.stringMatching(/not available/),
      },
    );
    const unpaid = makeOrder({ paymentMethod: "card" });
    expect(
      await refundOrder(unpaid.orderId, { amountCents: 100, reason: "x", requestKey: key() }, SALES, stripe.refunds),
    ).toMatchObject({
      ok: false,
      message: "This order has no card payment to refund.",
    });
  });

  it("makes one refund and one credit note of a form submitted twice", async () => {
    const { orderId, reference, paymentIntent } = await paidCardOrder();
    const stripe = fakeStripe({ [paymentIntent]: 57000 });
    const input = { amountCents: 2500, reason: "Freight overcharged", requestKey: key() };
    const [a, b] = await Promise.all([
      refundOrder(orderId, input, SALES, stripe.refunds),
      refundOrder(orderId, input, SALES, stripe.refunds),
    ]);
    expect(a.ok && b.ok && a.creditNote.id === b.creditNote.id).toBe(true);
    expect(stripe.made).toHaveLength(1);
    expect(creditNotesOf(orderId)).toHaveLength(1);
    expect(refundEmails(reference)).toHaveLength(1);
    // The same page view's form changed and sent again: refused, nothing more refunded.
    expect(await refundOrder(orderId, { ...input, amountCents: 3000 }, SALES, stripe.refunds)).toEqual({
      ok: false,
      field: "amount",
      message: SENT_WITH_OTHER_VALUES,
    });
    expect(stripe.made).toHaveLength(1);
    expect(creditNotesOf(orderId)).toHaveLength(1);
  });
});

describe("an invoice paid by card twice", () => {
  it("refunds each card payment on its own: sales chooses which, and a refund from Stripe's dashboard counts against its own payment", async () => {
    const { orderId } = makeOrder({ paymentMethod: "invoice" });
    const total = getOrder(orderId)!.totalCents;
    const [first, second] = [newIntent(), newIntent()];
    expect(await resultOf(paidBySession(orderId, 20000, first))).toBe("paid-in-part");
    expect(await resultOf(paidBySession(orderId, total - 20000, second))).toBe("paid");
    const today = new Date().toISOString().slice(0, 10);
    expect(refundableOf(orderId)).toEqual({
      cents: total,
      payments: [
        { paymentIntentId: first, paidCents: 20000, receivedOn: today, cents: 20000 },
        { paymentIntentId: second, paidCents: total - 20000, receivedOn: today, cents: total - 20000 },
      ],
    });
    const stripe = fakeStripe({ [first]: 20000, [second]: total - 20000 });
    const refund = (amountCents: number, paymentIntentId?: string) =>
      refundOrder(
        orderId,
        { amountCents, reason: "Returned", requestKey: key(), paymentIntentId },
        SALES,
        stripe.refunds,
      );

    // Which payment is not said, or is not the order's: refused at that field, Stripe not asked.
    expect(await refund(100)).toMatchObject({ ok: false, field: "payment", message: expect.stringMatching(/choose/) });
    expect(await refund(100, newIntent())).toMatchObject({ ok: false, field: "payment" });
    // More than the payment chosen holds, though the cards paid more.
    expect(await refund(20001, first)).toEqual({
      ok: false,
      field: "amount",
      message: "That is more than was paid and not yet refunded: refund at most $200.00",
    });
    expect(stripe.made).toEqual([]);

    // The first payment in full, then part of the second; then, only the second holding anything,
    // a refund without a choice goes back to it.
    expect((await refund(20000, first)).ok).toBe(true);
    expect((await refund(5000, second)).ok).toBe(true);
    expect((await refund(1000)).ok).toBe(true);
    expect(stripe.made.map((made) => [made.payment_intent, made.amount])).toEqual([
      [first, 20000],
      [second, 5000],
      [second, 1000],
    ]);
    expect(creditNotesOf(orderId).map((note) => [note.stripePaymentIntentId, note.amountCents])).toEqual([
      [first, 20000],
      [second, 5000],
      [second, 1000],
    ]);
    expect(refundableOf(orderId)).toMatchObject({
      cents: total - 26000,
      payments: [{ cents: 0 }, { cents: total - 26000 }],
    });

    // Refunds made in Stripe's dashboard: of the first, which holds nothing now, not credited,
    // though the second still holds money; of the second, credited.
    const dashboard = (amount: number, paymentIntent: string) =>
      deliver(
        event("refund.created", {
          object: "refund",
          id: `re_${createToken().slice(0, 16)}`,
          amount,
          payment_intent: paymentIntent,
          status: "succeeded",
        }),
      );
    expect(await resultOf(dashboard(100, first))).toBe("more-than-paid");
    expect(await resultOf(dashboard(total - 26000, second))).toBe("credited");
    expect(creditNotesOf(orderId).map((note) => note.stripePaymentIntentId)).toEqual([first, second, second, second]);
    expect(getOrder(orderId)!.status).toBe("refunded");
  });
});

describe("refund webhooks", () => {
  it("replayed, shuffled and ahead of the API's answer: exactly one credit note and one e-mail per refund", async () => {
    const { orderId, reference, paymentIntent } = await paidCardOrder();
    const seen: FakeRefund[] = [];
    // The webhook for each refund arrives before refundOrder has the API's answer.
    const stripe = fakeStripe({ [paymentIntent]: 57000 }, async (refund) => {
      seen.push(refund);
      expect((await deliver(event("refund.created", refund))).status).toBe(200);
    });
    await refundOrder(
      orderId,
      { amountCents: 10000, reason: "Damaged gauge", requestKey: key() },
      SALES,
      stripe.refunds,
    );
    await refundOrder(
      orderId,
      { amountCents: 47000, reason: "Rest returned", requestKey: key() },
      SALES,
      stripe.refunds,
    );
    const payloads = [
      event("refund.created", seen[0]),
      event("refund.updated", seen[1]),
      chargeRefunded(paymentIntent, [seen[0]]),
      chargeRefunded(paymentIntent, seen),
      event("refund.created", seen[1]),
    ];
    // Each delivered three times, shuffled (a fixed seed, so a failure replays).
    let seed = 7;
    const deliveries = payloads
      .flatMap((p) => [p, p, p])
      .map((payload) => ({ payload, rank: (seed = (seed * 48271) % 2147483647) }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ payload }) => payload);
    for (const payload of deliveries) expect((await deliver(payload)).status).toBe(200);
    const notes = creditNotesOf(orderId);
    expect(notes.map((n) => [n.amountCents, n.stripeRefundId, n.reason])).toEqual([
      [10000, seen[0].id, "Damaged gauge"],
      [47000, seen[1].id, "Rest returned"],
    ]);
    expect(refundEmails(reference)).toHaveLength(2);
    expect(getOrder(orderId)!.status).toBe("refunded");
    expect(
      db
        .select({ n: count() })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, "refunded")))
        .get()!.n,
    ).toBe(1);
  });

  it("records a refund made in Stripe's dashboard when its webhook comes, once", async () => {
    const { orderId, reference, paymentIntent } = await paidCardOrder();
    const refund: FakeRefund = {
      id: "re_dash_" + orderId,
      object: "refund",
      amount: 5700,
      payment_intent: paymentIntent,
      status: "succeeded",
      metadata: {},
    };
    const pending = { ...refund, status: "pending" };
    expect(JSON.parse((await deliver(event("refund.created", pending))).body).result).toBe("ignored");
    expect(creditNotesOf(orderId)).toHaveLength(0);
    expect(JSON.parse((await deliver(chargeRefunded(paymentIntent, [refund]))).body).result).toBe("credited");
    expect(JSON.parse((await deliver(event("refund.updated", refund))).body).result).toBe("known");
    expect(creditNotesOf(orderId)).toEqual([
      expect.objectContaining({ amountCents: 5700, reason: DASHBOARD_REFUND_REASON, createdBy: "stripe" }),
    ]);
    expect(refundEmails(reference)).toHaveLength(1);
    expect(getOrder(orderId)!.status).toBe("paid");
  });

  it("refuses a refund event that is not a refund with 400, and ignores refunds of payments that are not a receipt's", async () => {
    const { orderId } = await paidCardOrder();
    expect((await deliver(event("refund.created", { id: "re_x" }))).status).toBe(400);
    const stranger = {
      id: "re_stranger",
      object: "refund",
      amount: 100,
      payment_intent: "pi_unknown",
      status: "succeeded",
    };
    // Kept in case its payment is reported later; credited to nothing meanwhile.
    expect(JSON.parse((await deliver(event("refund.created", stranger))).body).result).toBe("waiting-for-its-payment");
    expect(creditNotesOf(orderId)).toHaveLength(0);
  });

  it("keeps credit notes as issued: never edited, never deleted", async () => {
    const { orderId, paymentIntent } = await paidCardOrder();
    await refundOrder(
      orderId,
      { amountCents: 100, reason: "x", requestKey: key() },
      SALES,
      fakeStripe({ [paymentIntent]: 57000 }).refunds,
    );
    const [note] = creditNotesOf(orderId);
    expect(() => db.update(creditNotes).set({ amountCents: 1 }).where(eq(creditNotes.id, note.id)).run()).toThrow(
      /never edited/,
    );
    expect(() => db.delete(creditNotes).where(eq(creditNotes.id, note.id)).run()).toThrow(/never deleted/);
  });
});

describe("refundFlaggedPayment", () => {
  it("refunds the second payment of a paid order through Stripe: the flag is cleared, no credit note", async () => {
    const { orderId, paymentIntent } = await paidCardOrder();
    const second = `pi_second_${orderId}`;
    const sessionId = `cs_test_second_${orderId}`;
    db.insert(checkoutSessions).values({ orderId, stripeSessionId: sessionId, url: "https://x" }).run();
    await deliver(
      event("checkout.session.completed", {
        object: "checkout.session",
        id: sessionId,
        status: "complete",
        payment_status: "paid",
        amount_total: 57000,
        currency: "usd",
        payment_intent: second,
        metadata: {},
      }),
    );
    expect(getOrder(orderId)).toMatchObject({ status: "paid", flaggedPaymentIntentId: second });
    const stripe = fakeStripe({ [paymentIntent]: 57000, [second]: 57000 });
    const refunded = await refundFlaggedPayment(orderId, "Paid twice by the buyer", SALES, { refunds: stripe.refunds });
    expect(refunded).toMatchObject({ ok: true, refund: { amount: 57000 } });
    expect(stripe.made).toEqual([expect.objectContaining({ payment_intent: second, amount: 57000 })]);
    expect(getOrder(orderId)).toMatchObject({ status: "paid", flaggedReason: null });
    // Its webhook is not a refund of the receipt's payment: no credit note.
    await deliver(chargeRefunded(second, stripe.made));
    expect(creditNotesOf(orderId)).toHaveLength(0);
    expect(await refundFlaggedPayment(orderId, "again", SALES, { refunds: stripe.refunds })).toMatchObject({
      ok: false,
    });
    expect(stripe.made).toHaveLength(1);
  });
});
