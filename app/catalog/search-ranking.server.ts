/*
 * A search's matches and their ranking over the catalog index (ADR 10, ADR 39): the matches as a
 * bitmap by product id, ANDed from the sets of the words and phrases typed (`matchSet`); then
 * tiers, groups and the relevance order made only as far as a page reaches (`searchPage`), or all
 * of it for a buyer who filters or pages through the search (`rankedMatchSlots`). The listing
 * (`product-listing.server.ts`) counts its facets and draws its page.
 */
import { LRUCache } from "lru-cache";
import { slotOf, type CatalogIndex } from "./catalog-index.server";
import {
  activeIds,
  bitsOfList,
  emptyBits,
  hasId,
  matchSet,
  setId,
  slotBitsOf,
  slotWords,
  type FtsTable,
} from "./match-sets.server";
import { countBits, popcount, setBits, type Members } from "./match-set-store";
import { isNear, type NearRanges, type SearchQuery } from "./search-plan.server";

// A buyer who filters or pages through one search reuses its ranking. Keyed by the index (its
// slots are its own: a build adopted at the version the index before it reached lays them out
// anew), its version (a catalog or synonym write retires it) and the search ("iax-d" and "iax d"
// match alike but rank differently); at most 10 MB of slots. At a million products a common word
// matches 100,000 or more: this holds the last forty or so such searches.
const rankedMatches = new LRUCache<string, Int32Array>({
  max: 200,
  maxSize: 2_500_000,
  sizeCalculation: (v) => v.length + 1,
});

const serials = new WeakMap<CatalogIndex, number>();
let lastSerial = 0;
/** A number of each index, in the order they were first ranked from. */
function serialOf(index: CatalogIndex) {
  let serial = serials.get(index);
  if (serial === undefined) serials.set(index, (serial = ++lastSerial));
  return serial;
}

/** The products matching every expression, as a bitmap by id of its own. */
function allOf(index: CatalogIndex, table: FtsTable, expressions: string[]) {
  const bits = emptyBits(index).fill(~0);
  for (const expression of expressions) andInto(bits, matchSet(index, table, expression));
  return bits;
}

/**
 * `bits` AND `members`, in `bits`; ids past a bitmap's end are not in it. With `orBits`, `bits`
 * AND (`members` OR `orBits`). Ids (a sparse set) are met one by one: no bitmap is made of them.
 */
function andInto(bits: Uint32Array, { bits: other, ids }: Members, orBits?: Uint32Array) {
  if (other) {
    const shared = Math.min(bits.length, other.length);
    if (orBits) {
      for (let w = 0; w < shared; w++) bits[w] &= other[w] | orBits[w];
      for (let w = shared; w < bits.length; w++) bits[w] &= orBits[w];
    } else {
      for (let w = 0; w < shared; w++) bits[w] &= other[w];
      bits.fill(0, shared);
    }
    return;
  }
  const kept = idScratch(ids!.length);
  let count = 0;
  for (let i = 0; i < ids!.length; i++) if (hasId(bits, ids![i])) kept[count++] = ids![i];
  if (orBits) for (let w = 0; w < bits.length; w++) bits[w] &= orBits[w];
  else bits.fill(0);
  for (let k = 0; k < count; k++) setId(bits, kept[k]);
}

/** Of `bits`, the products not in `listed` (bits by id) that `unless` rules out (by slot), taken out. */
function dropMatchedOnly(
  index: CatalogIndex,
  bits: Uint32Array,
  listed: Uint32Array | undefined,
  unless: (slot: number) => boolean,
) {
  for (let w = 0; w < bits.length; w++) {
    for (let word = bits[w] & ~(listed?.[w] ?? 0); word !== 0; word &= word - 1) {
      const low = word & -word;
      const slot = slotOf(index, (w << 5) + 31 - Math.clz32(low));
      if (slot !== -1 && unless(slot)) bits[w] &= ~low;
    }
  }
}

/** `bits` OR `members`, in `bits`. */
function orInto(bits: Uint32Array, { bits: other, ids }: Members) {
  if (other) for (let w = 0; w < Math.min(bits.length, other.length); w++) bits[w] |= other[w];
  else for (let i = 0; i < ids!.length; i++) if (ids![i] >>> 5 < bits.length) setId(bits, ids![i]);
}

let idRoom = new Uint32Array(0);
/** Room for `count` ids, reused from call to call. */
function idScratch(count: number) {
  if (idRoom.length < count) idRoom = new Uint32Array(count + (count >> 2));
  return idRoom;
}

let slotBits = new Uint32Array(0);
/** A bitmap by slot for `index`, all zeros, reused from call to call: each user is done with it before the next. */
export function slotScratch(index: CatalogIndex) {
  const words = slotWords(index);
  if (slotBits.length !== words) slotBits = new Uint32Array(words);
  else slotBits.fill(0);
  return slotBits;
}

/** Every full-text expression a search reads, with the index it is read from. */
export function expressionsOf(search: SearchQuery): [FtsTable, string][] {
  const read: [FtsTable, string][] = [];
  for (const { match } of search.clauses) if (match) read.push(["products_fts", match]);
  if (search.alsoMatch) read.push(["products_title_fts", search.alsoMatch]);
  for (const tier of search.tiers) {
    if ("name" in tier) for (const name of tier.name) read.push(["products_name_fts", name]);
    if ("title" in tier) for (const title of tier.title) read.push(["products_title_fts", title]);
  }
  return read;
}

/** What a search's matches and ranking are kept under: the index, its version and the search. */
const searchKeyOf = (index: CatalogIndex, search: SearchQuery) => `${serialOf(index)}:${index.version}:${search.key}`;

/**
 * A search's matches, active products only, as a bitmap by product id and how many; the same by
 * the tier they rank in, as far as made (`tierOf`), and those in none of them yet (`rest`); each
 * tier's groups, boosted or not (`groupsOf`), and each group by place in the relevance order
 * (`inOrder`), once needed.
 */
type Matches = {
  matched: Uint32Array;
  count: number;
  tiers: Uint32Array[];
  rest: Uint32Array;
  groups: Uint32Array[][];
  ordered: Uint32Array[][];
};
// The last few, for the count a search asks first and the page it lists next.
const searchMatchSets = new LRUCache<string, Matches>({ max: 4 });

/**
 * The products a search matches; the tiers they rank in are made later, as needed (`tierOf`).
 * Each clause and tier is an AND of words and phrases, each a set by product id (`matchSet`, kept
 * for the common ones), so the cost follows the words not seen before rather than the catalog
 * (ADR 10, ADR 39). A clause that also lists products (a category named) is met by either.
 */
export function searchMatches(index: CatalogIndex, search: SearchQuery): Matches {
  const key = searchKeyOf(index, search);
  const cached = searchMatchSets.get(key);
  if (cached) return cached;
  const matched = emptyBits(index).fill(search.clauses.length ? ~0 : 0);
  for (const { match, slots, unless } of search.clauses) {
    const listed = slots && bitsOfList(index, slots);
    if (match) andInto(matched, matchSet(index, "products_fts", match), listed);
    else andInto(matched, { bits: listed ?? new Uint32Array(0) });
    if (unless) dropMatchedOnly(index, matched, listed, unless);
  }
  if (search.alsoMatch) orInto(matched, matchSet(index, "products_title_fts", search.alsoMatch));
  andInto(matched, { bits: activeIds(index) });
  const matches = { matched, count: countBits(matched), tiers: [], rest: matched.slice(), groups: [], ordered: [] };
  searchMatchSets.set(key, matches);
  return matches;
}

/** How many active products a search matches. */
export const matchCount = (index: CatalogIndex, search: SearchQuery) => searchMatches(index, search).count;

/** How many tiers a search's matches rank in: its own, then one of those in none of them. */
const tierCount = (search: SearchQuery) => search.tiers.length + 1;

/**
 * Tier `t` of a search's matches, a bitmap by product id: those in the search's first tier, those
 * in the second and not the first, …, and last those in none. Made at first need, with those
 * before it: a first page found among the products naming every word typed reads none of the
 * tiers after it. The bench's 40 searches at a million products so AND 53 tiers' sets, not 122.
 */
function tierOf(index: CatalogIndex, search: SearchQuery, matches: Matches, t: number) {
  const { tiers, rest } = matches;
  while (tiers.length <= t) {
    const next = search.tiers[tiers.length];
    if (!next) {
      tiers.push(rest);
      break;
    }
    const tier =
      "slots" in next
        ? bitsOfList(index, next.slots).slice()
        : "name" in next
          ? allOf(index, "products_name_fts", next.name)
          : allOf(index, "products_title_fts", next.title);
    tiers.push(cutFrom(rest, tier));
  }
  return tiers[t];
}

/**
 * `tier` cut down to the products in `rest`, and those taken out of `rest`.
 *
 * This loop, the boost's (`boostedOf`) and the page's (`readPage`) run over every word of a
 * bitmap after a branch a search may be the first in its process to take (a tier of a category's
 * slots, a boost). Such a branch sends the optimized code of the function taking it, and of those
 * it was inlined into, back to V8's interpreter for the rest of the call; a loop in a function of
 * its own, called by every search, goes on optimized. "ATEX flow meter", the first search whose
 * page falls among the products of the category it names, so took 6.7–6.8 ms at a million
 * products rather than 9.7–13.
 */
function cutFrom(rest: Uint32Array, tier: Uint32Array) {
  for (let w = 0; w < rest.length; w++) {
    tier[w] &= rest[w];
    rest[w] &= ~tier[w];
  }
  return tier;
}

/**
 * Tier `t` of a search's matches cut into the groups it ranks in, bitmaps by product id: when the
 * search boosts (a spec near a quantity typed), those it boosts and then the others; else the
 * tier whole. Made at first need. The boost is read off the bits of `boosted` when the search
 * lists it; else tested on each product in slot order (`slotBitsOf`), where the specs it reads
 * are in order in memory.
 */
function groupsOf(index: CatalogIndex, search: SearchQuery, matches: Matches, t: number) {
  const made = matches.groups[t];
  if (made) return made;
  const tier = tierOf(index, search, matches, t);
  const { boost, boosted } = search;
  let groups = [tier];
  if (boost) {
    const near = new Uint32Array(tier.length);
    if (boosted) {
      const bits = bitsOfList(index, boosted);
      for (let w = 0; w < tier.length; w++) near[w] = tier[w] & (bits[w] ?? 0);
    } else {
      boostedOf(index, tier, boost, near);
    }
    groups = [near, tier.map((word, w) => word & ~near[w])];
  }
  matches.groups[t] = groups;
  return groups;
}

/** Of `tier`, the products `boost` picks, in `near`: tested in slot order, where the specs it reads are in order in memory. */
function boostedOf(index: CatalogIndex, tier: Uint32Array, boost: NearRanges[], near: Uint32Array) {
  const { bySlot } = slotBitsOf(index, tier, slotScratch(index));
  for (let w = 0; w < bySlot.length; w++) {
    for (let word = bySlot[w]; word !== 0; word &= word - 1) {
      const o = (w << 5) + 31 - Math.clz32(word & -word);
      if (isNear(index, boost, o)) setId(near, index.ids[o]);
    }
  }
}

/**
 * Group `g` of tier `t` (`groupsOf`) as it ranks (ADR 39 step 6): by place in the relevance order
 * (featured, in stock, name), one bitmap, made at first need in one pass over the group, each
 * product's place read from `relevanceRankById` in id order. A page is then read off it word by
 * word; the tiers and groups before the page are only counted, and those after it not made: a
 * first page of "compressor 37 kW" at a million products places the 1,395 products of its first
 * tier near 37 kW, not all 28,089.
 */
function inOrder(index: CatalogIndex, search: SearchQuery, matches: Matches, t: number, g: number) {
  const ordered = (matches.ordered[t] ??= []);
  const made = ordered[g];
  if (made) return made;
  const group = groupsOf(index, search, matches, t)[g];
  const byPlace = new Uint32Array((index.size + 31) >>> 5);
  const { relevanceRankById } = index;
  for (let w = 0; w < group.length; w++) {
    for (let word = group[w]; word !== 0; word &= word - 1) {
      const at = relevanceRankById[(w << 5) + 31 - Math.clz32(word & -word)];
      byPlace[at >>> 5] |= 1 << (at & 31);
    }
  }
  ordered[g] = byPlace;
  return byPlace;
}

/**
 * Active products matching a search, best first, as catalog-index slots: by the first of the
 * search's tiers each one is in, then those the search boosts, then in the catalog's relevance
 * order (`inOrder`). Kept for a buyer who filters or pages through the search.
 */
export function rankedMatchSlots(index: CatalogIndex, search: SearchQuery): Int32Array {
  const key = searchKeyOf(index, search);
  const cached = rankedMatches.get(key);
  if (cached) return cached;
  const matches = searchMatches(index, search);
  const ranked = new Int32Array(matches.count);
  const { relevance } = index.orders;
  let at = 0;
  for (let t = 0; t < tierCount(search); t++) {
    const groups = groupsOf(index, search, matches, t);
    for (let g = 0; g < groups.length; g++) {
      const group = inOrder(index, search, matches, t, g);
      for (const place of setBits(group, new Int32Array(countBits(group)))) ranked[at++] = relevance[place];
    }
  }
  rankedMatches.set(key, ranked);
  return ranked;
}

/**
 * Places `start` … `start + count - 1` of a search's ranking, as slots, without ranking the rest
 * (ADR 39): the tiers before the page are counted, those it falls in put in order (`inOrder`) and
 * read off word by word. A page of a common word's 150,000 matches so costs ordering the tier it
 * falls in, rather than every match.
 */
export function searchPage(index: CatalogIndex, search: SearchQuery, start: number, count: number) {
  const ranked = rankedMatches.get(searchKeyOf(index, search));
  if (ranked) return ranked.subarray(start, start + count);
  const matches = searchMatches(index, search);
  const { relevance } = index.orders;
  const page: number[] = [];
  let skip = start;
  for (let t = 0; t < tierCount(search) && page.length < count; t++) {
    const size = countBits(tierOf(index, search, matches, t));
    if (skip >= size) {
      skip -= size;
      continue;
    }
    const groups = groupsOf(index, search, matches, t);
    for (let g = 0; g < groups.length && page.length < count; g++) {
      const inGroup = countBits(groups[g]);
      if (skip >= inGroup) {
        skip -= inGroup;
        continue;
      }
      readPage(inOrder(index, search, matches, t, g), skip, count, relevance, page);
      skip = 0;
    }
  }
  return Int32Array.from(page);
}

/**
 * Onto `page`, up to `count` in all, the slots of `group`'s products (bits by place in the
 * `relevance` order) after the first `skip`, in that order.
 */
function readPage(group: Uint32Array, skip: number, count: number, relevance: Int32Array, page: number[]) {
  for (let w = 0; w < group.length && page.length < count; w++) {
    let word = group[w];
    if (word === 0) continue;
    const inWord = popcount(word);
    if (skip >= inWord) {
      skip -= inWord;
      continue;
    }
    while (word !== 0 && page.length < count) {
      const low = word & -word;
      if (skip > 0) skip--;
      else page.push(relevance[(w << 5) + 31 - Math.clz32(low)]);
      word ^= low;
    }
  }
}

/**
 * The slots of the `count` products in `matched` that fall in every `every`-th run of 32 slots, as
 * a bitmap by slot (in `bySlot`, all zeros, when given), and how many. When the runs hold fewer
 * slots than there are matches (a common word's), each of their slots' products is looked up in
 * `matched`; else each match's slot is found, and those outside the runs dropped. "316
 * stainless", 200,096 of a million, so reads 100,000 slots in order rather than finding 200,096
 * slots all over the index.
 */
export function matchesInRuns(
  index: CatalogIndex,
  matched: Uint32Array,
  count: number,
  every: number,
  bySlot = new Uint32Array(slotWords(index)),
) {
  const { ids } = index;
  const words = bySlot.length;
  if ((words / every) * 32 >= count) {
    slotBitsOf(index, matched, bySlot);
    for (let w = 0; w < words; w++) if (w % every !== 0) bySlot[w] = 0;
    return { bySlot, count: countBits(bySlot) };
  }
  let found = 0;
  for (let w = 0; w < words; w += every) {
    for (let o = w << 5, end = Math.min(o + 32, ids.length); o < end; o++) {
      if (ids[o] !== 0 && hasId(matched, ids[o])) {
        bySlot[w] |= 1 << (o & 31);
        found++;
      }
    }
  }
  return { bySlot, count: found };
}
