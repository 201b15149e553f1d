import { and, eq, inArray, sql } from "drizzle-orm";
import { companies, creditNotes, invoicePayments, invoices, orders } from "~db/schema";
import { db } from "~/lib/db.server";
import { formatMoney } from "~/lib/money";
import { lowersBalanceOnly } from "~/orders/invoice.server";
import { OPEN_INVOICE_STATUSES } from "~/orders/order-lifecycle";
import { COMPANY_PAYMENT_TERMS_LABEL, hasNetTerms, type CompanyCredit, type NetTerms } from "./payment-terms";

/**
 * A company's payment terms, credit limit, open invoice balance (what its invoice orders still
 * owe after payments and credit notes, those waiting for approval included) and available
 * credit, in one statement: the sum is a subquery over the orders' company index. Undefined for
 * no company. Callers that spend credit call it inside the write transaction that places the
 * order.
 */
export function companyCredit(companyId: number | null): CompanyCredit | undefined {
  if (companyId === null) return undefined;
  // What is still owed on each: its total less the payments recorded against its invoice and
  // what credit notes took off it (`getInvoiceAccount`'s balance).
  const paid = sql`coalesce((select sum(${invoicePayments.amountCents}) from ${invoicePayments}
    join ${invoices} on ${invoices.id} = ${invoicePayments.invoiceId} where ${invoices.orderId} = ${orders.id}), 0)`;
  const credited = sql`coalesce((select sum(${creditNotes.amountCents}) from ${creditNotes}
    where ${creditNotes.orderId} = ${orders.id} and ${lowersBalanceOnly}), 0)`;
  const openInvoices = db
    .select({ total: sql<number>`coalesce(sum(max(0, ${orders.totalCents} - ${paid} - ${credited})), 0)` })
    .from(orders)
    .where(
      and(
        eq(orders.companyId, companies.id),
        eq(orders.paymentMethod, "invoice"),
        inArray(orders.status, OPEN_INVOICE_STATUSES),
      ),
    );
  const row = db
    .select({
      terms: companies.paymentTerms,
      creditLimitCents: companies.creditLimitCents,
      openInvoiceCents: sql<number>`(${openInvoices})`,
    })
    .from(companies)
    .where(eq(companies.id, companyId))
    .get();
  return row && { ...row, availableCents: row.creditLimitCents - row.openInvoiceCents };
}

/** A signed-in buyer's company's credit; undefined for a guest or a buyer outside a company. */
export const customerCredit = (customer: { companyId: number | null } | undefined) =>
  companyCredit(customer?.companyId ?? null);

export const INVOICE_NEEDS_TERMS = "Invoice is for company accounts with payment terms: pay by card.";
export const overCreditText = (availableCents: number) =>
  `This order is over your company’s available credit of ${formatMoney(Math.max(0, availableCents))}: pay by card or ask sales.`;

export type InvoiceChoice = { ok: true; terms: NetTerms } | { ok: false; reason: "terms" | "credit"; message: string };

/**
 * Whether an order of `totalCents` may be paid by invoice: only a company's with net terms, and
 * only within its available credit; otherwise why not, in the buyer's words.
 */
export function invoiceChoice(credit: CompanyCredit | undefined, totalCents: number): InvoiceChoice {
  if (!credit || !hasNetTerms(credit.terms)) return { ok: false, reason: "terms", message: INVOICE_NEEDS_TERMS };
  if (totalCents > credit.availableCents)
    return { ok: false, reason: "credit", message: overCreditText(credit.availableCents) };
  return { ok: true, terms: credit.terms };
}

/**
 * What the checkout says of invoice for this buyer and total: offered, with the terms ("Invoice,
 * Net 30 — $4,200.00 of credit available"); not offered, with why (over the credit); or nothing
 * at all (a guest, or a company on card only: invoice is not theirs to choose).
 */
export function invoiceOffer(credit: CompanyCredit | undefined, totalCents: number) {
  if (!credit || !hasNetTerms(credit.terms)) return null;
  const choice = invoiceChoice(credit, totalCents);
  if (!choice.ok) return { offered: false, text: choice.message };
  const available = formatMoney(Math.max(0, credit.availableCents));
  return { offered: true, text: `${COMPANY_PAYMENT_TERMS_LABEL[credit.terms]} — ${available} of credit available` };
}

/** A company's net terms, or null for a company on card only (or no company). */
export function companyNetTerms(companyId: number | null): NetTerms | null {
  if (companyId === null) return null;
  const row = db.select({ terms: companies.paymentTerms }).from(companies).where(eq(companies.id, companyId)).get();
  return row && hasNetTerms(row.terms) ? row.terms : null;
}
