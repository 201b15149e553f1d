import { describe, expect, it } from "vitest";
import { products } from "~db/schema";
import { db } from "~/lib/db.server";
import { listInbox } from "./quote-inbox.server";
import { makeQuoteRequest } from "../../tests/support/factories";

function requestWith(productCount: number) {
  const picked = db.select({ id: products.id }).from(products).limit(productCount).all();
  return makeQuoteRequest({ productIds: picked.map((product) => product.id), quantity: 2 }).request;
}

describe("the quote inbox", () => {
  it("counts each request's own lines", () => {
    const three = requestWith(3);
    const one = requestWith(1);
    const rows = (reference: string) => listInbox({ view: "all", q: reference, page: 1 }).rows;
    expect(rows(three.reference).map((row) => row.lineCount)).toEqual([3]);
    expect(rows(one.reference).map((row) => row.lineCount)).toEqual([1]);
  });
});
