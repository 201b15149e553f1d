import type { SpecDefinition } from "~db/schema";
import type { CatalogFilters } from "./catalog-filters";
import { partNumberKey } from "~/lib/slug";
import { caughtUpCatalogIndex, getCatalogIndex, isImportRunning, type CatalogIndex } from "./catalog-index.server";
import { findProductByPartNumber, listProductsByIds, listProductsByPartNumberPrefix } from "./product.server";
import type { CompanyPricing } from "~/accounts/company-prices.server";
import { getListingPage } from "./product-listing.server";
import { expressionsOf, matchCount, searchPage } from "./search-ranking.server";
import { isAtHand, storedSets, type FtsTable } from "./match-sets.server";
import type { WarmUpData, WarmUpMessage, WarmUpRequest } from "./search-warm-up.worker";
import { startWorker } from "~/lib/worker-thread.server";
import { preparedOnce, sqlite } from "~/lib/db.server";
import { extractQuantities } from "./search-units";
import { buildSearchQuery, parseSearch, STOP_WORDS, type ParsedSearch, type SearchQuery } from "./search-plan.server";
import { nearestWord } from "./search-typos";
import { adoptWarmUpWords, getSearchVocabulary, synonymTerms, type SearchVocabulary } from "./search-vocabulary.server";
import { wordsOf } from "./search-words";

const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 40;

/**
 * Turns whatever a buyer typed into safe FTS5 terms: words only (so quotes, operators and markup
 * are never syntax), each matched as a prefix so results come while typing. Input that looks
 * like a part number ("PG63-SS/16B": one "word" with separators and a digit) also yields its
 * normalised key, matched against the part-number column.
 */
function parseQuery(input: string) {
  const terms = [...new Set(input.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [])]
    .slice(0, MAX_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH).toLowerCase());
  if (terms.length === 0) return undefined;
  const words = terms.map((term) => `"${term}"*`).join(" AND ");
  const key = partNumberKey(input.slice(0, 200)).toLowerCase();
  // Typed as one code, without spaces ("iax-d", "pg63"): part numbers starting so come first.
  const codeLike = key.length >= 3 && (terms.length > 1 || /\d/.test(key)) && !/\s/.test(input.trim());
  // Only a code with separators and a digit also widens the match to its part-number key.
  const looksLikePartNumber = codeLike && terms.length > 1 && /\d/.test(key);
  return { words, partNumberKey: looksLikePartNumber ? key : undefined, codePrefix: codeLike ? key : undefined };
}

const matchOf = ({ words, partNumberKey }: NonNullable<ReturnType<typeof parseQuery>>) =>
  partNumberKey ? `(${words}) OR part_number_key : "${partNumberKey}"*` : words;

/** Everything the input matches, as one FTS5 query. */
export function buildMatchQuery(input: string): string | undefined {
  const query = parseQuery(input);
  return query && matchOf(query);
}

/** An exact part number goes straight to its product, as a catalog counter clerk would. */
export function findExactPartNumber(input: string) {
  const trimmed = input.trim();
  if (trimmed.length < 3 || trimmed.length > 64 || !/\d/.test(trimmed)) return undefined;
  return findProductByPartNumber(trimmed);
}

export function searchProducts(
  input: string,
  filters: CatalogFilters,
  specs: SpecDefinition[],
  pricing?: CompanyPricing,
) {
  const found = runSearch(input);
  if (!found) return undefined;
  return { ...getListingPage({ search: found.search }, filters, specs, pricing), didYouMean: found.didYouMean };
}

/**
 * The best few matches for a search box that suggests as the buyer types. A part number being
 * typed ("SX0", "pg63-s") lists the part numbers starting so, from the part-number index, when
 * they fill the list: a search would first find every match (every part number of a maker, a
 * million at a million products: half a second), to rank those same part numbers first. A word
 * being typed is completed first (`typedSearch`).
 */
export function suggestProducts(input: string, limit = 8) {
  const index = getCatalogIndex();
  const parsed = parseSearch(input, getSearchVocabulary(index.version));
  const byPartNumber = parsed.kind === "words" && parsed.code ? listProductsByPartNumberPrefix(input, limit) : [];
  const found = byPartNumber.length === limit ? undefined : typedSearch(input, parsed, limit);
  const products =
    found && "search" in found
      ? listProductsByIds(Array.from(searchPage(index, found.search, 0, limit), (slot) => index.ids[slot]))
      : (found?.products ?? byPartNumber);
  return products.map(({ name, partNumber, slug }) => ({ name, partNumber, slug }));
}

/**
 * The search behind the suggestions while a word is being typed. A word that is no catalog word
 * yet ("pres", "ball va", "butterfly v") would be read as a prefix, every product with a word
 * starting so: 50–340 ms at a million products, on the thread answering requests, the first time
 * each. It is first completed to the catalog's words starting so, the commonest first (three at
 * most), and the first that finds products with the other words is searched: "pres" →
 * "pressure", whose set the warm-up stored. A two-letter word is searched whole first ("ph",
 * "ev"). Two characters that complete no word and match none whole ("SX") list the part numbers
 * starting so, if any. Else, and for a common word ("the"), a code or a quantity ("3 m"), the
 * search runs as on the results page. In a catalog large enough for a search warm-up, the words
 * are the last ones read, however old, and none until the warm-up hands its over (a keystroke
 * must not pay for a reading, half a second at a million): a word new since is not completed, and
 * its prefix is searched as typed.
 */
function typedSearch(input: string, parsed: ParsedSearch, limit: number) {
  const index = searchedIndex();
  const vocabulary = getSearchVocabulary(index.version);
  const text = input.normalize("NFKC").trim();
  const typed = /(?:^|[^\p{L}\p{N}])(\p{L}+)$/u.exec(text)?.[1];
  const word = typed?.toLowerCase();
  const completable = parsed.kind === "words" && !parsed.code && !parsed.quantities.length;
  // A large catalog's words are read by the warm-up, in its thread; a small one's are read quickly.
  const anyAge = index.size >= searchWarmUp.fromProducts;
  const completions =
    completable && word && !STOP_WORDS.has(word) ? vocabulary.completions(word, 3, anyAge) : undefined;
  if (!typed || !completions || completions.whole) return runSearch(input);
  const completed = () => {
    for (const completion of completions.words) {
      const found = attemptSearch(index, vocabulary, text.slice(0, -typed.length) + completion, false);
      if (found?.matches) return found;
    }
  };
  if (typed.length !== 2) return completed() ?? runSearch(input);
  const whole = attemptSearch(index, vocabulary, input, false);
  if (whole?.matches) return whole;
  const found = completed();
  if (found) return found;
  const products = typed === text ? listProductsByPartNumberPrefix(typed, limit) : [];
  return products.length ? { products } : runSearch(input);
}

/** True when a search holds only words like "a", "the", "of": it finds nothing, and the page says why. */
export function isOnlyCommonWords(input: string) {
  return parseSearch(input, getSearchVocabulary(getCatalogIndex().version)).kind === "common-words";
}

const wordMatches = preparedOnce(() =>
  sqlite.prepare<[string], number>("SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1").pluck(),
);

/**
 * A search, as forgiving as it must be to find something: as typed (whole words, the last one a
 * prefix); then every word a prefix ("zqw d", "pres gauge"); then with each word of four letters
 * or more that matches nothing replaced by the nearest word of the catalog ("compresor"), which
 * the page offers as "Did you mean …". Each step runs only when the one before found nothing.
 */
function runSearch(input: string): { search: SearchQuery; matches: number; didYouMean?: string } | undefined {
  const index = searchedIndex();
  const vocabulary = getSearchVocabulary(index.version);
  const strict = attemptSearch(index, vocabulary, input, false);
  if (!strict || strict.matches) return strict;
  const relaxed = attemptSearch(index, vocabulary, input, true);
  if (relaxed?.matches) return relaxed;
  const corrected = correctedSearch(input, strict.parsed, vocabulary);
  if (corrected) {
    const found = attemptSearch(index, vocabulary, corrected, false);
    const result = found?.matches ? found : attemptSearch(index, vocabulary, corrected, true);
    if (result?.matches) return { ...result, didYouMean: corrected };
  }
  return strict;
}

/** The catalog index a search reads, with the search warm-up started for it when it is worth one. */
function searchedIndex() {
  const index = getCatalogIndex();
  if (warmsUp(index)) void warmUpSearch(index);
  return index;
}

/** `text` searched strictly (whole words, the last one a prefix) or `relaxed` (every word a prefix), and how many it matches. */
function attemptSearch(index: CatalogIndex, vocabulary: SearchVocabulary, text: string, relaxed: boolean) {
  const parsed = parseSearch(text, vocabulary, relaxed);
  if (parsed.kind !== "words") return undefined;
  const search = buildSearchQuery(parsed, index, vocabulary);
  return { parsed, search, matches: matchCount(index, search) };
}

/** The search with each word that matches nothing replaced by its nearest catalog word, if any changed. */
function correctedSearch(input: string, parsed: ParsedSearch, vocabulary: SearchVocabulary) {
  if (parsed.kind !== "words") return undefined;
  let text = input.normalize("NFKC");
  let changed = false;
  for (const concept of parsed.concepts) {
    const [word] = concept.typed;
    if (concept.typed.length !== 1 || concept.alternatives.length > 1 || concept.categoryIds.length) continue;
    if (!/^\p{L}{4,}$/u.test(word) || wordMatches().get(`"${word}"*`)) continue;
    const correction = nearestWord(word, vocabulary);
    if (!correction) continue;
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "iu"), correction);
    changed = true;
  }
  return changed ? text.trim().replace(/\s+/g, " ") : undefined;
}

const warmTexts = preparedOnce(() => ({
  categories: sqlite.prepare<[], string>("SELECT name FROM categories").pluck(),
  synonyms: sqlite.prepare<[], string>("SELECT terms FROM search_synonyms").pluck(),
}));

/**
 * The products a word must be in to be read ahead: 1/256 of them (391 of 100,000), and at most
 * 500. A word's full-text read costs what it matches, whatever the catalog's size: "seed" in the
 * 6,226 products of a million that have it, 1.5 ms, where its stored set takes a twentieth of
 * that. A search of two such words reads nine sets.
 */
const readAheadFewest = (index: CatalogIndex) => Math.min(Math.ceil(index.slotCount / 256), 500);

/**
 * What a warm-up reads: what searches of the catalog's common words and phrases read, so the
 * first search of "ball valve" finds "ball" and "valve" stored (`matchSet`). The words of
 * `readAheadFewest` products or more, in their names or summaries (`words`, with their product
 * counts, from the worker) or spec values, commonest first, each as the last word typed (a prefix)
 * and as a whole word ("valve," is read so); the quantities as common in number specs
 * (`quantities`, from the worker) or written in text specs ("1/2 in NPT"), each as typed alone
 * (`searchWarmUp.quantities` at most); then category names and synonyms.
 */
function warmUpReads(
  index: CatalogIndex,
  { words, quantities }: Pick<WarmUpMessage, "words" | "quantities">,
): [FtsTable, string][] {
  // Without number specs no product is tested for a quantity: the reads are the same.
  const vocabulary = { ...getSearchVocabulary(index.version), numberSpecs: [] };
  const products = new Map(words);
  const inText = new Map<string, number>();
  const valueCounts = new Int32Array(index.strings.length);
  for (let e = 0; e < index.enumUsed; e++) valueCounts[Math.floor(index.enumKey[e] / index.specSlots)]++;
  index.strings.forEach((value, i) => {
    for (const word of new Set(wordsOf(value))) products.set(word, (products.get(word) ?? 0) + valueCounts[i]);
    for (const { text } of extractQuantities(value).quantities)
      inText.set(text, (inText.get(text) ?? 0) + valueCounts[i]);
  });
  const fewest = readAheadFewest(index);
  const commonest = (counted: Iterable<[string, number]>) =>
    [...counted].filter(([text, n]) => n >= fewest && !STOP_WORDS.has(text)).sort((a, b) => b[1] - a[1]);
  const common = commonest(products).flatMap(([word]) => [word, `${word},`]);
  const commonQuantities = commonest([...quantities, ...inText])
    .slice(0, searchWarmUp.quantities)
    .map(([text]) => text);
  const { categories, synonyms } = warmTexts();
  const reads = new Map<string, [FtsTable, string]>();
  const texts = [...common, ...commonQuantities, ...categories.all(), ...synonyms.all().flatMap(synonymTerms)];
  for (const text of new Set(texts)) {
    const parsed = parseSearch(text, vocabulary);
    if (parsed.kind !== "words") continue;
    for (const [table, expression] of expressionsOf(buildSearchQuery(parsed, index, vocabulary)))
      reads.set(`${table}\n${expression}`, [table, expression]);
  }
  return [...reads.values()];
}

/**
 * Below `fromProducts` products every read is quick: no search warm-up runs by itself. A warm-up
 * reads `quantities` quantities at most, commonest first: 10–60 ms each at a million products.
 */
export const searchWarmUp = { fromProducts: 50_000, quantities: 200 };
/**
 * True when a warm-up is worth running for `index`: a large catalog, and no import being written
 * (it makes every set stale, batch after batch).
 */
const warmsUp = (index: CatalogIndex) => index.size >= searchWarmUp.fromProducts && !isImportRunning();
/** A stored set found too old this long after the last warm-up ended starts another. */
const WARM_UP_AGAIN_AFTER_MS = 60_000;
let warmUp: { index: CatalogIndex; stopped: Promise<void>; endedAt?: number } | undefined;

/**
 * Reads ahead of the buyers what searches of the common words read (`warmUpReads`), in a worker
 * thread (`search-warm-up.worker.ts`) that stores each set in the database for every process, unless
 * one stored can still be brought up to date. Settles when it has stopped. A server starts it at an
 * index's first search outside an import, and again once a set stored was found too old to use; a
 * benchmark waits for it.
 */
export function warmUpSearch(index: CatalogIndex): Promise<void> {
  if (warmUp && (warmUp.endedAt === undefined || (warmUp.index === index && !needsAnother(warmUp.endedAt))))
    return warmUp.stopped;
  const worker = warmUpWorker({
    file: sqlite.name,
    fewest: readAheadFewest(index),
    quantities: searchWarmUp.quantities,
  });
  worker.once("message", ({ correctable, summaryWords, ...counted }: WarmUpMessage) => {
    adoptWarmUpWords(correctable, summaryWords);
    worker.postMessage({ reads: warmUpReads(index, counted) } satisfies WarmUpRequest);
  });
  worker.once("error", warmUpFailed);
  storedSets.staleSince = 0;
  const started = { index, stopped: new Promise<void>((resolve) => worker.once("exit", () => resolve())) };
  warmUp = started;
  void started.stopped.then(() => Object.assign(started, { endedAt: Date.now() }));
  return started.stopped;
}

/** A warm-up that failed: logged, and only a search that comes later is slower for it. */
function warmUpFailed(error: unknown) {
  console.error(JSON.stringify({ event: "search_warm_up_failed", message: String(error) }));
}

/**
 * After an import has written: the warm-up for the catalog it wrote, whatever the traffic, by the
 * process that applied it. That process can write (on LiteFS, the primary), so every process and
 * replica finds the sets stored; a replica's own warm-up cannot store them (docs/scaling.md).
 * Never rejects: a failure is logged.
 */
export async function warmUpSearchAfterImport(): Promise<void> {
  try {
    const index = await caughtUpCatalogIndex();
    if (warmsUp(index)) await warmUpSearch(index);
  } catch (error) {
    warmUpFailed(error);
  }
}

/**
 * Before the results page searches a large catalog: the prefixes the search reads ("pr"* and
 * "stainless" "st"*, as `runSearch` reads them strictly, then relaxed when strictly nothing
 * matches) that no process has kept or stored, read in a worker thread and stored (as a warm-up
 * stores its sets), so the search finds them stored. A prefix read on the thread answering
 * requests blocks every request of the process: "pr" 213 ms, "stainless st" 189 ms, "pres" 89 ms
 * at a million products, the first time each. One such thread at a time; a request waits its
 * turn. When the worker fails (a replica cannot store), the search reads as before.
 */
export async function readSearchAhead(input: string) {
  const index = getCatalogIndex();
  if (!warmsUp(index)) return;
  const vocabulary = getSearchVocabulary(index.version);
  for (const relaxed of [false, true]) {
    const parsed = parseSearch(input, vocabulary, relaxed);
    if (parsed.kind !== "words") return;
    const search = buildSearchQuery(parsed, index, vocabulary);
    const reads = expressionsOf(search).filter(
      ([table, expression]) => expression.includes('"*') && !isAtHand(index, table, expression),
    );
    if (reads.length) await readAhead(reads);
    if (relaxed || matchCount(index, search) > 0) return;
  }
}

/** The reads ahead under way, one after another; it never rejects, so each one waits for the last. */
let readsAhead = Promise.resolve();
function readAhead(reads: [FtsTable, string][]) {
  const run = () =>
    new Promise<void>((resolve) => {
      try {
        const worker = warmUpWorker({ file: sqlite.name, reads });
        worker.once("error", warmUpFailed);
        worker.once("exit", () => resolve());
      } catch (error) {
        warmUpFailed(error);
        resolve();
      }
    });
  readsAhead = readsAhead.then(run);
  return readsAhead;
}

/** A warm-up's thread, with a small heap: it holds one bitmap and the sets it is sent to read. */
const warmUpWorker = (data: WarmUpData) =>
  startWorker(import.meta.url, "search-warm-up.worker", data, {
    maxYoungGenerationSizeMb: 4,
    maxOldGenerationSizeMb: 24,
  });

/** True when a stored set was found too old to use, and a while has passed since the last warm-up ended. */
const needsAnother = (endedAt: number) => storedSets.staleSince > 0 && Date.now() - endedAt >= WARM_UP_AGAIN_AFTER_MS;
