import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import type { Database } from "better-sqlite3";
import { catalogVersion, type CatalogIndex } from "./catalog-index-build.server";

/**
 * The last whole build of the catalog index, kept in a file beside the database so a starting
 * process loads it (under a second at a million products) instead of building (17 s), and then
 * catches up from the change log like any other process (ADR 38). Written and read by the
 * catalog index's worker thread only.
 */
export const snapshotFile = (databaseFile: string) => `${databaseFile}-catalog-index`;

type Snapshot = { code: string; lastChangeProduct: number | null; buildMs: number; index: CatalogIndex };

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
  sqlite.prepare("SELECT product_id FROM catalog_index_changes WHERE seq = ?").pluck().get(seq) as
    number | null | undefined;

/** The bytes of a snapshot of `index`, built from `sqlite` (in the read transaction that built it) in `buildMs`. */
export function snapshotBytes(sqlite: Database, index: CatalogIndex, buildMs: number): Buffer {
  const snapshot: Snapshot = {
    code: codeHash(),
    lastChangeProduct: productAt(sqlite, index.changeSeq) ?? null,
    buildMs,
    index,
  };
  return v8.serialize(snapshot);
}

/**
 * Writes the bytes through a temporary file and a rename, so no process reads half a snapshot;
 * then removes what processes stopped mid-write left (their temporary files name their pid).
 */
export function writeSnapshot(databaseFile: string, bytes: Buffer) {
  const target = snapshotFile(databaseFile);
  const temporary = `${target}.${process.pid}.${crypto.randomUUID()}`;
  try {
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
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
  let snapshot: Snapshot;
  try {
    snapshot = v8.deserialize(fs.readFileSync(snapshotFile(databaseFile))) as Snapshot;
  } catch {
    return undefined;
  }
  if (snapshot?.code !== codeHash()) return undefined;
  const { index } = snapshot;
  if (index.version > catalogVersion(sqlite)) return undefined;
  if ((productAt(sqlite, index.changeSeq) ?? null) !== snapshot.lastChangeProduct) return undefined;
  return { index, buildMs: snapshot.buildMs };
}
