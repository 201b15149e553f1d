import { LRUCache } from "lru-cache";
import type { SpecDefinition } from "~db/schema";
import { PAGE_SIZE, type CatalogFilters, type SortKey } from "./catalog-filters";
import { getCatalogIndex, slotOf, type CatalogIndex } from "./catalog-index.server";
import type { OrderName } from "./catalog-index-build.server";
import { slotBitsOf, slotWords } from "./match-sets.server";
import { setBits } from "./match-set-store";
import { matchesInRuns, rankedMatchSlots, searchMatches, searchPage, slotScratch } from "./search-ranking.server";
import { withBuyerPrices, type CompanyPricing } from "~/accounts/company-prices.server";
import type { PriceBreak } from "~/lib/price-breaks";
import { withPriceBreaks } from "./price-breaks.server";
import { listProductsByIds, type ProductSummary } from "./product.server";
import { formatSpecValue } from "./units";
import type { SearchQuery } from "./search-plan.server";

/** What a listing is drawn from: a category subtree, or the matches of a search. */
export type ListingScope = { categoryId: number } | { search: SearchQuery };

export type FacetValue = { value: string; count: number; selected: boolean };
/** `allOf`: a product must have every value ticked (certifications); otherwise any of them. */
export type EnumFacet = { key: string; label: string; allOf: boolean; values: FacetValue[] };
export type RangeFacet = {
  key: string;
  label: string;
  unit: string | null;
  min: number;
  max: number;
  selected: { min?: number; max?: number };
};
export type Facets = {
  manufacturers: FacetValue[];
  enums: EnumFacet[];
  ranges: RangeFacet[];
  price: { listed: number; quote: number };
  inStock: number;
  /** Counted over a uniform sample of the results and scaled: the page says "about". */
  approximate: boolean;
};

/**
 * Facet counts are exact up to `above` products in scope; above it a search's are counted over
 * about as many, and scaled (McMaster-Carr shows such counts as approximate too): in runs of
 * neighbours in slot order when listed unfiltered in its own order (`sampledSearch`), else evenly
 * spaced in its ranking. A category's start from its kept counts and stay exact unless filtered:
 * then its filters are tested on about as many, in runs (`runSample`), and when at least
 * `enoughPassing` of them pass, the counts and the total are theirs scaled. With fewer, the
 * estimate would be too rough to show, and every product is tested.
 */
export const facetSampling = { above: 20_000, enoughPassing: 1_000 };

/**
 * A filter as a test of one product; `facet` groups the tests that count as one facet. A
 * `conjunctive` facet's counts are those of the result itself, so a product failing it counts
 * for no facet at all. A spec's test has its `zone`, so a category's walk may pass over a block
 * of products none of which can pass it (`membersInOrder`).
 */
type Test = {
  facet: string;
  passes: (slot: number) => boolean;
  conjunctive?: boolean;
  zone?: ZoneTest;
  /** An enum spec's test: the `enumKey`s of the values ticked, negative for a value no product has. */
  keys?: number[];
};
/**
 * What a block's `Zones` must hold for one of its products to pass: a value of the spec within a
 * number range; or, of an enum spec, one of the values wanted (`all`: every one), each as a bit
 * (`valueBit`).
 */
type ZoneTest = { specId: number } & ({ min: number; max: number } | { bits: number; all: boolean });
/** An enum value's bit in a block's `Zones`: one of 32, shared by every 32nd value. */
const valueBit = (valueIndex: number) => 1 << (valueIndex & 31);

function filterTests(
  index: CatalogIndex,
  filters: CatalogFilters,
  specsByKey: ReadonlyMap<string, SpecDefinition>,
): Test[] {
  const {
    manufacturer,
    enumStart,
    enumEnd,
    enumKey,
    numStart,
    numEnd,
    numSpec,
    numValue,
    price,
    inStock,
    leadTimeDays,
  } = index;
  const tests: Test[] = [];
  if (filters.manufacturers.length) {
    const wanted = new Uint8Array(index.manufacturers.length);
    for (const at of filters.manufacturers.map((name) => index.manufacturers.indexOf(name)))
      if (at >= 0) wanted[at] = 1;
    tests.push({ facet: "mfr", passes: (o) => wanted[manufacturer[o]] === 1 });
  }
  // Enum values wanted, as a table by `enumKey` (a Set's lookups cost 2–3 ms over 20,000 products).
  const keyCount = index.specSlots * index.strings.length;
  for (const [key, selected] of Object.entries(filters.enums)) {
    const spec = specsByKey.get(key);
    if (!spec) continue;
    const valueIndexes = selected.map((value) => index.stringIndex.get(value) ?? -1);
    const keys = valueIndexes.map((at) => at * index.specSlots + spec.id); // negative for a value no product has
    const bits = valueIndexes.reduce((bits, at) => (at >= 0 ? bits | valueBit(at) : bits), 0);
    if (spec.matchAll) {
      tests.push({
        facet: key,
        conjunctive: true,
        keys,
        // A value no product has: none passes, and the walk goes on without passing over blocks.
        zone: valueIndexes.includes(-1) ? undefined : { specId: spec.id, bits, all: true },
        // Each value wanted, found among the product's: a value it has twice counts once.
        passes(o) {
          return keys.every((key) => {
            for (let e = enumStart[o]; e < enumEnd[o]; e++) if (enumKey[e] === key) return true;
            return false;
          });
        },
      });
      continue;
    }
    const wanted = new Uint8Array(keyCount);
    for (const at of keys) if (at >= 0) wanted[at] = 1;
    tests.push({
      facet: key,
      keys,
      zone: { specId: spec.id, bits, all: false },
      passes(o) {
        for (let e = enumStart[o]; e < enumEnd[o]; e++) if (wanted[enumKey[e]] === 1) return true;
        return false;
      },
    });
  }
  for (const [key, { min = -Infinity, max = Infinity }] of Object.entries(filters.ranges)) {
    const spec = specsByKey.get(key);
    if (!spec) continue;
    const specId = spec.id;
    tests.push({
      facet: key,
      zone: { specId, min, max },
      passes(o) {
        for (let e = numStart[o]; e < numEnd[o]; e++) {
          if (numSpec[e] === specId && numValue[e] >= min && numValue[e] <= max) return true;
        }
        return false;
      },
    });
  }
  if (filters.price === "listed") tests.push({ facet: "price", passes: (o) => !Number.isNaN(price[o]) });
  if (filters.price === "quote") tests.push({ facet: "price", passes: (o) => Number.isNaN(price[o]) });
  if (filters.inStock) tests.push({ facet: "stock", passes: (o) => inStock[o] === 1 });
  const maxLead = filters.maxLeadDays;
  if (maxLead !== undefined) tests.push({ facet: "stock", passes: (o) => leadTimeDays[o] <= maxLead });
  return tests;
}

/** Slots in scope: a category's subtree in name order, or search matches best first. */
function scopeSlots(index: CatalogIndex, scope: ListingScope): Int32Array {
  if ("categoryId" in scope) return index.subtree.get(scope.categoryId) ?? new Int32Array(0);
  return rankedMatchSlots(index, scope.search);
}

/** A product's mark when it passes every filter (facet marks are 0 and up). */
const PASSES = -2;
/** A product's mark when it fails two or more facets' filters, so it counts for none. */
const FAILS_MANY = -3;

const [ALL, SOME, NONE] = [0, 1, 2];

/**
 * Working memory for one listing, sized to the catalog and reused by every call (listing is
 * synchronous, so calls never overlap): a page allocates nothing per product it looks at.
 */
type Scratch = {
  index: CatalogIndex;
  marks: Int16Array;
  results: Int32Array;
  member: Uint8Array;
  enumCounts: Int32Array;
  /** The products `countedCandidates` finds, made at its first use. */
  candidates: Int32Array;
};
let scratch: Scratch | undefined;
function scratchFor(index: CatalogIndex): Scratch {
  if (scratch?.index !== index) {
    const slots = index.ids.length;
    scratch = {
      index,
      marks: new Int16Array(slots),
      results: new Int32Array(slots),
      member: new Uint8Array(slots),
      enumCounts: new Int32Array(0),
      candidates: new Int32Array(0),
    };
  }
  // Spec values new since the index was built count too.
  const keys = index.specSlots * index.strings.length;
  if (scratch.enumCounts.length < keys) scratch.enumCounts = new Int32Array(keys + (keys >> 4));
  return scratch;
}

/**
 * One page of products, their total and the facets a buyer can still narrow by. Facet counts
 * are disjunctive: a product failing exactly one facet's filter still counts for that facet, so
 * ticking a second manufacturer shows what it would add. An "all of" facet (certifications) is
 * conjunctive: its values count the products of the result that also have them, what ticking
 * one more would leave. A category starts from its subtree's kept counts and takes away the
 * products a filter drops, when they are fewer than those kept: an unfiltered category page
 * counts nothing. A large category filtered is counted over a sample (`facetSampling`), its total
 * estimated (`estimatedTotal`).
 */
export function listProducts(
  scope: ListingScope,
  filters: CatalogFilters,
  specs: SpecDefinition[],
): { products: ProductSummary[]; total: number; estimatedTotal: boolean; facets: Facets } {
  const index = getCatalogIndex();
  const specsByKey = new Map(specs.map((spec) => [spec.key, spec]));
  const tests = filterTests(index, filters, specsByKey);
  const facetNames = [...new Set(tests.map((t) => t.facet))];
  const facetOf = tests.map((t) => facetNames.indexOf(t.facet));
  const { specSlots, enumStart, enumEnd, enumKey, numStart, numEnd, numSpec, numValue } = index;
  const facetOfSpec = new Int32Array(specSlots).fill(-1);
  const isSpecFacet = new Uint8Array(facetNames.length);
  for (const spec of specs) {
    if (spec.id >= specSlots) continue;
    facetOfSpec[spec.id] = facetNames.indexOf(spec.key);
    if (spec.kind === "enum" && facetOfSpec[spec.id] >= 0) isSpecFacet[facetOfSpec[spec.id]] = 1;
  }
  const mfrFacet = facetNames.indexOf("mfr");
  const priceFacet = facetNames.indexOf("price");
  const stockFacet = facetNames.indexOf("stock");

  // A search listed unfiltered in its own order ranks only its page, and counts its facets over a
  // sample of its matches: it never holds every match as slots.
  const quick =
    "search" in scope && tests.length === 0 && filters.sort === "relevance"
      ? sampledSearch(index, scope.search, filters.page)
      : undefined;
  const work = scratchFor(index);
  // Each product's mark: PASSES, FAILS_MANY, or the one facet f it fails (it counts only there),
  // its tests one after another while it reads the same memory, a second failed facet ending them.
  // Returns how many pass, their slots first in `work.results`.
  const mark = (slots: ArrayLike<number>) => {
    const { marks, results } = work;
    let passing = 0;
    for (let i = 0; i < slots.length; i++) {
      const o = slots[i];
      let mark = PASSES;
      for (let t = 0; t < tests.length; t++) {
        if (mark === facetOf[t] || tests[t].passes(o)) continue;
        if (mark !== PASSES || tests[t].conjunctive) {
          mark = FAILS_MANY;
          break;
        }
        mark = facetOf[t];
      }
      marks[i] = mark;
      if (mark === PASSES) results[passing++] = o;
    }
    return passing;
  };
  // A category's subtree, a search's ranked matches, or the sample of them a quick search counts.
  const scoped = quick?.sample ?? scopeSlots(index, scope);
  const kept = "categoryId" in scope ? index.subtreeFacets.get(scope.categoryId) : undefined;
  // A large category filtered: the filters tested on a sample, when enough of it passes for an
  // estimate of the total; else on every product, or only on those that can count for a facet
  // when its filters tell them (`countedCandidates`).
  let slots = scoped;
  let total = 0;
  let stride = quick ? quick.total / Math.max(scoped.length, 1) : 1;
  let estimated = false;
  let candidates: Int32Array | undefined;
  if (kept && tests.length > 0 && scoped.length > facetSampling.above) {
    const sample = runSample(scoped, facetSampling.above);
    const passing = mark(sample);
    if (passing >= facetSampling.enoughPassing) {
      [slots, stride, estimated] = [sample, scoped.length / sample.length, true];
      total = Math.round(passing * stride);
    } else {
      candidates = "categoryId" in scope ? countedCandidates(index, scope.categoryId, tests, scoped) : undefined;
      if (candidates) slots = candidates;
    }
  }
  if (!estimated) total = kept && tests.length === 0 ? scoped.length : mark(slots);
  if (quick) total = quick.total;

  // Count what passes, or take what fails away from the kept counts: whichever is fewer. An
  // unfiltered category's are the kept counts. When only candidates were marked, the others count
  // nowhere: the counts are added up.
  const adding = !kept || estimated || candidates !== undefined || total * 2 <= slots.length;
  const sign = adding ? 1 : -1;
  const enumCounts = work.enumCounts.fill(0);
  const manufacturerCounts = new Int32Array(index.manufacturers.length);
  let listed = 0;
  let quote = 0;
  let inStock = 0;
  if (!adding) {
    for (let k = 0; k < kept.enumKeys.length; k++) enumCounts[kept.enumKeys[k]] = kept.enumCounts[k];
    manufacturerCounts.set(kept.manufacturerCounts);
    ({ listed, quote, inStock } = kept);
  }
  // Every product (none unfiltered: nothing to take away), or an even sample of a large search's
  // (only ever adding: a search keeps no counts).
  const marks = work.marks;
  let counted = kept && tests.length === 0 ? 0 : slots.length;
  let [countedSlots, countedMarks] = [slots, marks];
  if ("search" in scope && slots.length > facetSampling.above) {
    counted = facetSampling.above;
    stride *= slots.length / counted;
    if (!quick) [countedSlots, countedMarks] = sampleInSlotOrder(slots, marks, counted);
  }
  // Adding, a product counts for every facet (PASSES) or only for its mark's; taking away, one
  // that counts nowhere (FAILS_MANY) goes from every facet, and any other from all but its mark's.
  const everywhere = adding ? PASSES : FAILS_MANY;
  const skipped = adding ? FAILS_MANY : PASSES;
  // A category's number ranges are kept; a search's are found over its matches (the sample, when
  // sampled), in the same pass: at a million products the second pass over a sample in memory
  // read once already cost a tenth more.
  const minimum = kept?.min ?? new Float64Array(specSlots).fill(Infinity);
  const maximum = kept?.max ?? new Float64Array(specSlots).fill(-Infinity);
  const ranging = !kept;
  for (let i = 0; i < counted; i++) {
    const o = countedSlots[i];
    if (ranging) {
      for (let e = numStart[o]; e < numEnd[o]; e++) {
        const spec = numSpec[e];
        if (numValue[e] < minimum[spec]) minimum[spec] = numValue[e];
        if (numValue[e] > maximum[spec]) maximum[spec] = numValue[e];
      }
    }
    const mark = countedMarks[i];
    if (mark === skipped) continue;
    const all = mark === everywhere;
    // Which enum values change: all, none, or only some when the mark is an enum spec's facet.
    const values = all ? ALL : isSpecFacet[mark] ? SOME : adding ? NONE : ALL;
    if (values === ALL) {
      for (let e = enumStart[o]; e < enumEnd[o]; e++) enumCounts[enumKey[e]] += sign;
    } else if (values === SOME) {
      for (let e = enumStart[o]; e < enumEnd[o]; e++) {
        if ((facetOfSpec[enumKey[e] % specSlots] === mark) === adding) enumCounts[enumKey[e]] += sign;
      }
    }
    if (all || (mark === mfrFacet) === adding) manufacturerCounts[index.manufacturer[o]] += sign;
    if (all || (mark === priceFacet) === adding) {
      if (Number.isNaN(index.price[o])) quote += sign;
      else listed += sign;
    }
    if (all || (mark === stockFacet) === adding) inStock += sign * index.inStock[o];
  }
  if (stride > 1) {
    const scaled = (count: number) => Math.round(count * stride);
    for (let k = 0; k < enumCounts.length; k++) if (enumCounts[k]) enumCounts[k] = scaled(enumCounts[k]);
    for (let k = 0; k < manufacturerCounts.length; k++) manufacturerCounts[k] = scaled(manufacturerCounts[k]);
    [listed, quote, inStock] = [scaled(listed), scaled(quote), scaled(inStock)];
  }
  let pageSlots: ArrayLike<number>;
  if (quick) {
    pageSlots = quick.page;
  } else if ("categoryId" in scope) {
    const walk = categoryPage(index, scope.categoryId, tests, filters);
    pageSlots = walk.page;
    // The walk reached the last product passing: the total is known.
    if (!walk.more) [total, estimated] = [walk.passing, false];
    else if (estimated) total = Math.max(total, walk.passing + 1);
  } else {
    pageSlots = pageOf(index, work.results.subarray(0, total), filters, work.member);
  }
  return {
    products: listProductsByIds(Array.from(pageSlots, (o) => index.ids[o])),
    total,
    estimatedTotal: estimated,
    facets: {
      manufacturers: index.manufacturers
        .map((value, i) => ({ value, count: manufacturerCounts[i], selected: filters.manufacturers.includes(value) }))
        .filter((m) => m.count > 0 || m.selected)
        .sort((a, b) => a.value.localeCompare(b.value)),
      enums: enumFacets(index, enumCounts, specs, filters),
      ranges: specs.flatMap((spec) => {
        const [min, max] = [minimum[spec.id] ?? Infinity, maximum[spec.id] ?? -Infinity];
        const applied = filters.ranges[spec.key];
        const typed = filters.invalidRanges[spec.key];
        const selected = applied ?? (typed && { min: typed.min, max: typed.max });
        if (spec.kind !== "number" || min === Infinity || (min === max && !selected)) return [];
        return [{ key: spec.key, label: spec.label, unit: spec.unit, min, max, selected: selected ?? {} }];
      }),
      price: { listed, quote },
      inStock,
      approximate: stride > 1,
    },
  };
}

/** Enum values' bitmaps by slot kept per catalog index (`valueBits`): 8 MB at a million products. */
const VALUE_BITMAPS_KEPT = 64;

/**
 * The products of `scoped`, a large category's subtree too few of which pass for an estimate, that
 * can count for a facet under `tests`, in its order; undefined when its filters cannot tell. A
 * product failing an "all of" facet, or two facets, counts for none (`listProducts`), and one
 * failing only a number range counts for none either (ranges show no counts). So:
 * - with an "all of" enum filter, or two enum filters or more, only the products passing every
 *   "all of" one and failing at most one other need testing. They are found over bitmaps of the
 *   values ticked (`valueBits`), 32 products a word: at a million products, 7,863 of the
 *   277,726 valves for a technology, a connection, a material and a certification ticked;
 * - with a number range or an "all of" filter, a block of the subtree none of whose products can
 *   pass it is passed over (its `Zones`, as a walk in name order passes over it): a power range in
 *   industrial equipment passes over every valve, which has no power.
 */
function countedCandidates(index: CatalogIndex, categoryId: number, tests: Test[], scoped: Int32Array) {
  const counted = enumCandidates(index, categoryId, tests, scoped);
  const noCount = tests.filter(({ zone, conjunctive }) => zone && (conjunctive || "min" in zone));
  const passedOver = noCount.length ? blockSkipper(index, noCount, nameZoneSet(index, scoped)) : undefined;
  if (!counted && !passedOver) return undefined;
  const work = scratchFor(index);
  if (work.candidates.length < scoped.length) work.candidates = new Int32Array(index.ids.length);
  const block = 1 << zoning.blockBits;
  let found = 0;
  for (let i = 0; i < scoped.length;) {
    const past = passedOver ? passedOver(i) : i;
    if (past > i) {
      i = past;
      continue;
    }
    for (const end = Math.min(scoped.length, (i | (block - 1)) + 1); i < end; i++) {
      const o = scoped[i];
      if (!counted || counted[o >>> 5] & (1 << (o & 31))) work.candidates[found++] = o;
    }
  }
  return work.candidates.subarray(0, found);
}

/**
 * A bitmap by slot of the products passing every "all of" enum filter of `tests` and failing at
 * most one other, when there is an "all of" one or two enum filters or more (else undefined);
 * made word by word, one filter at a time.
 */
function enumCandidates(index: CatalogIndex, categoryId: number, tests: Test[], scoped: Int32Array) {
  const enumTests = tests.filter((test) => test.keys);
  if (enumTests.length < 2 && !enumTests.some((test) => test.conjunctive)) return undefined;
  const keys = enumTests.flatMap((test) => test.keys!.filter((key) => key >= 0));
  const bits = valueBits(index, categoryId, scoped, keys);
  const counted = slotScratch(index).fill(~0);
  const failedOnce = new Uint32Array(counted.length);
  const passed = new Uint32Array(counted.length);
  for (const { keys, conjunctive } of enumTests) {
    const sets = keys!.map((key) => bits.get(key));
    if (conjunctive) {
      for (const set of sets) {
        if (!set) counted.fill(0);
        else for (let w = 0; w < counted.length; w++) counted[w] &= set[w];
      }
      continue;
    }
    passed.fill(0);
    for (const set of sets) if (set) for (let w = 0; w < counted.length; w++) passed[w] |= set[w];
    for (let w = 0; w < counted.length; w++) {
      const failed = ~passed[w];
      counted[w] &= ~(failedOnce[w] & failed);
      failedOnce[w] |= failed;
    }
  }
  return counted;
}

/**
 * Of a category's subtree (`scoped`), a bitmap by slot of its products with each of `keys` (enum
 * keys: a spec's value), kept until the catalog changes, the last `VALUE_BITMAPS_KEPT` used. Those
 * not kept are made in one pass over the subtree's products, with every other value the subtree
 * has of their specs, which a buyer may tick next: 26 ms for four specs' 21 values in the 277,726
 * valves of a million products, where a pass over every product took 33–67 ms for each new value.
 */
function valueBits(index: CatalogIndex, categoryId: number, scoped: Int32Array, keys: number[]) {
  const { byValue } = keptFor(index);
  const keyOf = (key: number) => `${categoryId}:${key}`;
  const found = new Map<number, Uint32Array>();
  for (const key of keys) {
    const kept = byValue.get(keyOf(key));
    if (kept) found.set(key, kept);
  }
  const missing = keys.filter((key) => !found.has(key));
  if (missing.length === 0) return found;
  const { specSlots, enumStart, enumEnd, enumKey } = index;
  const specs = new Set(missing.map((key) => key % specSlots));
  const subtreeKeys = index.subtreeFacets.get(categoryId)?.enumKeys ?? [];
  const making = [...new Set([...missing, ...Array.from(subtreeKeys).filter((key) => specs.has(key % specSlots))])];
  const made = making.map(() => new Uint32Array(slotWords(index)));
  const madeFor = new Int32Array(specSlots * index.strings.length).fill(-1);
  making.forEach((key, i) => (madeFor[key] = i));
  for (let i = 0; i < scoped.length; i++) {
    const o = scoped[i];
    for (let e = enumStart[o]; e < enumEnd[o]; e++) {
      const at = madeFor[enumKey[e]];
      if (at >= 0) made[at][o >>> 5] |= 1 << (o & 31);
    }
  }
  making.forEach((key, i) => {
    byValue.set(keyOf(key), made[i]);
    found.set(key, made[i]);
  });
  return found;
}

/**
 * At most `count` of `slots` (a subtree, in slot order but for products changed since the build),
 * in runs of 32 evenly spaced, in their order: a run's products are neighbours in memory, so the
 * sample is read a few cache lines per run rather than about ten per product (`sampledSearch`).
 */
function runSample(slots: Int32Array, count: number) {
  const every = Math.ceil(slots.length / count);
  const sample = new Int32Array(Math.ceil(slots.length / 32 / every) * 32);
  let taken = 0;
  for (let from = 0; from < slots.length; from += 32 * every) {
    const run = slots.subarray(from, from + 32);
    sample.set(run, taken);
    taken += run.length;
  }
  return sample.subarray(0, taken);
}

/**
 * A category's page: its products passing every filter met in the sort's order (`membersInOrder`),
 * from the first, so the cost follows the page's place rather than the category; then whether
 * one more passes after the page and, when none does, how many passed.
 */
function categoryPage(index: CatalogIndex, categoryId: number, tests: Test[], filters: CatalogFilters) {
  const start = (filters.page - 1) * PAGE_SIZE;
  const next = membersInOrder(index, categoryId, filters.sort, tests);
  const page: number[] = [];
  let passing = 0;
  for (let o = next(); o >= 0; o = next()) {
    if (!tests.every((test) => test.passes(o))) continue;
    if (page.length === PAGE_SIZE) return { page, more: true, passing };
    if (passing++ >= start) page.push(o);
  }
  return { page, more: false, passing };
}

/**
 * A category subtree's products one by one in a sort's order (-1 after the last): by name, its
 * subtree; in another order, the places of each of its categories' own products in that order
 * (`placesByCategory`), merged. Products cluster in every order by category (by name, by price),
 * so a walk of the whole order could pass most of the catalog before the first of them. They
 * cluster by family too ("Diaphragm Seal Pressure Gauge …", every one below 10 bar): a block of
 * places where no product can pass a spec's filter (`Zones`) is passed over whole, without a test
 * of its products. Without that, a filter met only past a category's first 8 % walked 8 % of it:
 * 1,145 products at 100,000, 11,245 at a million.
 */
function membersInOrder(index: CatalogIndex, categoryId: number, sort: SortKey, tests: Test[]): () => number {
  // A walk that fills its page within two blocks' worth of products reads no zones: one block's
  // for each of a subtree's categories would cost more than the walk.
  let walked = 0;
  const zonesFrom = 2 << zoning.blockBits;
  /** Place `p` of `end`, or past the blocks from it on that `passedOver` rules out. */
  const skipFrom = (passedOver: ((p: number) => number) | undefined, p: number, end: number) => {
    while (passedOver && walked >= zonesFrom && p < end) {
      const past = passedOver(p);
      if (past === p) break;
      p = Math.min(past, end);
    }
    return p;
  };
  if (sort === "name") {
    const slots = scopeSlots(index, { categoryId });
    const passedOver = blockSkipper(index, tests, nameZoneSet(index, slots));
    let i = 0;
    return () => {
      i = skipFrom(passedOver, i, slots.length);
      walked++;
      return i < slots.length ? slots[i++] : -1;
    };
  }
  const order = index.orders[sort];
  const { places, offsets, zoneSet } = placesByCategory(index, sort);
  const passedOver = blockSkipper(index, tests, zoneSet);
  const heads: number[] = [];
  const ends: number[] = [];
  for (const [id, chain] of index.ancestors) {
    if (id + 1 >= offsets.length || !chain.includes(categoryId) || offsets[id] === offsets[id + 1]) continue;
    heads.push(offsets[id]);
    ends.push(offsets[id + 1]);
  }
  return () => {
    let best = -1;
    for (let k = 0; k < heads.length; k++) {
      heads[k] = skipFrom(passedOver, heads[k], ends[k]);
      if (heads[k] < ends[k] && (best < 0 || places[heads[k]] < places[heads[best]])) best = k;
    }
    walked++;
    return best < 0 ? -1 : order[places[heads[best]++]];
  };
}

/** The places in a block of `Zones`: 2^7 = 128. Smaller in tests, where a category has a few dozen. */
export const zoning = { blockBits: 7 };
/**
 * Per block of places of a walk (`ZoneSet`), what its products have of one spec: the lowest and
 * highest of its number values (Infinity and -Infinity for none), or the bits of its enum values
 * (`valueBit`). `read` is 1 once a walk has reached the block and read them. Kept until the
 * catalog changes: at a million products, 160 KB per spec and sort at most, and in name order as
 * much per spec for each level of categories filtered in.
 */
type Zones = {
  specId: number;
  blockBits: number;
  read: Uint8Array;
  low: Float64Array;
  high: Float64Array;
  bits: Int32Array;
};
/** The places a walk goes through, the product at each (`slotAt`), and their zones by spec id. */
type ZoneSet = { length: number; slotAt: (place: number) => number; bySpec: Map<number, Zones> };

/**
 * For a walk through `set` with `tests`: place `p`, or the end of its block when no product in the
 * block can pass one of the tests. Undefined when no test has a zone.
 */
function blockSkipper(index: CatalogIndex, tests: Test[], set: ZoneSet) {
  const zoned = tests.flatMap(({ zone }) => (zone ? [{ zone, zones: zonesOf(set, zone.specId) }] : []));
  if (zoned.length === 0) return undefined;
  return (p: number) => {
    for (const { zone, zones } of zoned) {
      const b = p >> zones.blockBits;
      if (zones.read[b] === 0) readZone(index, set, zones, b);
      const mayPass =
        "min" in zone
          ? zones.high[b] >= zone.min && zones.low[b] <= zone.max
          : zone.all
            ? (zones.bits[b] & zone.bits) === zone.bits
            : (zones.bits[b] & zone.bits) !== 0;
      if (!mayPass) return (b + 1) << zones.blockBits;
    }
    return p;
  };
}

function zonesOf(set: ZoneSet, specId: number): Zones {
  let zones = set.bySpec.get(specId);
  if (!zones) {
    const blockBits = zoning.blockBits;
    const blocks = (set.length >> blockBits) + 1;
    zones = {
      specId,
      blockBits,
      read: new Uint8Array(blocks),
      low: new Float64Array(blocks),
      high: new Float64Array(blocks),
      bits: new Int32Array(blocks),
    };
    set.bySpec.set(specId, zones);
  }
  return zones;
}

/** What block `b`'s products have of the spec, into `zones`. */
function readZone(index: CatalogIndex, set: ZoneSet, zones: Zones, b: number) {
  const { numStart, numEnd, numSpec, numValue, enumStart, enumEnd, enumKey, specSlots } = index;
  const { specId, blockBits } = zones;
  let low = Infinity;
  let high = -Infinity;
  let bits = 0;
  for (let i = b << blockBits, to = Math.min(set.length, (b + 1) << blockBits); i < to; i++) {
    const o = set.slotAt(i);
    for (let e = numStart[o]; e < numEnd[o]; e++) {
      if (numSpec[e] !== specId) continue;
      if (numValue[e] < low) low = numValue[e];
      if (numValue[e] > high) high = numValue[e];
    }
    for (let e = enumStart[o]; e < enumEnd[o]; e++)
      if (enumKey[e] % specSlots === specId) bits |= valueBit(Math.floor(enumKey[e] / specSlots));
  }
  zones.low[b] = low;
  zones.high[b] = high;
  zones.bits[b] = bits;
  zones.read[b] = 1;
}

/** A sort order's places grouped by the category of the product there: category c's are places[offsets[c] … offsets[c + 1] - 1], in order. */
type Grouped = { places: Int32Array; offsets: Int32Array; zoneSet: ZoneSet };
/**
 * What walks keep until the catalog changes: each sort's grouped places, made at its first category
 * page (two passes over the order, 18–26 ms at a million products: it reads `category` all over
 * memory; 2 ms at 100,000), the zones of each category's subtree in name order, and the enum
 * values' bitmaps a count has used (`valueBits`).
 */
const keptForWalks = new WeakMap<
  CatalogIndex,
  {
    version: number;
    changeSeq: number;
    bySort: Map<OrderName, Grouped>;
    byName: WeakMap<Int32Array, ZoneSet>;
    byValue: LRUCache<string, Uint32Array>;
  }
>();

function keptFor(index: CatalogIndex) {
  let kept = keptForWalks.get(index);
  if (kept?.version !== index.version || kept.changeSeq !== index.changeSeq) {
    kept = {
      version: index.version,
      changeSeq: index.changeSeq,
      bySort: new Map(),
      byName: new WeakMap(),
      byValue: new LRUCache({ max: VALUE_BITMAPS_KEPT }),
    };
    keptForWalks.set(index, kept);
  }
  return kept;
}

/** The zones of a category's subtree in name order (`slots`, as `scopeSlots` gives them). */
function nameZoneSet(index: CatalogIndex, slots: Int32Array): ZoneSet {
  const { byName } = keptFor(index);
  let set = byName.get(slots);
  if (!set) {
    set = { length: slots.length, slotAt: (place) => slots[place], bySpec: new Map() };
    byName.set(slots, set);
  }
  return set;
}

function placesByCategory(index: CatalogIndex, sort: OrderName): Grouped {
  const kept = keptFor(index);
  const found = kept.bySort.get(sort);
  if (found) return found;
  const { category, size } = index;
  const order = index.orders[sort];
  const offsets = new Int32Array(Math.max(0, ...index.ancestors.keys()) + 2);
  for (let r = 0; r < size; r++) if (category[order[r]] + 1 < offsets.length) offsets[category[order[r]] + 1]++;
  for (let c = 1; c < offsets.length; c++) offsets[c] += offsets[c - 1];
  const places = new Int32Array(offsets[offsets.length - 1]);
  const filled = offsets.slice();
  for (let r = 0; r < size; r++) if (category[order[r]] + 1 < offsets.length) places[filled[category[order[r]]]++] = r;
  const zoneSet = { length: places.length, slotAt: (place: number) => order[places[place]], bySpec: new Map() };
  const grouped = { places, offsets, zoneSet };
  kept.bySort.set(sort, grouped);
  return grouped;
}

/**
 * A search's page in its own order (`searchPage`), its total, and the products its facets are
 * counted over, in slot order: every match, or above `facetSampling.above` those in every k-th
 * run of 32 slots, about that many. Neighbours in slot order are neighbours in memory, so such
 * a sample is read a few cache lines per run, where an even sample by id reads about ten lines
 * per product (one in each of the index's arrays): "316 stainless", 200,096 matches of a
 * million spread over every category, counted in 11–16 ms so, in 2–3 ms by runs.
 */
function sampledSearch(index: CatalogIndex, search: SearchQuery, page: number) {
  const pageSlots = searchPage(index, search, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const { matched, count } = searchMatches(index, search);
  const every = Math.ceil(count / facetSampling.above);
  let sample = every > 1 ? matchesInRuns(index, matched, count, every, slotScratch(index)) : undefined;
  // Runs that hold none of the matches (they would have to fall between them all): every match.
  if (!sample?.count) sample = slotBitsOf(index, matched, slotScratch(index));
  return { total: count, sample: setBits(sample.bySlot, new Int32Array(sample.count)), page: pageSlots };
}

/**
 * `count` of a search's products evenly spaced in its ranking, with their marks, in slot order: a
 * search ranks its products all over the index, and memory read in order is counted several
 * times faster (11 → 3 ms for 20,000 of a million). Sorted as slot × 256 + mark (up to 8
 * million slots). A category's products need none of it: its subtree is in name order, as the
 * slots were built.
 */
function sampleInSlotOrder(slots: ArrayLike<number>, marks: Int16Array, count: number): [Int32Array, Int16Array] {
  const stride = slots.length / Math.max(count, 1);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = Math.floor(k * stride);
    order[k] = slots[i] * 256 + marks[i] - FAILS_MANY;
  }
  order.sort();
  const marksInOrder = new Int16Array(count);
  for (let k = 0; k < count; k++) {
    marksInOrder[k] = (order[k] & 255) + FAILS_MANY;
    order[k] >>= 8;
  }
  return [order, marksInOrder];
}

/** A search's page of `results` (its matches passing every filter, best first), as slots, in the requested order. */
function pageOf(index: CatalogIndex, results: Int32Array, filters: CatalogFilters, member: Uint8Array) {
  const start = (filters.page - 1) * PAGE_SIZE;
  if (filters.sort === "relevance") return results.subarray(start, start + PAGE_SIZE);
  if (filters.sort === "name") {
    // By place in name order, sorted as numbers, then back to slots.
    const { nameRank, nameOrder } = index;
    const ranks = Int32Array.from(results, (o) => nameRank[o]).sort();
    return Array.from(ranks.subarray(start, start + PAGE_SIZE), (rank) => nameOrder[rank]);
  }
  // Walk the sort's order, picking members; `member` is left all zeros for the next call.
  for (const o of results) member[o] = 1;
  const found: number[] = [];
  let seen = 0;
  for (const o of index.orders[filters.sort].subarray(0, index.size)) {
    if (!member[o]) continue;
    if (seen++ >= start) found.push(o);
    if (found.length === PAGE_SIZE) break;
  }
  for (const o of results) member[o] = 0;
  return found;
}

function enumFacets(
  index: CatalogIndex,
  counts: Int32Array,
  specs: SpecDefinition[],
  filters: CatalogFilters,
): EnumFacet[] {
  return specs.flatMap((spec) => {
    if (spec.kind !== "enum" || spec.id >= index.specSlots) return [];
    const selected = filters.enums[spec.key] ?? [];
    const values: FacetValue[] = [];
    for (let i = 0; i < index.strings.length; i++) {
      const count = counts[i * index.specSlots + spec.id];
      if (count > 0) values.push({ value: index.strings[i], count, selected: selected.includes(index.strings[i]) });
    }
    // A selected value that no longer matches anything still shows, so it can be unticked.
    for (const value of selected) {
      if (!values.some((v) => v.value === value)) values.push({ value, count: 0, selected: true });
    }
    if (values.length < 2 && selected.length === 0) return [];
    values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return [{ key: spec.key, label: spec.label, allOf: spec.matchAll, values }];
  });
}

/** A spec as a listing row shows it: its label and its value(s) as text ("CE, UL, ATEX"). */
export type KeySpec = { label: string; text: string };

/** A product as a listing row draws it, priced for the buyer's company, and nothing more. */
export type ListingRow = Pick<
  ProductSummary,
  | "id"
  | "slug"
  | "name"
  | "manufacturer"
  | "partNumber"
  | "imagePath"
  | "priceCents"
  | "minOrderQty"
  | "leadTimeDays"
  | "inStock"
> & { yourPriceCents?: number; priceBreaks: PriceBreak[]; keySpecs: KeySpec[] };

/** How many specs a listing row shows. */
export const KEY_SPECS_PER_ROW = 4;

/**
 * A product's first specs in vocabulary order (`specs` as `listSpecDefinitions` gives them, the
 * order of `listSpecsForProducts`), read from the catalog index: a page of rows costs no query.
 */
export function keySpecsOf(index: CatalogIndex, slot: number, specs: SpecDefinition[], limit = KEY_SPECS_PER_ROW) {
  const { enumStart, enumEnd, enumKey, numStart, numEnd, numSpec, numValue, specSlots, strings } = index;
  const values = new Map<number, (number | string)[]>();
  const add = (specId: number, value: number | string) => {
    const list = values.get(specId);
    if (list) list.push(value);
    else values.set(specId, [value]);
  };
  for (let e = numStart[slot]; e < numEnd[slot]; e++) {
    if (!Number.isNaN(numValue[e])) add(numSpec[e], numValue[e]);
  }
  for (let e = enumStart[slot]; e < enumEnd[slot]; e++) {
    add(enumKey[e] % specSlots, strings[Math.floor(enumKey[e] / specSlots)]);
  }
  const keySpecs: KeySpec[] = [];
  for (const spec of specs) {
    const found = values.get(spec.id);
    if (!found) continue;
    keySpecs.push({ label: spec.label, text: found.map((value) => formatSpecValue(value, spec.unit)).join(", ") });
    if (keySpecs.length === limit) break;
  }
  return keySpecs;
}

/**
 * Everything a category or search page lists: the facets, and a page of rows with their key
 * specs and the company's prices (no `pricing`: list prices).
 */
export function getListingPage(
  scope: ListingScope,
  filters: CatalogFilters,
  specs: SpecDefinition[],
  pricing?: CompanyPricing,
) {
  const { products, total, estimatedTotal, facets } = listProducts(scope, filters, specs);
  const index = getCatalogIndex();
  // The page's breaks in one query (by the product and quantity index), priced for the buyer.
  const priced = withBuyerPrices(pricing, withPriceBreaks(products));
  const rows = priced.map((product): ListingRow => {
    const {
      id,
      slug,
      name,
      manufacturer,
      partNumber,
      imagePath,
      priceCents,
      priceBreaks,
      yourPriceCents,
      minOrderQty,
      leadTimeDays,
      inStock,
    } = product;
    return {
      id,
      slug,
      name,
      manufacturer,
      partNumber,
      imagePath,
      priceCents,
      priceBreaks: priceCents === null ? [] : priceBreaks,
      minOrderQty,
      leadTimeDays,
      inStock,
      ...(yourPriceCents === undefined ? {} : { yourPriceCents }),
      keySpecs: keySpecsOf(index, slotOf(index, id), specs),
    };
  });
  return { products: rows, total, estimatedTotal, facets };
}
