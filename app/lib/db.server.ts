import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema";
import { env } from "./env.server";

export type AppDatabase = ReturnType<typeof openDatabase>["db"];

/** Opens the SQLite file with the settings every process must share, and checks they took. */
function openDatabase(file: string) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // A writer waits for the lock rather than failing: long enough to outlast the longest single
  // transaction we run (a 10,000-row catalog import holds the lock for about 10 s).
  sqlite.pragma("busy_timeout = 15000");
  const journal = sqlite.pragma("journal_mode", { simple: true });
  const foreignKeys = sqlite.pragma("foreign_keys", { simple: true });
  if ((file !== ":memory:" && journal !== "wal") || foreignKeys !== 1) {
    throw new Error(`SQLite pragmas not applied to ${file}: journal_mode=${journal}, foreign_keys=${foreignKeys}`);
  }
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

// One handle per process, kept across dev-server rebuilds.
const globalForDb = globalThis as unknown as { __ironaxisDb?: ReturnType<typeof openDatabase> };
const handle = (globalForDb.__ironaxisDb ??= openDatabase(env.DATABASE_PATH));

export const db = handle.db;
export const sqlite = handle.sqlite;

/**
 * Every user action writes in one transaction that takes the write lock at BEGIN (IMMEDIATE):
 * a transaction that reads first and upgrades later can fail with "database is locked" when
 * another process wrote meanwhile, which the busy timeout cannot wait out.
 */
export function writeTransaction<T>(work: () => T): T {
  return db.transaction(work, { behavior: "immediate" });
}

/**
 * A statement prepared on its first use and kept for the life of the process: hot read paths
 * skip rebuilding and re-preparing their SQL on every request. First use, not import, so a
 * module can be imported before the database is migrated (setup, tests).
 */
export function preparedOnce<T>(prepare: () => T): () => T {
  let statement: T | undefined;
  return () => (statement ??= prepare());
}

/** For a clean shutdown: the last connection to close checkpoints the WAL into the database file. */
export function closeDatabase() {
  if (sqlite.open) sqlite.close();
}
