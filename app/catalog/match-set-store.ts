/**
 * The form of `search_match_sets` (ADR 39), shared by the thread answering requests and the search
 * warm-up's thread, which writes it: both decide alike whether a stored set can still be used.
 */
import type { Database } from "better-sqlite3";
import { forEachRow } from "~/lib/each-row";

/** At most this many changed products are checked against a kept set; more, and it is read again. */
export const MAX_FRESHENED = 100;

/** A stored set as read: its members (`dense`, one bit per product id; else the ids ascending) and when. */
export type StoredSet = { catalogVersion: number; changeSeq: number; dense: number; members: Buffer };

export const storeStatements = (sqlite: Database) => ({
  /** When the set of an expression was read, without its members. */
  stamp: sqlite.prepare<[string, string], Omit<StoredSet, "dense" | "members">>(
    `SELECT catalog_version AS catalogVersion, change_seq AS changeSeq
     FROM search_match_sets WHERE fts_table = ? AND expression = ?`,
  ),
  get: sqlite.prepare<[string, string], StoredSet>(
    `SELECT catalog_version AS catalogVersion, change_seq AS changeSeq, dense, members
     FROM search_match_sets WHERE fts_table = ? AND expression = ?`,
  ),
  changedSince: sqlite
    .prepare<[number, number], number>(
      "SELECT product_id FROM catalog_index_changes WHERE seq > ? AND seq <= ? ORDER BY seq",
    )
    .pluck(),
});

/**
 * Sets in `bits` the bit of every rowid (product id) that `expression` matches in the full-text
 * index `table`, and says how many matched; ids past the end of `bits` are left out. The rowids
 * are handed over within SQLite's loop (`forEachRow`), not as rows.
 */
export function readMatches(sqlite: Database, table: string, expression: string, bits: Uint32Array): number {
  return forEachRow(
    sqlite,
    `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`,
    ["rowid"],
    [expression],
    (id: number) => {
      bits[id >>> 5] |= 1 << (id & 31);
    },
  );
}

/**
 * The products a set read at `from` must be checked again for, to be the set at `to`: every product
 * written since, as the change log names them. Undefined when the log does not hold every write
 * since (a category or spec definition changed, or it was trimmed past it) or they are too many
 * to check: the set must be read again.
 */
export function changedBetween(
  changedSince: ReturnType<typeof storeStatements>["changedSince"],
  from: { version: number; changeSeq: number },
  to: { version: number; changeSeq: number },
): number[] | undefined {
  if (from.changeSeq === to.changeSeq && from.version === to.version) return [];
  const ids = changedSince.all(from.changeSeq, to.changeSeq);
  const distinct = [...new Set(ids)];
  return ids.length === to.version - from.version && distinct.length <= MAX_FRESHENED ? distinct : undefined;
}

/** A set of product ids as kept: a bitmap by id when one in 32 of its bits or more is set, else the ids ascending. */
export type Members = { bits?: Uint32Array; ids?: Uint32Array };

/** `bits` as kept: itself when dense, else its ids. */
export function compactMembers(bits: Uint32Array): Members {
  const count = countBits(bits);
  return count >= bits.length ? { bits } : { ids: setBits(bits, new Uint32Array(count)) };
}

/** The places of the bits set in `bits`, ascending, written to `into` until it is full. */
export function setBits<T extends Uint32Array | Int32Array>(bits: Uint32Array, into: T): T {
  let at = 0;
  for (let w = 0; w < bits.length && at < into.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      into[at++] = (w << 5) + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return into;
}

/** Members as stored: their 32-bit words' bytes, and which form they are. */
export function encodeMembers({ bits, ids }: Members): { dense: number; members: Buffer } {
  const words = (bits ?? ids)!;
  return { dense: bits ? 1 : 0, members: Buffer.from(words.buffer, words.byteOffset, words.byteLength) };
}

/**
 * Stored members as kept: viewed in the buffer a blob is read into when it is the blob's own (a
 * set of a million products: 125 KB, not copied again); else copied, since a part of a shared
 * buffer need not start on a 4-byte boundary, and a view would hold the whole buffer.
 */
export function decodeMembers({ dense, members }: Pick<StoredSet, "dense" | "members">): Members {
  const own = members.byteOffset === 0 && members.buffer.byteLength === members.byteLength;
  const words = own
    ? new Uint32Array(members.buffer, 0, members.byteLength >>> 2)
    : new Uint32Array(members.buffer.slice(members.byteOffset, members.byteOffset + members.byteLength));
  return dense ? { bits: words } : { ids: words };
}

/** How many bits of `bits` are set. */
export function countBits(bits: Uint32Array) {
  let count = 0;
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) count += popcount(bits[w]);
  return count;
}

/** How many bits of `word` are set. */
export function popcount(word: number) {
  word -= (word >>> 1) & 0x55555555;
  word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
  return (((word + (word >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
