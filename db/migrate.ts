import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { AppDatabase } from "../app/lib/db.server";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies the committed drizzle-kit migrations that this database has not seen yet. */
export function migrateDatabase(db: AppDatabase) {
  migrate(db, { migrationsFolder });
}
