import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alternativeGroups,
  configure,
  readSelection,
  unitPriceAt,
  type PricedLine,
  type Selection,
} from "./quote-pricing";

const line = (position: number, rest: Partial<PricedLine> = {}): PricedLine => ({
  position,
  kind: "item",
  quantity: 1,
  unitPriceCents: 100_00,
  percentBp: null,
  priceBreaks: [],
  optional: false,
  alternativeOf: null,
  taxable: true,
  ...rest,
});

describe("configure", () => {
  it("prices a quote with an alternative, an option, a break, freight and a discount", () => {
    const lines = [
      line(0, { quantity: 4, unitPriceCents: 1_200_00, priceBreaks: [{ minQuantity: 5, unitPriceCents: 1_100_00 }] }),
      line(1, { quantity: 1, unitPriceCents: 9_000_00 }),
      line(2, { quantity: 1, unitPriceCents: 8_000_00, alternativeOf: 1 }),
      line(3, { quantity: 2, unitPriceCents: 150_00, optional: true }),
      line(4, { kind: "charge", unitPriceCents: 450_00, taxable: false }),
      line(5, { kind: "discount", unitPriceCents: 0, percentBp: 500 }),
    ];
    // As quoted: 4 × 1,200 + 9,000 = 13,800 goods; 5% off is 690; freight 450.
    expect(configure(lines)).toMatchObject({
      goodsCents: 13_800_00,
      chargesCents: 450_00,
      discountCents: 690_00,
      totalCents: 13_560_00,
      taxableCents: 13_110_00,
    });
    // Five units reach the break, the alternative is taken and the option ticked:
    // 5 × 1,100 + 8,000 + 300 = 13,800 goods again, at a different mix.
    const chosen = configure(lines, { picks: { 1: 2 }, options: [3], quantities: { 0: 5 } });
    expect(chosen.lines.map((l) => [l.position, l.quantity, l.unitPriceCents])).toEqual([
      [0, 5, 1_100_00],
      [2, 1, 8_000_00],
      [3, 2, 150_00],
      [4, 1, 450_00],
      [5, 1, -690_00],
    ]);
    expect(chosen.totalCents).toBe(13_560_00);
  });

  it("rounds a percentage half up to the cent and never takes off more than the goods", () => {
    // 5% of $0.10 is half a cent: one cent.
    expect(
      configure([line(0, { unitPriceCents: 10 }), line(1, { kind: "discount", percentBp: 500 })]).discountCents,
    ).toBe(1);
    const over = configure([
      line(0, { unitPriceCents: 100_00 }),
      line(1, { kind: "charge", unitPriceCents: 50_00 }),
      line(2, { kind: "discount", unitPriceCents: 80_00 }),
      line(3, { kind: "discount", unitPriceCents: 80_00 }),
    ]);
    expect(over.discountCents).toBe(100_00);
    expect(over.totalCents).toBe(50_00);
  });

  it("takes a fixed amount off the goods as quoted, in proportion for fewer goods chosen, never more", () => {
    const lines = [
      line(0, { quantity: 10, unitPriceCents: 1_000_00, priceBreaks: [{ minQuantity: 20, unitPriceCents: 950_00 }] }),
      line(1, { quantity: 1, unitPriceCents: 500_00, optional: true }),
      line(2, { kind: "discount", unitPriceCents: 900_00 }),
    ];
    expect(configure(lines)).toMatchObject({ goodsCents: 10_000_00, discountCents: 900_00 });
    // One unit of the ten quoted: 9% of it, not $900 of $1,000.
    expect(configure(lines, { picks: {}, options: [], quantities: { 0: 1 } })).toMatchObject({
      goodsCents: 1_000_00,
      discountCents: 90_00,
      totalCents: 910_00,
    });
    // More goods (a break, an option ticked): the amount quoted, no more.
    expect(configure(lines, { picks: {}, options: [1], quantities: { 0: 20 } }).discountCents).toBe(900_00);
    // Rounded down, never to more than the share quoted: $0.10 off $3.00 quoted, $2.00 of it chosen, is $0.06.
    const cents = [
      line(0, { quantity: 3, unitPriceCents: 100, priceBreaks: [{ minQuantity: 5, unitPriceCents: 90 }] }),
    ];
    const small = [...cents, line(1, { kind: "discount", unitPriceCents: 10 })];
    expect(configure(small, { picks: {}, options: [], quantities: { 0: 2 } }).discountCents).toBe(6);
  });

  it("leaves out lines not quoted, and ignores a pick outside the group", () => {
    const lines = [line(0, { quantity: 0 }), line(1), line(2, { alternativeOf: 1, unitPriceCents: 1 })];
    expect(configure(lines, { picks: { 1: 0 }, options: [], quantities: {} }).lines.map((l) => l.position)).toEqual([
      1,
    ]);
  });
});

describe("readSelection", () => {
  const lines = [
    line(0, { priceBreaks: [{ minQuantity: 10, unitPriceCents: 90_00 }] }),
    line(1),
    line(2, { alternativeOf: 1 }),
    line(3, { optional: true }),
  ];
  it("reads picks, ticks and quantities, and says which quantity is not one", () => {
    const form = new URLSearchParams("pick-1=2&option-3=1&qty-0=1,000");
    expect(readSelection(lines, (name) => form.get(name), 1_000_000)).toEqual({
      selection: { picks: { 1: 2 }, options: [3], quantities: { 0: 1000 } },
      errors: {},
    });
    const bad = new URLSearchParams("pick-1=3&option-1=1&qty-0=-2&qty-1=5");
    expect(readSelection(lines, (name) => bad.get(name), 1_000_000)).toEqual({
      selection: { picks: {}, options: [], quantities: {} },
      errors: { "qty-0": "Enter a whole number from 1 to 1,000,000" },
    });
  });

  it("holds a catalog product to its minimum order and packs, as the cart does, but for the quantity quoted", () => {
    const quoted = [line(0, { quantity: 12, priceBreaks: [{ minQuantity: 20, unitPriceCents: 90_00 }] })];
    const soldAs = new Map([[0, { minOrderQty: 5, packSize: 5 }]]);
    const chosen = (qty: string) => readSelection(quoted, (name) => (name === "qty-0" ? qty : null), 1_000_000, soldAs);
    expect(chosen("7").errors).toEqual({ "qty-0": "Sold in packs of 5: order a multiple of 5, for example 5 or 10" });
    expect(chosen("3").errors).toEqual({ "qty-0": "The minimum order is 5" });
    expect(chosen("20").selection.quantities).toEqual({ 0: 20 });
    expect(chosen("12").selection.quantities).toEqual({ 0: 12 });
  });
});

/** A quote's lines, as sales may send them, with small enough amounts for plain arithmetic. */
const quoteLines = fc
  .array(
    fc.record({
      kind: fc.constantFrom("item", "item", "charge", "discount"),
      quantity: fc.integer({ min: 0, max: 50 }),
      unitPriceCents: fc.integer({ min: 0, max: 5_000_000 }),
      percent: fc.option(fc.integer({ min: 1, max: 10_000 })),
      breaks: fc.uniqueArray(
        fc.record({
          minQuantity: fc.integer({ min: 2, max: 60 }),
          unitPriceCents: fc.integer({ min: 0, max: 5_000_000 }),
        }),
        {
          selector: (tier) => tier.minQuantity,
          maxLength: 3,
        },
      ),
      optional: fc.boolean(),
      alternativeOf: fc.option(fc.nat()),
      taxable: fc.boolean(),
    }),
    { maxLength: 12 },
  )
  .map((rows) =>
    rows.map((row, position): PricedLine => {
      const discount = row.kind === "discount";
      // An alternative is to an earlier item that is itself neither optional nor an alternative.
      const primary = row.alternativeOf === null || position === 0 ? null : row.alternativeOf % position;
      return {
        position,
        kind: row.kind as PricedLine["kind"],
        quantity: discount ? 1 : row.quantity,
        unitPriceCents: row.unitPriceCents,
        percentBp: discount ? row.percent : null,
        priceBreaks: discount ? [] : [...row.breaks].sort((a, b) => a.minQuantity - b.minQuantity),
        optional: !discount && row.optional,
        alternativeOf: row.kind === "item" ? primary : null,
        taxable: row.taxable,
      };
    }),
  )
  .map((lines) =>
    lines.map((l) => {
      const primary = l.alternativeOf === null ? undefined : lines[l.alternativeOf];
      const valid = primary && primary.kind === "item" && !primary.optional && primary.alternativeOf === null;
      return valid ? { ...l, optional: false } : { ...l, alternativeOf: null };
    }),
  );

const withSelection = quoteLines.chain((lines) =>
  fc.record({
    lines: fc.constant(lines),
    picks: fc.dictionary(fc.integer({ min: 0, max: 12 }).map(String), fc.integer({ min: 0, max: 12 })),
    options: fc.subarray(lines.map((l) => l.position)),
    quantities: fc.dictionary(fc.integer({ min: 0, max: 12 }).map(String), fc.integer({ min: 1, max: 80 })),
  }),
);

type ReferenceTotals = { goods: number; charges: number; discount: number; total: number; taxable: number };

/** The same computation done the plain way, one rule at a time. */
function reference(lines: PricedLine[], selection: Selection, asQuoted = false): ReferenceTotals {
  const chosenOf = (primary: number) => {
    const group = lines.filter((l) => l.position === primary || l.alternativeOf === primary).map((l) => l.position);
    const pick = selection.picks[primary];
    return group.length > 1 && pick !== undefined && group.includes(pick) ? pick : primary;
  };
  const inQuote = lines.filter(
    (l) =>
      l.quantity > 0 &&
      chosenOf(l.alternativeOf ?? l.position) === l.position &&
      (!l.optional || selection.options.includes(l.position)),
  );
  let goods = 0;
  let charges = 0;
  let taxableGoods = 0;
  let taxableCharges = 0;
  for (const l of inQuote.filter((l) => l.kind !== "discount")) {
    const quantity =
      l.priceBreaks.length && selection.quantities[l.position] ? selection.quantities[l.position] : l.quantity;
    const tier = l.priceBreaks.filter((t) => t.minQuantity <= quantity).at(-1);
    const amount = quantity * (tier ? tier.unitPriceCents : l.unitPriceCents);
    if (l.kind === "item") goods += amount;
    else charges += amount;
    if (l.taxable && l.kind === "item") taxableGoods += amount;
    if (l.taxable && l.kind === "charge") taxableCharges += amount;
  }
  // A fixed amount is off the goods as quoted: for fewer goods, that share of it.
  const quoted = asQuoted ? goods : reference(lines, { picks: {}, options: [], quantities: {} }, true).goods;
  const share = (cents: number) => (goods < quoted ? Math.floor((cents * goods) / quoted) : cents);
  let discount = 0;
  for (const l of inQuote.filter((l) => l.kind === "discount")) {
    const wanted = l.percentBp === null ? share(l.unitPriceCents) : Math.floor((goods * l.percentBp) / 10_000 + 0.5);
    const amount = Math.min(wanted, goods - discount);
    discount += amount;
  }
  // The discounts are off the goods: they take their share of the taxable goods, to the nearest cent
  // (as BigInt: the product passes 2^53).
  const off = goods ? Number((2n * BigInt(discount) * BigInt(taxableGoods) + BigInt(goods)) / (2n * BigInt(goods))) : 0;
  const taxable = Math.max(0, taxableGoods - off) + taxableCharges;
  return { goods, charges, discount, total: goods + charges - discount, taxable };
}

describe("configure, for every quote and every choice", () => {
  it("agrees with the plain computation, in whole cents", () => {
    fc.assert(
      fc.property(withSelection, ({ lines, picks, options, quantities }) => {
        const selection = { picks: numericKeys(picks), options, quantities: numericKeys(quantities) };
        const got = configure(lines, selection);
        const want = reference(lines, selection);
        expect([got.goodsCents, got.chargesCents, got.discountCents, got.totalCents, got.taxableCents]).toEqual([
          want.goods,
          want.charges,
          want.discount,
          want.total,
          want.taxable,
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it("totals its own lines, never below the charges, with one line of each group of alternatives", () => {
    fc.assert(
      fc.property(withSelection, ({ lines, picks, options, quantities }) => {
        const got = configure(lines, { picks: numericKeys(picks), options, quantities: numericKeys(quantities) });
        const sum = got.lines.reduce((total, l) => total + l.amountCents, 0);
        expect(sum).toBe(got.totalCents);
        for (const l of got.lines)
          expect(Number.isInteger(l.amountCents) && l.amountCents === l.quantity * l.unitPriceCents).toBe(true);
        expect(got.totalCents).toBeGreaterThanOrEqual(got.chargesCents);
        expect(got.discountCents).toBeLessThanOrEqual(got.goodsCents);
        const positions = new Set(got.lines.map((l) => l.position));
        for (const group of alternativeGroups(lines).values()) {
          const inQuote = group.filter((p) => positions.has(p));
          expect(inQuote.length).toBeLessThanOrEqual(1);
          // The buyer's pick, or the line quoted first, is the one bought when it is quoted at all.
          const pick = selectionPick(picks, group);
          expect(inQuote).toEqual(lines[pick].quantity > 0 ? [pick] : []);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("charges a line with breaks the price of the last break its quantity reaches", () => {
    fc.assert(
      fc.property(quoteLines, fc.integer({ min: 1, max: 100 }), (lines, quantity) => {
        for (const l of lines) {
          const reached = l.priceBreaks.filter((tier) => quantity >= tier.minQuantity);
          expect(unitPriceAt(l, quantity)).toBe(reached.length ? reached.at(-1)!.unitPriceCents : l.unitPriceCents);
        }
      }),
    );
  });
});

/** The position a group's pick names, or its first line's. */
const selectionPick = (picks: Record<string, number>, group: number[]) =>
  picks[group[0]] !== undefined && group.includes(picks[group[0]]) ? picks[group[0]] : group[0];

const numericKeys = (record: Record<string, number>) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [Number(key), value]));
