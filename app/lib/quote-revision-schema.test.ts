import { describe, expect, it } from "vitest";
import { parseRevisionForm } from "./quote-revision-schema";

const today = "2030-01-10";
const form = (lines: Record<number, { qty: string; price: string }>, paymentTerms = "card_or_invoice") =>
  new URLSearchParams({
    incoterm: "FCA",
    validUntil: "2030-02-01",
    paymentTerms,
    notes: "",
    ...Object.fromEntries(
      Object.entries(lines).flatMap(([id, line]) => [
        [`line-${id}-qty`, line.qty],
        [`line-${id}-price`, line.price],
        [`line-${id}-weeks`, "4"],
        [`line-${id}-included`, ""],
      ]),
    ),
  });
const parse = (lines: Record<number, { qty: string; price: string }>, paymentTerms?: string) =>
  parseRevisionForm(form(lines, paymentTerms), Object.keys(lines).map(Number), today);

describe("revision limits", () => {
  it("states the quantity and unit price limits at their fields", () => {
    expect(parse({ 1: { qty: "1000000", price: "100,000,000" } })).toEqual({ ok: false, errors: { "line-1-price": "At most $10,000,000.00 per unit" } });
    expect(parse({ 1: { qty: "1000001", price: "10" } })).toEqual({ ok: false, errors: { "line-1-qty": "Quantity must be at most 1,000,000" } });
    expect(parse({ 1: { qty: "1", price: "10,000,000.01" } })).toEqual({ ok: false, errors: { "line-1-price": "At most $10,000,000.00 per unit" } });
    expect(parse({ 1: { qty: "1", price: "9".repeat(400) } })).toEqual({ ok: false, errors: { "line-1-price": "At most $10,000,000.00 per unit" } });
  });

  it("reads a quantity typed with thousands separators", () => {
    const parsed = parse({ 1: { qty: "1,000,000", price: "10" } });
    expect(parsed.ok && parsed.revision.lines[0].quantity).toBe(1_000_000);
    expect(parse({ 1: { qty: "1.5", price: "10" } })).toMatchObject({ ok: false, errors: { "line-1-qty": "Enter a whole number" } });
  });

  it("holds the total to what one order may be, at the price of the largest line", () => {
    expect(parse({ 1: { qty: "1000000", price: "10,000,000" } })).toEqual({
      ok: false,
      errors: { "line-1-price": "An order can total at most $1,000,000,000.00; this quote comes to $10,000,000,000,000.00" },
    });
    expect(parse({ 1: { qty: "60", price: "10,000,000" }, 2: { qty: "50", price: "9,000,000" } })).toEqual({
      ok: false,
      errors: { "line-1-price": "An order can total at most $1,000,000,000.00; this quote comes to $1,050,000,000.00" },
    });
    const largest = parse({ 1: { qty: "100", price: "9,999,999.99" }, 2: { qty: "1", price: "0.01" } });
    expect(largest.ok && largest.revision.lines.map((l) => l.quantity * l.unitPriceCents)).toEqual([99_999_999_900, 1]);
  });

  it("refuses card-only terms above what a card can pay, and accepts them up to it", () => {
    expect(parse({ 1: { qty: "2", price: "500,000" } }, "card")).toEqual({
      ok: false,
      errors: { paymentTerms: "Card payment is available up to $999,999.99: offer invoice for a total of $1,000,000.00" },
    });
    expect(parse({ 1: { qty: "1", price: "999,999.99" } }, "card").ok).toBe(true);
    expect(parse({ 1: { qty: "2", price: "500,000" } }, "card_or_invoice").ok).toBe(true);
  });
});
