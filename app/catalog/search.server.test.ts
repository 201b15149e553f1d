import { describe, expect, it, vi } from "vitest";
import { PAGE_SIZE, parseCatalogFilters } from "./catalog-filters";
import { seedProducts } from "~db/seed";
import { sqlite, writeTransaction } from "~/lib/db.server";
import { loadSpecDefinitions, updateProduct } from "./product.server";
import {
  buildMatchQuery,
  findExactPartNumber,
  isOnlyCommonWords,
  readSearchAhead,
  searchProducts,
  searchWarmUp,
  suggestProducts,
  warmUpSearch,
} from "./search.server";
import { isKept, matchSetKeeping, type FtsTable } from "./match-sets.server";
import { createSynonymGroup, deleteSynonymGroup } from "./search-synonyms.server";
import { getCategory } from "./category.server";
import { facetSampling, listProducts } from "./product-listing.server";
import { rankedMatchSlots } from "./search-ranking.server";
import { listSpecDefinitions, specKindsByKey } from "./spec.server";
import { getSearchVocabulary, titleWordsReading } from "./search-vocabulary.server";
import { getCatalogIndex } from "./catalog-index.server";
import { buildSearchQuery, parseSearch } from "./search-plan.server";
import { convertUnit } from "./search-units";
import { makeProduct, productFields } from "../../tests/support/factories";

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

  it("finds the part numbers a code without digits starts, not every word its letters start", () => {
    // "iax-p": the maker's prefix and a letter. As words, "p" is whole and matches nothing, and
    // every word a prefix would match all eight IAX products (and read every word starting "p").
    const result = search("iax-p")!;
    const iax = seedProducts.filter((p) => p.partNumber.startsWith("IAX-"));
    const iaxP = iax.filter((p) => p.partNumber.startsWith("IAX-P"));
    expect(iaxP.length).toBeGreaterThan(0);
    expect(iax.length).toBeGreaterThan(iaxP.length);
    expect(result.products.map((p) => p.partNumber).sort()).toEqual(iaxP.map((p) => p.partNumber).sort());
  });

  it("leaves a lone letter out when every word is a prefix, rather than match every word it starts", () => {
    // Strictly, "gauge q" finds nothing ("q" is whole); then "q" is left out, not read as "q"*.
    expect(search("gauge q")!.total).toBe(search("gauge")!.total);
    // A letter alone is no search: as a prefix it would list most of the catalog.
    expect(search("p")?.total ?? 0).toBe(0);
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
    const make = (
      partNumber: string,
      fields: { name: string; manufacturer?: string; summary?: string; featured?: boolean; inStock?: boolean },
    ) => makeProduct({ partNumber, ...fields });
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
        productFields({ partNumber: "QZ-5", name: "Yankee sampler", summary: "Quazzle inside" }),
        definitions,
      ),
    );
    expect(search("quazzle")!.products.map((p) => p.id)).toEqual([
      inNameFeatured,
      inNameOutOfStock,
      byMaker,
      inSummary,
      inName,
    ]);

    // A part number typed exactly beats the products it is a prefix of.
    const longer = make("QZ-100", { name: "Longer part", featured: true });
    const exact = make("QZ-10", { name: "Exact part" });
    expect(
      search("QZ-10")!
        .products.slice(0, 2)
        .map((p) => p.id),
    ).toEqual([exact, longer]);

    // A part number being typed, before its first digit, still puts the codes starting so first.
    const codeFirst = make("ZQW-DELTA-9", { name: "Plain sampler" });
    make("ZQW-X1", { name: "Zqw delta sampler", featured: true });
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
    expect(
      byManufacturer.products.every(
        (p) => p.manufacturer === manufacturer || p.name.includes(manufacturer.split(" ")[0]),
      ),
    ).toBe(true);
  });
});

describe("searchProducts above the facet sample", () => {
  it("counts facets over an even sample, scaled and marked approximate, and lists the same page and total", () => {
    const exact = search("steel");
    expect(exact?.total).toBeGreaterThan(40);
    facetSampling.above = 20;
    try {
      const sampled = search("steel")!;
      expect(exact!.facets.approximate).toBe(false);
      expect(sampled.facets.approximate).toBe(true);
      expect(sampled.total).toBe(exact!.total);
      expect(sampled.products.map((p) => p.id)).toEqual(exact!.products.map((p) => p.id));
      // Each sampled product counts for one manufacturer: the scaled counts add up to the total, give or take rounding.
      const makers = sampled.facets.manufacturers;
      const sum = makers.reduce((n, m) => n + m.count, 0);
      expect(Math.abs(sum - sampled.total)).toBeLessThanOrEqual(makers.length);
      for (const maker of makers) {
        expect(exact!.facets.manufacturers.map((m) => m.value)).toContain(maker.value);
      }
      expect(sampled.facets.price.listed + sampled.facets.price.quote).toBeCloseTo(sampled.total, -1);
    } finally {
      facetSampling.above = 20_000;
    }
  });
});

describe("suggestProducts", () => {
  it("suggests the product whose part number is being typed", () => {
    const product = seedProducts[5];
    const partial = product.partNumber.slice(0, Math.max(4, product.partNumber.length - 2));
    expect(suggestProducts(partial).map((s) => s.partNumber)).toContain(product.partNumber);
  });

  it("lists a part number being typed from the part numbers starting so, in part-number order", () => {
    // Ten products of one prefix, named in the reverse order of their part numbers: a search
    // would rank them by name; the list is the first eight part numbers.
    const parts = Array.from({ length: 10 }, (_, i) => `ZQ7-${String(i + 1).padStart(3, "0")}`);
    const categoryId = getCategory({ slug: "hydraulic-presses" })!.category.id;
    parts.forEach((partNumber, i) =>
      makeProduct({ partNumber, categoryId, name: `Quill jig ${String.fromCharCode(90 - i)}` }),
    );
    makeProduct({ partNumber: "ZQ7-000", categoryId, name: "Quill jig retired", status: "archived" });
    expect(suggestProducts("zq7").map((s) => s.partNumber)).toEqual(parts.slice(0, 8));
    expect(suggestProducts("ZQ7-01").map((s) => s.partNumber)).toEqual(["ZQ7-010"]);
  });

  it("completes a word being typed to the commonest catalog word starting so, before reading it as a prefix", () => {
    const categoryId = getCategory({ slug: "hydraulic-presses" })!.category.id;
    for (const letter of ["A", "B", "C"]) makeProduct({ categoryId, name: `Xylo gasket ${letter}` });
    makeProduct({ categoryId, name: "Xylem fitting" });
    makeProduct({ categoryId, name: "ZV clamp" });
    for (const letter of ["A", "B"]) makeProduct({ categoryId, name: `Zvezda bracket ${letter}` });
    const suggested = (q: string) => suggestProducts(q).map((s) => s.name);
    titleWordsReading.maxAgeMs = 0; // the words are read again, new ones included
    try {
      // "xyl" and "xy" read as prefixes would list the Xylem fitting too.
      expect(suggested("xyl").sort()).toEqual(["Xylo gasket A", "Xylo gasket B", "Xylo gasket C"]);
      expect(suggested("xy").sort()).toEqual(["Xylo gasket A", "Xylo gasket B", "Xylo gasket C"]);
      // A lone letter after other words is completed too, rather than dropped.
      expect(suggested("gasket x").sort()).toEqual(["Xylo gasket A", "Xylo gasket B", "Xylo gasket C"]);
      // The commonest finds nothing with "fitting": the next one does.
      expect(suggested("fitting xyl")).toEqual(["Xylem fitting"]);
      // A two-letter word that matches whole is searched so.
      expect(suggested("zv")).toEqual(["ZV clamp"]);
    } finally {
      titleWordsReading.maxAgeMs = 10 * 60_000;
    }
  });

  it("lists the part numbers two characters start when they complete no word and match none whole", () => {
    // Named in the reverse order of their part numbers: "qx" read as a prefix (of each part
    // number) would rank them by name.
    const parts = Array.from({ length: 10 }, (_, i) => `QX${String(i + 1).padStart(3, "0")}`);
    const categoryId = getCategory({ slug: "hydraulic-presses" })!.category.id;
    parts.forEach((partNumber, i) =>
      makeProduct({ partNumber, categoryId, name: `Quarry ram ${String.fromCharCode(90 - i)}` }),
    );
    expect(suggestProducts("QX").map((s) => s.partNumber)).toEqual(parts.slice(0, 8));
  });

  it("caps the list and answers nothing for empty input", () => {
    expect(suggestProducts("pressure").length).toBeLessThanOrEqual(8);
    expect(suggestProducts("pressure").length).toBeGreaterThan(0);
    expect(suggestProducts("<>")).toEqual([]);
  });
});

const names = (q: string, n = 100) =>
  search(q)
    ?.products.slice(0, n)
    .map((p) => p.name) ?? [];
const categoryOf = (slug: string) =>
  sqlite
    .prepare("SELECT p.name FROM products p JOIN categories c ON c.id = p.category_id WHERE c.slug = ?")
    .pluck()
    .all(slug) as string[];

describe("searchProducts forgives", () => {
  it("reads a unit or a grade however it is typed, as the catalog writes it", () => {
    const parts = (q: string) => search(q)?.products.map((product) => product.partNumber) ?? [];
    for (const [typed, written] of [
      ["1/2 inch", "1/2 in"],
      ["0.5 in", "1/2 in"],
      ["1/2 inches", '1/2"'],
      ["12 inch", '12"'],
      ["4-20mA", "4-20 mA"],
      ["316SS", "316 SS"],
    ]) {
      expect(parts(written).length, written).toBeGreaterThan(0);
      expect(parts(typed), typed).toEqual(parts(written));
    }
  });

  it("stems English words: plurals find the singular, and the products named so come first", () => {
    expect(search("valves")!.total).toBeGreaterThanOrEqual(categoryOf("industrial-valves").length);
    for (const [query, word] of [
      ["pumps", "pump"],
      ["compressors", "compressor"],
      ["valves", "valve"],
      ["chargers", "charger"],
    ]) {
      expect(
        names(query, 3).every((name) => name.toLowerCase().includes(word)),
        query,
      ).toBe(true);
    }
    expect(new Set(names("pressure gauges"))).toEqual(new Set(categoryOf("pressure-gauges")));
  });

  it("ranks a name with the word as typed above one with its stem only, whatever the catalog's order", () => {
    const stemmed = makeProduct({ name: "Featured zorblax unit", featured: true });
    const exact = makeProduct({ name: "Plain zorblaxes unit" });
    const ids = search("zorblaxes")!.products.map((p) => p.id);
    expect(ids).toEqual([exact, stemmed]);
  });

  it("corrects a misspelt word that matches nothing, and offers the corrected search", () => {
    const compressors = search("compressor")!;
    const misspelt = search("compresor")!;
    expect(misspelt.didYouMean).toBe("compressor");
    expect(misspelt.products.map((p) => p.id)).toEqual(compressors.products.map((p) => p.id));
    expect(search("hydralic press")!.didYouMean).toBe("hydraulic press");
    expect(search("hydralic press")!.products[0].name).toMatch(/press/i);
    // Four to seven letters: one edit; eight or more: two. Shorter words and words that match are left alone.
    expect(search("pmup")!.didYouMean).toBe("pump");
    expect(search("presssurre")!.didYouMean).toBe("pressure");
    expect(search("compressor")!.didYouMean).toBeUndefined();
    expect(search("xqzvwk")!.total).toBe(0);
  });

  it("reads the catalog's words for corrections once for many catalog changes, and again once that reading is old", () => {
    search("compresor"); // the first misspelling reads the words
    const id = makeProduct({ name: "Zanthoxylum mill" });
    // A catalog change later, the reading before it still serves: the new word is not offered yet.
    expect(search("zanthoxylm")!.didYouMean).toBeUndefined();
    titleWordsReading.maxAgeMs = 0;
    try {
      expect(search("zanthoxylm")!.didYouMean).toBe("zanthoxylum");
      expect(search("zanthoxylm")!.products.map((p) => p.id)).toEqual([id]);
    } finally {
      titleWordsReading.maxAgeMs = 10 * 60_000;
    }
  });

  it("takes the words for corrections from a search warm-up's scan, so requests need not scan for them", async () => {
    search("compresor");
    const id = makeProduct({ name: "Quixotic lathe" });
    // A word only summaries have: the names' words, which a request reads, do not hold it.
    const brackets = [1, 2, 3, 4, 5].map((n) =>
      makeProduct({ name: `Plain bracket ${n}`, summary: "Rated for glacierlike service" }),
    );
    expect(search("quixotc")!.didYouMean).toBeUndefined();
    expect(search("glacierlke")!.didYouMean).toBeUndefined();
    await warmUpSearch(getCatalogIndex());
    expect(search("quixotc")!.didYouMean).toBe("quixotic");
    expect(search("quixotc")!.products.map((p) => p.id)).toEqual([id]);
    expect(search("glacierlke")!.didYouMean).toBe("glacierlike");
    expect(search("glacierlke")!.products.map((p) => p.id)).toEqual(expect.arrayContaining(brackets));
    titleWordsReading.maxAgeMs = 0; // the names' words read again here, now: the summaries' stay
    try {
      expect(search("glacierlke")!.didYouMean).toBe("glacierlike");
    } finally {
      titleWordsReading.maxAgeMs = 10 * 60_000;
    }
  });

  it("matches spelling variants and synonyms kept as data, and follows edits without a restart", () => {
    expect(new Set(names("pasteuriser"))).toEqual(new Set(names("pasteurizer")));
    expect(search("pasteuriser")!.total).toBeGreaterThanOrEqual(categoryOf("pasteurizers").length);
    const chargers = categoryOf("ev-chargers");
    expect(new Set(names("EV chargers", chargers.length))).toEqual(new Set(chargers));
    expect(names("welder").length).toBe(categoryOf("welding-machines").length);

    const quiet = makeProduct({ name: "Quietline plinth" });
    expect(search("murmurbox")?.total).toBe(0);
    const id = writeTransaction(() => createSynonymGroup("murmurbox, quietline"));
    expect(search("murmurbox")!.products.map((p) => p.id)).toEqual([quiet]);
    writeTransaction(() => deleteSynonymGroup(id));
    expect(search("murmurbox")!.total).toBe(0);
  });

  it("does not find a quantity's words inside a spec's decimal or fraction: 37 kW is not 0.37 kW, 2 in not 1/2 in", () => {
    // Seeded with a power of 0.37 kW: their spec words, "0.37 kW", hold "37 kW" (FTS5 splits decimals).
    const filler = "IronAxis Semi-Automatic Twin-Head Piston Filler, 100-2500 mL";
    expect(names("0.37 kW")).toContain(filler);
    expect(search("37 kW")!.total).toBeLessThan(PAGE_SIZE);
    expect(names("37 kW")).toContain("SR-37VS Variable-Speed Rotary Screw Compressor, 37 kW");
    expect(names("37 kW")).not.toContain(filler);
    // What a product says in words still finds it, whatever its specs (an inverter's summary says
    // its AC side's 480 V, its voltage spec is the DC side's); a spec's decimal alone does not.
    makeProduct({ name: "Motor base plate", summary: "Fits 37 kW motors" });
    // A decimal of another unit, or one beside a spec near the quantity, hides nothing.
    makeProduct({ name: "Motor base plate, small", summary: "Fits 37 kW motors", specs: { power: 5, weight: 16.37 } });
    makeProduct({ name: "Gear motor, 16.37", specs: { power: 16.37 } });
    makeProduct({ name: "Heat-recovery compressor", specs: { power: 37, heat_duty: 16.37 } });
    expect(names("37 kW")).toEqual(
      expect.arrayContaining(["Motor base plate", "Motor base plate, small", "Heat-recovery compressor"]),
    );
    expect(names("37 kW")).not.toContain("Gear motor, 16.37");
    expect(names("16.37 kW")).toContain("Gear motor, 16.37");

    // A text spec's fraction or decimal, the same: "1/2 in NPT" holds the words of "2 in".
    const halfInch = "PG100 Liquid-Filled Pressure Gauge, 100 mm, 0-250 bar, 1/2 in NPT";
    expect(names("1/2 in")).toContain(halfInch);
    expect(names("2 in")).not.toContain(halfInch);
    expect(names("2 in")).toContain("Retractable pH Measurement System for Sour Water, 2 in Flanged");
    // A text spec that also writes the quantity whole hides nothing; a decimal hides it as a fraction does.
    makeProduct({ name: "Reducing tee", specs: { connection: "2 in x 1/2 in NPT" } });
    makeProduct({ name: "Decimal tee", specs: { connection: "1.2 in NPT" } });
    makeProduct({ name: "Metric adapter", specs: { connection: "1/2 mm" } });
    expect(names("2 in")).toContain("Reducing tee");
    expect(names("2 in")).not.toContain("Decimal tee");
    expect(names("1.2 in")).toContain("Decimal tee");
    expect(names("2 mm")).not.toContain("Metric adapter");
    expect(names("1/2 mm")).toContain("Metric adapter");
  });

  it("reads quantities with units against number specs, converting between unit systems", () => {
    const power = (q: string) => names(q);
    expect(power("37kW")).toEqual(power("37 kW"));
    expect(power("37kW")).toContain("SR-37VS Variable-Speed Rotary Screw Compressor, 37 kW");
    // 50 gpm is 11.4 m³/h: the pump rated 12 m³/h lands first among the pumps.
    expect(names("pump 50 gpm", 1)).toEqual(["ES-1 Stainless End-Suction Pump, Single-Phase, 2 hp"]);
    expect(names("pump 50 gpm").length).toBe(names("pump").length);
    // 50 hp is 37 kW.
    expect(power("50 hp")).toContain("SR-37VS Variable-Speed Rotary Screw Compressor, 37 kW");
    expect(names("0-16 bar", 1)).toEqual(["PG63 Liquid-Filled Pressure Gauge, 63 mm, 0-16 bar, 1/4 in NPT"]);
    expect(names("1/2 in")).toContain("Two-Piece Full-Port Ball Valve, 1/2 in NPT, 316 SS");
    expect(search("1/2 in")!.total).toBeLessThan(10);
    expect(search("480V")!.total).toBeGreaterThan(0);
    // The no-results page's own example finds the LFP batteries, the one nearest 200 kWh first.
    const lfp = search("LFP 200 kWh")!;
    expect(lfp.products[0].name).toBe("Ampervault Cube 215 Outdoor Battery Cabinet, 100 kW / 215 kWh");
    expect(lfp.total).toBe(search("LFP")!.total);
  });

  it("finds every product with a spec near a quantity searched alone, in any unit, and those written since", () => {
    // Each product's number specs in their own unit, from the database, not the catalog index.
    const specRows = sqlite
      .prepare(
        `SELECT s.product_id AS id, s.value_num AS value, d.unit FROM product_specs s
         JOIN spec_definitions d ON d.id = s.spec_id JOIN products p ON p.id = s.product_id
         WHERE d.kind = 'number' AND s.value_num IS NOT NULL AND p.status = 'active'`,
      )
      .all() as { id: number; value: number; unit: string }[];
    const near = (value: number, unit: string) =>
      new Set(
        specRows.flatMap((row) => {
          const target = convertUnit(value, unit, row.unit);
          return target !== undefined && Math.abs(row.value - target) < Math.abs(target) * 0.099 ? [row.id] : [];
        }),
      );
    const foundIds = (text: string) => {
      const index = getCatalogIndex();
      const vocabulary = getSearchVocabulary(index.version);
      const parsed = parseSearch(text, vocabulary);
      if (parsed.kind !== "words") throw new Error(`not a search: ${text}`);
      return new Set(
        Array.from(rankedMatchSlots(index, buildSearchQuery(parsed, index, vocabulary)), (o) => index.ids[o]),
      );
    };
    // Every value the catalog has, searched 4 % above it, where its text ("37 kW") does not find it.
    const offExact = (value: number) => Number((value * 1.04).toPrecision(4));
    const values = new Set(specRows.filter((row) => row.value > 0).map((row) => `${offExact(row.value)} ${row.unit}`));
    expect(values.size).toBeGreaterThan(100);
    for (const text of values) {
      const [value, unit] = [Number(text.split(" ")[0]), text.slice(text.indexOf(" ") + 1)];
      const expected = near(value, unit);
      const found = foundIds(text);
      expect({ text, missed: [...expected].filter((id) => !found.has(id)) }).toEqual({ text, missed: [] });
    }
    // "30 hp" is 22.4 kW: the same specs, another unit.
    expect(foundIds("30 hp").size).toBeGreaterThan(0);
    expect(foundIds("30 hp")).toEqual(foundIds("22.37 kW"));
    // A product added, and one changed, after the searches above: each in a slot written since.
    const index = getCatalogIndex();
    const added = makeProduct({ name: "Test stand, 999 kW", specs: { power: 999 } });
    const changed = makeProduct({ name: "Test stand, small", specs: { power: 3 } });
    expect(foundIds("790 kW").has(changed)).toBe(false);
    const definitions = loadSpecDefinitions();
    writeTransaction(() =>
      updateProduct(changed, productFields({ name: "Test stand, small", specs: { power: 777 } }), definitions),
    );
    expect(getCatalogIndex()).toBe(index);
    expect(foundIds("1020 kW").has(added)).toBe(true);
    expect(foundIds("790 kW").has(changed)).toBe(true);
    expect(foundIds("3.1 kW").has(changed)).toBe(false);
  });

  it("lists first, of quantities searched alone, the products with a spec near any of them", () => {
    const inStock = { inStock: true, featured: false };
    makeProduct({ ...inStock, name: "Aardvark adapter plate", summary: "For 2 in pipe and 37 kW motors" });
    makeProduct({ ...inStock, name: "Zebra booster pump", summary: "For 2 in pipe", specs: { power: 37 } });
    expect(names("2 in 37 kW")).toEqual(["Zebra booster pump", "Aardvark adapter plate"]);
    expect(names("37 kW 2 in")).toEqual(["Zebra booster pump", "Aardvark adapter plate"]);
  });

  it("drops common words, and a search of only those finds nothing and says so", () => {
    expect(search("a")).toBeUndefined();
    expect(search("the of")).toBeUndefined();
    expect(isOnlyCommonWords("a")).toBe(true);
    expect(isOnlyCommonWords("pump")).toBe(false);
    expect(names("a pump for the plant")).toEqual(names("pump plant"));
  });

  it("matches a short word like pH whole, so it does not find every word starting so", () => {
    const ph = categoryOf("ph-meters");
    expect(new Set(names("pH", ph.length))).toEqual(new Set(ph));
    expect(search("pH")!.total).toBeLessThan(ph.length * 2);
  });

  it("counts a category's name: ATEX flow meters are those the category and the ATEX filter show", () => {
    const flowMeters = getCategory({ slug: "flow-meters" })!.category;
    const filters = parseCatalogFilters(
      new URLSearchParams({ certifications: "ATEX" }),
      specKindsByKey(specs),
      "relevance",
    );
    const filtered = listProducts({ categoryId: flowMeters.id }, filters, specs).products.map((p) => p.id);
    expect(filtered.length).toBeGreaterThan(0);
    const found = search("ATEX flow meter")!.products.map((p) => p.id);
    for (const id of filtered) expect(found).toContain(id);
  });
});

describe("suggestProducts forgives", () => {
  it("follows the same rules as the results page", () => {
    for (const q of ["compresor", "pasteuriser", "37kW", "valves"]) {
      expect(
        suggestProducts(q).map((s) => s.name),
        q,
      ).toEqual(names(q, 8));
    }
    expect(suggestProducts("the")).toEqual([]);
  });
});

describe("readSearchAhead", () => {
  it("reads the prefixes a results-page search reads in a worker thread and stores them: the search then takes them from the store and lists the same", async () => {
    // Strictly a prefix ("pre"*), relaxed when strictly nothing matches ("gauge"* "pr"*), and both at once.
    const queries = ["pre", "gauge pr", "stainless st"];
    const prefixes = ['"pre"*', '"pr"*', '"st"*'];
    const stored = sqlite.prepare<[string], { table: FtsTable; expression: string }>(
      "SELECT fts_table AS 'table', expression FROM search_match_sets WHERE expression LIKE ?",
    );
    const storedWith = (prefix: string) => stored.all(`%${prefix}%`);
    const listed = () => queries.map((q) => search(q)?.products.map((p) => p.id));
    matchSetKeeping.afterMs = Infinity; // nothing read on this thread is kept
    try {
      const expected = listed();
      expect(expected.every((ids) => ids && ids.length > 0)).toBe(true);
      sqlite.prepare("DELETE FROM search_match_sets").run();
      searchWarmUp.fromProducts = 1;
      try {
        for (const q of queries) await readSearchAhead(q);
      } finally {
        searchWarmUp.fromProducts = 50_000;
      }
      for (const prefix of prefixes) expect(storedWith(prefix).length, prefix).toBeGreaterThan(0);
      expect(listed()).toEqual(expected);
      const index = getCatalogIndex();
      for (const { table, expression } of prefixes.flatMap(storedWith))
        expect(isKept(index, table, expression), `${table} ${expression}`).toBe(true);
    } finally {
      matchSetKeeping.afterMs = 1;
    }
  });

  it("leaves a search to read as before when its worker cannot store (a replica), and reads ahead again after", async () => {
    const storedWith = sqlite.prepare("SELECT count(*) FROM search_match_sets WHERE expression LIKE ?").pluck();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    matchSetKeeping.afterMs = Infinity; // nothing read on this thread is kept
    try {
      // Searches no test before has run.
      const expected = search("valve ba")?.products.map((p) => p.id);
      sqlite.prepare("DELETE FROM search_match_sets").run();
      sqlite.exec(
        "CREATE TRIGGER read_only BEFORE INSERT ON search_match_sets BEGIN SELECT RAISE(ABORT, 'read-only'); END",
      );
      searchWarmUp.fromProducts = 1;
      await readSearchAhead("valve ba");
      sqlite.exec("DROP TRIGGER read_only");
      await readSearchAhead("pump cen");
      searchWarmUp.fromProducts = 50_000;
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("search_warm_up_failed"));
      expect(storedWith.get('%"ba"*%')).toBe(0);
      expect(storedWith.get('%"cen"*%')).toBeGreaterThan(0);
      expect(search("valve ba")?.products.map((p) => p.id)).toEqual(expected);
    } finally {
      searchWarmUp.fromProducts = 50_000;
      matchSetKeeping.afterMs = 1;
      sqlite.exec("DROP TRIGGER IF EXISTS read_only");
      logged.mockRestore();
    }
  });

  it("reads nothing ahead for a small catalog, or a search with no prefix", async () => {
    sqlite.prepare("DELETE FROM search_match_sets").run();
    await readSearchAhead("gauge pr");
    searchWarmUp.fromProducts = 1;
    try {
      await readSearchAhead("the");
      await readSearchAhead("3 bar");
    } finally {
      searchWarmUp.fromProducts = 50_000;
    }
    expect(sqlite.prepare("SELECT count(*) FROM search_match_sets").pluck().get()).toBe(0);
  });
});
