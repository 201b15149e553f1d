// Each unit-test file gets its own copy of the run's migrated, seeded database
// (tests/support/unit-global-setup.ts): no file sees another's writes. The copy sits beside the
// base file, in the run's folder, and goes when the file's tests are done.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { snapshotFile } from "~/catalog/catalog-index-snapshot.server";

const baseDatabase = inject("baseDatabase");
const database = path.join(path.dirname(baseDatabase), `${crypto.randomUUID()}.db`);
fs.copyFileSync(baseDatabase, database);
process.env.DATABASE_PATH = database;

afterAll(async () => {
  const { closeDatabase } = await import("~/lib/db.server");
  closeDatabase();
  for (const file of [database, `${database}-wal`, `${database}-shm`, snapshotFile(database)])
    fs.rmSync(file, { force: true });
});
