import { describe, expect, it } from "vitest";
import { parseCatalogFilters } from "~/lib/catalog-filters";
import { seedProducts } from "../../db/seed";
import { sqlite, writeTransaction } from "~/lib/db.server";
import { createProduct, loadSpecDefinitions, updateProduct } from "./product.server";
import { buildMatchQuery, findExactPartNumber, searchProducts, suggestProducts } from "./search.server";
import { listSpecDefinitions, specKindsByKey } from "./spec.server";

const specs = listSpecDefinitions();
const noFilters = parseCatalogFilters(new URLSearchParams(), specKindsByKey(specs), "relevance");
const search = (q: string) => searchProducts(q, noFilters, specs);

describe("buildMatchQuery", () => {
  it("keeps words only, so FTS operators and markup are never syntax", () => {
    expect(buildMatchQuery('pump" OR name:* NEAR(')).toBe('"pump"* AND "or"* AND "name"* AND "near"*');
    expect(buildMatchQuery("<script> alert(1) </script>")).toBe('"script"* AND "alert"* AND "1"*');
    expect(buildMatchQuery("  ---  ")).toBeUndefined();
  });

  it("adds a part-number prefix match for codes typed with separators", () => {
    expect(buildMatchQuery("pg63-ss")).toBe('("pg63"* AND "ss"*) OR part_number_key : "pg63ss"*');
  });

  it("answers any input without throwing", () => {
    const hostile = ['"', "'", "*", "AND", "NOT", "^", "a".repeat(5000), "\u0000", "💥 pump", "(((", "x:y", "-pump"];
    for (const input of hostile) expect(() => search(input)).not.toThrow();
  });
});

describe("searchProducts", () => {
  it("finds an exact part number, in any case and separator style", () => {
    const product = seedProducts[0];
    const exact = findExactPartNumber(product.partNumber.toLowerCase().replaceAll("-", " "));
    expect(exact?.partNumber).toBe(product.partNumber);
  });

  it("ranks the product whose part number is typed first", () => {
    for (const product of seedProducts.slice(0, 20)) {
      const result = search(product.partNumber);
      expect(result?.products[0]?.partNumber).toBe(product.partNumber);
    }
  });

  it("matches prefixes as the buyer types", () => {
    const full = search("pressure")!;
    const partial = search("pressu")!;
    expect(full.total).toBeGreaterThan(0);
    expect(partial.total).toBeGreaterThanOrEqual(full.total);
  });

  it("ranks a name match above a match in the specs only", () => {
    const result = search("gauge")!;
    expect(result.total).toBeGreaterThan(1);
    expect(result.products[0].name.toLowerCase()).toContain("gauge");
  });

  it("orders matches by where the words were found, and by featured and in stock within that", () => {
    const definitions = loadSpecDefinitions();
    const categoryId = Number(sqlite.prepare("SELECT id FROM categories WHERE slug = 'pressure-gauges'").pluck().get());
    const make = (partNumber: string, fields: { name: string; manufacturer?: string; summary?: string; featured?: boolean; inStock?: boolean }) =>
      writeTransaction(() =>
        createProduct(
          { partNumber, manufacturer: "Acme", categoryId, summary: "", description: "", priceCents: 1000, minOrderQty: 1, packSize: 1, leadTimeDays: 5, inStock: true, specs: {}, ...fields },
          definitions,
        ),
      );
    // The catalog's own order (featured, in stock, name) would put these the other way round.
    const inSummary = make("QZ-1", { name: "Aardvark sampler", summary: "A quazzle for every line", featured: true });
    const byMaker = make("QZ-2", { name: "Aardvark valve", manufacturer: "Quazzle Works", featured: true });
    const inNameOutOfStock = make("QZ-3", { name: "Zulu quazzle", inStock: false });
    const inNameFeatured = make("QZ-4", { name: "Zulu quazzle mk2", featured: true });
    const inName = make("QZ-5", { name: "Yankee quazzle" });
    const ranked = search("quazzle")!.products.map((p) => p.id);
    expect(ranked).toEqual([inNameFeatured, inName, inNameOutOfStock, byMaker, inSummary]);
    // The title index follows edits: renamed, with the word left in its summary only, it drops
    // to the last tier, behind the featured one there.
    writeTransaction(() =>
      updateProduct(
        inName,
        { partNumber: "QZ-5", name: "Yankee sampler", manufacturer: "Acme", categoryId, summary: "Quazzle inside", description: "", priceCents: 1000, minOrderQty: 1, packSize: 1, leadTimeDays: 5, inStock: true, specs: {} },
        definitions,
      ),
    );
    expect(search("quazzle")!.products.map((p) => p.id)).toEqual([inNameFeatured, inNameOutOfStock, byMaker, inSummary, inName]);

    // A part number typed exactly beats the products it is a prefix of.
    const longer = make("QZ-100", { name: "Longer part", featured: true });
    const exact = make("QZ-10", { name: "Exact part" });
    expect(search("QZ-10")!.products.slice(0, 2).map((p) => p.id)).toEqual([exact, longer]);

    // A part number being typed, before its first digit, still puts the codes starting so first.
    const codeFirst = make("ZQW-DELTA-9", { name: "Plain sampler" });
    make("ZQW-X1", { name: "Delta sampler", featured: true });
    expect(search("zqw-d")!.products[0].id).toBe(codeFirst);
    // The same words with a space match the same products but rank them as words, and neither
    // ranking is served for the other, whichever was asked first.
    const asWords = search("zqw d")!.products[0].id;
    expect(asWords).not.toBe(codeFirst);
    expect(search("zqw-d")!.products[0].id).toBe(codeFirst);
    expect(search("zqw d")!.products[0].id).toBe(asWords);
  });

  it("shows each number spec's range over the matches, as the data says", () => {
    const result = search("gauge")!;
    expect(result.facets.ranges.length).toBeGreaterThan(0);
    for (const range of result.facets.ranges) {
      const expected = sqlite
        .prepare(
          `SELECT min(ps.value_num) AS min, max(ps.value_num) AS max FROM product_specs ps
           JOIN spec_definitions sd ON sd.id = ps.spec_id JOIN products p ON p.id = ps.product_id
           WHERE sd.key = ? AND p.status = 'active'
             AND p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH '"gauge"*')`,
        )
        .get(range.key);
      expect({ min: range.min, max: range.max }, range.key).toEqual(expected);
    }
  });

  it("matches spec values and manufacturers", () => {
    const withAtex = seedProducts.filter((p) => JSON.stringify(p.specs).includes("ATEX"));
    expect(search("ATEX")!.total).toBeGreaterThanOrEqual(withAtex.length);
    const manufacturer = seedProducts[0].manufacturer;
    const byManufacturer = search(manufacturer)!;
    expect(byManufacturer.products.every((p) => p.manufacturer === manufacturer || p.name.includes(manufacturer.split(" ")[0]))).toBe(true);
  });
});

describe("suggestProducts", () => {
  it("suggests the product whose part number is being typed", () => {
    const product = seedProducts[5];
    const partial = product.partNumber.slice(0, Math.max(4, product.partNumber.length - 2));
    expect(suggestProducts(partial).map((s) => s.partNumber)).toContain(product.partNumber);
  });

  it("caps the list and answers nothing for empty input", () => {
    expect(suggestProducts("pressure").length).toBeLessThanOrEqual(8);
    expect(suggestProducts("pressure").length).toBeGreaterThan(0);
    expect(suggestProducts("<>")).toEqual([]);
  });
});
