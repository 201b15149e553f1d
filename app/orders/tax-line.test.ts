import { describe, expect, it } from "vitest";
import { checkoutLineItems, NONTAXABLE_TAX_CODE, preTaxCents, stripeAddressOf, taxLineText } from "./tax-line";

const line = { taxCents: 5344, taxRate: 6250, taxState: "TX", taxExemptionNumber: null } as const;

describe("taxLineText", () => {
  it("names the state and rate, Stripe's own figure by state, an exemption by its certificate, and nothing without a line", () => {
    expect(taxLineText({ ...line, taxStatus: "estimated" })).toBe("Sales tax (TX 6.25%)");
    expect(taxLineText({ ...line, taxStatus: "confirmed", taxRate: 6875, taxState: "MN" })).toBe(
      "Sales tax (MN 6.875%)",
    );
    expect(taxLineText({ ...line, taxStatus: "charged", taxRate: null })).toBe("Sales tax (TX)");
    expect(
      taxLineText({ ...line, taxCents: 0, taxStatus: "exempt", taxRate: 0, taxExemptionNumber: "01-234567" }),
    ).toBe("Tax-exempt — certificate 01-234567");
    expect(taxLineText({ ...line, taxCents: 0, taxStatus: "none", taxRate: null, taxState: null })).toBeUndefined();
  });

  it("takes the tax off the total for the amount before tax", () => {
    expect(preTaxCents({ totalCents: 90_844, taxCents: 5344 })).toBe(85_500);
  });
});

describe("stripeAddressOf", () => {
  it("reads street, city, state and ZIP from one line or several", () => {
    expect(stripeAddressOf("12 Refinery Road, Baton Rouge, LA 70801, USA")).toEqual({
      line1: "12 Refinery Road",
      city: "Baton Rouge",
      state: "LA",
      postal_code: "70801",
      country: "US",
    });
    expect(stripeAddressOf("Acme Plant 3\nDock 4, 400 Main Street\nHouston, Texas 77002-1234")).toEqual({
      line1: "Acme Plant 3",
      line2: "Dock 4, 400 Main Street",
      city: "Houston",
      state: "TX",
      postal_code: "77002",
      country: "US",
    });
  });

  it("is undefined for an address without a state and ZIP", () => {
    expect(stripeAddressOf("Port of New Orleans")).toBeUndefined();
    expect(stripeAddressOf("")).toBeUndefined();
  });
});

describe("checkoutLineItems", () => {
  const lines = [
    { name: "Gauge", partNumber: "GC-1", quantity: 10, unitPriceCents: 4200, taxable: true },
    { name: "Freight", partNumber: null, quantity: 1, unitPriceCents: 9500, taxable: false },
    { name: "Discount", partNumber: null, quantity: 1, unitPriceCents: -1000, taxable: true },
  ];

  it("prices lines before tax, the non-taxable ones with the non-taxable code, discounts left to the coupon", () => {
    expect(checkoutLineItems(lines, "usd", true)).toEqual([
      {
        quantity: 10,
        price_data: {
          currency: "usd",
          unit_amount: 4200,
          tax_behavior: "exclusive",
          product_data: { name: "Gauge (GC-1)" },
        },
      },
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 9500,
          tax_behavior: "exclusive",
          product_data: { name: "Freight", tax_code: NONTAXABLE_TAX_CODE },
        },
      },
    ]);
  });

  it("sends no tax fields when Stripe Tax is not asked", () => {
    expect(checkoutLineItems(lines, "usd", false).map((item) => item.price_data)).toEqual([
      { currency: "usd", unit_amount: 4200, product_data: { name: "Gauge (GC-1)" } },
      { currency: "usd", unit_amount: 9500, product_data: { name: "Freight" } },
    ]);
  });
});
