import { describe, expect, it } from "vitest";
import { CartAction } from "./cart-schema";
import { QuoteListAction } from "~/quotes/quote-list-schema";

describe("quantities typed into the cart and the quote list", () => {
  const quantityOf = (schema: typeof CartAction | typeof QuoteListAction, quantity: string) => {
    const parsed = schema.safeParse({ intent: "add", productId: "1", quantity });
    return parsed.success ? parsed.data.intent === "add" && parsed.data.quantity : parsed.error.issues[0].message;
  };

  it.each([
    ["20", 20],
    ["2,000", 2000],
    [" 2,000 ", 2000],
    ["100,000", 100_000],
    ["2 000", 2000],
  ])("reads %j as %d", (typed, expected) => {
    expect(quantityOf(CartAction, typed)).toBe(expected);
    expect(quantityOf(QuoteListAction, typed)).toBe(expected);
  });

  it.each(["1e3", "0x10", "0b11", "0o7", "1.5", "2.0", "+5", "Infinity", "2,00", "20,00,000", "1,,000", "½", "٣"])(
    "refuses %j as not a plain whole number",
    (typed) => {
      expect(quantityOf(CartAction, typed)).toBe("Enter a whole number, like 20 or 2,000");
      expect(quantityOf(QuoteListAction, typed)).toBe("Enter a whole number, like 20 or 2,000");
    },
  );

  it("says what is wrong with an empty, zero, negative or too large quantity", () => {
    expect(quantityOf(CartAction, "")).toBe("Enter a quantity");
    expect(quantityOf(CartAction, "0")).toBe("Quantity must be at least 1");
    expect(quantityOf(CartAction, "-5")).toBe("Quantity must be at least 1");
    expect(quantityOf(CartAction, "100,001")).toBe(
      "Quantity must be at most 100,000 in a cart: for more, add it to a quote",
    );
    expect(quantityOf(QuoteListAction, "1,000,001")).toBe("Quantity must be at most 1,000,000");
  });
});
