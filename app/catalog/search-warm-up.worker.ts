/**
 * The reads of a search warm-up (`search.server.ts`), in a thread of its own on its own
 * connection, so that neither their time nor their garbage falls on the thread answering
 * requests: first the words of product names with the number of products named so (a scan of the
 * title index, half a second at a million products); then each full-text expression it is sent,
 * as one bit per product id, read row by row (no array of a quarter of a million rowids) and
 * handed over without copying.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import type { FtsTable } from "./match-sets.server";

export type WarmUpData = { file: string; idLimit: number };
export type WarmUpRequest = { reads: [FtsTable, string][] };
export type WarmUpMessage =
  { words: [word: string, products: number][] } | { read: number; ids: Uint32Array; readMs: number };

const { file, idLimit } = workerData as WarmUpData;
const sqlite = new Database(file, { fileMustExist: true });
sqlite.pragma("query_only = ON");
const post = (message: WarmUpMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

// Letters only, three or more, as the search vocabulary reads them.
const words = sqlite
  .prepare("SELECT term, doc FROM products_title_vocab WHERE length(term) >= 3 AND term NOT GLOB '*[0-9]*'")
  .raw()
  .all() as [string, number][];
post({ words });

parentPort!.once("message", ({ reads }: WarmUpRequest) => {
  try {
    reads.forEach(([table, expression], read) => {
      const started = performance.now();
      const ids = new Uint32Array((idLimit + 31) >>> 5);
      const rows = sqlite.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck();
      for (const id of rows.iterate(expression) as IterableIterator<number>) {
        if (id < idLimit) ids[id >>> 5] |= 1 << (id & 31);
      }
      post({ read, ids, readMs: performance.now() - started }, [ids.buffer]);
    });
  } finally {
    sqlite.close();
  }
});
