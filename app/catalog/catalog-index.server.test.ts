import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sqlite } from "~/lib/db.server";
import { buildCatalogIndexNow, getCatalogIndex, slotOf, type CatalogIndex } from "./catalog-index.server";
import { NEW_TEXTS_ROOM } from "./catalog-index-build.server";
import { emptyBits, hasId, isKept, matchSet, matchSetKeeping, setId, storedSets } from "./match-sets.server";
import type { Members } from "./match-set-store";
import { PAGE_SIZE, parseCatalogFilters, SORTS } from "./catalog-filters";
import { listSpecDefinitions, specKindsByKey } from "./spec.server";
import { facetSampling, listProducts, zoning } from "./product-listing.server";
import { expressionsOf, matchesInRuns, rankedMatchSlots, searchPage } from "./search-ranking.server";
import { buildSearchQuery, isNear, parseSearch } from "./search-plan.server";
import { searchWarmUp, warmUpSearch } from "./search.server";
import { getSearchVocabulary } from "./search-vocabulary.server";

const productIds = sqlite
  .prepare(
    "SELECT id FROM products WHERE status = 'active' AND id IN (SELECT product_id FROM product_specs) ORDER BY id",
  )
  .pluck()
  .all() as number[];
const product = fc.nat(productIds.length - 1).map((i) => productIds[i]);

const enumSpecs = sqlite
  .prepare("SELECT id FROM spec_definitions WHERE kind = 'enum' ORDER BY id")
  .pluck()
  .all() as number[];
const enumSpec = fc.constantFrom(...enumSpecs);

/** A range of a number spec the seed has values of, its bounds two of those values, or one of them and open. */
const numberSpecs = (
  sqlite
    .prepare(
      `SELECT d.id, d.key, json_group_array(DISTINCT s.value_num) AS "values" FROM spec_definitions d
       JOIN product_specs s ON s.spec_id = d.id WHERE d.kind = 'number' AND s.value_num IS NOT NULL GROUP BY d.id`,
    )
    .all() as { id: number; key: string; values: string }[]
).map(({ id, key, values }) => ({ id, key, values: (JSON.parse(values) as number[]).sort((a, b) => a - b) }));
const numberRange = fc
  .record({
    spec: fc.constantFrom(...numberSpecs),
    bounds: fc.tuple(fc.nat(), fc.nat()),
    open: fc.constantFrom("min", "max", "neither"),
  })
  .map(({ spec, bounds, open }) => {
    const [low, high] = bounds.map((i) => spec.values[i % spec.values.length]).sort((a, b) => a - b);
    return { spec, min: open === "min" ? -Infinity : low, max: open === "max" ? Infinity : high };
  });

/** One or two values of an enum spec the seed has, as a buyer ticks them. */
const enumSpecValues = (
  sqlite
    .prepare(
      `SELECT d.id, d.key, d.match_all AS matchAll, json_group_array(DISTINCT s.value_text) AS "values"
       FROM spec_definitions d JOIN product_specs s ON s.spec_id = d.id WHERE d.kind = 'enum' GROUP BY d.id`,
    )
    .all() as { id: number; key: string; matchAll: 0 | 1; values: string }[]
).map((spec) => ({ ...spec, values: JSON.parse(spec.values) as string[] }));
const enumValues = fc
  .record({
    spec: fc.constantFrom(...enumSpecValues),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
  })
  .map(({ spec, picks }) => ({ spec, values: [...new Set(picks.map((i) => spec.values[i % spec.values.length]))] }));

/** A range or enum values as a listing's query has them. */
const rangeQuery = ({ spec, min, max }: { spec: { key: string }; min: number; max: number }) =>
  [min > -Infinity && `${spec.key}_min=${min}`, max < Infinity && `${spec.key}_max=${max}`].filter(Boolean).join("&");
const enumQuery = (...ticked: { spec: { key: string }; values: string[] }[]) =>
  new URLSearchParams(ticked.flatMap(({ spec, values }) => values.map((value) => [spec.key, value]))).toString();

/** Writes the index follows in place: every write to a product, its specs or its price breaks. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant("price"), id: product, cents: fc.option(fc.integer({ min: 1, max: 9_000_000 })) }),
  fc.record({ kind: fc.constant("lead"), id: product, days: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant("stock"), id: product, on: fc.boolean() }),
  fc.record({ kind: fc.constant("featured"), id: product, on: fc.boolean() }),
  fc.record({ kind: fc.constant("summary"), id: product }),
  // Words a product was found by, gone from it while it keeps its place.
  fc.record({ kind: fc.constant("summaryReplaced"), id: product, text: fc.constantFrom("Spare part", "Valve body") }),
  fc.record({ kind: fc.constant("breaks"), id: product, quantity: fc.integer({ min: 2, max: 500 }) }),
  fc.record({
    kind: fc.constant("rename"),
    id: product,
    name: fc.constantFrom("A", "Mid", "Zz", "Valve", "Éclair", "\uFF21", "\u{1F527}"),
  }),
  fc.record({ kind: fc.constant("spec"), id: product, step: fc.constantFrom(1, -1e6, 1e6) }),
  fc.record({
    kind: fc.constant("specText"),
    id: product,
    spec: enumSpec,
    text: fc.constantFrom("ATEX", "Brand-new value"),
  }),
  fc.record({ kind: fc.constant("specDelete"), id: product }),
  fc.record({ kind: fc.constant("maker"), id: product, maker: fc.constantFrom("Gaugecraft", "Newco Industrial") }),
  // Into a leaf category, or a top-level one, which then has products of its own besides its children's.
  fc.record({ kind: fc.constant("move"), id: product, toTop: fc.boolean() }),
  fc.record({ kind: fc.constant("archive"), id: product }),
  fc.record({ kind: fc.constant("restore"), id: product }),
  // A copy, its id next or past the room the index keeps for new ids (a gap of deleted rows).
  fc.record({ kind: fc.constant("copy"), id: product, far: fc.boolean() }),
);
/** Writes that change what every product is filed under or found by: the index is rebuilt. */
const structuralEdit = fc.oneof(
  fc.record({ kind: fc.constant("category"), id: product }),
  fc.record({ kind: fc.constant("synonym"), id: product }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;
type Structural = typeof structuralEdit extends fc.Arbitrary<infer T> ? T : never;

const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);
let copies = 0;

/** One write, in its own transaction as a back-office save is. True if it was structural. */
function apply(edit: Edit | Structural): boolean {
  return sqlite.transaction(() => {
    switch (edit.kind) {
      case "price":
        run("UPDATE products SET price_cents = ? WHERE id = ?", edit.cents, edit.id);
        return false;
      case "lead":
        run("UPDATE products SET lead_time_days = ? WHERE id = ?", edit.days, edit.id);
        return false;
      case "stock":
        run("UPDATE products SET in_stock = ? WHERE id = ?", Number(edit.on), edit.id);
        return false;
      case "featured":
        run("UPDATE products SET featured = ? WHERE id = ?", Number(edit.on), edit.id);
        return false;
      case "summary":
        run("UPDATE products SET summary = summary || '.' WHERE id = ?", edit.id);
        return false;
      case "summaryReplaced":
        run("UPDATE products SET summary = ?, spec_text = '' WHERE id = ?", edit.text, edit.id);
        return false;
      case "breaks":
        run("DELETE FROM product_price_breaks WHERE product_id = ?", edit.id);
        run(
          "INSERT INTO product_price_breaks (product_id, min_quantity, unit_price_cents) VALUES (?, ?, 100)",
          edit.id,
          edit.quantity,
        );
        return false;
      case "rename":
        // To the front, the middle or the end of name order, or a step along it; names past ASCII sort as
        // SQLite sorts them, by their UTF-8 bytes (a fullwidth letter before an emoji, unlike UTF-16).
        run("UPDATE products SET name = ? || ' ' || name WHERE id = ?", edit.name, edit.id);
        return false;
      case "spec":
        // A number moved a little, or past every other product's (a subtree's lowest or highest).
        run(
          "UPDATE product_specs SET value_num = coalesce(value_num, 0) + ? WHERE id = (SELECT min(id) FROM product_specs WHERE product_id = ? AND value_text IS NULL)",
          edit.step,
          edit.id,
        );
        return false;
      case "specText":
        run(
          "INSERT INTO product_specs (product_id, spec_id, value_text) VALUES (?, ?, ?)",
          edit.id,
          edit.spec,
          edit.text,
        );
        return false;
      case "specDelete":
        run("DELETE FROM product_specs WHERE id = (SELECT max(id) FROM product_specs WHERE product_id = ?)", edit.id);
        return false;
      case "maker":
        run("UPDATE products SET manufacturer = ? WHERE id = ?", edit.maker, edit.id);
        return false;
      case "move":
        run(
          `UPDATE products SET category_id = (SELECT id FROM categories WHERE id <> products.category_id AND parent_id IS ${edit.toTop ? "" : "NOT "}NULL ORDER BY id LIMIT 1) WHERE id = ?`,
          edit.id,
        );
        return false;
      case "archive":
        run("UPDATE products SET status = 'archived' WHERE id = ?", edit.id);
        return false;
      case "restore":
        run("UPDATE products SET status = 'active' WHERE id = ?", edit.id);
        return false;
      case "copy": {
        // A new product like this one, with its specs: a new slot.
        const suffix = `-copy-${++copies}`;
        const { lastInsertRowid } = run(
          `INSERT INTO products (id, slug, part_number, part_number_key, name, manufacturer, category_id, price_cents, lead_time_days, in_stock, featured, status)
           SELECT CASE WHEN @far THEN (SELECT max(id) + 5000 FROM products) END,
             slug || @suffix, part_number || @suffix, part_number_key || @suffix, name, manufacturer, category_id, price_cents, lead_time_days, in_stock, featured, 'active'
           FROM products WHERE id = @id`,
          { suffix, id: edit.id, far: edit.far ? 1 : 0 },
        );
        run(
          "INSERT INTO product_specs (product_id, spec_id, value_num, value_text) SELECT ?, spec_id, value_num, value_text FROM product_specs WHERE product_id = ? ORDER BY id",
          lastInsertRowid,
          edit.id,
        );
        return false;
      }
      case "category":
        run(
          "UPDATE categories SET name = name || ' ' WHERE id = (SELECT category_id FROM products WHERE id = ?)",
          edit.id,
        );
        return true;
      case "synonym":
        run("INSERT INTO search_synonyms (terms) VALUES (?)", `term${edit.id}, gauge`);
        return true;
    }
  })();
}

/**
 * What an index holds, with slots put aside: two indexes of the same catalog are equal in this
 * form however their products were placed (a fresh build hands slots out in name order, in-place
 * changes take new ones at the end).
 */
function held(index: CatalogIndex) {
  const { ids, size, specSlots, strings } = index;
  const idsOf = (slots: ArrayLike<number>) => Array.from(slots, (slot) => ids[slot]);
  const live = Array.from(index.nameOrder.subarray(0, size));
  const valueOf = (key: number) => `${key % specSlots}:${strings[Math.floor(key / specSlots)]}`;
  const counted = (keys: Int32Array, counts: Int32Array) =>
    Object.fromEntries([...keys].flatMap((key, i) => (counts[i] ? [[valueOf(key), counts[i]]] : [])).sort());
  return {
    version: index.version,
    changeSeq: index.changeSeq,
    size,
    products: live.map((slot) => ({
      id: ids[slot],
      slotOfId: index.slotById[ids[slot]] === slot,
      nameRank: index.nameRank[slot],
      relevanceRank: index.relevanceRankById[ids[slot]],
      manufacturer: index.manufacturers[index.manufacturer[slot]],
      price: index.price[slot],
      leadTimeDays: index.leadTimeDays[slot],
      inStock: index.inStock[slot],
      featured: index.featured[slot],
      category: index.category[slot],
      enums: Array.from(index.enumKey.subarray(index.enumStart[slot], index.enumEnd[slot]), valueOf),
      numbers: Array.from(index.numSpec.subarray(index.numStart[slot], index.numEnd[slot])),
      values: Array.from(index.numValue.subarray(index.numStart[slot], index.numEnd[slot])),
    })),
    activeIds: [...index.slotById.keys()].filter((id) => index.slotById[id] !== -1).length,
    orders: Object.fromEntries(
      Object.entries(index.orders).map(([name, order]) => [name, idsOf(order.subarray(0, size))]),
    ),
    subtree: new Map([...index.subtree].map(([id, slots]) => [id, idsOf(slots)])),
    subtreeFacets: new Map(
      [...index.subtreeFacets].map(([id, facets]) => [
        id,
        {
          enums: counted(facets.enumKeys, facets.enumCounts),
          manufacturers: Object.fromEntries(
            [...facets.manufacturerCounts].flatMap((n, i) => (n ? [[index.manufacturers[i], n]] : [])).sort(),
          ),
          listed: facets.listed,
          quote: facets.quote,
          inStock: facets.inStock,
          min: [...facets.min],
          max: [...facets.max],
          atMin: [...facets.atMin],
          atMax: [...facets.atMax],
        },
      ]),
    ),
  };
}

// Words the edits add or take away (a name, a maker, a spec value), common ones, prefixes and phrases,
// and two words ANDed ("atex gauge": a set kept sparse is met as ids).
const searches = [
  "valve",
  "valves",
  "gauge",
  "pressure gauge",
  "gaugecraft",
  "newco",
  "atex",
  "eclair",
  "val",
  "Mid",
  "atex gauge",
  "newco valve",
];
const planned = (index: CatalogIndex, text: string) => {
  const vocabulary = getSearchVocabulary(index.version);
  const parsed = parseSearch(text, vocabulary);
  if (parsed.kind !== "words") throw new Error(`not a search: ${text}`);
  return buildSearchQuery(parsed, index, vocabulary);
};
const found = (index: CatalogIndex, text: string) =>
  Array.from(rankedMatchSlots(index, planned(index, text)), (slot) => index.ids[slot]);
/** What each search finds in a fresh build, read from the full-text indexes alone: no set stored or kept. */
function foundAfresh(texts: string[]) {
  sqlite.exec("SAVEPOINT afresh; DELETE FROM search_match_sets");
  try {
    const fresh = buildCatalogIndexNow();
    return texts.map((text) => ({ text, ids: found(fresh, text) }));
  } finally {
    sqlite.exec("ROLLBACK TO afresh; RELEASE afresh");
  }
}

describe("the catalog index, kept up to date in place", () => {
  it("holds what a fresh build holds after any run of edits, and is rebuilt only after a structural one", () => {
    let inPlace = 0;
    let rebuilt = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: edit, weight: 12 }, { arbitrary: structuralEdit, weight: 1 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (edits) => {
          const before = getCatalogIndex();
          const structural = edits.map(apply).some(Boolean);
          const after = getCatalogIndex();
          expect(held(after)).toEqual(held(buildCatalogIndexNow()));
          if (structural) {
            expect(after).not.toBe(before);
            rebuilt++;
          } else {
            expect(after).toBe(before);
            inPlace++;
          }
        },
      ),
      { numRuns: 150 },
    );
    // Both ways were taken, many times.
    expect(inPlace).toBeGreaterThan(80);
    expect(rebuilt).toBeGreaterThan(5);
  });

  it("finds what a fresh build finds after any run of edits, through the word bitmaps it keeps and brings up to date", () => {
    matchSetKeeping.afterMs = 0; // every bitmap read is kept
    try {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
          const index = getCatalogIndex();
          for (const text of searches) found(index, text);
          edits.forEach(apply);
          expect(getCatalogIndex()).toBe(index);
          // Each bitmap the search reads was kept before the edits: brought up to date, not read again.
          for (const text of searches)
            for (const [table, expression] of expressionsOf(planned(index, text)))
              expect(isKept(index, table, expression)).toBe(true);
          expect(searches.map((text) => ({ text, ids: found(index, text) }))).toEqual(foundAfresh(searches));
        }),
        { numRuns: 60 },
      );
    } finally {
      matchSetKeeping.afterMs = 1;
    }
  });

  it("ranks a search by its tiers, then its boost, then the relevance order, a page alone as the whole, after any run of edits", () => {
    // The ranking as the search plan defines it, product by product.
    const inSet = (set: Members, id: number) => (set.bits ? hasId(set.bits, id) : set.ids!.includes(id));
    const tierOf = (index: CatalogIndex, search: ReturnType<typeof planned>, slot: number) => {
      const id = index.ids[slot];
      const tier = search.tiers.findIndex((tier) =>
        "slots" in tier
          ? tier.slots.includes(slot)
          : "name" in tier
            ? tier.name.every((name) => inSet(matchSet(index, "products_name_fts", name), id))
            : tier.title.every((title) => inSet(matchSet(index, "products_title_fts", title), id)),
      );
      return tier === -1 ? search.tiers.length : tier;
    };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.nat(30), (edits, start) => {
        edits.forEach(apply);
        const index = getCatalogIndex();
        // A quantity beside words boosts the products with a spec near it within each group; quantities
        // alone list the products they boost.
        const quantities = ["16 bar", "2 in", "0.5 %", "480 V 37 kW"];
        for (const text of [...searches, "steel", "pump", "iax", "pump 5 kW", "gauge 16 bar", ...quantities]) {
          const search = planned(index, text);
          // Before anything ranks this search whole (a ranking kept is what a page is cut from).
          const pages = [0, start, 24].map((from) => Array.from(searchPage(index, search, from, 24)!));
          const ranked = Array.from(rankedMatchSlots(index, search));
          const sortKey = (slot: number) => [
            tierOf(index, search, slot),
            search.boost && isNear(index, search.boost, slot) ? 0 : 1,
            index.relevanceRankById[index.ids[slot]],
          ];
          const byPlan = ranked.slice().sort((a, b) => {
            const [x, y] = [sortKey(a), sortKey(b)];
            return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
          });
          expect({ text, ranked, pages }).toEqual({
            text,
            ranked: byPlan,
            pages: [0, start, 24].map((from) => ranked.slice(from, from + 24)),
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it("samples a search's matches in the same runs of slots, testing the runs' products or finding every match's slot, after any run of edits", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 9 }), (edits, every) => {
        edits.forEach(apply);
        const index = getCatalogIndex();
        for (const text of ["valve", "gauge", "pressure gauge", "Mid"]) {
          const matched = emptyBits(index);
          const slots = rankedMatchSlots(index, planned(index, text));
          for (const slot of slots) setId(matched, index.ids[slot]);
          // A count past the runs' slots has them tested; none has every match's slot found.
          const [tested, found] = [Infinity, 0].map((count) => matchesInRuns(index, matched, count, every));
          const inRuns = Array.from(slots)
            .filter((slot) => (slot >>> 5) % every === 0)
            .sort((a, b) => a - b);
          for (const sample of [tested, found]) {
            const sampled = Array.from({ length: index.ids.length }, (_, o) => o).filter((o) =>
              hasId(sample.bySlot, o),
            );
            expect({ text, sampled, count: sample.count }).toEqual({ text, sampled: inRuns, count: inRuns.length });
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it("lists each category's pages in every order as that whole order has them, unfiltered, in stock, within a number range or with enum values ticked, after any run of edits", () => {
    const categoryIds = sqlite.prepare("SELECT id FROM categories").pluck().all() as number[];
    const specs = listSpecDefinitions();
    const kinds = specKindsByKey(specs);
    const listed = (categoryId: number, query: string) =>
      listProducts({ categoryId }, parseCatalogFilters(new URLSearchParams(query), kinds), specs).products.map(
        (p) => p.id,
      );
    zoning.blockBits = 2; // blocks of 4 places, so that a filter passes over some in so small a catalog
    try {
      fc.assert(
        fc.property(
          fc.array(edit, { minLength: 1, maxLength: 8 }),
          fc.constantFrom(...SORTS),
          numberRange,
          enumValues,
          (edits, sort, range, ticked) => {
            // Listed before the edits too: nothing kept from then may answer after them.
            for (const id of categoryIds) listed(id, `sort=${sort}&${rangeQuery(range)}&${enumQuery(ticked)}`);
            edits.forEach(apply);
            const index = getCatalogIndex();
            const order = sort === "name" ? index.nameOrder : index.orders[sort];
            const { numStart, numEnd, numSpec, numValue } = index;
            const inRange = (o: number) => {
              for (let e = numStart[o]; e < numEnd[o]; e++)
                if (numSpec[e] === range.spec.id && numValue[e] >= range.min && numValue[e] <= range.max) return true;
              return false;
            };
            const hasTicked = (o: number) => {
              const keys = Array.from(index.enumKey.subarray(index.enumStart[o], index.enumEnd[o]));
              const wanted = ticked.values.map(
                (v) => (index.stringIndex.get(v) ?? -1) * index.specSlots + ticked.spec.id,
              );
              return ticked.spec.matchAll
                ? wanted.every((k) => keys.includes(k))
                : wanted.some((k) => keys.includes(k));
            };
            for (const id of categoryIds) {
              const members = Array.from(order.subarray(0, index.size)).filter((o) =>
                index.ancestors.get(index.category[o])!.includes(id),
              );
              for (const [query, passes] of [
                ["", () => true],
                ["stock=in", (o: number) => index.inStock[o] === 1],
                [rangeQuery(range), inRange],
                [`stock=in&${rangeQuery(range)}`, (o: number) => index.inStock[o] === 1 && inRange(o)],
                [enumQuery(ticked), hasTicked],
                [`${enumQuery(ticked)}&${rangeQuery(range)}`, (o: number) => hasTicked(o) && inRange(o)],
              ] as const) {
                const expected = members.filter(passes).map((o) => index.ids[o]);
                for (const page of [1, 2]) {
                  expect({ id, query, page, ids: listed(id, `sort=${sort}&page=${page}&${query}`) }).toEqual({
                    id,
                    query,
                    page,
                    ids: expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
                  });
                }
              }
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      zoning.blockBits = 7;
    }
  });

  it("counts a large category with enum filters and a number range as it counts every product, after any run of edits", () => {
    const categoryIds = sqlite.prepare("SELECT id FROM categories").pluck().all() as number[];
    const specs = listSpecDefinitions();
    const kinds = specKindsByKey(specs);
    const list = (categoryId: number, query: string) =>
      listProducts({ categoryId }, parseCatalogFilters(new URLSearchParams(query), kinds), specs);
    // Every category large, and no sample enough for an estimate: only the products two enum
    // filters and a range leave are marked (`countedCandidates`), over bitmaps of the values
    // ticked and past blocks of 4 places none of whose products is in the range.
    const fewPass = () => Object.assign(facetSampling, { above: 1, enoughPassing: Infinity });
    zoning.blockBits = 2;
    try {
      fc.assert(
        fc.property(
          fc.array(edit, { minLength: 1, maxLength: 8 }),
          enumValues,
          enumValues,
          fc.option(numberRange),
          fc.constantFrom("", "&stock=in", "&price=listed"),
          (edits, first, second, range, more) => {
            const query = [enumQuery(first, second), range && rangeQuery(range)].filter(Boolean).join("&") + more;
            // Listed before the edits too: no bitmap made then may answer after them.
            fewPass();
            for (const id of categoryIds) list(id, query);
            edits.forEach(apply);
            for (const id of categoryIds) {
              fewPass();
              const narrowed = list(id, query);
              Object.assign(facetSampling, { above: 20_000, enoughPassing: 1_000 });
              expect({ id, query, ...narrowed }).toEqual({ id, query, ...list(id, query) });
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      Object.assign(facetSampling, { above: 20_000, enoughPassing: 1_000 });
      zoning.blockBits = 7;
    }
  });

  it("stores the sets a warm-up reads in its worker thread, where an index starts from them and brings them up to date", async () => {
    const stored = sqlite.prepare("SELECT 1 FROM search_match_sets WHERE fts_table = ? AND expression = ?").pluck();
    const allStored = (index: CatalogIndex, text: string) =>
      expressionsOf(planned(index, text)).every(([table, expression]) => stored.get(table, expression));
    matchSetKeeping.afterMs = 0; // the warm-up stores every set it reads
    try {
      // Words only summaries have, in three products (a warm-up reads a word in one product in 256):
      // the random edits of the tests before may have taken them from every summary of the seed.
      sqlite.transaction(() => {
        for (const id of productIds.slice(0, 3))
          run("UPDATE products SET summary = 'Washdown cart for sauces' WHERE id = ?", id);
        // And a quantity text specs write, in three products still active.
        run(
          `UPDATE product_specs SET value_text = '1/4 in NPT' WHERE id IN (SELECT min(s.id) FROM product_specs s
           JOIN products p ON p.id = s.product_id AND p.status = 'active'
           WHERE s.value_text IS NOT NULL GROUP BY s.product_id LIMIT 3)`,
        );
      })();
      // A structural write first: a new index, with nothing kept for it yet.
      const before = getCatalogIndex();
      apply({ kind: "category", id: productIds[0] });
      const index = getCatalogIndex();
      expect(index).not.toBe(before);
      searchWarmUp.quantities = 10_000; // every quantity of the seed's: which 200 are commonest follows the edits
      await warmUpSearch(index);
      const warmed = searches.filter((text) => allStored(index, text));
      expect(warmed).toEqual(expect.arrayContaining(["valve", "gauge", "pressure gauge"]));
      // Short words and numbers of names are read too, as a buyer types them.
      expect(["dc", "ph", "300", "pg63"].filter((text) => allStored(index, text))).toEqual(["dc", "ph", "300", "pg63"]);
      // And words only summaries have, which the title index does not list.
      expect(["washdown", "sauces"].filter((text) => allStored(index, text))).toEqual(["washdown", "sauces"]);
      // And quantities searched alone: a number spec value many products have, and one text specs
      // write ("1/4 in NPT"), however it is typed.
      const quantities = ["480 V", "480v", "1/4 in", "0.25 inch"];
      expect(quantities.filter((text) => allStored(index, text))).toEqual(quantities);
      // A product gains a word; products found by those words lose them, change maker, leave: the stored sets follow.
      const valves = found(buildCatalogIndexNow(), "valve");
      const [first, second, third] = valves;
      apply({ kind: "rename", id: productIds.find((id) => !valves.includes(id))!, name: "Valve" });
      apply({ kind: "summaryReplaced", id: first, text: "Spare part" });
      apply({ kind: "rename", id: second, name: "Mid" });
      apply({ kind: "archive", id: third });
      apply({ kind: "maker", id: found(buildCatalogIndexNow(), "gauge")[0], maker: "Newco Industrial" });
      expect(getCatalogIndex()).toBe(index);
      // From here a set read from the full-text index is not kept: one kept came from the store.
      matchSetKeeping.afterMs = Infinity;
      expect(warmed.map((text) => ({ text, ids: found(index, text) }))).toEqual(foundAfresh(warmed));
      for (const text of warmed)
        for (const [table, expression] of expressionsOf(planned(index, text)))
          expect(isKept(index, table, expression)).toBe(true);
      expect(storedSets.staleSince).toBe(0);

      // More products changed than are checked one by one: a stored set is read again, and warmed again.
      sqlite.transaction(() => {
        for (const id of productIds.slice(0, 101)) apply({ kind: "summaryReplaced", id, text: "Valve body" });
      })();
      const later = getCatalogIndex();
      expect([{ text: "valve", ids: found(later, "valve") }]).toEqual(foundAfresh(["valve"]));
      expect(storedSets.staleSince).toBeGreaterThan(0);
      matchSetKeeping.afterMs = 0;
      await warmUpSearch(later);
      expect(searches.filter((text) => allStored(later, text))).toEqual(warmed);
      for (const [table, expression] of expressionsOf(planned(later, "valve"))) {
        const { change_seq } = sqlite
          .prepare("SELECT change_seq FROM search_match_sets WHERE fts_table = ? AND expression = ?")
          .get(table, expression) as { change_seq: number };
        expect(change_seq).toBe(later.changeSeq);
      }
    } finally {
      searchWarmUp.quantities = 200;
      matchSetKeeping.afterMs = 1;
    }
  });

  it("rebuilds when the change log no longer holds every change since its version", () => {
    const before = getCatalogIndex();
    const id = sqlite.prepare("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 1").pluck().get();
    sqlite.transaction(() => {
      run("UPDATE products SET price_cents = 12345 WHERE id = ?", id);
      run("DELETE FROM catalog_index_changes");
    })();
    const after = getCatalogIndex();
    expect(after).not.toBe(before);
    expect(held(after)).toEqual(held(buildCatalogIndexNow()));
    expect(after.price[slotOf(after, Number(id))]).toBe(12345);
  });
});

describe("a whole build", () => {
  /** Each active product's text spec values, as `spec:value` in the order they were written. */
  const textValuesHeld = (index: CatalogIndex) => {
    const { ids, size, specSlots, strings } = index;
    const held = new Map<number, string[]>();
    for (let slot = 0; slot < size; slot++) {
      const keys = index.enumKey.subarray(index.enumStart[slot], index.enumEnd[slot]);
      if (keys.length)
        held.set(
          ids[slot],
          Array.from(keys, (key) => `${key % specSlots}:${strings[Math.floor(key / specSlots)]}`),
        );
    }
    return held;
  };
  const textValuesStored = () => {
    const stored = new Map<number, string[]>();
    const rows = sqlite
      .prepare(
        `SELECT s.product_id, s.spec_id || ':' || s.value_text FROM product_specs s JOIN products p ON p.id = s.product_id
         WHERE p.status = 'active' AND s.value_text IS NOT NULL ORDER BY s.product_id, s.id`,
      )
      .raw()
      .all() as [number, string][];
    for (const [id, value] of rows) stored.set(id, [...(stored.get(id) ?? []), value]);
    return stored;
  };

  it("keeps spec values' keys in 16 bits, in 32 once the values leave no room for NEW_TEXTS_ROOM more, each product's as stored", () => {
    const index = buildCatalogIndexNow();
    expect(index.enumKey).toBeInstanceOf(Uint16Array);
    expect(textValuesHeld(index)).toEqual(textValuesStored());
    const rollback = new Error("rollback");
    try {
      sqlite.transaction(() => {
        // Enough new values that (values + NEW_TEXTS_ROOM) × spec slots passes 2^16.
        const more = Math.floor((1 << 16) / index.specSlots) - NEW_TEXTS_ROOM - index.strings.length + 1;
        const insert = sqlite.prepare("INSERT INTO product_specs (product_id, spec_id, value_text) VALUES (?, ?, ?)");
        const active = sqlite.prepare("SELECT id FROM products WHERE status = 'active'").pluck().all() as number[];
        for (let i = 0; i < more; i++) insert.run(active[i % active.length], enumSpecs[0], `Grade ${i}`);
        const wide = buildCatalogIndexNow();
        expect(wide.enumKey).toBeInstanceOf(Int32Array);
        expect(wide.strings.length).toBe(index.strings.length + more);
        expect(textValuesHeld(wide)).toEqual(textValuesStored());
        throw rollback;
      })();
    } catch (error) {
      if (error !== rollback) throw error;
    }
    expect(buildCatalogIndexNow().enumKey).toBeInstanceOf(Uint16Array);
  });
});
