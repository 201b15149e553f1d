import { describe, expect, it } from "vitest";
import { sqlite } from "~/lib/db.server";
import { countBits, readMatches, setBits } from "./match-set-store";

const rowids = (table: string, expression: string) =>
  sqlite
    .prepare<[string], number>(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
    .pluck()
    .all(expression);
const maxId = sqlite.prepare<[], number>("SELECT max(id) FROM products").pluck().get()!;

describe("readMatches", () => {
  it("sets the bit of every rowid a full-text expression matches, and no other, and says how many", () => {
    const reads: [string, string][] = [
      ["products_fts", '"pr"*'],
      ["products_fts", '"valve" AND "stainless"*'],
      ["products_name_fts", '"gauge"'],
      ["products_title_fts", 'name : "pump"*'],
      ["products_fts", '"zzqxw"'],
    ];
    for (const [table, expression] of reads) {
      const expected = rowids(table, expression);
      const bits = new Uint32Array((maxId + 32) >>> 5);
      expect(readMatches(sqlite, table, expression, bits)).toBe(expected.length);
      expect(Array.from(setBits(bits, new Uint32Array(countBits(bits))))).toEqual(expected);
    }
    expect(rowids("products_fts", '"pr"*').length).toBeGreaterThan(10);
  });

  it("leaves out the ids past the end of the bitmap it is given", () => {
    const expected = rowids("products_fts", '"pr"*');
    const cut = expected[expected.length >> 1];
    const bits = new Uint32Array(cut >>> 5);
    expect(readMatches(sqlite, "products_fts", '"pr"*', bits)).toBe(expected.length);
    expect(Array.from(setBits(bits, new Uint32Array(countBits(bits))))).toEqual(
      expected.filter((id) => id < (cut >>> 5) * 32),
    );
  });
});
