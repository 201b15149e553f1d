import { describe, expect, it } from "vitest";
import { getInvoiceAccount, recordInvoicePayment } from "./invoice.server";
import { cancelOrderBySales } from "./order.server";
import { creditInvoice, recordHandRefund } from "./refund.server";
import { creditedTaxCents, type OrderTax } from "./sales-tax";
import { askedMonth, reportMonth, salesTaxReport } from "./sales-tax-report.server";
import { makeOrder } from "../../tests/support/factories";

const SALES = "sales:sam@ironaxis.test";
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);

/** An invoice order of $2,000.00 of goods shipped to `state`, with `taxCents` of tax. */
const taxedOrder = (state: string, taxCents: number, status: OrderTax["status"] = "confirmed") =>
  makeOrder({
    paymentMethod: "invoice",
    paymentTerms: "net30",
    lines: [{ productId: null, partNumber: "GC-1", name: "Gauge", quantity: 20, unitPriceCents: 10000 }],
    tax: {
      cents: taxCents,
      status,
      rate: status === "exempt" ? 0 : 6250,
      state: state as OrderTax["state"],
      exemptionNumber: status === "exempt" ? "EX-1" : null,
    },
  }).orderId;

describe("creditedTaxCents", () => {
  it("is the credit's share of the tax still in the invoice, rounded half up, and all of it for the rest", () => {
    const remaining = { totalCents: 212_500, taxCents: 12_500 };
    expect(creditedTaxCents(21_250, remaining)).toBe(1_250);
    expect(creditedTaxCents(1, remaining)).toBe(0);
    expect(creditedTaxCents(9, remaining)).toBe(1); // 0.529… rounds up
    expect(creditedTaxCents(212_500, remaining)).toBe(12_500);
    expect(creditedTaxCents(300_000, remaining)).toBe(12_500);
    expect(creditedTaxCents(5_000, { totalCents: 5_000, taxCents: 0 })).toBe(0);
    // Kept within the note and what the invoice holds, even were the two figures at odds.
    expect(creditedTaxCents(10, { totalCents: 25, taxCents: 825 })).toBe(10);
  });

  it("never credits more tax than was charged, however an invoice is cut up", () => {
    for (const cuts of [
      [1, 1, 1],
      [7, 13, 99_999],
      [50_000, 50_000, 50_000, 62_500],
    ]) {
      let remaining = { totalCents: 212_500, taxCents: 12_500 };
      let credited = 0;
      for (const cut of [...cuts, remaining.totalCents]) {
        const amount = Math.min(cut, remaining.totalCents);
        const tax = creditedTaxCents(amount, remaining);
        credited += tax;
        remaining = { totalCents: remaining.totalCents - amount, taxCents: remaining.taxCents - tax };
        expect(remaining.taxCents).toBeGreaterThanOrEqual(0);
      }
      expect(credited).toBe(12_500);
    }
  });
});

describe("a credit note's tax", () => {
  it("is in proportion unless sales says, refused when more than the amount or what is left, and all of it once cancelled", () => {
    const orderId = taxedOrder("TX", 12_500);
    expect(creditInvoice(orderId, { amountCents: 21_250, reason: "Price agreed lower" }, SALES)).toMatchObject({
      ok: true,
    });
    expect(
      creditInvoice(orderId, { amountCents: 5_000, reason: "Tax over-charged", taxCents: 5_000 }, SALES),
    ).toMatchObject({
      ok: true,
    });
    expect(creditInvoice(orderId, { amountCents: 1_000, reason: "No", taxCents: 1_001 }, SALES)).toEqual({
      ok: false,
      field: "tax",
      message: "The tax is part of the amount: at most the amount",
    });
    expect(creditInvoice(orderId, { amountCents: 10_000, reason: "No", taxCents: 6_251 }, SALES)).toEqual({
      ok: false,
      field: "tax",
      message: "That is more tax than the invoice still carries: at most $62.50",
    });
    expect(cancelOrderBySales(orderId, "Cancelled by the buyer", SALES)).toMatchObject({ ok: true });
    const notes = getInvoiceAccount(orderId)!.creditNotes;
    expect(notes.map((note) => note.taxCents)).toEqual([1_250, 5_000, 6_250]);
    expect(notes.reduce((sum, note) => sum + note.amountCents, 0)).toBe(212_500);
  });

  it("never goes over a credit note's own amount: once the goods are credited, what is left is tax", () => {
    const orderId = taxedOrder("TX", 12_500);
    expect(
      creditInvoice(orderId, { amountCents: 200_000, reason: "Goods returned", taxCents: 0 }, SALES),
    ).toMatchObject({
      ok: true,
    });
    expect(creditInvoice(orderId, { amountCents: 100, reason: "More", taxCents: 0 }, SALES)).toEqual({
      ok: false,
      field: "tax",
      message: "At least $1.00 of it is tax: only $0.00 of what the invoice still comes to is not",
    });
    expect(creditInvoice(orderId, { amountCents: 100, reason: "Tax on the goods returned" }, SALES)).toMatchObject({
      ok: true,
    });
    expect(cancelOrderBySales(orderId, "Cancelled by the buyer", SALES)).toMatchObject({ ok: true });
    const notes = getInvoiceAccount(orderId)!.creditNotes;
    expect(notes.map((note) => [note.amountCents, note.taxCents])).toEqual([
      [200_000, 0],
      [100, 100],
      [12_400, 12_400],
    ]);
  });

  it("of a refund sent by hand is its share too", () => {
    const orderId = taxedOrder("TX", 12_500);
    recordInvoicePayment(
      orderId,
      { amountCents: 212_500, receivedOn: today, method: "bank_transfer", reference: "" },
      SALES,
    );
    const refund = { reason: "One returned", method: "bank_transfer" as const, reference: "", refundedOn: today };
    const recorded = recordHandRefund(orderId, { ...refund, amountCents: 10_625 }, SALES);
    expect(recorded.ok && recorded.creditNote.taxCents).toBe(625);
  });
});

describe("salesTaxReport", () => {
  it("sums the month's invoices and credit notes by the state the orders shipped to", () => {
    const before = salesTaxReport(month);
    const vermont = (report: ReturnType<typeof salesTaxReport>) =>
      report.rows.find((row) => row.state === "VT") ?? {
        documents: 0,
        salesCents: 0,
        exemptSalesCents: 0,
        taxCents: 0,
        estimated: 0,
        creditNotes: 0,
        creditedTaxCents: 0,
        creditedCents: 0,
      };
    const taxed = taxedOrder("VT", 12_000);
    taxedOrder("VT", 0, "exempt");
    taxedOrder("VT", 12_000, "estimated");
    creditInvoice(taxed, { amountCents: 21_200, reason: "Price agreed lower" }, SALES);
    const after = salesTaxReport(month);
    const [was, now] = [vermont(before), vermont(after)];
    expect({
      documents: now.documents - was.documents,
      salesCents: now.salesCents - was.salesCents,
      exemptSalesCents: now.exemptSalesCents - was.exemptSalesCents,
      taxCents: now.taxCents - was.taxCents,
      estimated: now.estimated - was.estimated,
      creditNotes: now.creditNotes - was.creditNotes,
      creditedCents: now.creditedCents - was.creditedCents,
      creditedTaxCents: now.creditedTaxCents - was.creditedTaxCents,
    }).toEqual({
      documents: 3,
      salesCents: 600_000,
      exemptSalesCents: 200_000,
      taxCents: 24_000,
      estimated: 1,
      creditNotes: 1,
      creditedCents: 21_200,
      creditedTaxCents: 1_200,
    });
    expect(after.total.taxCents - before.total.taxCents).toBe(24_000);
    // Another month has none of it.
    expect(salesTaxReport("2001-01").rows).toEqual([]);
  });

  it("reads a month only as one", () => {
    expect(reportMonth("2026-12")).toBe("2026-12");
    for (const typed of ["2026-13", "2026-1", "26-12", "2026-12-01", "", null, "2026-00", "0000-01", "1000-01"])
      expect(reportMonth(typed)).toBeUndefined();
    // An address that names no month, or an empty one, asks for this month.
    expect(askedMonth(null)).toBe(month);
    expect(askedMonth("")).toBe(month);
    expect(askedMonth("2026-13")).toBeUndefined();
  });
});
