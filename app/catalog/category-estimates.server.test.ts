import { describe, expect, it } from "vitest";
import { makeProduct } from "../../tests/support/factories";
import { parseCatalogFilters, PAGE_SIZE } from "./catalog-filters";
import { getCategory } from "./category.server";
import { facetSampling, listProducts } from "./product-listing.server";
import { listSpecDefinitions, specKindsByKey } from "./spec.server";

const specs = listSpecDefinitions();
const category = "instruments";
const list = (slug: string, query: string) =>
  listProducts(
    { categoryId: getCategory({ slug })!.category.id },
    parseCatalogFilters(new URLSearchParams(query), specKindsByKey(specs)),
    specs,
  );

// Enough gauges for pages of in-stock instruments: every third out of stock, every fifth on request.
for (let i = 0; i < 90; i++) {
  makeProduct({ name: `Test gauge ${i}`, priceCents: i % 5 ? 1000 + ((i * 7919) % 5000) : null, inStock: i % 3 > 0 });
}

describe("a large category filtered", () => {
  it("estimates a large filtered category from a sample, lists the same pages, and knows the total at the last", () => {
    const query = "stock=in&sort=price-asc";
    const exact = list(category, query);
    const pages = Math.ceil(exact.total / PAGE_SIZE);
    expect(pages).toBeGreaterThan(1);
    const exactPages = [1, 2, pages].map((page) => list(category, `${query}&page=${page}`));
    const subtree = list(category, "").total;
    Object.assign(facetSampling, { above: Math.floor(subtree / 3), enoughPassing: 5 });
    try {
      const sampled = [1, 2, pages].map((page) => list(category, `${query}&page=${page}`));
      expect(sampled.map((p) => p.products.map(({ id }) => id))).toEqual(
        exactPages.map((p) => p.products.map(({ id }) => id)),
      );
      const [first, , last] = sampled;
      expect(first.estimatedTotal).toBe(true);
      expect(first.facets.approximate).toBe(true);
      // Within a third of the truth at a third of the category, and never short of the pages listed.
      expect(Math.abs(first.total - exact.total)).toBeLessThan(exact.total / 3);
      expect(first.total).toBeGreaterThan(PAGE_SIZE);
      // The last page's walk reaches the last product: the total is exact there.
      expect({ total: last.total, estimated: last.estimatedTotal }).toEqual({ total: exact.total, estimated: false });
      // Past the last page, the exact total (the route redirects to its last page).
      expect(list(category, `${query}&page=${pages + 5}`)).toMatchObject({ total: exact.total, products: [] });
      // Too few of the sample passing for an estimate: every product is tested.
      facetSampling.enoughPassing = subtree;
      expect(list(category, query)).toMatchObject({ total: exact.total, estimatedTotal: false });
    } finally {
      Object.assign(facetSampling, { above: 20_000, enoughPassing: 1_000 });
    }
  });
});
