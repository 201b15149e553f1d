import { LRUCache } from "lru-cache";
import { preparedOnce, sqlite } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { slotOf, type CatalogIndex } from "./catalog-index.server";
import {
  changedBetween,
  compactMembers,
  decodeMembers,
  readMatches,
  storeStatements,
  type Members,
} from "./match-set-store";

/** The full-text indexes a search reads; each rowid is a product id. */
export type FtsTable = "products_fts" | "products_name_fts" | "products_title_fts";

/*
 * Products matching one full-text expression, as one bit per product id. A search is many such
 * expressions ANDed ("ball", "valve", then the same in the name column for its tiers), and the
 * common ones come back query after query: reading "valve" at a million products hands 277,726
 * rowids to JavaScript, 24 ms, where its bitmap is 125 KB read in microseconds (ADR 39). Each
 * kept bitmap is exact: it is the set FTS5 returns for its expression, brought up to date, when
 * used, with the products changed since it was read (`freshened`). Those of common words are
 * stored in the database by a search warm-up (`search-warm-up.worker.ts`), in the same form, for
 * every process to start from: by id, not by slot, so one is good for any index.
 */
/** A kept set: a bitmap by id when dense, its ids ascending when sparser than 1 in 32 (smaller so). */
type Entry = Members & { version: number; changeSeq: number };

/**
 * A bitmap is kept when its read took `afterMs` or longer (a common word, or a column filter that walks a
 * common word's list to find few rows): otherwise reading it again is cheaper than keeping it.
 * Tests set 0 to keep every one.
 */
export const matchSetKeeping = { afterMs: 1 };
/** Bytes of bitmaps kept per index: about 125 dense ones at a million products by default. */
const MAX_BYTES = env.SEARCH_BITMAPS_MB * 1024 * 1024;

const kept = new WeakMap<CatalogIndex, LRUCache<string, Entry>>();

const store = preparedOnce(() => storeStatements(sqlite));

/** Set when a stored set was found too old to use: a search warm-up reads it again (`search.server.ts`). */
export const storedSets = { staleSince: 0 };

/** A bitmap with room for every product id the index knows, in-place arrivals included. */
export const emptyBits = (index: CatalogIndex) => new Uint32Array((index.slotById.length + 31) >>> 5);

/** Sets `id`'s bit. */
export function setId(bits: Uint32Array, id: number) {
  bits[id >>> 5] |= 1 << (id & 31);
}
/** True when `id`'s bit is set; an id past the bitmap's end is not in it. */
export const hasId = (bits: Uint32Array, id: number) =>
  id >>> 5 < bits.length && (bits[id >>> 5] & (1 << (id & 31))) !== 0;

/** `bits`, or a copy long enough for every id `index` knows when it is shorter (products added since). */
const withRoom = (index: CatalogIndex, bits: Uint32Array) => {
  const words = (index.slotById.length + 31) >>> 5;
  if (bits.length >= words) return bits;
  const longer = new Uint32Array(words);
  longer.set(bits);
  return longer;
};

/** The bits of `ids`. */
function bitsOfIds(index: CatalogIndex, ids: ArrayLike<number>) {
  const bits = emptyBits(index);
  for (let i = 0; i < ids.length; i++) setId(bits, ids[i]);
  return bits;
}

const slotSets = new WeakMap<
  Int32Array,
  { index: CatalogIndex; version: number; changeSeq: number; bits: Uint32Array }
>();

/**
 * The bits of the products in `slots`, a list the index keeps (a category's subtree, which a
 * search naming the category reads), made once per catalog change and shared: callers never
 * write to it. At a million products every search of a valve names Industrial Valves, whose
 * 277,726 products "ball valve" read twice, about 4 ms.
 */
export function bitsOfList(index: CatalogIndex, slots: Int32Array): Uint32Array {
  const kept = slotSets.get(slots);
  if (kept?.index === index && kept.version === index.version && kept.changeSeq === index.changeSeq) return kept.bits;
  const bits = emptyBits(index);
  for (let i = 0; i < slots.length; i++) setId(bits, index.ids[slots[i]]);
  slotSets.set(slots, { index, version: index.version, changeSeq: index.changeSeq, bits });
  return bits;
}

/**
 * The products matching `expression` in `table`, by product id: a bitmap, or the ids ascending
 * when the set kept is that sparse (`compactMembers`), so no bitmap is made for it on each use.
 * The answer may be kept and shared: callers never write to it. Products that have left the
 * catalog since may be in it: they have no slot (`slotBitsOf` skips them).
 */
export function matchSet(index: CatalogIndex, table: FtsTable, expression: string): Members {
  const cache = cacheOf(index);
  const key = `${table}\n${expression}`;
  const kept = cache.get(key);
  const entry = kept && freshened(index, table, expression, kept) ? kept : storedEntry(index, table, expression);
  if (entry) {
    if (entry !== kept) cache.set(key, entry);
    return entry;
  }
  const started = performance.now();
  const bits = emptyBits(index);
  readMatches(sqlite, table, expression, bits);
  if (performance.now() - started >= matchSetKeeping.afterMs)
    cache.set(key, { ...compactMembers(bits), version: index.version, changeSeq: index.changeSeq });
  else cache.delete(key);
  return { bits };
}

/** The set stored for `expression` (by `search-warm-up.worker.ts`), brought up to date; undefined when too old. */
function storedEntry(index: CatalogIndex, table: FtsTable, expression: string): Entry | undefined {
  const stored = store().get.get(table, expression);
  if (!stored) return undefined;
  const entry = { ...decodeMembers(stored), version: stored.catalogVersion, changeSeq: stored.changeSeq };
  if (freshened(index, table, expression, entry)) return entry;
  storedSets.staleSince ||= Date.now();
}

function cacheOf(index: CatalogIndex) {
  let cache = kept.get(index);
  if (!cache) {
    cache = new LRUCache<string, Entry>({
      max: 4096,
      maxSize: Math.max(MAX_BYTES, 1), // 0: nothing fits
      sizeCalculation: (e) => (e.bits ?? e.ids!).byteLength + 64,
    });
    kept.set(index, cache);
  }
  return cache;
}

/** True when `expression` has a bitmap kept for `index`. */
export const isKept = (index: CatalogIndex, table: FtsTable, expression: string) =>
  cacheOf(index).has(`${table}\n${expression}`);

/** True when `expression` has a set kept for `index`, or one stored that can be brought up to it. */
export function isAtHand(index: CatalogIndex, table: FtsTable, expression: string) {
  if (isKept(index, table, expression)) return true;
  const stored = store().stamp.get(table, expression);
  const from = stored && { version: stored.catalogVersion, changeSeq: stored.changeSeq };
  return from !== undefined && changedBetween(store().changedSince, from, index) !== undefined;
}

/**
 * Brings a kept set up to the index it is used for: each product changed since it was read is
 * matched against the expression in a copy of its own text, in a temporary full-text table of the
 * same tokenizer and columns. False when too many changed, or the change log no longer holds them.
 */
function freshened(index: CatalogIndex, table: FtsTable, expression: string, entry: Entry) {
  if (entry.changeSeq === index.changeSeq && entry.version === index.version) return true;
  const ids = changedBetween(store().changedSince, entry, index);
  if (!ids) return false;
  const matching = new Set(matchAmong(table, expression, ids));
  const bits = entry.bits ? withRoom(index, entry.bits) : bitsOfIds(index, entry.ids!);
  for (const id of ids) {
    if (matching.has(id)) setId(bits, id);
    else if (id >>> 5 < bits.length) bits[id >>> 5] &= ~(1 << (id & 31));
  }
  Object.assign(entry, { bits: undefined, ids: undefined }, compactMembers(bits));
  entry.version = index.version;
  entry.changeSeq = index.changeSeq;
  return true;
}

/**
 * The ids among `ids` whose product text matches `expression` in `table`: the products are copied
 * into a temporary table made like `table` (its columns and tokenizer, holding its own text), which
 * is emptied again; the connection's temporary schema is its own, so nothing is written to the
 * catalog.
 */
function matchAmong(table: FtsTable, expression: string, ids: number[]): number[] {
  const { columns } = mirrorOf(table);
  return sqlite.transaction(() => {
    sqlite.prepare(`DELETE FROM temp.${table}_check`).run();
    sqlite
      .prepare(
        `INSERT INTO temp.${table}_check (rowid, ${columns}) SELECT id, ${columns} FROM products WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .run(JSON.stringify(ids));
    const found = sqlite
      .prepare<[string], number>(`SELECT rowid FROM temp.${table}_check WHERE ${table}_check MATCH ?`)
      .pluck()
      .all(expression);
    sqlite.prepare(`DELETE FROM temp.${table}_check`).run();
    return found;
  })();
}

const mirrors = new Map<FtsTable, { columns: string; create: string }>();
/** `temp.<table>_check`, made (if the connection has none) from the table's own definition. */
function mirrorOf(table: FtsTable) {
  let mirror = mirrors.get(table);
  if (mirror) {
    sqlite.exec(mirror.create);
    return mirror;
  }
  const definition = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string;
  const args = definition.slice(definition.indexOf("(") + 1, definition.lastIndexOf(")"));
  const columns = args
    .split(",")
    .map((part) => part.trim())
    .filter((part) => /^\w+$/.test(part));
  const options = args.match(/tokenize\s*=\s*'[^']*'/)?.[0];
  const create = `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${table}_check USING fts5(${columns.join(", ")}, ${options})`;
  sqlite.exec(create);
  mirror = { columns: columns.join(", "), create };
  mirrors.set(table, mirror);
  return mirror;
}

const actives = new WeakMap<CatalogIndex, { version: number; bits: Uint32Array }>();
/** One bit per active product's id: those the index has a slot for, at its version. */
export function activeIds(index: CatalogIndex): Uint32Array {
  const kept = actives.get(index);
  if (kept?.version === index.version) return kept.bits;
  const bits = emptyBits(index);
  const { ids, slotCount } = index;
  for (let o = 0; o < slotCount; o++) if (ids[o] !== 0) setId(bits, ids[o]);
  actives.set(index, { version: index.version, bits });
  return bits;
}

/** Words of a bitmap by slot: one bit for every slot the index has room for. */
export const slotWords = (index: CatalogIndex) => (index.ids.length + 31) >>> 5;

/**
 * The slots of every active product whose bit is set, as a bitmap by slot, and how many: in
 * `bySlot` (all zeros) when given, so a search's passes make no bitmap of their own.
 */
export function slotBitsOf(index: CatalogIndex, bits: Uint32Array, bySlot = new Uint32Array(slotWords(index))) {
  let count = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      const slot = slotOf(index, (w << 5) + 31 - Math.clz32(low));
      if (slot !== -1) {
        bySlot[slot >>> 5] |= 1 << (slot & 31);
        count++;
      }
      word ^= low;
    }
  }
  return { bySlot, count };
}
