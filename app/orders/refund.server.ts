import { and, asc, eq } from "drizzle-orm";
import Stripe from "stripe";
import { creditNotes, invoicePayments, invoices, orderEvents, outboxEmails, waitingRefunds } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { SENT_WITH_OTHER_VALUES } from "~/lib/sent-forms.server";
import { formatMoney } from "~/lib/money";
import { confirmOrderPaid, getInvoiceAccount, nextInYear, type InvoiceAccount } from "./invoice.server";
import {
  addressedTo,
  creditNoteNumber,
  refundableCents,
  refundProblem,
  refundText,
  type InvoicePaymentMethod,
} from "./invoice-rules";
import { creditNoteEmail, invoiceCreditEmail } from "./order-emails.server";
import { nextOrderStatus, orderAllows } from "./order-lifecycle";
import { creditedTaxCents, taxCreditBounds } from "./sales-tax";
import { getOrder, getOrderLines, moveOrder, orderUrlOf } from "./order.server";
import { resolvePaymentFlag } from "./payment.server";
import { getStripeRefunds, type StripeRefunds } from "./stripe.server";

export type CreditNote = typeof creditNotes.$inferSelect;
type Order = NonNullable<ReturnType<typeof getOrder>>;

/** A refund as Stripe reports it, from the API's answer or a webhook. */
export type RefundFacts = {
  id: string;
  amount: number;
  paymentIntentId: string;
  reason?: string;
  actor?: string;
};

/** The text a credit note carries when the refund was made in Stripe's dashboard. */
export const DASHBOARD_REFUND_REASON = "Refunded in Stripe’s dashboard";

export function creditNotesOf(orderId: number) {
  return db.select().from(creditNotes).where(eq(creditNotes.orderId, orderId)).orderBy(asc(creditNotes.id)).all();
}

export function getCreditNote(orderId: number, number: string) {
  return db
    .select()
    .from(creditNotes)
    .where(and(eq(creditNotes.orderId, orderId), eq(creditNotes.number, number)))
    .get();
}

const sumOf = (rows: { amountCents: number }[]) => rows.reduce((sum, row) => sum + row.amountCents, 0);

/**
 * What may go back of the payments `paid` picks, after the refunds `refunded` picks: never more
 * than the order still holds of everything paid (an invoice may be paid part by card, part by wire).
 */
function refundableOfPart(
  account: InvoiceAccount,
  paid: (payment: InvoiceAccount["payments"][number]) => boolean,
  refunded: (note: InvoiceAccount["creditNotes"][number]) => boolean,
) {
  const part = refundableCents(sumOf(account.payments.filter(paid)), sumOf(account.creditNotes.filter(refunded)));
  return Math.min(part, refundableCents(account.paidCents, account.refundedCents));
}

/** A card payment Stripe reported for an order, and what may still go back to it. */
export type CardRefundable = { paymentIntentId: string; paidCents: number; receivedOn: string; cents: number };

/**
 * What may still be refunded to the cards of an order: in all, and to each card payment Stripe
 * reported (its receipt's, or its invoice's, paid by card once or more), oldest first: what was
 * paid through its payment intent, less what went back to it already. Undefined without one. A
 * card payment sales recorded by hand (a terminal's) is not Stripe's to refund.
 */
export function refundableOf(orderId: number, account = getInvoiceAccount(orderId)) {
  const byCard = account?.payments.filter((payment) => payment.stripePaymentIntentId !== null) ?? [];
  if (!account || !byCard.length) return undefined;
  const payments: CardRefundable[] = byCard.map((payment) => ({
    paymentIntentId: payment.stripePaymentIntentId!,
    paidCents: payment.amountCents,
    receivedOn: payment.receivedOn,
    cents: refundableOfPart(
      account,
      (paid) => paid.stripePaymentIntentId === payment.stripePaymentIntentId,
      (note) => note.stripePaymentIntentId === payment.stripePaymentIntentId,
    ),
  }));
  const cents = refundableOfPart(
    account,
    (payment) => payment.stripePaymentIntentId !== null,
    (note) => note.stripeRefundId !== null,
  );
  return { cents, payments };
}

/**
 * What may still be refunded by hand (a wire, an ACH credit, a check sent back): what was paid in
 * payments sales recorded, less what was sent back by hand already; undefined when none was. With
 * it, how the last of those payments came (the likeliest way back) and the earliest day one arrived.
 */
export function handRefundableOf(orderId: number, account = getInvoiceAccount(orderId)) {
  const byHand = account?.payments.filter((payment) => payment.stripePaymentIntentId === null) ?? [];
  if (!account || !byHand.length) return undefined;
  return {
    cents: refundableOfPart(
      account,
      (payment) => payment.stripePaymentIntentId === null,
      (note) => note.refundMethod !== null,
    ),
    method: byHand[byHand.length - 1].method,
    firstReceivedOn: byHand.map((payment) => payment.receivedOn).sort()[0],
  };
}

/**
 * What an order's invoice still comes to after its credit notes, and the tax still in it: what the
 * next credit note's tax is a share of (`creditedTaxCents`).
 */
export function remainingOf(
  orderId: number,
  account = getInvoiceAccount(orderId),
  orderTaxCents = getOrder(orderId)?.taxCents,
) {
  if (!account || orderTaxCents === undefined) return { totalCents: 0, taxCents: 0 };
  return {
    totalCents: account.invoice.totalCents - account.creditedCents,
    taxCents: orderTaxCents - account.creditNotes.reduce((sum, note) => sum + note.taxCents, 0),
  };
}

/**
 * Writes a credit note against an invoice, in the caller's write transaction: the next number of
 * the year's gap-free sequence, taken as invoices take theirs (ADR 30). Its tax, unless given, is
 * its share of the tax the invoice still carries (`creditedTaxCents`, ADR 50).
 */
export function issueCreditNote(
  note: Pick<CreditNote, "invoiceId" | "orderId" | "amountCents" | "reason" | "stripeRefundId" | "createdBy"> &
    Partial<Pick<CreditNote, "taxCents" | "stripePaymentIntentId" | "refundMethod" | "refundReference" | "refundedOn">>,
  now = new Date(),
) {
  const year = now.getUTCFullYear();
  const next = nextInYear(creditNotes, year);
  const order = getOrder(note.orderId);
  return db
    .insert(creditNotes)
    .values({
      ...note,
      taxCents: note.taxCents ?? creditedTaxCents(note.amountCents, remainingOf(note.orderId)),
      addressedTo: order ? addressedTo(order) : null,
      number: creditNoteNumber(year, next),
      year,
      sequence: next,
      issuedOn: now.toISOString().slice(0, 10),
    })
    .returning()
    .get();
}

/**
 * A refund's credit note told, in the caller's transaction: in the order's timeline (a paid order
 * that keeps nothing of what was paid, `kept`, is refunded; otherwise, and on an invoice still
 * open, whose credit note took the refund off what it owes as well, the status stays) and to the
 * buyer, with its PDF and what the invoice still owes.
 */
function tellRefund(order: Order, creditNote: CreditNote, kept: number, note: string) {
  const actor = creditNote.createdBy;
  if (kept <= 0 && nextOrderStatus(order.status, "refund_in_full"))
    moveOrder(order.id, "refund_in_full", actor, {}, `${note}; refunded in full`);
  else db.insert(orderEvents).values({ orderId: order.id, status: order.status, actor, note }).run();
  const owed = getInvoiceAccount(order.id)!.balanceCents;
  db.insert(outboxEmails)
    .values(creditNoteEmail(order, getOrderLines(order.id), creditNote, orderUrlOf(order), owed))
    .run();
}

/**
 * Records a refund Stripe made as a credit note, in the caller's write transaction: numbered next
 * in its year's sequence, e-mailed once with its PDF, and the order refunded when nothing is
 * left. Once per Stripe refund: reported again (the API's answer, then `refund.created`, then
 * `charge.refunded`, each perhaps twice), it changes nothing. A refund of a payment that is not
 * an order's receipt payment (a flagged payment, another system's) is not ours to credit.
 */
export function recordRefund(refund: RefundFacts, now = new Date()) {
  const known = db.select().from(creditNotes).where(eq(creditNotes.stripeRefundId, refund.id)).get();
  if (known) return { ok: true as const, creditNote: known, fresh: false };
  const payment = db
    .select({ invoiceId: invoices.id, orderId: invoices.orderId })
    .from(invoicePayments)
    .innerJoin(invoices, eq(invoices.id, invoicePayments.invoiceId))
    .where(eq(invoicePayments.stripePaymentIntentId, refund.paymentIntentId))
    .get();
  if (!payment) return { ok: false as const, reason: "not-a-receipt-payment" as const };
  const { orderId } = payment;
  const order = getOrder(orderId)!;
  const left =
    refundableOf(orderId)?.payments.find((card) => card.paymentIntentId === refund.paymentIntentId)?.cents ?? 0;
  // What the order keeps of every payment after this refund (a check's part of an invoice, say).
  const account = getInvoiceAccount(orderId)!;
  const kept = account.paidCents - account.refundedCents - refund.amount;
  if (!orderAllows(order.status, "refund", { paidByCard: true }) || refundProblem(refund.amount, left))
    return { ok: false as const, reason: "more-than-paid" as const };
  const creditNote = issueCreditNote(
    {
      invoiceId: payment.invoiceId,
      orderId,
      amountCents: refund.amount,
      reason: refund.reason?.trim() || DASHBOARD_REFUND_REASON,
      stripeRefundId: refund.id,
      stripePaymentIntentId: refund.paymentIntentId,
      createdBy: refund.actor ?? "stripe",
    },
    now,
  );
  const note = `${formatMoney(refund.amount)} refunded to the card: ${creditNote.number} (${refund.id}): ${creditNote.reason}`;
  tellRefund(order, creditNote, kept, note);
  return { ok: true as const, creditNote, fresh: true };
}

/**
 * A refund Stripe reported for a payment not recorded (yet), in the caller's write transaction:
 * kept, once per refund id, so that it is credited if that payment is recorded later (its
 * `refund.created` overtook the `checkout.session.completed`). Answers what `recordRefund` did.
 */
export function recordOrKeepRefund(refund: RefundFacts) {
  const recorded = recordRefund(refund);
  if (recorded.ok || recorded.reason !== "not-a-receipt-payment") return recorded;
  db.insert(waitingRefunds)
    .values({
      stripeRefundId: refund.id,
      paymentIntentId: refund.paymentIntentId,
      amountCents: refund.amount,
      reason: refund.reason,
      requestedBy: refund.actor,
    })
    .onConflictDoNothing()
    .run();
  return { ok: false as const, reason: "waiting-for-its-payment" as const };
}

/**
 * A card payment was just recorded, in the caller's write transaction: the refunds of it Stripe
 * reported before are credited now (each once: `recordRefund` is keyed by the refund id).
 */
export function creditWaitingRefunds(paymentIntentId: string) {
  const waiting = db.select().from(waitingRefunds).where(eq(waitingRefunds.paymentIntentId, paymentIntentId)).all();
  for (const refund of waiting) {
    const recorded = recordRefund({
      id: refund.stripeRefundId,
      amount: refund.amountCents,
      paymentIntentId,
      reason: refund.reason ?? undefined,
      actor: refund.requestedBy ?? undefined,
    });
    if (recorded.ok) db.delete(waitingRefunds).where(eq(waitingRefunds.stripeRefundId, refund.stripeRefundId)).run();
  }
}

export type RefundInput = {
  amountCents: number;
  reason: string;
  requestKey: string;
  /** The card payment it goes back to, when the order was paid by card more than once. */
  paymentIntentId?: string;
};
type Refused = { ok: false; field: "amount" | "reason" | "payment"; message: string };

/**
 * The card payment a refund goes back to: the one sales chose, else the only one with anything
 * left (the last when none has); undefined when sales must choose, or chose one not the order's.
 */
function refundedPayment(payments: CardRefundable[], chosen: string | undefined) {
  if (chosen) return payments.find((payment) => payment.paymentIntentId === chosen);
  const left = payments.filter((payment) => payment.cents > 0);
  if (left.length > 1) return undefined;
  return left[0] ?? payments[payments.length - 1];
}

const stripeMessage = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * Sales refunds part or all of an order's card payment through Stripe's refunds API, then writes
 * its credit note in one transaction. An order paid by card more than once is refunded to the
 * payment sales chose: one refund goes back to one payment, as Stripe's do. The idempotency key
 * comes from the form's request key, so a double submit makes one refund. Refused with a message
 * at the field, nothing written, when the order has no card payment, sales must choose one or
 * chose one not the order's, the amount is more than is left of it, or Stripe says no.
 */
export async function refundOrder(
  orderId: number,
  input: RefundInput,
  actor: string,
  refunds: StripeRefunds | null | Promise<StripeRefunds | null> = getStripeRefunds(),
) {
  const refuse = (message: string, field: Refused["field"] = "amount"): Refused => ({ ok: false, field, message });
  const gateway = await refunds;
  if (!gateway) return refuse("Card refunds are not available: Stripe is not configured.");
  const order = getOrder(orderId);
  const refundable = refundableOf(orderId);
  if (!order || !refundable || !orderAllows(order.status, "refund", { paidByCard: true }))
    return refuse(
      order?.status === "refunded"
        ? "This payment has been refunded in full: there is nothing left to refund."
        : "This order has no card payment to refund.",
    );
  const payment = refundedPayment(refundable.payments, input.paymentIntentId);
  if (!payment)
    return refuse(
      input.paymentIntentId
        ? "This is not one of the order’s card payments: choose one of those listed."
        : "This order was paid by card more than once: choose the payment the refund goes back to.",
      "payment",
    );
  const problem = refundProblem(input.amountCents, payment.cents);
  if (problem) return refuse(problem);
  let refund;
  try {
    refund = await gateway.create(
      {
        payment_intent: payment.paymentIntentId,
        amount: input.amountCents,
        reason: "requested_by_customer",
        metadata: {
          order_id: String(orderId),
          order_reference: order.reference,
          reason: input.reason.slice(0, 500),
          requested_by: actor.slice(0, 500),
        },
      },
      { idempotencyKey: `order-${orderId}-refund-${input.requestKey}` },
    );
  } catch (error) {
    // The page view's key with another amount or reason: the form was changed and sent again.
    if (error instanceof Stripe.errors.StripeIdempotencyError) return refuse(SENT_WITH_OTHER_VALUES);
    return refuse(`Stripe did not make the refund: ${stripeMessage(error)}`);
  }
  if (refund.status !== "succeeded")
    return refuse(`Stripe answered the refund ${refund.status ?? "without a status"}: nothing was credited yet.`);
  const recorded = writeTransaction(() =>
    recordRefund({
      id: refund.id,
      amount: refund.amount,
      paymentIntentId: payment.paymentIntentId,
      reason: input.reason,
      actor,
    }),
  );
  if (!recorded.ok) return refuse("Stripe refunded it, but it is more than was left to credit: check the order.");
  return { ok: true as const, creditNote: recorded.creditNote };
}

/**
 * "Refund the duplicate": sales refunds a flagged payment (a second payment, one after the order
 * was cancelled, or one of another amount) in full through Stripe, then records the flag resolved.
 * No credit note: the money never paid the invoice.
 */
export async function refundFlaggedPayment(
  orderId: number,
  note: string,
  actor: string,
  {
    shownFor,
    refunds = getStripeRefunds(),
  }: {
    /** The flagged payment's intent as sales' page showed it ("" for none): see `resolvePaymentFlag`. */
    shownFor?: string;
    refunds?: StripeRefunds | null | Promise<StripeRefunds | null>;
  } = {},
) {
  const gateway = await refunds;
  if (!gateway) return { ok: false as const, message: "Card refunds are not available: Stripe is not configured." };
  const order = getOrder(orderId);
  const paymentIntentId = order?.flaggedPaymentIntentId;
  if (
    !order ||
    !order.flaggedReason ||
    !orderAllows(order.status, "refund_payment", { flagged: true }) ||
    (shownFor !== undefined && shownFor !== (paymentIntentId ?? ""))
  )
    return { ok: false as const, message: "This payment has been resolved already." };
  if (!paymentIntentId)
    return {
      ok: false as const,
      message: "Stripe did not report this payment’s payment intent: refund it in Stripe’s dashboard and record that.",
    };
  let refund;
  try {
    refund = await gateway.create(
      {
        payment_intent: paymentIntentId,
        reason: "duplicate",
        metadata: { order_id: String(orderId), order_reference: order.reference, flagged: "true" },
      },
      { idempotencyKey: `order-${orderId}-flag-refund-${paymentIntentId}` },
    );
  } catch (error) {
    return { ok: false as const, message: `Stripe did not make the refund: ${stripeMessage(error)}` };
  }
  // The money is back with the buyer whatever happens next: the note says so even if another
  // resolution was recorded meanwhile.
  resolvePaymentFlag(orderId, "refund", `${refund.id}, ${formatMoney(refund.amount)}: ${note}`, actor, paymentIntentId);
  return { ok: true as const, refund: { id: refund.id, amount: refund.amount } };
}

export type HandRefund = {
  amountCents: number;
  reason: string;
  method: InvoicePaymentMethod;
  reference: string;
  /** The UTC day it was sent. */
  refundedOn: string;
};

/**
 * Sales records a refund sent by hand of money received by wire, ACH or check (goods returned, an
 * overcharge found after payment), in one transaction: a credit note saying how it went back, the
 * buyer e-mailed it, and the order refunded when it holds nothing more. Refused with a message at
 * its field, nothing written, when the order is not paid, the amount is more than was received
 * that way and not yet sent back, or the day is in the future or before that money arrived.
 */
export function recordHandRefund(orderId: number, refund: HandRefund, actor: string) {
  return writeTransaction(() => {
    const refuse = (message: string, field: "amountCents" | "refundedOn" = "amountCents") => ({
      ok: false as const,
      field,
      message,
    });
    const order = getOrder(orderId);
    const refundable = handRefundableOf(orderId);
    if (!order || !refundable || !orderAllows(order.status, "refund", { paidByHand: true }))
      return refuse(
        order?.status === "refunded"
          ? "This order has been refunded in full: there is nothing left to refund."
          : "Only money recorded by hand on an order not cancelled can be refunded this way.",
      );
    const problem = refundProblem(refund.amountCents, refundable.cents);
    if (problem) return refuse(problem);
    if (refund.refundedOn > new Date().toISOString().slice(0, 10))
      return refuse("The day it was sent cannot be in the future", "refundedOn");
    if (refund.refundedOn < refundable.firstReceivedOn)
      return refuse(
        `It cannot have been sent before the money arrived, on ${refundable.firstReceivedOn}`,
        "refundedOn",
      );
    const account = getInvoiceAccount(orderId)!;
    const creditNote = issueCreditNote({
      invoiceId: account.invoice.id,
      orderId,
      amountCents: refund.amountCents,
      reason: refund.reason,
      stripeRefundId: null,
      refundMethod: refund.method,
      refundReference: refund.reference || null,
      refundedOn: refund.refundedOn,
      createdBy: actor,
    });
    const note = `${formatMoney(refund.amountCents)} refunded ${refundText(creditNote)}: ${creditNote.number}: ${refund.reason}`;
    tellRefund(order, creditNote, account.paidCents - account.refundedCents - refund.amountCents, note);
    return { ok: true as const, creditNote };
  });
}

/** `taxCents`: the sales tax in the amount, as sales said; undefined: in proportion (`creditedTaxCents`). */
export type InvoiceCredit = { amountCents: number; reason: string; taxCents?: number };

/**
 * Sales corrects an open invoice with a credit note, in one transaction: a price or tax line
 * charged too high (an issued invoice is never edited, ADR 30). It takes the amount off what the
 * invoice still owes, e-mails the buyer the credit note, and, when it settles what the payments
 * left, makes the order paid. Crediting everything an unpaid invoice owes is a cancellation, which
 * issues its own credit note: refused here, with a word on the cancel form.
 */
export function creditInvoice(orderId: number, credit: InvoiceCredit, actor: string) {
  return writeTransaction(() => {
    const refuse = (message: string, field: "amount" | "tax" = "amount") => ({ ok: false as const, field, message });
    const order = getOrder(orderId);
    const account = getInvoiceAccount(orderId);
    if (!order || !account || account.invoice.kind !== "invoice" || !orderAllows(order.status, "credit_invoice"))
      return refuse("Only an invoice still awaiting payment can be credited.");
    if (credit.amountCents > account.balanceCents)
      return refuse(`At most what the invoice still owes: ${formatMoney(account.balanceCents)}`);
    const settles = credit.amountCents === account.balanceCents;
    if (settles && account.paidCents === 0)
      return refuse("To credit all of an unpaid invoice, cancel the order: its cancellation issues the credit note.");
    if (credit.taxCents !== undefined) {
      const remaining = remainingOf(orderId);
      const { least } = taxCreditBounds(credit.amountCents, remaining);
      if (credit.taxCents > credit.amountCents)
        return refuse("The tax is part of the amount: at most the amount", "tax");
      if (credit.taxCents > remaining.taxCents)
        return refuse(
          `That is more tax than the invoice still carries: at most ${formatMoney(remaining.taxCents)}`,
          "tax",
        );
      if (credit.taxCents < least)
        return refuse(
          `At least ${formatMoney(least)} of it is tax: only ${formatMoney(remaining.totalCents - remaining.taxCents)} of what the invoice still comes to is not`,
          "tax",
        );
    }
    const creditNote = issueCreditNote({
      invoiceId: account.invoice.id,
      orderId,
      amountCents: credit.amountCents,
      taxCents: credit.taxCents,
      reason: credit.reason,
      stripeRefundId: null,
      createdBy: actor,
    });
    const link = orderUrlOf(order);
    const note = `${formatMoney(credit.amountCents)} credited: ${creditNote.number}: ${credit.reason}`;
    db.insert(outboxEmails)
      .values(
        invoiceCreditEmail(order, getOrderLines(orderId), creditNote, account.balanceCents - credit.amountCents, link),
      )
      .run();
    if (settles) {
      moveOrder(orderId, "mark_paid", actor, { paidAt: new Date().toISOString() }, `${note}; settled`);
      confirmOrderPaid(orderId, link);
    } else db.insert(orderEvents).values({ orderId, status: order.status, actor, note }).run();
    return { ok: true as const, creditNote, settled: settles };
  });
}
