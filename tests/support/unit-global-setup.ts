// Once per `vitest run`: one database migrated and seeded with the real catalog, in a folder of
// the run's own. Each test file starts from a copy of it (tests/support/unit-setup.ts), which
// takes milliseconds where migrating and seeding again took most of a second.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated, seeded database every test file copies; never opened by a test. */
    baseDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ironaxis-unit-"));
  const baseDatabase = path.join(folder, "base.db");
  // The app reads DATABASE_PATH once, when its environment module is first imported.
  const previous = process.env.DATABASE_PATH;
  process.env.DATABASE_PATH = baseDatabase;
  try {
    const { closeDatabase, db } = await import("~/lib/db.server");
    const { migrateDatabase } = await import("~db/migrate");
    const { seedIfEmpty } = await import("~db/seed");
    migrateDatabase(db);
    seedIfEmpty();
    // The last connection to close moves the WAL into the file, so the file alone is the database.
    closeDatabase();
  } finally {
    if (previous === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = previous;
  }
  if (fs.existsSync(`${baseDatabase}-wal`)) throw new Error(`${baseDatabase} kept a WAL file after closing`);
  project.provide("baseDatabase", baseDatabase);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
