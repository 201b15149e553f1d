/**
 * The reads of a search warm-up (`search.server.ts`), in a thread of its own on its own
 * connection, so that neither their time nor their garbage falls on the thread answering
 * requests: first the words of product names with the number of products named so (a scan of the
 * title index, half a second at a million products); then the full-text expressions it is sent,
 * one at a time, each as one bit per product id, read row by row (no array of a quarter of a
 * million rowids) into a bitmap handed over without copying and handed back for the next read.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import type { FtsTable } from "./match-sets.server";

export type WarmUpData = { file: string; idLimit: number };
/** The expressions to read; then each bitmap back, for the next one. */
export type WarmUpRequest = { reads: [FtsTable, string][] } | { ids: Uint32Array<ArrayBuffer> };
export type WarmUpMessage =
  { words: [word: string, products: number][] } | { read: number; ids: Uint32Array<ArrayBuffer>; readMs: number };

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

let reads: [FtsTable, string][] = [];
let next = 0;
parentPort!.on("message", (request: WarmUpRequest) => {
  if ("reads" in request) reads = request.reads;
  if (next === reads.length) {
    sqlite.close();
    parentPort!.close();
    return;
  }
  const started = performance.now();
  const ids = "ids" in request ? request.ids.fill(0) : new Uint32Array((idLimit + 31) >>> 5);
  const [table, expression] = reads[next];
  const rows = sqlite.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck();
  for (const id of rows.iterate(expression) as IterableIterator<number>) {
    if (id < idLimit) ids[id >>> 5] |= 1 << (id & 31);
  }
  post({ read: next++, ids, readMs: performance.now() - started }, [ids.buffer]);
});
