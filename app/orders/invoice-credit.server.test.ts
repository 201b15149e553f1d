import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditNotes, orderEvents, outboxEmails } from "~db/schema";
import { db } from "~/lib/db.server";
import { getInvoiceAccount, recordInvoicePayment } from "./invoice.server";
import { getOrder } from "./order.server";
import { creditInvoice } from "./refund.server";
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
