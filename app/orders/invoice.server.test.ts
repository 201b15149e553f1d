import { desc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invoicePayments, invoiceReminders, invoices, orders, outboxEmails } from "~db/schema";
import { ownerOf } from "~/accounts/account-owner";
import { db, sqlite, writeTransaction } from "~/lib/db.server";
import {
  acceptAddresses,
  makeCompany,
  makeOrder,
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
  payInvoiceInFull,
  uniqueEmail,
} from "../../tests/support/factories";
import { acceptQuoteWithOrder } from "~/quotes/quote-order.server";
import { pdfPages } from "../../tests/support/pdf-text";
import { addDays } from "./invoice-rules";
import { invoicePdfOfOrder } from "./invoice-pdf.server";
import {
  confirmOrderPaid,
  getInvoiceAccount,
  issueInvoice,
  listInvoices,
  recordInvoicePayment,
  sendDueInvoiceReminders,
} from "./invoice.server";
import { cancelOrderBySales, getOrder } from "./order.server";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/money";

const today = () => new Date().toISOString().slice(0, 10);
const invoiceOrder = (email = uniqueEmail("ap")) =>
  makeOrder({ paymentMethod: "invoice", buyer: { email, poNumber: "PO-7731" } });
const mailsTo = (email: string) =>
  db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).orderBy(desc(outboxEmails.id)).all();
const pay = (orderId: number, amountCents: number, extra: Partial<Parameters<typeof recordInvoicePayment>[1]> = {}) =>
  recordInvoicePayment(
    orderId,
    { amountCents, receivedOn: today(), method: "ach", reference: "TRACE-1", ...extra },
    "sales:sam@ironaxis.test",
  );

describe("issuing invoices", () => {
  it("issues an invoice order's invoice as it is placed, due on Net 30 without terms of its own, e-mailed with the PDF", () => {
    const email = uniqueEmail("ap");
    const order = invoiceOrder(email);
    const { invoice, balanceCents } = getInvoiceAccount(order.orderId)!;
    expect(invoice).toMatchObject({
      kind: "invoice",
      issuedOn: today(),
      dueOn: addDays(today(), 30),
      terms: "net30",
      totalCents: getOrder(order.orderId)!.totalCents,
    });
    expect(invoice.number).toBe(`INV-${invoice.year}-${String(invoice.sequence).padStart(6, "0")}`);
    expect(balanceCents).toBe(invoice.totalCents);
    const [mail] = mailsTo(email);
    expect(mail).toMatchObject({
      subject: `Invoice ${invoice.number} for order ${order.reference}`,
      attachmentKind: "invoice",
      attachmentId: invoice.id,
    });
    expect(mail.text).toContain(`due ${invoice.dueOn}`);
  });

  it("is due on the net terms the order was placed on", () => {
    const { admin, companyId } = makeCompany("Terms Co", { terms: "net15", creditLimitCents: 100_000_00 });
    const order = makeOrder({
      paymentMethod: "invoice",
      owner: ownerOf({ ...admin, companyId }),
      paymentTerms: "net15",
    });
    expect(getInvoiceAccount(order.orderId)!.invoice).toMatchObject({ terms: "net15", dueOn: addDays(today(), 15) });
  });

  it("numbers invoices without gaps, one per order, asking again returns the same", () => {
    const first = getInvoiceAccount(invoiceOrder().orderId)!.invoice;
    const second = getInvoiceAccount(invoiceOrder().orderId)!.invoice;
    expect(second.sequence).toBe(first.sequence + 1);
    expect(writeTransaction(() => issueInvoice(second.orderId, "invoice")).id).toBe(second.id);
    const { year } = first;
    const sequences = db
      .select({ sequence: invoices.sequence })
      .from(invoices)
      .where(eq(invoices.year, year))
      .orderBy(invoices.sequence)
      .all()
      .map((row) => row.sequence);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  });

  it("never edits or deletes an issued invoice, nor a recorded payment", () => {
    const order = invoiceOrder();
    const { invoice } = getInvoiceAccount(order.orderId)!;
    expect(() => sqlite.prepare("UPDATE invoices SET total_cents = 1 WHERE id = ?").run(invoice.id)).toThrow(
      /never edited/,
    );
    expect(() => sqlite.prepare("UPDATE invoices SET number = 'INV-X' WHERE id = ?").run(invoice.id)).toThrow(
      /never edited/,
    );
    expect(() => sqlite.prepare("DELETE FROM invoices WHERE id = ?").run(invoice.id)).toThrow(/never deleted/);
    expect(pay(order.orderId, 1_00).ok).toBe(true);
    expect(() =>
      sqlite.prepare("UPDATE invoice_payments SET amount_cents = 5 WHERE invoice_id = ?").run(invoice.id),
    ).toThrow(/never edited/);
  });

  it("issues no invoice for a card order until it is paid", () => {
    expect(getInvoiceAccount(makeOrder().orderId)).toBeUndefined();
  });
});

describe("recording payments", () => {
  it("takes an invoice in two parts: the balance shown and mailed, then paid with one confirmation", () => {
    const email = uniqueEmail("ap");
    const order = invoiceOrder(email);
    const total = getOrder(order.orderId)!.totalCents;
    const first = Math.floor(total / 3);
    expect(pay(order.orderId, first)).toEqual({ ok: true, paidInFull: false });
    expect(getOrder(order.orderId)!.status).toBe("awaiting_payment");
    expect(getInvoiceAccount(order.orderId)!.balanceCents).toBe(total - first);
    expect(mailsTo(email)[0].subject).toMatch(/^Payment of \$[\d,.]+ received for invoice INV-/);

    expect(pay(order.orderId, total - first + 1)).toMatchObject({ ok: false, field: "amountCents" });
    expect(pay(order.orderId, 5_00, { receivedOn: addDays(today(), 1) })).toMatchObject({
      ok: false,
      field: "receivedOn",
    });
    expect(pay(order.orderId, 5_00, { receivedOn: "2020-01-01" })).toMatchObject({
      ok: false,
      field: "receivedOn",
      message: expect.stringContaining("before the order was placed"),
    });
    expect(pay(order.orderId, total - first)).toEqual({ ok: true, paidInFull: true });
    expect(getOrder(order.orderId)).toMatchObject({ status: "paid" });
    expect(getInvoiceAccount(order.orderId)).toMatchObject({ paidCents: total, balanceCents: 0 });
    const [paid] = mailsTo(email);
    expect(paid).toMatchObject({ subject: `Payment received for order ${order.reference}`, attachmentKind: "invoice" });
    expect(mailsTo(email).filter((mail) => mail.subject.startsWith("Payment received"))).toHaveLength(1);
    // Nothing more can be recorded: the order is paid.
    expect(pay(order.orderId, 1)).toMatchObject({ ok: false, field: "amountCents" });
    expect(
      db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, paid.attachmentId!)).all(),
    ).toHaveLength(2);
  });

  it("refuses a payment on a card order's receipt or an order with no invoice", () => {
    expect(pay(makeOrder().orderId, 1_00)).toMatchObject({ ok: false, field: "amountCents" });
  });
});

describe("overdue reminders", () => {
  it("reminds on the due day, a week after and a month after, once each, and not once paid", () => {
    const email = uniqueEmail("late");
    const order = invoiceOrder(email);
    const { invoice } = getInvoiceAccount(order.orderId)!;
    const at = (days: number) => new Date(`${addDays(invoice.dueOn, days)}T12:00:00Z`);
    const reminders = () =>
      db
        .select({ stage: invoiceReminders.stage })
        .from(invoiceReminders)
        .where(eq(invoiceReminders.invoiceId, invoice.id))
        .all()
        .map((row) => row.stage);
    const overdueMails = () => mailsTo(email).filter((mail) => /due today|overdue/.test(mail.subject));

    sendDueInvoiceReminders(at(-1));
    expect(reminders()).toEqual([]);
    sendDueInvoiceReminders(at(0));
    sendDueInvoiceReminders(at(0));
    expect(reminders()).toEqual(["due"]);
    expect(overdueMails()[0]).toMatchObject({
      subject: `Invoice ${invoice.number} is due today`,
      attachmentKind: "invoice",
    });
    sendDueInvoiceReminders(at(8));
    expect(reminders()).toEqual(["due", "overdue_7"]);
    expect(overdueMails()[0].subject).toBe(`Reminder: invoice ${invoice.number} is 8 days overdue`);
    expect(overdueMails()).toHaveLength(2);

    payInvoiceInFull(order.orderId);
    sendDueInvoiceReminders(at(31));
    expect(reminders()).toEqual(["due", "overdue_7"]);
  });
});

describe("the invoice PDF and the aging list", () => {
  it("shows the seller, bill-to, PO, lines, payments, balance, due date and how to pay", async () => {
    const order = invoiceOrder();
    const { invoice } = getInvoiceAccount(order.orderId)!;
    expect(pay(order.orderId, 100_00, { method: "check", reference: "CHK 1042" }).ok).toBe(true);
    const pdf = (await invoicePdfOfOrder(order.orderId))!;
    expect(pdf.filename).toBe(`IronAxis-${invoice.number}.pdf`);
    const text = (await pdfPages(pdf.content)).join("\n");
    for (const expected of [
      `Invoice ${invoice.number}`,
      `due ${invoice.dueOn} (Net 30)`,
      "IronAxis, Inc.",
      "BILL TO",
      "PO-7731",
      order.reference,
      "(CHK 1042)",
      "Balance due",
      "ABA routing",
      "Page 1 of 1",
    ])
      expect(text).toContain(expected);
  });

  it("is addressed to the contact at issue: a contact changed later (a person leaving the company) changes no issued invoice", async () => {
    const order = invoiceOrder();
    const before = getOrder(order.orderId)!;
    db.update(orders)
      .set({ contactName: "Priya Raman", email: "priya@acme.example" })
      .where(eq(orders.id, order.orderId))
      .run();
    const text = (await pdfPages((await invoicePdfOfOrder(order.orderId))!.content)).join("\n");
    expect(text).toContain(before.email);
    expect(text).not.toContain("priya@acme.example");
    // An invoice issued before the contact was kept on it shows the order's.
    db.update(invoices).set({ addressedTo: null }).where(eq(invoices.orderId, order.orderId)).run();
    expect((await pdfPages((await invoicePdfOfOrder(order.orderId))!.content)).join("\n")).toContain(
      "priya@acme.example",
    );
  });

  it("ages the invoices still owed and totals each bucket", () => {
    const order = invoiceOrder();
    const { invoice } = getInvoiceAccount(order.orderId)!;
    const later = listInvoices({ open: true, now: new Date(`${addDays(invoice.dueOn, 45)}T00:00:00Z`) });
    expect(later.invoices.find((row) => row.id === invoice.id)).toMatchObject({ bucket: "31-60" });
    expect(later.aging["31-60"].count).toBeGreaterThanOrEqual(1);
    const now = listInvoices({ open: true });
    expect(now.invoices.find((row) => row.id === invoice.id)).toMatchObject({
      bucket: "current",
      balanceCents: invoice.totalCents,
    });
    payInvoiceInFull(order.orderId);
    expect(listInvoices({ open: true }).invoices.some((row) => row.id === invoice.id)).toBe(false);
    expect(listInvoices({ open: false }).invoices.find((row) => row.id === invoice.id)).toMatchObject({
      balanceCents: 0,
      bucket: undefined,
    });
  });
});

describe("cancelling an invoiced order", () => {
  it("is refused once money was received against its invoice", () => {
    const order = invoiceOrder();
    expect(pay(order.orderId, 10_00).ok).toBe(true);
    expect(cancelOrderBySales(order.orderId, "Not needed", "sales:test")).toEqual({
      ok: false,
      shipped: false,
      paidInPart: true,
    });
    expect(getOrder(order.orderId)!.status).toBe("awaiting_payment");
  });
});

describe("an accepted quote paid by invoice", () => {
  it("is due on its company's net terms, and on Net 30 for a guest", async () => {
    const { admin, companyId } = makeCompany("Quote Terms Co", { terms: "net60", creditLimitCents: 1_000_000_00 });
    const seller = await makeSalesUser();
    const ours = makeQuoteRequest({ owner: ownerOf({ ...admin, companyId }), clientIp: "10.60.0.1" });
    const guest = makeQuoteRequest({ clientIp: "10.60.0.2" });
    for (const [submitted, days] of [
      [ours, 60],
      [guest, 30],
    ] as const) {
      const revision = makeRevision(submitted.request, seller, { unitPriceCents: 1_000_00 });
      const accepted = acceptQuoteWithOrder(submitted.token, revision.id, {
        addresses: acceptAddresses(),
        method: "invoice",
        poNumber: "PO-Q",
        acceptor: admin,
      });
      expect(accepted.ok && getInvoiceAccount(accepted.orderId)!.invoice.dueOn).toBe(addDays(today(), days));
    }
  });
});

describe("sales hearing of a cart order", () => {
  const salesMails = () =>
    db.select().from(outboxEmails).where(like(outboxEmails.subject, "New order %")).orderBy(outboxEmails.id).all();

  it("is told once, with the order in the back office, when it is placed on invoice or paid by card; not of a quote's", async () => {
    const before = salesMails().length;
    const { orderId } = invoiceOrder();
    const order = getOrder(orderId)!;
    const [mail] = salesMails().slice(before);
    expect(mail).toMatchObject({
      to: env.SALES_EMAIL,
      subject: `New order ${order.reference} from ${order.company}: ${formatMoney(order.totalCents)} on invoice`,
    });
    expect(mail.text).toContain(`/admin/orders/${orderId}`);

    const card = makeOrder().orderId;
    expect(salesMails()).toHaveLength(before + 1); // not before it is paid
    writeTransaction(() => confirmOrderPaid(card));
    writeTransaction(() => confirmOrderPaid(card));
    const paid = getOrder(card)!;
    expect(
      salesMails()
        .slice(before + 1)
        .map((m) => m.subject),
    ).toEqual([`New order ${paid.reference} from ${paid.company}: ${formatMoney(paid.totalCents)} paid by card`]);

    const seller = await makeSalesUser();
    const submitted = makeQuoteRequest({ clientIp: "10.61.0.1" });
    const revision = makeRevision(submitted.request, seller, { unitPriceCents: 1_000_00 });
    const accepted = acceptQuoteWithOrder(submitted.token, revision.id, {
      addresses: acceptAddresses(),
      method: "invoice",
      poNumber: "PO-Q",
    });
    if (!accepted.ok) throw new Error("not accepted");
    expect(salesMails()).toHaveLength(before + 2);
    // Its acceptance told sales, with the order it made.
    const made = getOrder(accepted.orderId)!;
    const [acceptance] = db
      .select()
      .from(outboxEmails)
      .where(like(outboxEmails.subject, `% accepted ${submitted.reference} v1`))
      .all();
    expect(acceptance.text).toContain(`Order ${made.reference}: ${formatMoney(made.totalCents)}, on invoice, PO PO-Q.`);
    expect(acceptance.text).toContain(`/admin/quotes/${submitted.request.id}`);
  });
});

describe("cancelling an unpaid invoice order", () => {
  it("cancels its invoice with a credit note for the balance, attached to the buyer's e-mail", () => {
    const email = uniqueEmail("cancel");
    const order = invoiceOrder(email);
    const { invoice } = getInvoiceAccount(order.orderId)!;
    expect(cancelOrderBySales(order.orderId, "Ordered twice", "sales:test")).toMatchObject({ ok: true });
    const account = getInvoiceAccount(order.orderId)!;
    expect(account.creditNotes).toHaveLength(1);
    expect(account.creditNotes[0]).toMatchObject({
      amountCents: invoice.totalCents,
      reason: "Order cancelled: Ordered twice",
      stripeRefundId: null,
    });
    expect(account.balanceCents).toBe(0);
    const [mail] = mailsTo(email);
    expect(mail).toMatchObject({
      subject: `Order ${order.reference} cancelled`,
      attachmentKind: "credit_note",
      attachmentId: account.creditNotes[0].id,
    });
    expect(mail.text).toContain(`Credit note ${account.creditNotes[0].number}, attached, cancels its invoice`);
    expect(listInvoices({ open: false }).invoices.find((row) => row.id === invoice.id)).toMatchObject({
      balanceCents: 0,
      status: "cancelled",
      bucket: undefined,
    });
  });
});
