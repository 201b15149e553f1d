import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "better-sqlite3";
import { catalogVersion, type CatalogIndex } from "./catalog-index-build.server";

/**
 * The last whole build of the catalog index, kept in a file beside the database so a starting
 * process loads it (under a second at a million products) instead of building (5–6 s), and then
 * catches up from the change log like any other process (ADR 38). Written and read by the
 * catalog index's worker thread only.
 *
 * Layout: the length of a JSON header (4 bytes, little-endian), the header, then each typed
 * array's bytes at a multiple of 8. The header is the index with each typed array replaced by
 * where its bytes are and each Map by its entries, plus what `readSnapshot` checks. Arrays are
 * written straight from the index and read into one buffer the arrays are views of, so neither
 * side holds a second copy of the index (140 MB at 1M products).
 */
export const snapshotFile = (databaseFile: string) => `${databaseFile}-catalog-index`;

type Header = { code: string; lastChangeProduct: number | null; buildMs: number; index: unknown };
const ARRAYS = { Int32Array, Uint8Array, Uint16Array, Float64Array } as const;
type ArrayName = keyof typeof ARRAYS;
type Stored = { $array: ArrayName; at: number; length: number } | { $map: [unknown, unknown][] };

/**
 * What the snapshot's layout depends on: the code that builds the index. Bundled (the built
 * server), that is this module's own file; from the sources, this module and the build's.
 */
let code: string | undefined;
function codeHash() {
  if (code) return code;
  const hash = crypto.createHash("sha256");
  const files = [import.meta.url];
  if (import.meta.url.endsWith(".ts")) files.push(new URL("./catalog-index-build.server.ts", import.meta.url).href);
  for (const file of files) hash.update(fs.readFileSync(fileURLToPath(file)));
  return (code = hash.digest("hex"));
}

const productAt = (sqlite: Database, seq: number) =>
  (sqlite.prepare("SELECT product_id FROM catalog_index_changes WHERE seq = ?").pluck().get(seq) as
    number | undefined) ?? null;

const aligned = (offset: number) => Math.ceil(offset / 8) * 8;

/**
 * Writes a snapshot of `index`, built from `sqlite` in `buildMs` (call it in the read transaction
 * that built it), through a temporary file and a rename, so no process reads half a snapshot;
 * then removes what processes stopped mid-write left (their temporary files name their pid).
 */
export function writeSnapshot(sqlite: Database, databaseFile: string, index: CatalogIndex, buildMs: number) {
  // Each typed array with its place after the header, in the order they are met.
  const arrays: { array: ArrayBufferView; at: number }[] = [];
  let end = 0;
  const stored = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) {
      const $array = value.constructor.name as ArrayName;
      if (!(value instanceof ARRAYS[$array])) throw new Error(`catalog index snapshot: no layout for ${$array}`);
      const at = aligned(end);
      end = at + value.byteLength;
      arrays.push({ array: value, at });
      return { $array, at, length: (value as unknown as ArrayLike<number>).length } satisfies Stored;
    }
    if (value instanceof Map) return { $map: [...value].map(([key, item]) => [key, stored(item)]) } satisfies Stored;
    if (Array.isArray(value)) return value;
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stored(v)]));
    return value;
  };
  const header: Header = {
    code: codeHash(),
    lastChangeProduct: productAt(sqlite, index.changeSeq),
    buildMs,
    index: stored(index),
  };
  const json = Buffer.from(JSON.stringify(header));
  const dataStart = aligned(4 + json.length);
  const target = snapshotFile(databaseFile);
  const temporary = `${target}.${process.pid}.${crypto.randomUUID()}`;
  const fd = fs.openSync(temporary, "w");
  try {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    fs.writeSync(fd, length, 0, 4, 0);
    fs.writeSync(fd, json, 0, json.length, 4);
    for (const { array, at } of arrays) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      fs.writeSync(fd, bytes, 0, bytes.length, dataStart + at);
    }
    fs.closeSync(fd);
    fs.renameSync(temporary, target);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  removeOrphans(target);
}

function removeOrphans(target: string) {
  const folder = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  for (const name of fs.readdirSync(folder)) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length).split(".")[0]) : NaN;
    if (Number.isInteger(pid) && !running(pid)) fs.rmSync(path.join(folder, name), { force: true });
  }
}

function running(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The snapshot beside the database, when this code wrote it from this database's history: its
 * version is not ahead of the catalog's, and the change log holds the change it last saw, so
 * every write since is a later row of the log. Undefined otherwise (or unreadable).
 */
export function readSnapshot(
  sqlite: Database,
  databaseFile: string,
): { index: CatalogIndex; buildMs: number } | undefined {
  let bytes: ArrayBuffer;
  let header: Header;
  let dataStart: number;
  try {
    const fd = fs.openSync(snapshotFile(databaseFile), "r");
    try {
      bytes = new ArrayBuffer(fs.fstatSync(fd).size);
      const view = new Uint8Array(bytes);
      for (let read = 0; read < view.length;) read += fs.readSync(fd, view, read, view.length - read, read);
    } finally {
      fs.closeSync(fd);
    }
    const length = new DataView(bytes).getUint32(0, true);
    header = JSON.parse(Buffer.from(bytes, 4, length).toString("utf8")) as Header;
    dataStart = aligned(4 + length);
  } catch {
    return undefined;
  }
  if (header.code !== codeHash()) return undefined;
  const revived = (value: unknown): unknown => {
    if (Array.isArray(value) || !value || typeof value !== "object") return value;
    if ("$array" in value) {
      const { $array, at, length } = value as Extract<Stored, { $array: ArrayName }>;
      return new ARRAYS[$array](bytes, dataStart + at, length);
    }
    if ("$map" in value)
      return new Map((value as { $map: [unknown, unknown][] }).$map.map(([k, v]) => [k, revived(v)]));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revived(v)]));
  };
  const index = revived(header.index) as CatalogIndex;
  if (index.version > catalogVersion(sqlite)) return undefined;
  if (productAt(sqlite, index.changeSeq) !== header.lastChangeProduct) return undefined;
  return { index, buildMs: header.buildMs };
}
