/** `npm run db:setup`: migrate, then seed only if the database is empty. Safe to run on every start. */
import { db, sqlite } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { migrateDatabase } from "./migrate";
import { seedIfEmpty } from "./seed";

migrateDatabase(db);
const result = seedIfEmpty();
console.info(
  result.seeded
    ? `Database ${env.DATABASE_PATH}: migrated and seeded with ${result.products} products.`
    : `Database ${env.DATABASE_PATH}: migrated; it already holds ${result.products} products, seed skipped.`,
);
sqlite.pragma("optimize");
sqlite.close();
