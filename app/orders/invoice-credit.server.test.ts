import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditNotes, invoices, orderEvents, orders, outboxEmails } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import {
  creditedSubquery,
  getInvoiceAccount,
  paidSubquery,
  recordInvoiceCardPayment,
  recordInvoicePayment,
} from "./invoice.server";
import { cancelOrderBySales, getOrder } from "./order.server";
import { creditInvoice, handRefundableOf, recordHandRefund, recordRefund, refundableOf } from "./refund.server";
import { makeOrder } from "../../tests/support/factories";

const SALES = "sales:sam@ironaxis.test";
const today = new Date().toISOString().slice(0, 10);

/** An invoice order of $768.00 on Net 30. */
const invoiceOrder = () =>
  makeOrder({
    paymentMethod: "invoice",
    paymentTerms: "net30",
    lines: [
      { productId: null, partNumber: "GC-1", name: "Gauge", quantity: 10, unitPriceCents: 4200 },
      { productId: null, partNumber: "VB-2", name: "Ball valve", quantity: 2, unitPriceCents: 9900 },
      { productId: null, partNumber: null, name: "Freight", quantity: 1, unitPriceCents: 15000, kind: "charge" },
    ],
  }).orderId;

const creditEmails = (orderId: number) => {
  const { reference, email } = getOrder(orderId)!;
  return db
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.to, email), eq(outboxEmails.attachmentKind, "credit_note")))
    .all()
    .filter((mail) => mail.subject.includes(reference));
};

describe("creditInvoice", () => {
  it("takes a credit note off the balance, e-mails it, records it in the timeline, and leaves the order open", () => {
    const orderId = invoiceOrder();
    const credited = creditInvoice(orderId, { amountCents: 5000, reason: "Freight charged twice" }, SALES);
    expect(credited).toMatchObject({ ok: true, settled: false });
    const account = getInvoiceAccount(orderId)!;
    expect(account.balanceCents).toBe(76800 - 5000);
    expect(account.creditNotes.map((note) => [note.amountCents, note.reason, note.createdBy])).toEqual([
      [5000, "Freight charged twice", SALES],
    ]);
    expect(getOrder(orderId)!.status).toBe("awaiting_payment");
    expect(creditEmails(orderId)).toHaveLength(1);
    expect(creditEmails(orderId)[0].subject).toMatch(/^Credit note CN-\d{4}-\d{6} for order /);
    const events = db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all();
    expect(events.at(-1)).toMatchObject({ actor: SALES, status: "awaiting_payment" });
    expect(events.at(-1)!.note).toContain("$50.00 credited");
  });

  it("settles what the payments left: the order is paid", () => {
    const orderId = invoiceOrder();
    recordInvoicePayment(orderId, { amountCents: 70000, receivedOn: today, method: "ach", reference: "" }, SALES);
    expect(creditInvoice(orderId, { amountCents: 6800, reason: "Tax exempt after all" }, SALES)).toMatchObject({
      ok: true,
      settled: true,
    });
    expect(getOrder(orderId)!.status).toBe("paid");
    expect(getInvoiceAccount(orderId)!.balanceCents).toBe(0);
  });

  it("refuses more than is owed, all of an unpaid invoice, and a paid or card order, writing nothing", () => {
    const orderId = invoiceOrder();
    const before = db.select().from(creditNotes).all().length;
    expect(creditInvoice(orderId, { amountCents: 76801, reason: "Too much" }, SALES)).toEqual({
      ok: false,
      field: "amount",
      message: "At most what the invoice still owes: $768.00",
    });
    expect(creditInvoice(orderId, { amountCents: 76800, reason: "All of it" }, SALES)).toMatchObject({
      ok: false,
      message: expect.stringContaining("cancel the order"),
    });
    const card = makeOrder({ paymentMethod: "card" }).orderId;
    expect(creditInvoice(card, { amountCents: 100, reason: "No" }, SALES)).toMatchObject({ ok: false });
    expect(db.select().from(creditNotes).all().length).toBe(before);
    expect(creditEmails(orderId)).toHaveLength(0);
    expect(getOrder(orderId)!.status).toBe("awaiting_payment");
  });
});

describe("recordHandRefund", () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  /** The invoice order paid in full by wire today. */
  const paidByWire = () => {
    const orderId = invoiceOrder();
    const paid = recordInvoicePayment(
      orderId,
      { amountCents: 76800, receivedOn: today, method: "bank_transfer", reference: "FT-IN-1" },
      SALES,
    );
    expect(paid).toMatchObject({ ok: true, paidInFull: true });
    return orderId;
  };
  const refund = (amountCents: number, refundedOn = today) => ({
    amountCents,
    reason: "Two gauges returned",
    method: "bank_transfer" as const,
    reference: "FT-OUT-7",
    refundedOn,
  });
  const refundEmails = (orderId: number) =>
    creditEmails(orderId).filter((mail) => mail.subject.startsWith("Refund of"));

  it("credits part of a paid invoice as refunded by wire: paid less, nothing owed, the buyer told how it went back", () => {
    const orderId = paidByWire();
    const recorded = recordHandRefund(orderId, refund(8400), SALES);
    expect(recorded).toMatchObject({ ok: true });
    const account = getInvoiceAccount(orderId)!;
    expect([account.paidCents, account.refundedCents, account.creditedCents, account.balanceCents]).toEqual([
      76800, 8400, 8400, 0,
    ]);
    expect(account.creditNotes[0]).toMatchObject({
      refundMethod: "bank_transfer",
      refundReference: "FT-OUT-7",
      refundedOn: today,
      refund: `by bank transfer (wire) on ${today}, reference FT-OUT-7`,
    });
    expect(getOrder(orderId)!.status).toBe("paid");
    const [mail] = refundEmails(orderId);
    expect(mail.subject).toBe(`Refund of $84.00 for order ${getOrder(orderId)!.reference}`);
    expect(mail.text).toContain(`by bank transfer (wire) on ${today}, reference FT-OUT-7 (Two gauges returned)`);
    expect(mail.text).not.toContain("card");
    expect(mail.text).not.toContain("still owes");
    const events = db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all();
    expect(events.at(-1)!.note).toMatch(
      /^\$84\.00 refunded by bank transfer \(wire\).*CN-\d{4}-\d{6}: Two gauges returned$/,
    );
    // The back office's lists count it as the account does: money back, not a balance lowered.
    // (Joined as the lists are, so the subqueries' columns are named with their tables.)
    const row = db
      .select({ paid: paidSubquery, credited: creditedSubquery })
      .from(invoices)
      .innerJoin(orders, eq(orders.id, invoices.orderId))
      .where(eq(orders.id, orderId))
      .get();
    expect(row).toEqual({ paid: 76800, credited: 0 });
  });

  it("refunds the rest: the order is refunded, and nothing is left to refund", () => {
    const orderId = paidByWire();
    recordHandRefund(orderId, refund(8400), SALES);
    expect(handRefundableOf(orderId)).toMatchObject({ cents: 68400, method: "bank_transfer" });
    expect(recordHandRefund(orderId, refund(68400), SALES)).toMatchObject({ ok: true });
    expect(getOrder(orderId)!.status).toBe("refunded");
    expect(handRefundableOf(orderId)!.cents).toBe(0);
    expect(recordHandRefund(orderId, refund(100), SALES)).toEqual({
      ok: false,
      field: "amountCents",
      message: "This order has been refunded in full: there is nothing left to refund.",
    });
    expect(refundEmails(orderId)).toHaveLength(2);
  });

  it("refuses more than was received, a day ahead or before the money came, and an order not paid by hand, writing nothing", () => {
    const orderId = paidByWire();
    const unpaid = invoiceOrder();
    const before = db.select().from(creditNotes).all().length;
    expect(recordHandRefund(orderId, refund(76801), SALES)).toMatchObject({
      field: "amountCents",
      message: "That is more than was paid and not yet refunded: refund at most $768.00",
    });
    expect(recordHandRefund(orderId, refund(100, daysAgo(-1)), SALES)).toMatchObject({ field: "refundedOn" });
    expect(recordHandRefund(orderId, refund(100, daysAgo(1)), SALES)).toEqual({
      ok: false,
      field: "refundedOn",
      message: `It cannot have been sent before the money arrived, on ${today}`,
    });
    // Nothing received: nothing to send back.
    expect(recordHandRefund(unpaid, refund(500), SALES)).toMatchObject({ ok: false, field: "amountCents" });
    const card = makeOrder({ paymentMethod: "card" }).orderId;
    expect(recordHandRefund(card, refund(100), SALES)).toMatchObject({ ok: false });
    expect(db.select().from(creditNotes).all().length).toBe(before);
    expect(refundEmails(orderId)).toHaveLength(0);
    expect(getOrder(orderId)!.status).toBe("paid");
  });

  it("sends back what an open invoice received, which still owes the rest; the order can then be cancelled", () => {
    const orderId = invoiceOrder();
    recordInvoicePayment(
      orderId,
      { amountCents: 30000, receivedOn: today, method: "bank_transfer", reference: "" },
      SALES,
    );
    expect(cancelOrderBySales(orderId, "Out of stock", SALES)).toMatchObject({ ok: false, paidInPart: true });
    expect(recordHandRefund(orderId, refund(30000), SALES)).toMatchObject({ ok: true });
    expect(getOrder(orderId)!.status).toBe("awaiting_payment");
    // The credit note took it off what is owed as well: $468.00 still owed, nothing held.
    expect(getInvoiceAccount(orderId)).toMatchObject({ paidCents: 30000, refundedCents: 30000, balanceCents: 46800 });
    expect(refundEmails(orderId).at(-1)!.text).toContain("The invoice still owes $468.00.");
    expect(cancelOrderBySales(orderId, "Out of stock", SALES)).toMatchObject({ ok: true });
    const account = getInvoiceAccount(orderId)!;
    expect(getOrder(orderId)!.status).toBe("cancelled");
    expect(account.creditNotes.map((note) => note.amountCents)).toEqual([30000, 46800]);
    expect(account.balanceCents).toBe(0);
    // Never told it was paid.
    const { reference, email } = getOrder(orderId)!;
    const told = db
      .select({ subject: outboxEmails.subject })
      .from(outboxEmails)
      .where(eq(outboxEmails.to, email))
      .all();
    expect(told.map((mail) => mail.subject).filter((subject) => subject.includes(reference))).not.toContain(
      `Payment received for order ${reference}`,
    );
    const cancelled = db
      .select({ text: outboxEmails.text })
      .from(outboxEmails)
      .where(and(eq(outboxEmails.to, email), eq(outboxEmails.subject, `Order ${reference} cancelled`)))
      .get()!;
    expect(cancelled.text).toContain(`Your order ${reference} has been cancelled: Out of stock. Credit note CN-`);
  });

  it("notes a card refund of an open invoice's card payment in its timeline; the invoice stays open", () => {
    const orderId = invoiceOrder();
    const intent = `pi_${createToken().slice(0, 20)}`;
    writeTransaction(() =>
      recordInvoiceCardPayment(
        { orderId, paymentIntentId: intent, amountCents: 20000, currency: "usd", sessionId: "cs_y" },
        "stripe",
      ),
    );
    const recorded = writeTransaction(() =>
      recordRefund({ id: `re_${createToken().slice(0, 16)}`, amount: 20000, paymentIntentId: intent }),
    );
    expect(recorded).toMatchObject({ ok: true, fresh: true });
    expect(getOrder(orderId)!.status).toBe("awaiting_payment");
    const events = db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all();
    expect(events.at(-1)).toMatchObject({ status: "awaiting_payment" });
    expect(events.at(-1)!.note).toContain("$200.00 refunded to the card");
    expect(getInvoiceAccount(orderId)!.balanceCents).toBe(76800 - 20000);
  });

  it("keeps an invoice paid part by card, part by wire, refundable each way for its own part", () => {
    const orderId = invoiceOrder();
    recordInvoicePayment(orderId, { amountCents: 26800, receivedOn: today, method: "ach", reference: "" }, SALES);
    const intent = `pi_${createToken().slice(0, 20)}`;
    writeTransaction(() =>
      recordInvoiceCardPayment(
        { orderId, paymentIntentId: intent, amountCents: 50000, currency: "usd", sessionId: "cs_x" },
        "stripe",
      ),
    );
    expect(getOrder(orderId)!.status).toBe("paid");
    expect(handRefundableOf(orderId)).toMatchObject({ cents: 26800, method: "ach" });
    expect(refundableOf(orderId)).toMatchObject({
      cents: 50000,
      payments: [{ paymentIntentId: intent, cents: 50000 }],
    });
    expect(recordHandRefund(orderId, { ...refund(26800), method: "ach" }, SALES)).toMatchObject({ ok: true });
    // The ACH part went back; the card's is still the card's to refund, and the order holds it.
    expect(refundableOf(orderId)!.cents).toBe(50000);
    expect(handRefundableOf(orderId)!.cents).toBe(0);
    expect(getOrder(orderId)!.status).toBe("paid");
  });
});
