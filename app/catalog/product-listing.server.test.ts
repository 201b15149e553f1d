import { describe, expect, it } from "vitest";
import { parseCatalogFilters, PAGE_SIZE } from "./catalog-filters";
import { seedCategories } from "~db/seed/categories";
import { seedProducts } from "~db/seed";
import type { SeedProduct } from "~db/seed/types";
import { getCategory } from "./category.server";
import { getCatalogIndex, slotOf } from "./catalog-index.server";
import {
  facetSampling,
  getListingPage,
  keySpecsOf,
  KEY_SPECS_PER_ROW,
  listProducts,
  zoning,
} from "./product-listing.server";
import { listSpecsForProducts } from "./product.server";
import { sqlite } from "~/lib/db.server";
import { groupSpecs } from "./specs";
import { listSpecDefinitions, specKindsByKey } from "./spec.server";

const specs = listSpecDefinitions();
const kinds = specKindsByKey(specs);

function list(slug: string, query: string) {
  const { category } = getCategory({ slug })!;
  return listProducts(
    { categoryId: category.id },
    parseCatalogFilters(new URLSearchParams(query), kinds, "name"),
    specs,
  );
}

function inTree(slug: string): SeedProduct[] {
  const top = seedCategories.find((c) => c.slug === slug);
  const slugs = top ? top.children.map((c) => c.slug) : [slug];
  return seedProducts.filter((p) => slugs.includes(p.category));
}

const values = (p: SeedProduct, key: string) => {
  const value = p.specs[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

describe("listProducts on a category", () => {
  it("lists the whole subtree of a top-level category", () => {
    for (const top of seedCategories) {
      expect(list(top.slug, "").total).toBe(inTree(top.slug).length);
    }
  });

  it("shows each number spec's range over the whole subtree, whatever is filtered", () => {
    let checked = 0;
    for (const top of seedCategories) {
      for (const query of ["", "price=listed"]) {
        for (const range of list(top.slug, query).facets.ranges) {
          const numbers = inTree(top.slug)
            .flatMap((p) => values(p, range.key))
            .filter((v): v is number => typeof v === "number");
          expect({ min: range.min, max: range.max }, `${top.slug} ${range.key}`).toEqual({
            min: Math.min(...numbers),
            max: Math.max(...numbers),
          });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("filters by manufacturer, enum spec, number range and price exactly as the data says", () => {
    const products = inTree("instruments");
    const manufacturer = products[0].manufacturer;
    const expected = products.filter((p) => p.manufacturer === manufacturer);
    expect(list("instruments", `mfr=${encodeURIComponent(manufacturer)}`).total).toBe(expected.length);

    const listed = products.filter((p) => p.priceCents !== null);
    expect(list("instruments", "price=listed").total).toBe(listed.length);
    expect(list("instruments", "price=quote").total).toBe(products.length - listed.length);

    const withPressure = products.filter((p) =>
      values(p, "max_pressure").some((v) => (v as number) >= 10 && (v as number) <= 100),
    );
    expect(list("instruments", "max_pressure_min=10&max_pressure_max=100").total).toBe(withPressure.length);
  });

  it("counts facets disjunctively: a selected facet still shows its other values", () => {
    const products = inTree("industrial-equipment");
    const manufacturers = [...new Set(products.map((p) => p.manufacturer))];
    const first = manufacturers[0];
    const result = list("industrial-equipment", `mfr=${encodeURIComponent(first)}`);
    for (const name of manufacturers) {
      const facet = result.facets.manufacturers.find((m) => m.value === name);
      expect(facet?.count).toBe(products.filter((p) => p.manufacturer === name).length);
      expect(facet?.selected).toBe(name === first);
    }
    // Other facets are counted within the selection.
    const materials = new Map<string, number>();
    for (const p of products.filter((p) => p.manufacturer === first)) {
      for (const v of values(p, "material")) materials.set(String(v), (materials.get(String(v)) ?? 0) + 1);
    }
    const materialFacet = result.facets.enums.find((f) => f.key === "material");
    for (const [value, count] of materials) {
      if (materialFacet) expect(materialFacet.values.find((v) => v.value === value)?.count).toBe(count);
    }
  });

  it("sorts by price with quote-only items last and pages through everything once", () => {
    const all = list("machinery", "sort=price-asc");
    const prices = all.products.map((p) => p.priceCents);
    const firstNull = prices.indexOf(null);
    const listedPrices = (firstNull === -1 ? prices : prices.slice(0, firstNull)) as number[];
    expect(listedPrices).toEqual([...listedPrices].sort((a, b) => a - b));
    if (firstNull !== -1) expect(prices.slice(firstNull).every((p) => p === null)).toBe(true);

    const seen = new Set<number>();
    for (let page = 1; page <= Math.ceil(all.total / PAGE_SIZE); page++) {
      for (const p of list("machinery", `sort=name&page=${page}`).products) seen.add(p.id);
    }
    expect(seen.size).toBe(all.total);
  });

  it("counts every facet as the data says, however many products a filter drops", () => {
    // The model: a product counts for a facet when it passes every filter, or fails only that
    // facet's, unless that facet is "has all of" (certifications), which counts the result
    // itself. Filters that keep most of a category and filters that keep few are both here, as
    // are products failing two facets at once.
    const commonest = (products: SeedProduct[], pick: (p: SeedProduct) => string[]) => {
      const tally = new Map<string, number>();
      for (const p of products) for (const v of pick(p)) tally.set(v, (tally.get(v) ?? 0) + 1);
      return [...tally].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    const enumSpecs = specs.filter((s) => s.kind === "enum");
    const numberSpecs = specs.filter((s) => s.kind === "number");
    const ticked = (key: string, value: string | undefined) =>
      value === undefined ? undefined : `${key}=${encodeURIComponent(value)}`;
    const queriesOf = (products: SeedProduct[]) => {
      const maker = commonest(products, (p) => [p.manufacturer])!;
      const commonValue = (key: string, except?: string) =>
        commonest(products, (p) =>
          values(p, key)
            .map(String)
            .filter((v) => v !== except),
        );
      const material = ticked("material", commonValue("material"));
      const certificate = commonValue("certifications");
      const otherCertificate = certificate && commonValue("certifications", certificate);
      // The two disjunctive enum specs most products have, each at its commonest value and at another.
      const [first, second] = enumSpecs
        .filter((s) => !s.matchAll)
        .map((s) => ({ key: s.key, n: products.filter((p) => values(p, s.key).length).length }))
        .sort((a, b) => b.n - a.n)
        .map(({ key }) => key);
      const [firstValue, secondValue] = [first, second].map((key) => ticked(key, commonValue(key)));
      const secondOther = ticked(second, commonValue(second, commonValue(second)));
      // The number spec most products have, from its median value up: a range few or many pass.
      const [rangeSpec] = numberSpecs
        .map((spec) => ({ spec, numbers: products.flatMap((p) => values(p, spec.key)).map(Number) }))
        .sort((a, b) => b.numbers.length - a.numbers.length);
      const median = rangeSpec.numbers.sort((a, b) => a - b)[rangeSpec.numbers.length >> 1];
      const range = median === undefined ? undefined : `${rangeSpec.spec.key}_min=${median}`;
      const join = (...parts: (string | undefined)[]) =>
        parts.some((part) => part === undefined) ? [] : [parts.join("&")];
      return [
        "",
        "price=listed",
        "price=quote",
        "stock=in",
        "stock=in&price=listed",
        "lead=20&price=quote",
        `mfr=${encodeURIComponent(maker)}`,
        `mfr=${encodeURIComponent(maker)}&price=listed&stock=in`,
        ...join(material),
        ...join(material, "price=listed"),
        ...join(ticked("certifications", certificate)),
        ...join(ticked("certifications", certificate), ticked("certifications", otherCertificate)),
        ...join(ticked("certifications", otherCertificate), `mfr=${encodeURIComponent(maker)}`, "price=listed"),
        ...join(firstValue, secondValue),
        ...join(firstValue, secondValue, secondOther, "stock=in"),
        ...join(firstValue, secondOther, ticked("certifications", certificate)),
        ...join(range),
        ...join(range, "stock=in"),
        ...join(range, firstValue),
        ...join(range, firstValue, secondValue),
        ...join(range, ticked("certifications", certificate)),
      ];
    };
    // Listed as it is, and as a large category whose sample has too few passing for an estimate,
    // where only the products that enum filters and ranges leave are tested (`countedCandidates`).
    const samplings = { listed: {}, "too few passing for an estimate": { above: 1, enoughPassing: Infinity } };
    // Blocks of 4 places (zones are kept from their first use), so that products counted pass over some.
    zoning.blockBits = 2;
    let compared = 0;
    let narrowed = 0;
    try {
      for (const top of seedCategories) {
        const products = inTree(top.slug);
        for (const query of queriesOf(products)) {
          const params = new URLSearchParams(query);
          const failedFacets = (p: SeedProduct) => {
            const failed = new Set<string>();
            if (params.has("mfr") && !params.getAll("mfr").includes(p.manufacturer)) failed.add("mfr");
            for (const spec of enumSpecs) {
              const wanted = params.getAll(spec.key);
              const has = values(p, spec.key).map(String);
              const passes = spec.matchAll ? wanted.every((v) => has.includes(v)) : wanted.some((v) => has.includes(v));
              if (wanted.length && !passes) failed.add(spec.key);
            }
            for (const spec of numberSpecs) {
              const min = params.get(`${spec.key}_min`);
              if (min !== null && !values(p, spec.key).some((v) => Number(v) >= Number(min))) failed.add(spec.key);
            }
            if (params.get("price") === "listed" && p.priceCents === null) failed.add("price");
            if (params.get("price") === "quote" && p.priceCents !== null) failed.add("price");
            if (params.get("stock") === "in" && !p.inStock) failed.add("stock");
            if (params.has("lead") && p.leadTimeDays > Number(params.get("lead"))) failed.add("stock");
            return failed;
          };
          const countsFor = (facet: string) =>
            products.filter((p) => {
              const failed = failedFacets(p);
              return (
                failed.size === 0 ||
                (failed.size === 1 && failed.has(facet) && !enumSpecs.some((s) => s.matchAll && s.key === facet))
              );
            });
          const tally = (items: string[]) => {
            const map: Record<string, number> = {};
            for (const item of items) map[item] = (map[item] ?? 0) + 1;
            return map;
          };
          const enumTicked = enumSpecs.filter((s) => params.has(s.key));
          if (enumTicked.length >= 2 || enumTicked.some((s) => s.matchAll)) narrowed++;
          for (const [name, sampling] of Object.entries(samplings)) {
            Object.assign(facetSampling, sampling);
            try {
              const { total, facets, estimatedTotal } = list(top.slug, query);
              const label = `${top.slug}?${query} (${name})`;
              expect({ total, estimatedTotal }, label).toEqual({
                total: countsFor("none").length,
                estimatedTotal: false,
              });
              expect(
                Object.fromEntries(facets.manufacturers.filter((m) => m.count > 0).map((m) => [m.value, m.count])),
                label,
              ).toEqual(tally(countsFor("mfr").map((p) => p.manufacturer)));
              const priced = countsFor("price");
              expect(facets.price, label).toEqual({
                listed: priced.filter((p) => p.priceCents !== null).length,
                quote: priced.filter((p) => p.priceCents === null).length,
              });
              expect(facets.inStock, label).toBe(countsFor("stock").filter((p) => p.inStock).length);
              for (const spec of enumSpecs) {
                const expected = tally(countsFor(spec.key).flatMap((p) => values(p, spec.key).map(String)));
                const facet = facets.enums.find((f) => f.key === spec.key);
                const shown = Object.fromEntries(
                  (facet?.values ?? []).filter((v) => v.count > 0).map((v) => [v.value, v.count]),
                );
                // A facet with a single value and nothing selected is not offered.
                if (facet || Object.keys(expected).length > 1) expect(shown, `${label} ${spec.key}`).toEqual(expected);
              }
            } finally {
              Object.assign(facetSampling, { above: 20_000, enoughPassing: 1_000 });
            }
          }
          compared++;
        }
      }
    } finally {
      zoning.blockBits = 7;
    }
    expect(compared).toBeGreaterThan(70);
    expect(narrowed).toBeGreaterThan(15);
  });

  it("lists under values that must all be ticked only products with each, one held twice counting once", () => {
    const meter = "CMF-50 Coriolis Mass Flow Meter, DN50, ATEX";
    const names = (query: string) => list("flow-meters", query).products.map((p) => p.name);
    const [allOf, held] = ["certifications=ATEX&certifications=UL", "certifications=ATEX&certifications=IECEx"];
    expect(names(held)).toContain(meter);
    expect(names(allOf)).not.toContain(meter);
    // ATEX written twice, as only a direct write can (the back office and imports keep one of each).
    const twice = sqlite
      .prepare(
        `INSERT INTO product_specs (product_id, spec_id, value_text) SELECT product_id, spec_id, value_text
         FROM product_specs WHERE value_text = 'ATEX' AND product_id = (SELECT id FROM products WHERE name = ?)`,
      )
      .run(meter).lastInsertRowid;
    try {
      expect(names(allOf)).not.toContain(meter);
      expect(names(held)).toContain(meter);
    } finally {
      sqlite.prepare("DELETE FROM product_specs WHERE id = ?").run(twice);
    }
  });

  it("shows an empty page, not an error, for filters that match nothing", () => {
    const result = list("instruments", "power_min=999999");
    expect(result.total).toBe(0);
    expect(result.products).toEqual([]);
  });
});

describe("listing rows", () => {
  it("show each product's first specs from the catalog index, as its product page lists them", () => {
    const index = getCatalogIndex();
    const ids = Array.from(index.ids);
    const specsOf = new Map<number, ReturnType<typeof listSpecsForProducts>>();
    for (const spec of listSpecsForProducts(ids))
      specsOf.set(spec.productId, [...(specsOf.get(spec.productId) ?? []), spec]);
    let withSpecs = 0;
    for (const id of ids) {
      const expected = groupSpecs(specsOf.get(id) ?? [])
        .slice(0, KEY_SPECS_PER_ROW)
        .map(({ label, values }) => ({ label, text: values.join(", ") }));
      expect(keySpecsOf(index, slotOf(index, id), specs), `product ${id}`).toEqual(expected);
      if (expected.length) withSpecs++;
    }
    // Multi-valued specs (certifications) and number specs with units are among them.
    expect(withSpecs).toBeGreaterThan(50);
    expect(ids.some((id) => keySpecsOf(index, slotOf(index, id), specs, 99).some((s) => s.text.includes(", ")))).toBe(
      true,
    );
  });

  it("carry what a row draws and no more", () => {
    const { category } = getCategory({ slug: "instruments" })!;
    const [row] = getListingPage(
      { categoryId: category.id },
      parseCatalogFilters(new URLSearchParams(), kinds),
      specs,
    ).products;
    expect(Object.keys(row).sort()).toEqual(
      [
        "id",
        "slug",
        "name",
        "manufacturer",
        "partNumber",
        "imagePath",
        "priceCents",
        "priceBreaks",
        "minOrderQty",
        "leadTimeDays",
        "inStock",
        "keySpecs",
      ].sort(),
    );
    expect(row.keySpecs.length).toBeGreaterThan(0);
  });

  it("carry each product's quantity breaks, read for the whole page", () => {
    const { category } = getCategory({ slug: "instruments" })!;
    const rows = getListingPage(
      { categoryId: category.id },
      parseCatalogFilters(new URLSearchParams("per=96"), kinds),
      specs,
    ).products;
    const gauge = rows.find((row) => row.partNumber === "GC-PG100-SS-250B")!;
    expect(gauge.priceBreaks).toEqual([
      { minQuantity: 20, unitPriceCents: 84_00 },
      { minQuantity: 50, unitPriceCents: 79_50 },
    ]);
    expect(rows.filter((row) => row.priceBreaks.length > 0).length).toBeLessThan(rows.length);
  });
});
