import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateTax, NO_TAX, STATE_TAX_RATES, taxableCentsOf, taxCents, taxRateText } from "./sales-tax";
import { US_STATE_CODES } from "~/lib/us-address";

describe("taxCents", () => {
  it("rounds half a cent up and nothing else", () => {
    expect(taxCents(1000, 6250)).toBe(63); // 62.5 cents
    expect(taxCents(1001, 6250)).toBe(63); // 62.5625
    expect(taxCents(999, 6250)).toBe(62); // 62.4375
    expect(taxCents(100_000, 6875)).toBe(6875);
    expect(taxCents(0, 6250)).toBe(0);
    expect(taxCents(-500, 6250)).toBe(0);
    expect(taxCents(12_345, 0)).toBe(0);
  });

  it("is exact for any amount an order can have", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom(...Object.values(STATE_TAX_RATES)),
        (cents, rate) => {
          const tax = taxCents(cents, rate);
          // tax − cents·rate/100000 lies in (−½, ½] cent (half rounds up), checked in integers.
          const scaled = BigInt(tax) * 100_000n - BigInt(cents) * BigInt(rate);
          expect(scaled > -50_000n && scaled <= 50_000n).toBe(true);
        },
      ),
    );
  });
});

describe("the rate table", () => {
  it("has a rate for every state and DC, and reads as percentages", () => {
    expect(Object.keys(STATE_TAX_RATES).sort()).toEqual([...US_STATE_CODES].sort());
    expect(taxRateText(STATE_TAX_RATES.TX)).toBe("6.25%");
    expect(taxRateText(STATE_TAX_RATES.MN)).toBe("6.875%");
    expect(taxRateText(STATE_TAX_RATES.OR)).toBe("0%");
  });
});

describe("taxableCentsOf", () => {
  it("counts taxable goods and charges, less the discounts' share of the taxable goods, never below zero", () => {
    const item = { quantity: 2, unitPriceCents: 1500 };
    const charge = { kind: "charge", quantity: 1, unitPriceCents: 900, taxable: false };
    const discount = { kind: "discount", quantity: 1, unitPriceCents: -500 };
    expect(taxableCentsOf([item, charge, discount])).toBe(2500);
    expect(taxableCentsOf([charge, discount])).toBe(0);
    // $200 off $2,200 of taxable goods: tax is due on $2,000, whatever the discount line says.
    const gauges = { quantity: 20, unitPriceCents: 110_00 };
    for (const taxable of [true, false]) {
      expect(taxableCentsOf([gauges, { kind: "discount", quantity: 1, unitPriceCents: -200_00, taxable }])).toBe(
        2_000_00,
      );
    }
    // Off goods half of them taxable, a discount takes half its amount off the base; a taxable charge stays whole.
    const service = { quantity: 1, unitPriceCents: 1_000_00, taxable: false };
    const freight = { kind: "charge", quantity: 1, unitPriceCents: 50_00 };
    expect(taxableCentsOf([{ quantity: 1, unitPriceCents: 1_000_00 }, service, freight, discount])).toBe(
      1_000_00 - 2_50 + 50_00,
    );
    // Rounded half up to the cent: $1.00 off $3.00 of goods, $1.00 of them taxable, takes $0.33.
    expect(
      taxableCentsOf([
        { quantity: 1, unitPriceCents: 100 },
        { quantity: 1, unitPriceCents: 200, taxable: false },
        { kind: "discount", quantity: 1, unitPriceCents: -100 },
      ]),
    ).toBe(67);
  });
});

describe("estimateTax", () => {
  const lines = [
    { quantity: 4, unitPriceCents: 2_500 },
    { quantity: 1, unitPriceCents: 1_200, taxable: false },
  ];

  it("charges the ship-to state's rate on the taxable lines", () => {
    expect(estimateTax(lines, { state: "TX", zip: "77002" })).toEqual({
      cents: 625,
      status: "estimated",
      rate: 6250,
      state: "TX",
      exemptionNumber: null,
    });
  });

  it("exempts an order shipped to the state that issued the company's certificate, and only there", () => {
    const exemption = { issuingState: "TX", certificateNumber: "01-2345678" };
    expect(estimateTax(lines, { state: "TX", zip: "77002" }, exemption)).toMatchObject({
      cents: 0,
      status: "exempt",
      exemptionNumber: "01-2345678",
    });
    expect(estimateTax(lines, { state: "LA", zip: "70801" }, exemption)).toMatchObject({ cents: 500, state: "LA" });
  });

  it("works out nothing without a state", () => {
    expect(estimateTax(lines, undefined)).toEqual(NO_TAX);
  });
});
