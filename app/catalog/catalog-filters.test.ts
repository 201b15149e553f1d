import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  cleanListingParams,
  cleanListingUrl,
  PAGE_SIZE,
  pageCount,
  parseCatalogFilters,
  pastLastPageUrl,
  RANGE_ORDER_MESSAGE,
  notANumberMessage,
  type SpecKind,
} from "./catalog-filters";

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
      invalidRanges: {},
      price: "listed",
      inStock: true,
      maxLeadDays: 14,
      sort: "price-asc",
      page: 3,
    });
    expect(activeFilterCount(filters)).toBe(7);
  });

  it("ignores junk instead of failing, and says which range bound is not a number", () => {
    const params = new URLSearchParams(
      "power_min=abc&power_max=Infinity&price=free&sort=drop+table&page=-4&lead=-1&unknown=1&material=&material=%20",
    );
    const filters = parseCatalogFilters(params, kinds, "name");
    expect(filters.ranges).toEqual({});
    expect(filters.invalidRanges).toEqual({ power: { message: notANumberMessage("abc"), bound: "min" } });
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

describe("a range whose minimum is above its maximum", () => {
  it("is not applied, and comes back as typed with the reason", () => {
    const filters = parseCatalogFilters(new URLSearchParams("power_min=50&power_max=10&stock=in"), kinds);
    expect(filters.ranges).toEqual({});
    expect(filters.invalidRanges).toEqual({ power: { min: 50, max: 10, message: RANGE_ORDER_MESSAGE } });
    expect(activeFilterCount(filters)).toBe(1);
  });

  it("is fine when the two are equal, or only one is given", () => {
    for (const query of ["power_min=10&power_max=10", "power_min=50", "power_max=10"]) {
      const filters = parseCatalogFilters(new URLSearchParams(query), kinds);
      expect(filters.invalidRanges, query).toEqual({});
      expect(Object.keys(filters.ranges), query).toEqual(["power"]);
    }
  });
});

describe("a range bound that is not a number", () => {
  it("is not applied, and comes back with the reason, quoting what was typed", () => {
    const filters = parseCatalogFilters(new URLSearchParams("power_min=1,000&power_max=50"), kinds);
    expect(filters.ranges).toEqual({});
    expect(filters.invalidRanges).toEqual({ power: { max: 50, message: notANumberMessage("1,000"), bound: "min" } });
    expect(filters.invalidRanges.power.message).toBe("“1,000” is not a number: type one, like 10 or 2.5.");
  });

  it("is named before an order that cannot match, and a blank bound is no bound", () => {
    for (const [query, bound] of [
      ["power_max=abc", "max"],
      ["power_min=Infinity", "min"],
      ["power_min=90&power_max=x", "max"],
    ]) {
      const filters = parseCatalogFilters(new URLSearchParams(query), kinds);
      expect(filters.invalidRanges.power?.message, query).toMatch(/is not a number/);
      expect(filters.invalidRanges.power?.bound, query).toBe(bound);
    }
    // Quoted up to 40 characters, never cut inside one.
    const long = `${"x".repeat(39)}😀😀`;
    expect(parseCatalogFilters(new URLSearchParams({ power_min: long }), kinds).invalidRanges.power?.message).toBe(
      `“${"x".repeat(39)}😀” is not a number: type one, like 10 or 2.5.`,
    );
    expect(parseCatalogFilters(new URLSearchParams("power_min=%20&power_max=5"), kinds).ranges).toEqual({
      power: { min: undefined, max: 5 },
    });
  });
});

describe("clean filter URLs", () => {
  it("keep only chosen values, in their order, without the default sort or page 1", () => {
    const form = new URLSearchParams(
      "q=pump&sort=relevance&stock=&lead=&price=&mfr=Norden&power_min=&power_max=40&material=%20&page=1",
    );
    expect(cleanListingParams(form).toString()).toBe("q=pump&mfr=Norden&power_max=40");
    expect(cleanListingParams(new URLSearchParams("sort=name&page=2")).toString()).toBe("sort=name&page=2");
  });

  it("redirect only a URL that carries something not worth keeping", () => {
    expect(cleanListingUrl(new URL("http://x/categories/pumps?mfr=Norden&price=&sort=relevance"))).toBe(
      "/categories/pumps?mfr=Norden",
    );
    expect(cleanListingUrl(new URL("http://x/categories/pumps?price=&lead="))).toBe("/categories/pumps");
    expect(cleanListingUrl(new URL("http://x/categories/pumps?mfr=Norden&sort=name"))).toBeNull();
    expect(cleanListingUrl(new URL("http://x/categories/pumps"))).toBeNull();
    // Spelled differently but nothing dropped: no redirect, so no loop.
    expect(cleanListingUrl(new URL("http://x/search?q=316%20gauge"))).toBeNull();
  });
});

describe("pages", () => {
  it("count at least one page", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(PAGE_SIZE)).toBe(1);
    expect(pageCount(PAGE_SIZE + 1)).toBe(2);
  });

  it("past the last one lead to the last one, keeping the filters", () => {
    const url = new URL("http://x/search?q=pump&stock=in&page=9");
    expect(pastLastPageUrl(url, 9, PAGE_SIZE * 2 + 1)).toBe("/search?q=pump&stock=in&page=3");
    expect(pastLastPageUrl(url, 9, 5)).toBe("/search?q=pump&stock=in");
    expect(pastLastPageUrl(url, 9, 0)).toBe("/search?q=pump&stock=in");
    expect(pastLastPageUrl(url, 3, PAGE_SIZE * 2 + 1)).toBeNull();
    expect(pastLastPageUrl(new URL("http://x/categories/pumps"), 1, 0)).toBeNull();
  });
});
