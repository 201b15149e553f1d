import { partNumberKey } from "~/lib/slug";
import type { CatalogIndex } from "./catalog-index.server";
import { stemmer as stem } from "stemmer";
import { extractQuantities, rangeInSpecUnit, type Quantity } from "./search-units";
import type { SearchVocabulary } from "./search-vocabulary.server";
import { wordsOf } from "./search-words";

const MAX_WORDS = 12;
const MAX_WORD_LENGTH = 40;

/** Words that say nothing about a product; a search of only these finds nothing, and says so. */
export const STOP_WORDS = new Set(
  (
    "a an and any are as at be by can do does for from has have how i in into is it its me my need " +
    "of on or our per some than that the their these this those to us via want was we what which " +
    "with you your"
  ).split(" "),
);

/**
 * A search ready to run. Every match meets each of `clauses`: a full-text expression over the
 * word index, and/or products listed by slot (a category's subtree, spec values near a quantity);
 * `alsoMatch`, over the title index, adds the products whose part number starts with the code
 * typed. `tiers`, best first, order the matches; within a tier the products with a number spec in
 * one of the `boost` ranges (near a quantity typed, `isNear`) come first, then the catalog's own
 * order. A tier's expressions are ANDed: each is one word or phrase, so the same ones recur from
 * search to search and are read once (`matchSet`). `key` names it all.
 */
export type SearchQuery = {
  key: string;
  /**
   * Each clause: the products matching `match`, or listed in `slots`; of those only matching, none
   * `unless` rules out (by slot).
   */
  clauses: { match?: string; slots?: Int32Array; unless?: (slot: number) => boolean }[];
  alsoMatch?: string;
  tiers: SearchTier[];
  boost?: NearRanges[];
  /**
   * The slots `boost` picks, listed, when finding the matches tested every product for it (a
   * search of quantities alone): a ranking then reads the boost off their bits by id.
   */
  boosted?: Int32Array;
};
export type SearchTier = { title: string[] } | { name: string[] } | { slots: Int32Array };

/** A thing the buyer asked for: one word, or a phrase that stands for a synonym group or category. */
type Concept = { typed: string[]; alternatives: string[][]; categoryIds: number[]; prefix: boolean };

export type ParsedSearch =
  | { kind: "words"; concepts: Concept[]; quantities: Quantity[]; code?: string; partNumberKey?: string }
  | { kind: "common-words" }
  | { kind: "empty" };

const phraseFts = (words: string[], prefix = false) => `"${words.join(" ")}"${prefix ? "*" : ""}`;

/**
 * Reads what a buyer typed: quantities with units first ("37kW", "0-16 bar"), then words only
 * (so quotes, operators and markup are never FTS syntax), without common words, grouped into the
 * longest phrases the vocabulary knows (synonyms, category names). Strict, a word is matched
 * whole (stemmed), and only the last one, still being typed, as a prefix when it has 3 letters or
 * more; `relaxed`, every word of two characters or more is a prefix, and lone ones are left out.
 */
export function parseSearch(input: string, vocabulary: SearchVocabulary, relaxed = false): ParsedSearch {
  const text = input.normalize("NFKC").slice(0, 200);
  const { quantities, rest } = extractQuantities(text);
  const typed = [...new Set(wordsOf(rest))].slice(0, MAX_WORDS).map((word) => word.slice(0, MAX_WORD_LENGTH));
  // Relaxed, a lone letter or digit is left out: as a prefix it would match most of the catalog
  // and read most of the index ("p"* is 953,353 rows at a million products, 0.2–0.7 s).
  const words = typed.filter((word) => !STOP_WORDS.has(word) && !(relaxed && word.length === 1));
  if (words.length === 0 && quantities.length === 0) return typed.length ? { kind: "common-words" } : { kind: "empty" };

  const stems = words.map(stem);
  const endsWithWord = (word: string) => text.trimEnd().toLowerCase().endsWith(word);
  const concepts: Concept[] = [];
  for (let i = 0; i < words.length;) {
    let length = Math.min(vocabulary.longestPhrase, words.length - i);
    let phrase;
    for (; length > 0; length--) {
      phrase = vocabulary.phrases.get(stems.slice(i, i + length).join(" "));
      if (phrase) break;
    }
    length = Math.max(length, 1);
    const span = words.slice(i, i + length);
    const last = span[span.length - 1];
    const isLast = i + length === words.length;
    // A phrase the vocabulary knows is a whole word: "presses" must not grow into "pressure".
    const prefix = relaxed || (isLast && !phrase && last.length >= 3 && endsWithWord(last));
    // Whole, a known phrase is searched in its vocabulary's words, which stem as the typed ones do.
    const alternatives = [phrase && !prefix ? phrase.words : span];
    for (const synonym of phrase?.synonyms ?? []) {
      const synonymWords = wordsOf(synonym);
      const key = synonymWords.map(stem).join(" ");
      if (synonymWords.length && !alternatives.some((a) => a.map(stem).join(" ") === key))
        alternatives.push(synonymWords);
    }
    // A grade typed joined to its letters ("316ss") is also the two words apart, as the catalog
    // writes it ("316 SS"), and the letters' synonyms ("316 stainless steel").
    const apart = span.length === 1 ? /^(\d+)(\p{L}{1,3})$/u.exec(span[0]) : null;
    if (apart) {
      const [, digits, letters] = apart;
      const known = vocabulary.phrases.get(stem(letters));
      for (const words of [[letters], ...(known?.synonyms ?? []).map(wordsOf)])
        if (words.length) alternatives.push([digits, ...words]);
    }
    concepts.push({ typed: span, alternatives, categoryIds: phrase?.categoryIds ?? [], prefix });
    i += length;
  }

  // Typed as one code, without spaces ("iax-d", "pg63"): part numbers starting so come first;
  // with separators, the code also matches as a part-number prefix. So "iax-p" finds IAX-P…
  // without reading every word that starts with "p" (a million products' worth, 0.7 s).
  const key = partNumberKey(text).toLowerCase();
  const codeLike =
    key.length >= 3 && quantities.length === 0 && (typed.length > 1 || /\d/.test(key)) && !/\s/.test(text.trim());
  const looksLikePartNumber = codeLike && typed.length > 1;
  return {
    kind: "words",
    concepts,
    quantities,
    code: codeLike ? key : undefined,
    partNumberKey: looksLikePartNumber ? key : undefined,
  };
}

function conceptFts(concept: Concept) {
  const [typed, ...others] = concept.alternatives;
  const alternatives = [phraseFts(typed, concept.prefix), ...others.map((words) => phraseFts(words))];
  return alternatives.length > 1 ? `(${alternatives.join(" OR ")})` : alternatives[0];
}

/** Every slot of the lists, in no order, repeats allowed (a search reads them as a bitmap); one list as it is. */
function joined(lists: Int32Array[]) {
  if (lists.length === 1) return lists[0];
  const all = new Int32Array(lists.reduce((n, list) => n + list.length, 0));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  return all;
}

/**
 * Per spec id, the values within ±10 % of a quantity in the spec's own unit: [low, high); and
 * whether the spec is in the unit typed (1), so the catalog's text writes it in the quantity's words.
 */
export type NearRanges = { low: Float64Array; high: Float64Array; typedUnit: Uint8Array };

function nearRanges(index: CatalogIndex, vocabulary: SearchVocabulary, quantity: Quantity): NearRanges | undefined {
  const low = new Float64Array(index.specSlots).fill(Infinity);
  const high = new Float64Array(index.specSlots).fill(-Infinity);
  const typedUnit = new Uint8Array(index.specSlots);
  let anySpec = false;
  for (const spec of vocabulary.numberSpecs) {
    const range = spec.id < index.specSlots ? rangeInSpecUnit(quantity, spec.unit) : undefined;
    if (!range) continue;
    [low[spec.id], high[spec.id]] = [range[0], range[1] + 1e-9];
    typedUnit[spec.id] = spec.unit === quantity.unit ? 1 : 0;
    anySpec = true;
  }
  return anySpec ? { low, high, typedUnit } : undefined;
}

/** True when the product in `slot` has a number spec within one of `ranges`. */
export function isNear({ numStart, numEnd, numSpec, numValue }: CatalogIndex, ranges: NearRanges[], slot: number) {
  for (const { low, high } of ranges) {
    for (let e = numStart[slot]; e < numEnd[slot]; e++) {
      const value = numValue[e];
      if (value >= low[numSpec[e]] && value < high[numSpec[e]]) return true;
    }
  }
  return false;
}

/** Slots per block of `SpecZones`: 64. */
const ZONE_BITS = 6;

/**
 * For each dimension the catalog's number specs measure, each block of 64 slots' lowest and
 * highest value in the dimension's base unit (a zone map), so a quantity's search tests only the
 * blocks that may hold a value near it: dimension d's block b is at `d * blocks + b`. Number
 * values are written only into a new slot (a product whose specs change leaves its old one,
 * emptied), so the zones of slots below `slots` stay true (an emptied slot leaves its block's
 * zone wider than it need be, never narrower), and slots written since are added at the next use.
 * Made at a quantity's first search on an index; made again when a spec's unit changes (`units`).
 */
type SpecZones = {
  units: string;
  slots: number;
  blocks: number;
  dimensions: string[];
  /** By spec id: its dimension's number (-1: no unit search knows), its unit's factor and offset. */
  dimensionOf: Int8Array;
  factor: Float64Array;
  offset: Float64Array;
  low: Float64Array;
  high: Float64Array;
};
const zonesKept = new WeakMap<CatalogIndex, SpecZones>();

function specZones(index: CatalogIndex, { numberSpecs }: SearchVocabulary): SpecZones {
  const units = numberSpecs.map(({ id, unit }) => `${id}:${unit.dimension}:${unit.factor}:${unit.offset ?? 0}`).join();
  let zones = zonesKept.get(index);
  if (zones?.units !== units) {
    const blocks = (index.ids.length >> ZONE_BITS) + 1;
    const dimensions = [...new Set(numberSpecs.map(({ unit }) => unit.dimension))];
    const dimensionOf = new Int8Array(index.specSlots).fill(-1);
    const [factor, offset] = [new Float64Array(index.specSlots), new Float64Array(index.specSlots)];
    for (const { id, unit } of numberSpecs) {
      if (id >= index.specSlots) continue;
      [dimensionOf[id], factor[id], offset[id]] = [dimensions.indexOf(unit.dimension), unit.factor, unit.offset ?? 0];
    }
    const size = dimensions.length * blocks;
    const [low, high] = [new Float64Array(size).fill(Infinity), new Float64Array(size).fill(-Infinity)];
    zones = { units, slots: 0, blocks, dimensions, dimensionOf, factor, offset, low, high };
    zonesKept.set(index, zones);
  }
  const { blocks, dimensionOf, factor, offset, low, high } = zones;
  const { numStart, numEnd, numSpec, numValue } = index;
  for (let o = zones.slots, slots = index.slotCount; o < slots; o++) {
    const b = o >> ZONE_BITS;
    for (let e = numStart[o], end = numEnd[o]; e < end; e++) {
      const spec = numSpec[e];
      const d = dimensionOf[spec];
      if (!(d >= 0)) continue; // also a spec id past the array: none of a number spec with a unit
      const base = numValue[e] * factor[spec] + offset[spec];
      const z = d * blocks + b;
      if (base < low[z]) low[z] = base;
      if (base > high[z]) high[z] = base;
    }
  }
  zones.slots = index.slotCount;
  return zones;
}

/**
 * Products with a number spec near the quantity, for a search of quantities alone (beside words,
 * only the matches are tested): those of the blocks whose zone reaches the quantity's range.
 */
function specMatches(
  index: CatalogIndex,
  vocabulary: SearchVocabulary,
  quantity: Quantity,
  ranges: NearRanges | undefined,
) {
  if (!ranges) return new Int32Array(0);
  const zones = specZones(index, vocabulary);
  const d = zones.dimensions.indexOf(quantity.unit.dimension);
  // The specs' ranges in the base unit, together, a hair wider (each is converted back and forth).
  let [low, high] = [Infinity, -Infinity];
  for (const { id, unit } of vocabulary.numberSpecs) {
    if (id >= index.specSlots || !(ranges.low[id] <= ranges.high[id])) continue;
    const [from, to] = [ranges.low[id], ranges.high[id]].map((value) => value * unit.factor + (unit.offset ?? 0));
    const hair = 1e-9 * Math.max(Math.abs(from), Math.abs(to)) + 1e-12;
    [low, high] = [Math.min(low, from - hair), Math.max(high, to + hair)];
  }
  const found: number[] = [];
  const list = [ranges];
  const blocks = (index.slotCount >> ZONE_BITS) + 1;
  for (let b = 0; d >= 0 && b < blocks; b++) {
    if (zones.high[d * zones.blocks + b] < low || zones.low[d * zones.blocks + b] > high) continue;
    for (let o = b << ZONE_BITS, end = Math.min(index.slotCount, o + (1 << ZONE_BITS)); o < end; o++)
      if (isNear(index, list, o)) found.push(o);
  }
  return Int32Array.from(found);
}

/**
 * Whether a product matched by a quantity's words alone is taken to match them only inside
 * another number, as FTS5 splits numbers into words: a spec's decimal ("0.37 kW" and "16.37 kW"
 * hold "37 kW"), when it has a spec in the unit typed whose digits after the point are the whole
 * number typed; or a text spec's fraction or decimal ("1/2 in NPT" holds "2 in"), when it has a
 * text spec that writes the quantity only so. Undefined when nothing can hide it: the number typed
 * is not one whole number, or no text spec writes it so and no decimal can (one ending in 0).
 */
function hiddenInNumber(index: CatalogIndex, ranges: NearRanges | undefined, { numberWords, unitWords }: Quantity) {
  const typed = numberWords.length === 1 && numberWords[0].length === 1 ? numberWords[0][0] : "";
  if (!/^\d+$/.test(typed)) return undefined;
  const hiding = textsWritingOnlyAfterPoint(index.strings, typed, unitWords);
  // A decimal's last digit is never 0.
  const decimal =
    ranges && /[1-9]$/.test(typed)
      ? { tail: Number(typed), scale: 10 ** typed.length, typedUnit: ranges.typedUnit }
      : undefined;
  if (!decimal && !hiding.includes(true)) return undefined;
  const { numStart, numEnd, numSpec, numValue, enumStart, enumEnd, enumKey, specSlots } = index;
  return (slot: number) => {
    for (let e = enumStart[slot]; e < enumEnd[slot]; e++) if (hiding[Math.floor(enumKey[e] / specSlots)]) return true;
    if (!decimal) return false;
    for (let e = numStart[slot]; e < numEnd[slot]; e++) {
      if (decimal.typedUnit[numSpec[e]] === 0) continue;
      const scaled = numValue[e] * decimal.scale;
      const whole = Math.round(scaled);
      if (whole % decimal.scale === decimal.tail && Math.abs(scaled - whole) < 1e-6) return true;
    }
    return false;
  };
}

/**
 * For each of `texts`, whether it writes `number` then a unit (its words apart or joined, as FTS5
 * reads them) somewhere, and everywhere only after a digit and a point, comma or slash ("1/2 in",
 * "16.37 kW").
 */
function textsWritingOnlyAfterPoint(texts: string[], number: string, unitWords: string[][]) {
  // Words are letters and digits only: nothing in them to escape.
  const units = unitWords.map((words) => words.join("[^\\p{L}\\p{N}]+")).join("|");
  const written = new RegExp(`(?<![\\p{L}\\p{N}])${number}[^\\p{L}\\p{N}]*(?:${units})(?![\\p{L}\\p{N}])`, "giu");
  return texts.map((text) => {
    if (!text.includes(number)) return false;
    let found = false;
    for (const { index: at } of text.matchAll(written)) {
      if (!/\d[.,/]$/.test(text.slice(Math.max(0, at - 2), at))) return false;
      found = true;
    }
    return found;
  });
}

/**
 * A quantity as the catalog's text may write it: its number then any way of writing its unit,
 * apart or joined to the number's last word ("37 kw", "37kw"; "1 2 in", "1 2inch", …). Sorted, so
 * "1/2 inch", "1/2 in" and "0.5 in" are one expression, read and kept once.
 */
const quantityFts = ({ numberWords, unitWords }: Quantity) => {
  const phrases = numberWords.flatMap((number) => {
    const last = number.length - 1;
    return unitWords.flatMap((unit) => [
      phraseFts([...number, ...unit]),
      ...(last >= 0 ? [phraseFts([...number.slice(0, last), number[last] + unit.join("")])] : []),
    ]);
  });
  return `(${[...new Set(phrases)].sort().join(" OR ")})`;
};

/** The query to run for a parsed search, over the catalog index it ranks. */
export function buildSearchQuery(
  parsed: Extract<ParsedSearch, { kind: "words" }>,
  index: CatalogIndex,
  vocabulary: SearchVocabulary,
): SearchQuery {
  const { concepts, quantities, code } = parsed;
  const subtreeOf = (ids: number[]) => joined(ids.map((id) => index.subtree.get(id) ?? new Int32Array(0)));
  const clauses: SearchQuery["clauses"] = concepts.map((concept) =>
    concept.categoryIds.length
      ? { match: conceptFts(concept), slots: subtreeOf(concept.categoryIds) }
      : { match: conceptFts(concept) },
  );
  // Quantities narrow a search of nothing else; beside words they only rank what is near first.
  const near = quantities.map((quantity) => nearRanges(index, vocabulary, quantity));
  const specLists = concepts.length ? [] : quantities.map((q, i) => specMatches(index, vocabulary, q, near[i]));
  specLists.forEach((slots, i) =>
    clauses.push({
      match: quantityFts(quantities[i]),
      slots,
      unless: hiddenInNumber(index, near[i], quantities[i]),
    }),
  );

  const tiers: SearchTier[] = [];
  if (code) tiers.push({ title: [`part_number_key : "${code}"`] }, { title: [`part_number_key : "${code}"*`] });
  if (concepts.length) {
    const typedWords = concepts.flatMap((c) =>
      c.typed.map((word, i) => phraseFts([word], c.prefix && i === c.typed.length - 1)),
    );
    tiers.push({ title: typedWords.map((word) => `name : ${word}`) });
    tiers.push({ name: concepts.map(conceptFts) });
    // Named by its maker or part number ("Gaugecraft"): a column filter, so only those rows come back.
    tiers.push({ title: typedWords.map((word) => `{manufacturer part_number part_number_key} : ${word}`) });
    const categoryIds = concepts.flatMap((c) => c.categoryIds);
    if (categoryIds.length) tiers.push({ slots: subtreeOf(categoryIds) });
  } else {
    tiers.push({ name: quantities.map(quantityFts) });
  }
  const ranges = near.filter((r) => r !== undefined);
  const boost = ranges.length ? ranges : undefined;
  return {
    // What the query is built from, under one catalog version, names it.
    key: JSON.stringify(parsed),
    clauses,
    alsoMatch: parsed.partNumberKey ? `part_number_key : "${parsed.partNumberKey}"*` : undefined,
    tiers,
    boost,
    boosted: boost && specLists.length ? joined(specLists) : undefined,
  };
}
