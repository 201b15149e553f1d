import { sql, type SQLWrapper } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "~db/schema";
import { env } from "./env.server";

/** How long a request waits for the write lock before it is answered "busy" (503). */
export const BUSY_TIMEOUT_MS = 2_000;

export type AppDatabase = ReturnType<typeof openDatabase>["db"];

/** Opens the SQLite file with the settings every process must share, and checks they took. */
function openDatabase(file: string) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // A writer waits for the lock rather than failing, but only briefly: the wait blocks the whole
  // worker, and no transaction we run holds the lock for long (a catalog import writes in
  // batches of at most ~50 ms). A writer that still finds it taken is told the site is busy.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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
  try {
    return db.transaction(work, { behavior: "immediate" });
  } catch (error) {
    if (isBusyError(error)) throw siteBusyResponse();
    throw error;
  }
}

/** SQLITE_BUSY and its extended codes: the write lock stayed taken for the whole busy timeout. */
export function isBusyError(error: unknown) {
  return error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
}

/** What a writer that could not get the lock in time answers: 503 with a message, never a 500. */
export function siteBusyResponse() {
  return new Response("The site is busy, try again in a moment.", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "2", "Cache-Control": "no-store" },
  });
}

/**
 * Runs `work` with another busy timeout (in ms) on the process's connection: shorter for a
 * probe that must answer quickly. Safe because the connection is used synchronously.
 */
export function withBusyTimeout<T>(ms: number, work: () => T): T {
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.round(ms))}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
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

/**
 * `column in (ids)` for a statement prepared once: the ids are passed as one JSON array in the
 * `ids` placeholder, so a list of any length is the same statement.
 */
export const inIdsPlaceholder = (column: SQLWrapper) =>
  sql`${column} in (select value from json_each(${sql.placeholder("ids")}))`;

/** For a clean shutdown: the last connection to close checkpoints the WAL into the database file. */
export function closeDatabase() {
  if (sqlite.open) sqlite.close();
}
