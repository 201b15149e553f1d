import { preparedOnce, sqlite } from "~/lib/db.server";
import { stemmer as stem } from "stemmer";
import { specUnit } from "./search-units";
import { CORRECTABLE_TERM_SQL } from "./search-typos";
import { wordsOf } from "./search-words";

/**
 * What a search knows beyond the index's words, read again whenever `catalog_version` moves
 * (synonym edits move it too): phrases that stand for a synonym group or a category, the number
 * specs it can compare quantities with, and the words a misspelling is corrected to or a word
 * being typed completed to (those of the product titles from a reading at most
 * `titleWordsReading.maxAgeMs` old, or of any age when asked; and the summaries' common words the
 * last search warm-up found).
 */
export type Phrase = {
  stems: string[];
  /**
   * The words searched for it, those of the first synonym term or category name that made it:
   * "pressure gauge" and "pressure gauges" stem alike, so both read the same kept set (ADR 39).
   */
  words: string[];
  /** Every term of the synonym groups the phrase belongs to, as typed in the back office. */
  synonyms: string[];
  /** Categories whose name the phrase is, or whose last word ("valves" for "Industrial valves"). */
  categoryIds: number[];
};

export type SearchVocabulary = {
  version: number;
  /** Phrases by their stems joined with spaces. */
  phrases: Map<string, Phrase>;
  longestPhrase: number;
  numberSpecs: { id: number; unit: NonNullable<ReturnType<typeof specUnit>> }[];
  /**
   * Words of names, part numbers, manufacturers, categories and synonyms, by length; and of
   * summaries, the common ones a search warm-up found (only a large catalog's: a small one's are
   * read quickly as prefixes).
   */
  words: (anyAge?: boolean) => Map<number, { word: string; products: number }[]>;
  /**
   * The words of `words` starting with `prefix`, the commonest first (then alphabetical), at most
   * `count`; `whole` when `prefix` is one of them. `anyAge`: from the last reading, however old,
   * and none before the first.
   */
  completions: (prefix: string, count: number, anyAge: boolean) => { whole: boolean; words: string[] };
};

const statements = preparedOnce(() => ({
  synonyms: sqlite.prepare("SELECT terms FROM search_synonyms ORDER BY id").pluck(),
  categories: sqlite.prepare("SELECT id, name FROM categories ORDER BY id"),
  numberSpecs: sqlite.prepare("SELECT id, unit FROM spec_definitions WHERE kind = 'number'"),
  titleWords: sqlite.prepare(`SELECT term, doc FROM products_title_vocab WHERE ${CORRECTABLE_TERM_SQL}`).raw(),
}));

/** A group's terms as the back office stores them: comma-separated, trimmed, no empties. */
export const synonymTerms = (terms: string) =>
  terms
    .split(",")
    .map((term) => term.trim())
    .filter(Boolean);

let current: SearchVocabulary | undefined;

/**
 * How long one reading of the title index's words serves corrections, across catalog versions:
 * the reading walks the whole index (about half a second at a million products), and a price
 * edit must not cost the next misspelling that again. A search warm-up hands over the words its
 * own scan found (`adoptWarmUpWords`). A word new since a reading is offered as a correction once
 * the reading is this old. Tests set it.
 */
export const titleWordsReading = { maxAgeMs: 10 * 60_000 };
let titleWordsRead: { at: number; rows: [string, number][] } | undefined;

let summaryWords: [string, number][] = [];

/**
 * The words a search warm-up's thread found: of the title index (`titleRows`), as if read here
 * now; and the summaries' common words no name has, kept until the next warm-up's.
 */
export function adoptWarmUpWords(titleRows: [string, number][], summaryRows: [string, number][]) {
  titleWordsRead = { at: Date.now(), rows: titleRows };
  summaryWords = summaryRows;
}

const NO_ROWS: [string, number][] = [];

/** The words read at most `maxAgeMs` ago, read now if need be; `anyAge`: the last read, or none, never read now. */
function titleWordRows(anyAge: boolean) {
  if (anyAge) return titleWordsRead?.rows ?? NO_ROWS;
  const now = Date.now();
  if (!titleWordsRead || now - titleWordsRead.at >= titleWordsReading.maxAgeMs)
    titleWordsRead = { at: now, rows: statements().titleWords.all() as [string, number][] };
  return titleWordsRead.rows;
}

export function getSearchVocabulary(version: number): SearchVocabulary {
  if (current?.version === version) return current;
  const { synonyms, categories, numberSpecs } = statements();
  const phrases = new Map<string, Phrase>();
  const phraseOf = (words: string[]) => {
    const stems = words.map(stem);
    const key = stems.join(" ");
    let phrase = phrases.get(key);
    if (!phrase) phrases.set(key, (phrase = { stems, words, synonyms: [], categoryIds: [] }));
    return phrase;
  };
  const extraWords = new Set<string>();
  for (const row of synonyms.all() as string[]) {
    const terms = synonymTerms(row);
    for (const term of terms) {
      const words = wordsOf(term);
      if (!words.length) continue;
      words.forEach((word) => extraWords.add(word));
      const phrase = phraseOf(words);
      for (const other of terms) if (!phrase.synonyms.includes(other)) phrase.synonyms.push(other);
    }
  }
  for (const { id, name } of categories.all() as { id: number; name: string }[]) {
    const words = wordsOf(name);
    if (!words.length) continue;
    words.forEach((word) => extraWords.add(word));
    phraseOf(words).categoryIds.push(id);
    if (words.length > 1) phraseOf([words[words.length - 1]]).categoryIds.push(id);
  }
  // A synonym of a category's name stands for the category too: "welder" for "Welding machines".
  for (const phrase of phrases.values()) {
    for (const synonym of phrase.synonyms) {
      const other = phrases.get(wordsOf(synonym).map(stem).join(" "));
      for (const id of other?.categoryIds ?? []) if (!phrase.categoryIds.includes(id)) phrase.categoryIds.push(id);
    }
  }
  let words: Map<number, { word: string; products: number }[]> | undefined;
  let wordsFrom: [string, number][] | undefined;
  let summaryWordsFrom: [string, number][] | undefined;
  let sorted: { word: string; products: number }[] = [];
  let sortedFrom: typeof words;
  const vocabulary: SearchVocabulary = {
    version,
    phrases,
    longestPhrase: Math.max(1, ...[...phrases.values()].map((phrase) => phrase.stems.length)),
    numberSpecs: (numberSpecs.all() as { id: number; unit: string | null }[]).flatMap(({ id, unit }) => {
      const known = specUnit(unit);
      return known ? [{ id, unit: known }] : [];
    }),
    // Made on the first misspelling after a change, from the words read at most `maxAgeMs` ago
    // (or from the last words read, if any, `anyAge`).
    words(anyAge = false) {
      const rows = titleWordRows(anyAge);
      if (words && wordsFrom === rows && summaryWordsFrom === summaryWords) return words;
      const byLength = new Map<number, { word: string; products: number }[]>();
      const add = (word: string, products: number) => {
        const list = byLength.get(word.length) ?? [];
        list.push({ word, products });
        byLength.set(word.length, list);
      };
      const seen = new Set<string>();
      for (const [term, docs] of [...rows, ...summaryWords]) {
        if (seen.has(term)) continue;
        seen.add(term);
        add(term, docs);
      }
      for (const word of extraWords) if (word.length >= 3 && !seen.has(word) && !/\d/.test(word)) add(word, 1);
      [wordsFrom, summaryWordsFrom] = [rows, summaryWords];
      return (words = byLength);
    },
    // Alphabetical, so the words starting with a prefix are neighbours, found by a binary search.
    completions(prefix, count, anyAge) {
      const byLength = vocabulary.words(anyAge);
      if (sortedFrom !== byLength) {
        sorted = [...byLength.values()].flat().sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
        sortedFrom = byLength;
      }
      let [low, high] = [0, sorted.length];
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (sorted[middle].word < prefix) low = middle + 1;
        else high = middle;
      }
      const found: { word: string; products: number }[] = [];
      for (let i = low; i < sorted.length && sorted[i].word.startsWith(prefix); i++) found.push(sorted[i]);
      const whole = found[0]?.word === prefix;
      found.sort((a, b) => b.products - a.products || (a.word < b.word ? -1 : 1));
      return { whole, words: found.slice(0, count).map(({ word }) => word) };
    },
  };
  current = vocabulary;
  return current;
}
