import { describe, expect, it } from "vitest";
import { quantityProblem } from "./pack-quantity";

describe("quantityProblem", () => {
  const packs = { minOrderQty: 20, packSize: 10 };
  it("accepts the minimum and multiples of the pack size", () => {
    expect(quantityProblem(20, packs)).toBeUndefined();
    expect(quantityProblem(130, packs)).toBeUndefined();
    expect(quantityProblem(1, { minOrderQty: 1, packSize: 1 })).toBeUndefined();
  });
  it("explains a quantity under the minimum", () => {
    expect(quantityProblem(10, packs)).toBe("The minimum order is 20");
  });
  it("explains a quantity between packs, with the nearest valid quantities", () => {
    expect(quantityProblem(25, packs)).toBe("Sold in packs of 10: order a multiple of 10, for example 20 or 30");
    expect(quantityProblem(21, { minOrderQty: 5, packSize: 5 })).toBe(
      "Sold in packs of 5: order a multiple of 5, for example 20 or 25",
    );
  });
});
