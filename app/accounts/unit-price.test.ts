import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PriceBreak } from "~/lib/price-breaks";
import { buyerBreaks, buyerUnitPrice, discounted, type CompanyPrice } from "./unit-price";

const product = {
  priceCents: 100_00,
  priceBreaks: [
    { minQuantity: 10, unitPriceCents: 95_00 },
    { minQuantity: 50, unitPriceCents: 89_50 },
  ],
};

/** A list price with breaks as the product form allows them: rising quantities, falling prices below it. */
const listedProduct = fc
  .record({
    priceCents: fc.integer({ min: 2, max: 1_000_000_000 }),
    quantities: fc.uniqueArray(fc.integer({ min: 2, max: 1_000_000 }), { maxLength: 4 }),
    cuts: fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ priceCents, quantities, cuts }) => {
    const priceBreaks: PriceBreak[] = [];
    let price = priceCents;
    for (const [i, minQuantity] of [...quantities].sort((a, b) => a - b).entries()) {
      price = Math.max(1, price - cuts[i]);
      if (price >= (priceBreaks.at(-1)?.unitPriceCents ?? priceCents)) break;
      priceBreaks.push({ minQuantity, unitPriceCents: price });
    }
    return { priceCents, priceBreaks };
  });
const companyPrice: fc.Arbitrary<CompanyPrice> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 1_000_000_000 }).map((fixedCents) => ({ fixedCents })),
  fc.integer({ min: 0, max: 10_000 }).map((discountBp) => ({ discountBp })),
);

describe("buyerUnitPrice", () => {
  it("is the break the quantity reaches, for a guest", () => {
    expect([1, 10, 49, 50].map((quantity) => buyerUnitPrice(product, quantity))).toEqual([100_00, 95_00, 95_00, 89_50]);
  });

  it("lets a company's fixed price win over every break", () => {
    expect([1, 10, 50].map((quantity) => buyerUnitPrice(product, quantity, { fixedCents: 97_00 }))).toEqual([
      97_00, 97_00, 97_00,
    ]);
    expect(buyerBreaks(product, { fixedCents: 97_00 })).toEqual([]);
  });

  it("takes a company's category discount off the break price", () => {
    const tenOff = { discountBp: 1000 };
    expect([1, 10, 50].map((quantity) => buyerUnitPrice(product, quantity, tenOff))).toEqual([90_00, 85_50, 80_55]);
    expect(buyerBreaks(product, tenOff)).toEqual([
      { minQuantity: 10, unitPriceCents: 85_50 },
      { minQuantity: 50, unitPriceCents: 80_55 },
    ]);
  });

  it("never rises with the quantity, whatever the breaks and the company's price", () => {
    fc.assert(
      fc.property(
        listedProduct,
        companyPrice,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (listed, company, quantity, more) => {
          const fewer = buyerUnitPrice(listed, quantity, company);
          expect(buyerUnitPrice(listed, quantity + more, company)).toBeLessThanOrEqual(fewer);
          if (company && "fixedCents" in company) expect(fewer).toBe(company.fixedCents);
          else if (company) expect(fewer).toBe(discounted(buyerUnitPrice(listed, quantity), company.discountBp));
        },
      ),
    );
  });

  it("shows the buyer breaks that each lower the price they pay", () => {
    fc.assert(
      fc.property(listedProduct, companyPrice, (listed, company) => {
        let last = buyerUnitPrice(listed, 1, company);
        for (const tier of buyerBreaks(listed, company)) {
          expect(tier.unitPriceCents).toBe(buyerUnitPrice(listed, tier.minQuantity, company));
          expect(tier.unitPriceCents).toBeLessThan(last);
          last = tier.unitPriceCents;
        }
      }),
    );
  });
});
