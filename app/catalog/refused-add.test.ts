import { describe, expect, it } from "vitest";
import { refusalOf, refusedProductOf } from "./refused-add";

describe("a refused add or cart form, shown again", () => {
  const refused = (intent: string, values: Record<string, string>, fieldErrors: Record<string, string> = {}) => ({
    status: "error" as const,
    intent,
    fieldErrors,
    values: { intent, ...values },
  });

  it("names the product of a refused add only with the values the server added", () => {
    const values = { productId: "7", quantity: "25", productName: "Utility Pressure Gauge", partNumber: "IAX-PG50" };
    expect(refusedProductOf({ ...refused("add", values), formError: "The minimum order is 20" }, "add")).toEqual({
      productId: "7",
      name: "Utility Pressure Gauge",
      partNumber: "IAX-PG50",
      problem: "The minimum order is 20",
    });
    expect(refusedProductOf(refused("add", { productId: "7", quantity: "25" }), "add")).toBeUndefined();
    expect(refusedProductOf(refused("update", values), "add")).toBeUndefined();
  });

  it("says the quantity's problem first, then the form's, then any other field's", () => {
    expect(refusalOf(refused("add", {}, { productId: "Bad id", quantity: "Enter a quantity" }))).toBe(
      "Enter a quantity",
    );
    expect(refusalOf({ ...refused("add", {}), formError: "That product cannot be bought online." })).toBe(
      "That product cannot be bought online.",
    );
    expect(refusalOf(refused("remove", {}, { lineId: "Bad id" }))).toBe("Bad id");
  });
});
