import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { products } from "~db/schema";
import { db } from "~/lib/db.server";
import { addProductToQuoteList, getQuoteList, quickAddToQuoteList } from "./quote-list.server";

const activeProduct = () =>
  db
    .select()
    .from(products)
    .where(and(eq(products.status, "active")))
    .get()!;

describe("quote list line quantities", () => {
  it("refuses an add that would take a line past the limit, and keeps the line as it was", () => {
    const product = activeProduct();
    const first = addProductToQuoteList(undefined, product.id, 600_000);
    expect(first.ok).toBe(true);
    const token = first.token!;
    expect(addProductToQuoteList(token, product.id, 600_000)).toEqual({
      ok: false,
      reason: "quantity",
      message: "At most 1,000,000 of one product per line: there are already 600,000 on your list",
      token,
    });
    expect(getQuoteList(token).lines.map((line) => line.quantity)).toEqual([600_000]);
    expect(addProductToQuoteList(token, product.id, 400_000)).toMatchObject({ ok: true });
    expect(getQuoteList(token).lines.map((line) => line.quantity)).toEqual([1_000_000]);
  });

  it("refuses pasted lines that would take a line past the limit, with what is wrong, and adds the rest", () => {
    const product = activeProduct();
    const { token } = addProductToQuoteList(undefined, product.id, 900_000);
    const result = quickAddToQuoteList(
      token,
      `${product.partNumber} 50,000\n${product.partNumber} 50,001\n${product.partNumber} 100,000\n${product.partNumber}, 2,000`,
    );
    expect(result.added).toBe(2);
    expect(result.problems).toEqual([
      {
        line: `${product.partNumber} 50,001`,
        message: "At most 1,000,000 of one product per line: there would be 1,000,001 on your list",
      },
      {
        line: `${product.partNumber} 100,000`,
        message: "At most 1,000,000 of one product per line: there would be 1,050,000 on your list",
      },
    ]);
    expect(getQuoteList(token).lines.map((line) => line.quantity)).toEqual([952_000]);
  });
});
