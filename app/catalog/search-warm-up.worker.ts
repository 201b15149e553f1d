/**
 * The reads of a search warm-up (`search.server.ts`), in a thread of its own on its own
 * connection, so that neither their time nor their garbage falls on the thread answering
 * requests: first the common words of product names and summaries with the number of products
 * that have each, and the words a misspelling may be corrected to (one scan of the title index, a
 * second at a million products, and one of the summaries), and the common number spec values;
 * then the full-text expressions it is sent, each read into one bit per product id
 * (`readMatches`: no array of a quarter of a million rowids) and stored in `search_match_sets`,
 * where every process finds it (ADR 39), even a small one: a maker's name read from the title
 * index takes a millisecond, its stored set a twentieth of that. A set stored already that can
 * still be brought up to date is not read again. Started with `reads`, it reads and stores only
 * those, at once: the prefixes of one results-page search (`readSearchAhead`).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FtsTable } from "./match-sets.server";
import { changedBetween, compactMembers, encodeMembers, readMatches, storeStatements } from "./match-set-store";
import { CORRECTABLE_TERM_SQL } from "./search-typos";
import { wordsOf } from "./search-words";
import { openWorkerConnection } from "./worker-connection.server";

/**
 * `fewest`: the products a word of their names or summaries, or a number spec value, must be in
 * to be sent back; `quantities`: how many such values at most, commonest first. Or
 * `reads`: only these expressions, read and stored at once (a search's prefixes,
 * `readSearchAhead`); no words are sent.
 */
export type WarmUpData = { file: string } & ({ fewest: number; quantities: number } | { reads: [FtsTable, string][] });
export type WarmUpRequest = { reads: [FtsTable, string][] };
/**
 * `words`: common enough to be read and stored, with the products that have each in their names
 * or summaries (a product with it in both counts twice); `quantities`: number spec values as
 * common, as a buyer types them ("37 kW"), with their products; `correctable`: every word a
 * misspelling may be corrected to, of the names; `summaryWords`: those of `words` no name has
 * ("temperature", in 38,913 summaries of a million and in no name), which a buyer types too.
 */
export type WarmUpMessage = {
  words: [word: string, products: number][];
  quantities: [text: string, products: number][];
  correctable: [word: string, products: number][];
  summaryWords: [word: string, products: number][];
};

const data = workerData as WarmUpData;
const sqlite = openWorkerConnection(data.file, { timeout: 5000 });
const store = storeStatements(sqlite);
const stamp = sqlite
  .prepare<[], [number, number, number]>(
    `SELECT (SELECT coalesce(max(value), 0) FROM catalog_meta WHERE key = 'catalog_version'),
            (SELECT coalesce(max(seq), 0) FROM catalog_index_changes),
            (SELECT coalesce(max(id), 0) FROM products)`,
  )
  .raw();
const put = sqlite.prepare(
  `INSERT INTO search_match_sets (fts_table, expression, catalog_version, change_seq, dense, members)
   VALUES (@table, @expression, @version, @changeSeq, @dense, @members)
   ON CONFLICT (fts_table, expression) DO UPDATE SET catalog_version = excluded.catalog_version,
     change_seq = excluded.change_seq, dense = excluded.dense, members = excluded.members
   WHERE excluded.change_seq >= search_match_sets.change_seq`,
);
// Sets no change log reaches back to any more can never be brought up to date.
const prune = sqlite.prepare(
  "DELETE FROM search_match_sets WHERE change_seq < (SELECT min(seq) - 1 FROM catalog_index_changes)",
);

let bits = new Uint32Array(0);

/** The words of summaries counted at most: a catalog's language, well inside the thread's heap. */
const SUMMARY_WORDS = 100_000;
/** The spec rows a count of common number values reads at most, evenly spaced by id. */
const QUANTITY_ROWS_COUNTED = 1_000_000;
/** A summary's word counted: letters only, three or more (codes and numbers are names' words). */
const LETTERS_ONLY = /^\p{L}{3,}$/u;

/** The set of `expression` as the catalog is now, with when; undefined when the one stored is still good. */
const read = sqlite.transaction((table: FtsTable, expression: string) => {
  const [version, changeSeq, maxId] = stamp.get()!;
  const stored = store.stamp.get(table, expression);
  const now = { version, changeSeq };
  if (
    stored &&
    changedBetween(store.changedSince, { version: stored.catalogVersion, changeSeq: stored.changeSeq }, now)
  )
    return undefined;
  // One bitmap, cleared for each read: a set is copied as it is stored.
  if (bits.length !== (maxId + 32) >>> 5) bits = new Uint32Array((maxId + 32) >>> 5);
  else bits.fill(0);
  readMatches(sqlite, table, expression, bits);
  return { ...now, bits };
});

/** Each expression read and stored, unless the set stored can still be brought up to date; then the thread ends. */
function readAndStore(reads: [FtsTable, string][]) {
  for (const [table, expression] of reads) {
    const set = read(table, expression);
    if (!set) continue;
    put.run({
      table,
      expression,
      version: set.version,
      changeSeq: set.changeSeq,
      ...encodeMembers(compactMembers(set.bits)),
    });
  }
  prune.run();
  sqlite.close();
  parentPort!.close();
}

if ("reads" in data) readAndStore(data.reads);
else {
  const { fewest, quantities: quantitiesAtMost } = data;
  // Two characters or more: what a buyer types includes numbers and short codes ("dc", "610"). The
  // same scan finds the words a misspelling is corrected to, which the thread answering requests
  // would otherwise scan the index for at its first misspelling.
  const words: WarmUpMessage["words"] = [];
  const correctable: WarmUpMessage["correctable"] = [];
  const terms = sqlite
    .prepare<[number], [string, number, 0 | 1]>(
      `SELECT term, doc, (${CORRECTABLE_TERM_SQL}) FROM products_title_vocab
       WHERE length(term) >= 2 AND (doc >= ? OR ${CORRECTABLE_TERM_SQL})`,
    )
    .raw();
  const summaries = sqlite
    .prepare<[], [string, number]>("SELECT summary, count(*) FROM products WHERE summary <> '' GROUP BY summary")
    .raw();
  // Summaries have no index of their words as typed ("hydrogen", in 18,048 of a million, in none
  // of their names): their words of three letters or more are counted here, each text once with
  // the products that share it. At most `SUMMARY_WORDS` of them, so the thread's small heap holds
  // them whatever the catalog; a word first met past that many is not counted.
  const inSummaries = new Map<string, number>();
  for (const [summary, count] of summaries.iterate()) {
    for (const word of new Set(wordsOf(summary))) {
      if (!LETTERS_ONLY.test(word)) continue;
      const before = inSummaries.get(word);
      if (before !== undefined || inSummaries.size < SUMMARY_WORDS) inSummaries.set(word, (before ?? 0) + count);
    }
  }
  for (const [term, doc, isCorrectable] of terms.iterate(fewest)) {
    const products = doc + (inSummaries.get(term) ?? 0);
    inSummaries.delete(term);
    if (products >= fewest) words.push([term, products]);
    if (isCorrectable === 1) correctable.push([term, doc]);
  }
  const summaryWords: WarmUpMessage["summaryWords"] = [];
  for (const [word, products] of inSummaries) {
    if (products < fewest) continue;
    words.push([word, products]);
    summaryWords.push([word, products]);
  }
  // A quantity typed alone reads its number and unit as words ("37" "kw"), both common at a million
  // products (10–60 ms): the values many products have are read ahead as such searches read them.
  // Counted in every `stride`-th spec row past a million rows, the commonest stand out the same: a
  // count of all ten million at a million products took 5.8–6.5 s, every warm-up; one in nine, 1.7 s.
  const specRows = sqlite.prepare<[], number>("SELECT coalesce(max(id), 0) FROM product_specs").pluck().get()!;
  const stride = Math.max(1, Math.floor(specRows / QUANTITY_ROWS_COUNTED));
  const quantities = sqlite
    .prepare<[{ stride: number; fewest: number; most: number }], [number, string, number]>(
      `SELECT s.value_num, d.unit, count(*) * @stride AS products
       FROM product_specs s JOIN spec_definitions d ON d.id = s.spec_id
       WHERE s.id % @stride = 0 AND d.kind = 'number' AND d.unit IS NOT NULL AND s.value_num IS NOT NULL
       GROUP BY d.unit, s.value_num HAVING products >= @fewest ORDER BY products DESC LIMIT @most`,
    )
    .raw()
    .all({ stride, fewest, most: quantitiesAtMost })
    .map(([value, unit, products]): [string, number] => [`${value} ${unit}`, products]);
  parentPort!.postMessage({ words, quantities, correctable, summaryWords } satisfies WarmUpMessage);
  parentPort!.once("message", ({ reads }: WarmUpRequest) => readAndStore(reads));
}
