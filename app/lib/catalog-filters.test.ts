import { describe, expect, it } from "vitest";
import { activeFilterCount, parseCatalogFilters, type SpecKind } from "./catalog-filters";

const kinds = new Map<string, SpecKind>([
  ["material", "enum"],
  ["power", "number"],
]);

describe("parseCatalogFilters", () => {
  it("reads enums, ranges, price, stock, lead time, sort and page from the URL", () => {
    const params = new URLSearchParams(
      "mfr=Norden&mfr=Kestrel&material=316+stainless+steel&power_min=5&power_max=22.5&price=listed&stock=in&lead=14&sort=price-asc&page=3",
    );
    const filters = parseCatalogFilters(params, kinds, "relevance");
    expect(filters).toEqual({
      manufacturers: ["Norden", "Kestrel"],
      enums: { material: ["316 stainless steel"] },
      ranges: { power: { min: 5, max: 22.5 } },
      price: "listed",
      inStock: true,
      maxLeadDays: 14,
      sort: "price-asc",
      page: 3,
    });
    expect(activeFilterCount(filters)).toBe(7);
  });

  it("ignores junk instead of failing", () => {
    const params = new URLSearchParams(
      "power_min=abc&power_max=Infinity&price=free&sort=drop+table&page=-4&lead=-1&unknown=1&material=&material=%20",
    );
    const filters = parseCatalogFilters(params, kinds, "name");
    expect(filters.ranges).toEqual({});
    expect(filters.enums).toEqual({});
    expect(filters.price).toBeUndefined();
    expect(filters.sort).toBe("name");
    expect(filters.page).toBe(1);
    expect(filters.maxLeadDays).toBeUndefined();
    expect(activeFilterCount(filters)).toBe(0);
  });

  it("caps the number and length of values", () => {
    const params = new URLSearchParams();
    for (let i = 0; i < 500; i++) params.append("mfr", `m${i}`);
    params.append("material", "x".repeat(10_000));
    const filters = parseCatalogFilters(params, kinds, "relevance");
    expect(filters.manufacturers).toHaveLength(50);
    expect(filters.enums.material[0]).toHaveLength(200);
  });
});
