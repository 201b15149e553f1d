import { LRUCache } from "lru-cache";
import { preparedOnce, sqlite } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { slotOf, type CatalogIndex } from "./catalog-index.server";

/** The full-text indexes a search reads; each rowid is a product id. */
export type FtsTable = "products_fts" | "products_name_fts" | "products_title_fts";
const TABLES: FtsTable[] = ["products_fts", "products_name_fts", "products_title_fts"];

/*
 * Products matching one full-text expression, as one bit per slot of a catalog index. A search
 * is many such expressions ANDed ("ball", "valve", then the same in the name column for its
 * tiers), and the common ones come back query after query: reading "valve" at a million products
 * hands 277,726 rowids to JavaScript, 31 ms, where its bitmap is 125 KB read in microseconds
 * (ADR 39). Each kept bitmap is exact: it is the set FTS5 returns for its expression, brought up
 * to date, when used, with the products changed since it was read (`freshened`).
 */
/** A kept set: a bitmap when dense, its slots ascending when sparser than 1 in 32 (smaller so). */
type Entry = { bits?: Uint32Array; slots?: Int32Array; version: number; changeSeq: number };

/**
 * A bitmap is kept when its read took `afterMs` or longer (a common word, or a column filter that walks a
 * common word's list to find few rows): otherwise reading it again is cheaper than keeping it.
 * Tests set 0 to keep every one.
 */
export const matchSetKeeping = { afterMs: 1 };
/** At most this many changed products are checked against a bitmap; more, and it is read again. */
const MAX_FRESHENED = 100;
/** Bytes of bitmaps kept per index: about 125 dense ones at a million products by default. */
const MAX_BYTES = env.SEARCH_BITMAPS_MB * 1024 * 1024;

const kept = new WeakMap<CatalogIndex, LRUCache<string, Entry>>();

const readIds = Object.fromEntries(
  TABLES.map((table) => [
    table,
    preparedOnce(() => sqlite.prepare<[string], number>(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck()),
  ]),
) as Record<FtsTable, () => ReturnType<typeof sqlite.prepare<[string], number>>>;

const changedIds = preparedOnce(() =>
  sqlite
    .prepare<[number, number], number>(
      "SELECT product_id FROM catalog_index_changes WHERE seq > ? AND seq <= ? ORDER BY seq",
    )
    .pluck(),
);

/** A bitmap with room for every slot the index can hold, in-place arrivals included. */
export const emptyBits = (index: CatalogIndex) => new Uint32Array((index.ids.length + 31) >>> 5);

function setSlot(bits: Uint32Array, slot: number) {
  bits[slot >>> 5] |= 1 << (slot & 31);
}
export const hasSlot = (bits: Uint32Array, slot: number) => (bits[slot >>> 5] & (1 << (slot & 31))) !== 0;

/** The bits of active products among `ids`. */
function bitsOf(index: CatalogIndex, ids: number[]) {
  const bits = emptyBits(index);
  for (const id of ids) {
    const slot = slotOf(index, id);
    if (slot !== -1) setSlot(bits, slot);
  }
  return bits;
}

/**
 * The products matching `expression` in `table`, as bits by slot. The answer may be kept and
 * shared: callers never write to it. Bits of slots a product has left since may be set; the
 * index's `ids` of such a slot is 0 (`liveSlots` skips them).
 */
export function matchBits(index: CatalogIndex, table: FtsTable, expression: string): Uint32Array {
  const cache = cacheOf(index);
  const key = `${table}\n${expression}`;
  const entry = cache.get(key);
  if (entry && freshened(index, table, expression, entry)) return entry.bits ?? bitsOfSlots(index, entry.slots!);
  const started = performance.now();
  const bits = bitsOf(index, readIds[table]().all(expression));
  if (performance.now() - started >= matchSetKeeping.afterMs)
    cache.set(key, { ...compact(index, bits), version: index.version, changeSeq: index.changeSeq });
  else cache.delete(key);
  return bits;
}

/** A kept copy of `bits`: the bitmap itself when dense (bits of slots left since count too), else its live slots. */
function compact(index: CatalogIndex, bits: Uint32Array): { bits?: Uint32Array; slots?: Int32Array } {
  let count = 0;
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) count += popcount(bits[w]);
  return count * 32 >= index.ids.length ? { bits } : { slots: liveSlots(index, bits) };
}

export function bitsOfSlots(index: CatalogIndex, slots: ArrayLike<number>, bits = emptyBits(index)) {
  for (let i = 0; i < slots.length; i++) setSlot(bits, slots[i]);
  return bits;
}

let scratch: Uint32Array | undefined;

/** Where an index was when a read for it began: a bitmap read then is checked against every change since. */
export type IndexStamp = { version: number; changeSeq: number };
export const stampOf = ({ version, changeSeq }: CatalogIndex): IndexStamp => ({ version, changeSeq });

/**
 * Keeps the bitmap of `expression` read elsewhere (`search-warm-up.worker.ts`) as one bit per
 * product id, at or after `stamp`, in `readMs`, unless one is kept already or it was quick to
 * read. Products that changed since are checked again when it is first used, as for any other.
 */
export function keepFromIds(
  index: CatalogIndex,
  [table, expression]: [FtsTable, string],
  { ids, readMs }: { ids: Uint32Array; readMs: number },
  stamp: IndexStamp,
) {
  const cache = cacheOf(index);
  const key = `${table}\n${expression}`;
  if (cache.has(key) || readMs < matchSetKeeping.afterMs) return;
  // Drawn in one bitmap reused from read to read, then copied as it is kept.
  if (scratch?.length !== (index.ids.length + 31) >>> 5) scratch = emptyBits(index);
  const bits = scratch.fill(0);
  for (let w = 0; w < ids.length; w++) {
    let word = ids[w];
    while (word !== 0) {
      const low = word & -word;
      const slot = slotOf(index, (w << 5) + 31 - Math.clz32(low));
      if (slot !== -1) setSlot(bits, slot);
      word ^= low;
    }
  }
  const kept = compact(index, bits);
  cache.set(key, { bits: kept.bits?.slice(), slots: kept.slots, ...stamp });
}

function cacheOf(index: CatalogIndex) {
  let cache = kept.get(index);
  if (!cache) {
    cache = new LRUCache<string, Entry>({
      max: 4096,
      maxSize: Math.max(MAX_BYTES, 1), // 0: nothing fits
      sizeCalculation: (e) => (e.bits ?? e.slots!).byteLength + 64,
    });
    kept.set(index, cache);
  }
  return cache;
}

/** True when `expression` has a bitmap kept for `index`. */
export const isKept = (index: CatalogIndex, table: FtsTable, expression: string) =>
  cacheOf(index).has(`${table}\n${expression}`);

/** True when the bitmaps kept for `index` fill nine tenths of their room: warming up stops there. */
export const nearlyFull = (index: CatalogIndex) => MAX_BYTES === 0 || cacheOf(index).calculatedSize > MAX_BYTES * 0.9;

/**
 * Brings a kept bitmap up to the index it belongs to: each product changed since it was read is
 * matched against the expression in a copy of its own text, in a temporary full-text table of the
 * same tokenizer and columns. False when too many changed, or the change log no longer holds them.
 */
function freshened(index: CatalogIndex, table: FtsTable, expression: string, entry: Entry) {
  if (entry.changeSeq === index.changeSeq) return true;
  const ids = changedIds().all(entry.changeSeq, index.changeSeq);
  if (ids.length !== index.version - entry.version || new Set(ids).size > MAX_FRESHENED) return false;
  const matching = new Set(matchAmong(table, expression, [...new Set(ids)]));
  const bits = entry.bits ?? bitsOfSlots(index, entry.slots!);
  for (const id of ids) {
    const slot = slotOf(index, id);
    if (slot === -1) continue;
    if (matching.has(id)) setSlot(bits, slot);
    else bits[slot >>> 5] &= ~(1 << (slot & 31));
  }
  Object.assign(entry, { bits: undefined, slots: undefined }, compact(index, bits));
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

/** Every active product's slot whose bit is set, ascending. */
export function liveSlots(index: CatalogIndex, bits: Uint32Array): Int32Array {
  const { ids } = index;
  let count = 0;
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) count += popcount(bits[w]);
  const slots = new Int32Array(count);
  let at = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      const slot = (w << 5) + 31 - Math.clz32(low);
      if (ids[slot] !== 0) slots[at++] = slot;
      word ^= low;
    }
  }
  return slots.subarray(0, at);
}

function popcount(word: number) {
  word -= (word >>> 1) & 0x55555555;
  word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
  return (((word + (word >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
