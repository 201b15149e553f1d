// Each unit-test file gets its own SQLite file, migrated and seeded with the real seed catalog.
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";

process.env.DATABASE_PATH = path.join(os.tmpdir(), `ironaxis-unit-${crypto.randomUUID()}.db`);

const { db } = await import("~/lib/db.server");
const { migrateDatabase } = await import("../../db/migrate");
const { seedIfEmpty } = await import("../../db/seed");
migrateDatabase(db);
seedIfEmpty();
