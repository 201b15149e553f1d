import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import {
  creditNotes,
  invoicePayments,
  invoiceReminders,
  invoices,
  orderEvents,
  orders,
  outboxEmails,
} from "~db/schema";
import { DEFAULT_NET_TERMS, NET_TERMS_DAYS } from "~/accounts/payment-terms";
import { db, writeTransaction } from "~/lib/db.server";
import { formatMoney } from "~/lib/money";
import { plural } from "~/lib/plural";
import {
  addressedTo,
  agingBucket,
  AGING_BUCKETS,
  balanceCents,
  daysBetween,
  dueDate,
  invoiceNumber,
  overdueStageDue,
  PAYMENT_METHOD_LABEL,
  paymentProblem,
  refundsMoney,
  refundText,
  type AgingBucket,
  type InvoiceKind,
  type InvoicePaymentMethod,
  type OverdueStage,
} from "./invoice-rules";
import {
  invoiceIssuedEmail,
  invoiceOverdueEmail,
  newOrderForSalesEmail,
  partPaymentEmail,
  paymentReceivedEmail,
} from "./order-emails.server";
import { salesRecipient } from "~/accounts/sales-recipient.server";
import { orderAllows, orderStatusesAllowing } from "./order-lifecycle";
import { getOrder, getOrderLines, moveOrder, orderUrlOf } from "./order.server";
import { issueCreditNote } from "./refund.server";

export type InvoicePayment = typeof invoicePayments.$inferSelect;
type Order = NonNullable<ReturnType<typeof getOrder>>;

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

export function getInvoiceOfOrder(orderId: number) {
  return db.select().from(invoices).where(eq(invoices.orderId, orderId)).get();
}

function paymentsOf(invoiceId: number) {
  return db
    .select()
    .from(invoicePayments)
    .where(eq(invoicePayments.invoiceId, invoiceId))
    .orderBy(asc(invoicePayments.id))
    .all();
}

const paidCents = (payments: Pick<InvoicePayment, "amountCents">[]) =>
  payments.reduce((sum, payment) => sum + payment.amountCents, 0);

function creditNotesOfInvoice(invoiceId: number) {
  return db.select().from(creditNotes).where(eq(creditNotes.invoiceId, invoiceId)).orderBy(asc(creditNotes.id)).all();
}

/**
 * An order's invoice or receipt with its payments, credit notes and balance, for its pages and its
 * PDF; undefined before one is issued. A credit note that refunded money (to the card, or sent by
 * hand: `refundsMoney`) gave it back as well: it lowers what was paid as much as what is owed.
 */
export function getInvoiceAccount(orderId: number) {
  const invoice = getInvoiceOfOrder(orderId);
  if (!invoice) return undefined;
  const payments = paymentsOf(invoice.id);
  const credits = creditNotesOfInvoice(invoice.id);
  const paid = paidCents(payments);
  const credited = credits.reduce((sum, note) => sum + note.amountCents, 0);
  const refunded = credits.reduce((sum, note) => sum + (refundsMoney(note) ? note.amountCents : 0), 0);
  return {
    invoice,
    payments,
    creditNotes: credits.map((note) => ({ ...note, refund: refundText(note) })),
    paidCents: paid,
    creditedCents: credited,
    refundedCents: refunded,
    balanceCents: balanceCents(invoice.totalCents, paid - refunded, credited),
  };
}
export type InvoiceAccount = NonNullable<ReturnType<typeof getInvoiceAccount>>;

/** The invoice as its buyer sees it: who at IronAxis recorded each payment stays in the back office. */
export function buyersInvoice(orderId: number) {
  const account = getInvoiceAccount(orderId);
  return (
    account && {
      ...account,
      payments: account.payments.map(({ recordedBy: _recordedBy, ...payment }) => payment),
      creditNotes: account.creditNotes.map(
        ({ createdBy: _createdBy, stripeRefundId: _refund, stripePaymentIntentId: _intent, ...note }) => note,
      ),
    }
  );
}

/**
 * Issues the order's invoice (an invoice order, due on its terms) or receipt (a card order, paid),
 * in the caller's write transaction: the next number of the year's sequence, read and taken in
 * that transaction, so numbers stay gap-free and unique whatever runs at the same time. An order
 * has one; asking again returns it.
 */
export function issueInvoice(orderId: number, kind: InvoiceKind, now = new Date()) {
  const existing = getInvoiceOfOrder(orderId);
  if (existing) return existing;
  const order = getOrder(orderId);
  if (!order) throw new Error(`No order ${orderId} to invoice`);
  const year = now.getUTCFullYear();
  const next = nextInYear(invoices, year);
  const issuedOn = dayOf(now);
  const terms = kind === "invoice" ? (order.paymentTerms ?? DEFAULT_NET_TERMS) : null;
  const invoice = db
    .insert(invoices)
    .values({
      number: invoiceNumber(year, next),
      year,
      sequence: next,
      orderId,
      kind,
      issuedOn,
      dueOn: terms ? dueDate(issuedOn, NET_TERMS_DAYS[terms]) : issuedOn,
      terms,
      totalCents: order.totalCents,
      currency: order.currency,
      addressedTo: addressedTo(order),
    })
    .returning()
    .get();
  return invoice;
}

/**
 * The next number of a year's gap-free sequence of invoices or credit notes (ADR 30): read in the
 * caller's IMMEDIATE write transaction, which inserts it before anyone else can read the same.
 */
export function nextInYear(documents: typeof invoices | typeof creditNotes, year: number) {
  return db
    .select({ next: sql<number>`coalesce(max(${documents.sequence}), 0) + 1` })
    .from(documents)
    .where(eq(documents.year, year))
    .get()!.next;
}

/** Sales hears of a cart order once it is placed on invoice or paid by card (a quote's, when it is accepted). */
function tellSalesOfCartOrder(order: NonNullable<ReturnType<typeof getOrder>>) {
  if (order.quoteRequestId !== null) return;
  const email = newOrderForSalesEmail(order, getOrderLines(order.id), salesRecipient(order.companyId));
  db.insert(outboxEmails).values(email).run();
}

/** An invoice order is placed (or approved): its invoice is issued and e-mailed with the PDF, in the caller's transaction. */
export function invoiceOrder(orderId: number, orderUrl?: string) {
  const order = getOrder(orderId)!;
  const invoice = issueInvoice(orderId, "invoice");
  db.insert(outboxEmails)
    .values(invoiceIssuedEmail(order, getOrderLines(orderId), invoice, orderUrl ?? orderUrlOf(order)))
    .run();
  tellSalesOfCartOrder(order);
  return invoice;
}

/**
 * The order is paid in full: a card order's receipt is issued now, with the card payment on it,
 * and the buyer is sent the confirmation with the receipt or invoice attached. In the caller's
 * transaction, the one that makes the order paid. `link` is the buyer's private link when the
 * caller has it. `accepted`: a flagged payment sales took as the order's, what Stripe charged
 * (the receipt's payment; short of the total, the rest credited) and who took it.
 */
export function confirmOrderPaid(orderId: number, link?: string, accepted?: { paidCents: number; actor: string }) {
  const order = getOrder(orderId)!;
  let invoice = getInvoiceOfOrder(orderId);
  if (!invoice) {
    invoice = issueInvoice(orderId, "receipt");
    tellSalesOfCartOrder(order);
    const paidCents = accepted?.paidCents ?? invoice.totalCents;
    db.insert(invoicePayments)
      .values({
        invoiceId: invoice.id,
        amountCents: paidCents,
        receivedOn: invoice.issuedOn,
        method: "card",
        reference: order.stripePaymentIntentId ?? "",
        stripePaymentIntentId: order.stripePaymentIntentId,
        recordedBy: "stripe",
      })
      .run();
    // Less than the total, taken as paid in full (a flagged payment sales accepted): the rest is
    // credited, so the receipt's balance is nothing and says why.
    if (paidCents < invoice.totalCents)
      issueCreditNote({
        invoiceId: invoice.id,
        orderId,
        amountCents: invoice.totalCents - paidCents,
        reason: `Accepted as paid in full: ${formatMoney(paidCents, invoice.currency)} charged by card`,
        stripeRefundId: null,
        createdBy: accepted!.actor,
      });
  }
  db.insert(outboxEmails)
    .values(paymentReceivedEmail(order, getOrderLines(orderId), invoice, link ?? orderUrlOf(order)))
    .run();
}

export type PaymentInput = {
  amountCents: number;
  receivedOn: string;
  method: InvoicePaymentMethod;
  reference: string;
};

/**
 * Sales records money received against an order's invoice, in one transaction: part of it (the
 * buyer is told what is still owed) or the rest of it (the order becomes paid, as its lifecycle
 * says, and the buyer gets the confirmation). Refused, with the field to show it at, when the
 * order is not awaiting payment of an invoice or the amount is more than the balance.
 */
export function recordInvoicePayment(orderId: number, input: PaymentInput, actor: string) {
  return writeTransaction(() => {
    const refuse = (field: keyof PaymentInput, message: string) => ({ ok: false as const, field, message });
    const order = getOrder(orderId);
    const account = getInvoiceAccount(orderId);
    if (!order || !account || account.invoice.kind !== "invoice")
      return refuse("amountCents", "This order has no invoice to record a payment against.");
    if (!orderStatusesAllowing("record_payment").includes(order.status))
      return refuse("amountCents", "This order is not awaiting payment: nothing can be recorded against it.");
    const problem = paymentProblem(input.amountCents, account.balanceCents);
    if (problem) return refuse("amountCents", problem);
    if (input.receivedOn > dayOf(new Date()))
      return refuse("receivedOn", "The day the money arrived cannot be in the future");
    const placedOn = order.createdAt.slice(0, 10);
    if (input.receivedOn < placedOn)
      return refuse("receivedOn", `The money cannot have arrived before the order was placed, on ${placedOn}`);
    return { ok: true as const, paidInFull: applyInvoicePayment(order, account, input, actor) };
  });
}

/**
 * Writes a payment the caller has checked (no more than the balance, the order awaiting payment)
 * against the invoice, in the caller's transaction, and tells the buyer: the balance left, or the
 * order paid as its lifecycle says with the confirmation. Returns whether it was paid in full.
 */
function applyInvoicePayment(
  order: Order,
  account: InvoiceAccount,
  input: PaymentInput & { stripePaymentIntentId?: string },
  actor: string,
  link = orderUrlOf(order),
) {
  const { invoice } = account;
  const orderId = order.id;
  db.insert(invoicePayments)
    .values({ invoiceId: invoice.id, ...input, recordedBy: actor })
    .run();
  const balance = account.balanceCents - input.amountCents;
  const note = `${formatMoney(input.amountCents)} received ${input.receivedOn} by ${PAYMENT_METHOD_LABEL[input.method]}${input.reference ? ` (${input.reference})` : ""}; balance ${formatMoney(balance)}`;
  if (balance > 0) {
    db.insert(orderEvents).values({ orderId, status: order.status, actor, note }).run();
    db.insert(outboxEmails)
      .values(
        partPaymentEmail(
          order,
          getOrderLines(orderId),
          invoice,
          { amountCents: input.amountCents, balanceCents: balance },
          link,
        ),
      )
      .run();
    return false;
  }
  moveOrder(orderId, "mark_paid", actor, { paidAt: new Date().toISOString() }, `${note}: paid in full`);
  confirmOrderPaid(orderId, link);
  return true;
}

/** A card payment of an invoice's balance, as Stripe reports it (a completed checkout session). */
export type InvoiceCardPayment = {
  orderId: number;
  paymentIntentId: string;
  /** What Stripe charged, and in which currency. */
  amountCents: number;
  currency: string;
  sessionId: string;
};

/**
 * Records a card payment of an invoice Stripe reported, in the caller's write transaction, once
 * per payment intent: reported again (the webhook replayed, the buyer's return), it changes
 * nothing. It goes the way of the payments sales records (part of the balance: the buyer is told
 * what is left; all of it: the order is paid). More than the balance (two checkouts both paid, or
 * a payment recorded meanwhile) is not written against the invoice: the order is flagged with it
 * for sales to refund, as a second card payment is; on a cancelled order it is a late payment.
 */
export function recordInvoiceCardPayment(payment: InvoiceCardPayment, actor: string, link?: string) {
  const { orderId, paymentIntentId, amountCents, currency, sessionId } = payment;
  const known = db
    .select({ id: invoicePayments.id })
    .from(invoicePayments)
    .where(eq(invoicePayments.stripePaymentIntentId, paymentIntentId))
    .get();
  const order = getOrder(orderId);
  const account = getInvoiceAccount(orderId);
  if (known || !order || !account || order.flaggedPaymentIntentId === paymentIntentId) return "unchanged" as const;
  const inCurrency = currency.toLowerCase() === account.invoice.currency;
  if (inCurrency && orderAllows(order.status, "record_payment") && !paymentProblem(amountCents, account.balanceCents)) {
    const input = {
      amountCents,
      receivedOn: dayOf(new Date()),
      method: "card" as const,
      reference: paymentIntentId,
      stripePaymentIntentId: paymentIntentId,
    };
    return applyInvoicePayment(order, account, input, actor, link) ? ("paid" as const) : ("paid-in-part" as const);
  }
  // Another payment of the order is flagged and not yet resolved: this one waits for it (ADR 48).
  if (order.flaggedReason) return "flag-open" as const;
  const charged = formatMoney(amountCents, currency);
  const flag = { flaggedPaymentIntentId: paymentIntentId };
  if (orderAllows(order.status, "stripe_late_payment")) {
    const reason = `Paid after the order was cancelled: ${charged} (${paymentIntentId}, session ${sessionId}); refund it`;
    moveOrder(orderId, "stripe_late_payment", actor, { ...flag, flaggedReason: reason }, reason);
    return "flagged" as const;
  }
  const reason = `Paid by card ${charged} (${paymentIntentId}, session ${sessionId}) against a balance of ${formatMoney(account.balanceCents, account.invoice.currency)} on ${account.invoice.number}; refund it`;
  db.update(orders)
    .set({ ...flag, flaggedReason: reason, updatedAt: new Date().toISOString() })
    .where(eq(orders.id, orderId))
    .run();
  db.insert(orderEvents).values({ orderId, status: order.status, actor, note: reason }).run();
  return "flagged" as const;
}

/**
 * Reminds buyers of unpaid invoices on the due day, 7 days after and 30 days after: the latest
 * stage reached, once (a reminder row unique per invoice and stage is written with its e-mail in
 * one transaction, so two processes cannot both send it). Returns how many were queued.
 */
export function sendDueInvoiceReminders(now = new Date()) {
  const today = dayOf(now);
  const due = db
    .select({
      invoiceId: invoices.id,
      orderId: invoices.orderId,
      dueOn: invoices.dueOn,
      sent: sql<
        string | null
      >`(select group_concat(${invoiceReminders.stage}) from ${invoiceReminders} where ${invoiceReminders.invoiceId} = ${invoices.id})`,
    })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(
      and(
        eq(invoices.kind, "invoice"),
        lte(invoices.dueOn, today),
        inArray(orders.status, orderStatusesAllowing("record_payment")),
      ),
    )
    .all();
  let queued = 0;
  for (const row of due) {
    const stage = overdueStageDue(row.dueOn, today, (row.sent?.split(",") ?? []) as OverdueStage[]);
    if (!stage) continue;
    writeTransaction(() => {
      const inserted = db
        .insert(invoiceReminders)
        .values({ invoiceId: row.invoiceId, stage })
        .onConflictDoNothing()
        .run().changes;
      const account = getInvoiceAccount(row.orderId)!;
      if (!inserted || account.balanceCents === 0) return;
      const order = getOrder(row.orderId)!;
      db.insert(outboxEmails)
        .values(
          invoiceOverdueEmail(
            order,
            getOrderLines(row.orderId),
            account.invoice,
            { balanceCents: account.balanceCents, daysLate: daysBetween(row.dueOn, today) },
            orderUrlOf(order),
          ),
        )
        .run();
      db.insert(orderEvents)
        .values({
          orderId: row.orderId,
          status: order.status,
          actor: "system",
          note: `Reminder sent: ${account.invoice.number} ${stage === "due" ? "due today" : `${plural(daysBetween(row.dueOn, today), "day")} overdue`}`,
        })
        .run();
      queued++;
    });
  }
  return queued;
}

export const INVOICE_PAGE_SIZE = 50;

/** What was paid against the invoice in the row, in SQL: one indexed probe per row. */
export const paidSubquery = sql<number>`coalesce((select sum(${invoicePayments.amountCents}) from ${invoicePayments} where ${invoicePayments.invoiceId} = ${invoices.id}), 0)`;
/**
 * The credit notes that only lowered what an invoice owes, in SQL (`refundsMoney`, negated). One
 * that refunded money gave it back as well: it lowers what was paid as much, and leaves the
 * balance as it was (as `getInvoiceAccount` counts it).
 */
export const lowersBalanceOnly = sql`${creditNotes.stripeRefundId} is null and ${creditNotes.refundMethod} is null`;
/** What credit notes took off what the invoice in the row owes, in SQL. */
export const creditedSubquery = sql<number>`coalesce((select sum(${creditNotes.amountCents}) from ${creditNotes} where ${creditNotes.invoiceId} = ${invoices.id} and ${lowersBalanceOnly}), 0)`;

/**
 * Invoices for the back office, newest first: all of them, or those still owed (`open`), each
 * with its balance and aging bucket; and what is owed in each bucket over all open invoices.
 */
export function listInvoices({ open, page = 1, now = new Date() }: { open: boolean; page?: number; now?: Date }) {
  const today = dayOf(now);
  const owed = and(eq(invoices.kind, "invoice"), inArray(orders.status, orderStatusesAllowing("record_payment")));
  const rows = db
    .select({
      id: invoices.id,
      number: invoices.number,
      kind: invoices.kind,
      issuedOn: invoices.issuedOn,
      dueOn: invoices.dueOn,
      totalCents: invoices.totalCents,
      paidCents: paidSubquery,
      creditedCents: creditedSubquery,
      orderId: orders.id,
      reference: orders.reference,
      company: orders.company,
      status: orders.status,
    })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(open ? owed : undefined)
    .orderBy(desc(invoices.id))
    .limit(INVOICE_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * INVOICE_PAGE_SIZE)
    .all()
    .map((row) => {
      const balance = balanceCents(row.totalCents, row.paidCents, row.creditedCents);
      const stillOwed = row.kind === "invoice" && orderStatusesAllowing("record_payment").includes(row.status);
      return { ...row, balanceCents: balance, bucket: stillOwed ? agingBucket(row.dueOn, today) : undefined };
    });
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(open ? owed : undefined)
    .get()!.n;
  const aging = Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, { count: 0, cents: 0 }])) as Record<
    AgingBucket,
    { count: number; cents: number }
  >;
  for (const { dueOn, totalCents, paid, credited } of db
    .select({ dueOn: invoices.dueOn, totalCents: invoices.totalCents, paid: paidSubquery, credited: creditedSubquery })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(owed)
    .all()) {
    const bucket = aging[agingBucket(dueOn, today)];
    bucket.count++;
    bucket.cents += balanceCents(totalCents, paid, credited);
  }
  return { invoices: rows, total, page, pageSize: INVOICE_PAGE_SIZE, aging };
}
