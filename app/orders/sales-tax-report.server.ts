import { and, eq, gte, lt, sql } from "drizzle-orm";
import { creditNotes, invoices, orders } from "~db/schema";
import { db } from "~/lib/db.server";

// A month of this century: the site's documents are all in it, and "0000-01" is a slip.
const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;

/** "2026-12" as typed in the report's month field; undefined for anything else. */
export const reportMonth = (typed: string | null) => (typed && MONTH.test(typed) ? typed : undefined);

/** The month a report shows when none is asked for. */
export const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The month a report's address asks for: this month when it names none (`?month=` too), else `reportMonth`. */
export const askedMonth = (typed: string | null) => (typed === null || typed === "" ? thisMonth() : reportMonth(typed));

/** The first day of the month after `month` ("2026-12" → "2027-01-01"). */
function nextMonthStart(month: string) {
  const [year, number] = month.split("-").map(Number);
  return number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, "0")}-01`;
}

/** One state's row of the report; `state` null: orders with no sales tax line (shipped outside the US). */
export type SalesTaxRow = {
  state: string | null;
  /** Invoices and receipts issued in the month. */
  documents: number;
  /** What they came to before tax, and the part of it sold tax-exempt (on a certificate). */
  salesCents: number;
  exemptSalesCents: number;
  /** The tax they charged, and how many of them carry a tax line sales has not confirmed yet. */
  taxCents: number;
  estimated: number;
  /** Credit notes issued in the month against this state's orders: their amounts and the tax in them. */
  creditNotes: number;
  creditedCents: number;
  creditedTaxCents: number;
};

/**
 * Sales tax by state for a month, as a tax return asks for it: what the invoices and receipts
 * issued that month charged (sales before tax, exempt sales, tax), less the tax in the credit
 * notes issued that month, by the state the orders shipped to. Two grouped reads over the
 * documents' issue-day indexes.
 */
export function salesTaxReport(month: string) {
  const from = `${month}-01`;
  const to = nextMonthStart(month);
  const issued = db
    .select({
      state: orders.taxState,
      documents: sql<number>`count(*)`,
      salesCents: sql<number>`coalesce(sum(${invoices.totalCents} - ${orders.taxCents}), 0)`,
      exemptSalesCents: sql<number>`coalesce(sum(case when ${orders.taxStatus} = 'exempt' then ${invoices.totalCents} - ${orders.taxCents} else 0 end), 0)`,
      taxCents: sql<number>`coalesce(sum(${orders.taxCents}), 0)`,
      estimated: sql<number>`coalesce(sum(${orders.taxStatus} = 'estimated'), 0)`,
    })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(and(gte(invoices.issuedOn, from), lt(invoices.issuedOn, to)))
    .groupBy(orders.taxState)
    .all();
  const credited = db
    .select({
      state: orders.taxState,
      creditNotes: sql<number>`count(*)`,
      creditedCents: sql<number>`coalesce(sum(${creditNotes.amountCents}), 0)`,
      creditedTaxCents: sql<number>`coalesce(sum(${creditNotes.taxCents}), 0)`,
    })
    .from(creditNotes)
    .innerJoin(orders, eq(orders.id, creditNotes.orderId))
    .where(and(gte(creditNotes.issuedOn, from), lt(creditNotes.issuedOn, to)))
    .groupBy(orders.taxState)
    .all();
  const rows = new Map<string | null, SalesTaxRow>();
  const rowOf = (state: string | null) => rows.get(state) ?? rows.set(state, { state, ...noFigures() }).get(state)!;
  for (const { state, ...figures } of issued) Object.assign(rowOf(state), figures);
  for (const { state, ...figures } of credited) Object.assign(rowOf(state), figures);
  // States in order, then the orders without a tax line.
  const sorted = [...rows.values()].sort((a, b) =>
    a.state === b.state ? 0 : a.state === null ? 1 : b.state === null ? -1 : a.state.localeCompare(b.state),
  );
  const total = noFigures();
  for (const row of sorted) for (const key of FIGURES) total[key] += row[key];
  return { month, rows: sorted, total };
}

/** A row's figures without its state: a state's, or the total's. */
export type SalesTaxFigures = Omit<SalesTaxRow, "state">;
const FIGURES = [
  "documents",
  "salesCents",
  "exemptSalesCents",
  "taxCents",
  "estimated",
  "creditNotes",
  "creditedCents",
  "creditedTaxCents",
] as const satisfies readonly (keyof SalesTaxFigures)[];
const noFigures = () => Object.fromEntries(FIGURES.map((key) => [key, 0])) as SalesTaxFigures;
