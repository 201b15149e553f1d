import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";
import {
  breakRanges,
  breaksLine,
  MAX_PRICE_BREAKS,
  nextBreak,
  parsePriceBreaks,
  PRICE_BREAK_MESSAGES,
  typedBreaks,
  unitPriceAt,
  type PriceBreak,
} from "./price-breaks";

const base = { priceCents: 100_00, money: formatMoney };

describe("typed price breaks", () => {
  it("reads quantities and prices in dollars, with or without $, commas, 'at' and line breaks", () => {
    expect(parsePriceBreaks("")).toEqual({ ok: true, breaks: [] });
    expect(parsePriceBreaks("  10+ 95.00; 50+ 89.50 ", base)).toEqual({
      ok: true,
      breaks: [
        { minQuantity: 10, unitPriceCents: 95_00 },
        { minQuantity: 50, unitPriceCents: 89_50 },
      ],
    });
    expect(parsePriceBreaks("1,000 + at $1,100\n2000+ 995.5")).toEqual({
      ok: true,
      breaks: [
        { minQuantity: 1_000, unitPriceCents: 1_100_00 },
        { minQuantity: 2_000, unitPriceCents: 995_50 },
      ],
    });
  });

  it("says what is wrong, one message for each rule", () => {
    const message = (text: string, withBase = true) => {
      const parsed = parsePriceBreaks(text, withBase ? base : undefined);
      return parsed.ok ? undefined : parsed.message;
    };
    expect(message("lots cheaper")).toBe(PRICE_BREAK_MESSAGES.format);
    expect(message("1+ 90.00")).toBe(PRICE_BREAK_MESSAGES.format); // a break starts above 1
    expect(message("10+ 95.001")).toBe(PRICE_BREAK_MESSAGES.format); // whole cents
    expect(message("10+ 0")).toBe(PRICE_BREAK_MESSAGES.format);
    expect(message("10+ 95; 10+ 90")).toBe(PRICE_BREAK_MESSAGES.ascending);
    expect(message("50+ 90; 10+ 95")).toBe(PRICE_BREAK_MESSAGES.ascending);
    expect(message("10+ 90; 50+ 95")).toBe(PRICE_BREAK_MESSAGES.descending);
    expect(message("10+ 90; 50+ 90")).toBe(PRICE_BREAK_MESSAGES.descending);
    expect(message("10+ 100.00")).toBe("Each break's unit price must be below the unit price, $100.00");
    expect(message("10+ 100.00", false)).toBeUndefined();
    expect(message("2+ 99; 3+ 98; 4+ 97; 5+ 96; 6+ 95")).toBe(`At most ${MAX_PRICE_BREAKS} price breaks on a line`);
  });

  it("reads back what it types, for any breaks", () => {
    const breaks = fc
      .uniqueArray(fc.integer({ min: 2, max: 1_000_000 }), { minLength: 0, maxLength: MAX_PRICE_BREAKS })
      .chain((quantities) =>
        fc
          .uniqueArray(fc.integer({ min: 1, max: 1_000_000_000 }), {
            minLength: quantities.length,
            maxLength: quantities.length,
          })
          .map((prices) => {
            const up = [...quantities].sort((a, b) => a - b);
            const down = [...prices].sort((a, b) => b - a);
            return up.map((minQuantity, i): PriceBreak => ({ minQuantity, unitPriceCents: down[i] }));
          }),
      );
    fc.assert(
      fc.property(breaks, (list) => {
        expect(parsePriceBreaks(typedBreaks(list))).toEqual({ ok: true, breaks: list });
      }),
    );
  });
});

describe("prices by quantity", () => {
  const breaks = [
    { minQuantity: 10, unitPriceCents: 95_00 },
    { minQuantity: 50, unitPriceCents: 89_50 },
  ];
  const line = { unitPriceCents: 100_00, priceBreaks: breaks };

  it("charges the last break a quantity reaches, and names the next one", () => {
    expect([1, 9, 10, 49, 50, 1000].map((quantity) => unitPriceAt(line, quantity))).toEqual([
      100_00, 100_00, 95_00, 95_00, 89_50, 89_50,
    ]);
    expect(nextBreak(breaks, 9)).toEqual(breaks[0]);
    expect(nextBreak(breaks, 10)).toEqual(breaks[1]);
    expect(nextBreak(breaks, 50)).toBeUndefined();
  });

  it("draws the table's ranges from the minimum order on, and the listing's line", () => {
    const priceAt = (quantity: number) => unitPriceAt(line, quantity);
    expect(breakRanges(breaks, priceAt)).toEqual([
      { from: 1, range: "1–9", unitPriceCents: 100_00 },
      { from: 10, range: "10–49", unitPriceCents: 95_00 },
      { from: 50, range: "50+", unitPriceCents: 89_50 },
    ]);
    expect(breakRanges(breaks, priceAt, 20).map((row) => [row.range, row.unitPriceCents])).toEqual([
      ["20–49", 95_00],
      ["50+", 89_50],
    ]);
    expect(breakRanges([{ minQuantity: 2, unitPriceCents: 1 }], priceAt).map((row) => row.range)).toEqual(["1", "2+"]);
    expect(breaksLine(breaks, formatMoney)).toBe("10+ $95.00 · 50+ $89.50");
  });
});
