import Database from "better-sqlite3";
import { count } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { orders, products, quoteRequests, users } from "~db/schema";
import { seedProducts } from "~db/seed";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { makeQuoteRequest } from "./factories";

const rows = (table: typeof products | typeof quoteRequests | typeof users | typeof orders) =>
  db.select({ n: count() }).from(table).get()!.n;

describe("the unit-test database", () => {
  it("is a copy of the run's seeded catalog, with nothing another test file wrote", () => {
    expect(env.DATABASE_PATH).not.toBe(inject("baseDatabase"));
    expect(rows(products)).toBe(seedProducts.length);
    expect([rows(quoteRequests), rows(users), rows(orders)]).toEqual([0, 0, 0]);
  });

  it("leaves the base file as it was seeded when a test writes", () => {
    makeQuoteRequest();
    expect(rows(quoteRequests)).toBe(1);
    const base = new Database(inject("baseDatabase"), { readonly: true, fileMustExist: true });
    try {
      expect(base.prepare("SELECT count(*) AS n FROM quote_requests").get()).toEqual({ n: 0 });
    } finally {
      base.close();
    }
  });
});
