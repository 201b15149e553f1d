/**
 * Invoices' words and rules: numbers, due dates, balances, aging and overdue reminders. Pure and
 * client-safe (no zod, no drizzle): db/schema.ts imports it relatively, pages and servers alike.
 * Dates are UTC calendar days, YYYY-MM-DD.
 */

// db/schema.ts imports this file relatively, outside the ~/ alias, so this file reaches money's
// module the same way.
// eslint-disable-next-line no-restricted-imports
import { formatMoney } from "../lib/money";

/** An invoice, billed on terms; a receipt, issued paid when a card payment arrives. */
export const INVOICE_KINDS = ["invoice", "receipt"] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** How a payment of an invoice reached us. */
export const PAYMENT_METHODS = ["bank_transfer", "ach", "check", "card", "other"] as const;
export type InvoicePaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABEL: Record<InvoicePaymentMethod, string> = {
  bank_transfer: "Bank transfer (wire)",
  ach: "ACH",
  check: "Check",
  card: "Card",
  other: "Other",
};
export const PAYMENT_METHOD_OPTIONS = PAYMENT_METHODS.map((method) => [method, PAYMENT_METHOD_LABEL[method]] as const);

/** "INV-2026-000123": the year it was issued and its place in that year's gap-free sequence. */
export const invoiceNumber = (year: number, sequence: number) => `INV-${year}-${String(sequence).padStart(6, "0")}`;

/** "CN-2026-000007": a credit note, numbered like invoices in a gap-free sequence of its own per year. */
export const creditNoteNumber = (year: number, sequence: number) => `CN-${year}-${String(sequence).padStart(6, "0")}`;

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The day an invoice issued on `issuedOn` is due, on terms of `netDays` (Net 30: 30). */
export const dueDate = (issuedOn: string, netDays: number) => addDays(issuedOn, netDays);

/** What is still owed: the total less the payments recorded and the credit notes issued, never below zero. */
export function balanceCents(totalCents: number, paidCents: number, creditedCents = 0) {
  return Math.max(0, totalCents - paidCents - creditedCents);
}

/** What an invoice comes to after its credit notes. */
export const netTotalCents = (totalCents: number, creditedCents: number) => totalCents - creditedCents;

/**
 * Whether a credit note gave money back (refunded through Stripe, or sent by hand by wire, ACH or
 * check), rather than only lowering what an invoice owes.
 */
export const refundsMoney = (note: { stripeRefundId: string | null; refundMethod: string | null }) =>
  note.stripeRefundId !== null || note.refundMethod !== null;

/**
 * How a credit note's money went back, as its PDF, the invoice's and the order pages say it: "to
 * the card", "by bank transfer (wire) on 2026-12-06, reference FT26…"; undefined for a credit
 * that only lowered a balance.
 */
export function refundText(note: {
  stripeRefundId: string | null;
  refundMethod: InvoicePaymentMethod | null;
  refundReference: string | null;
  refundedOn: string | null;
}) {
  if (note.stripeRefundId !== null) return "to the card";
  if (note.refundMethod === null) return undefined;
  const reference = note.refundReference ? `, reference ${note.refundReference}` : "";
  return `${SENT_BY[note.refundMethod]}${note.refundedOn ? ` on ${note.refundedOn}` : ""}${reference}`;
}
const SENT_BY: Record<InvoicePaymentMethod, string> = {
  bank_transfer: "by bank transfer (wire)",
  ach: "by ACH",
  check: "by check",
  card: "to a card, at a terminal",
  other: "by hand",
};

/** What may still go back to the buyer: what was paid less what credit notes refunded already. */
export const refundableCents = (paidCents: number, refundedCents: number) => Math.max(0, paidCents - refundedCents);

/**
 * Whether `amountCents` may be refunded when `refundable` may: a positive amount of whole cents
 * no larger than that. The message says why not, for the amount field.
 */
export function refundProblem(amountCents: number, refundable: number) {
  if (refundable <= 0) return "This payment has been refunded in full: there is nothing left to refund.";
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return "Enter an amount above zero";
  if (amountCents > refundable)
    return `That is more than was paid and not yet refunded: refund at most ${formatMoney(refundable)}`;
  return undefined;
}

/**
 * Whether a payment of `amountCents` may be recorded against a balance: a positive amount of
 * whole cents no larger than what is owed. The message says why not, for the amount field.
 */
export function paymentProblem(amountCents: number, balance: number) {
  if (balance <= 0) return "This invoice is paid in full: there is nothing left to record.";
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return "Enter an amount above zero";
  if (amountCents > balance) return `That is more than the balance: record at most ${formatMoney(balance)}`;
  return undefined;
}

/** The aging buckets of unpaid invoices, by days past the due date. */
export const AGING_BUCKETS = ["current", "1-30", "31-60", "60+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const AGING_LABEL: Record<AgingBucket, string> = {
  current: "Current",
  "1-30": "1–30 days overdue",
  "31-60": "31–60 days overdue",
  "60+": "Over 60 days overdue",
};

/** The bucket of an invoice due on `dueOn`, seen on `today`. */
export function agingBucket(dueOn: string, today: string): AgingBucket {
  const late = daysBetween(dueOn, today);
  if (late <= 0) return "current";
  if (late <= 30) return "1-30";
  if (late <= 60) return "31-60";
  return "60+";
}

/** The buyer is reminded of an unpaid invoice on its due day, a week later, and a month later. */
export const OVERDUE_STAGES = ["due", "overdue_7", "overdue_30"] as const;
export type OverdueStage = (typeof OVERDUE_STAGES)[number];
export const OVERDUE_STAGE_DAYS: Record<OverdueStage, number> = { due: 0, overdue_7: 7, overdue_30: 30 };

/**
 * The reminder due for an unpaid invoice on `today`, given the stages already sent: the latest
 * stage reached, once. A job that was down for weeks sends one reminder, not three.
 */
export function overdueStageDue(dueOn: string, today: string, sent: readonly OverdueStage[]) {
  const late = daysBetween(dueOn, today);
  const reached = OVERDUE_STAGES.filter((stage) => late >= OVERDUE_STAGE_DAYS[stage]);
  const latest = reached.at(-1);
  if (!latest) return undefined;
  const sentRank = Math.max(-1, ...sent.map((stage) => OVERDUE_STAGES.indexOf(stage)));
  return OVERDUE_STAGES.indexOf(latest) > sentRank ? latest : undefined;
}

/**
 * Whom an invoice or credit note is addressed to: the order's contact when it is issued, kept on
 * it (`addressed_to`), so a contact who changes later (a person leaving the buyer's company) does
 * not change a document already issued.
 */
export const addressedTo = (order: { contactName: string; email: string }) =>
  [order.contactName, order.email].filter(Boolean).join("\n");

/** The contact lines a document shows: as kept at issue, else (issued before it was kept) the order's. */
export const contactLines = (document: { addressedTo: string | null }, order: { contactName: string; email: string }) =>
  (document.addressedTo ?? addressedTo(order)).split("\n").filter(Boolean);
