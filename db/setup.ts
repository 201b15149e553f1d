/** `npm run db:setup`: migrate, then seed only if the database is empty. Safe to run on every start. */
import { count } from "drizzle-orm";
import { users } from "./schema";
import { db, sqlite } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";
import { createUser } from "../app/admin/user.server";
import { migrateDatabase } from "./migrate";
import { seedIfEmpty } from "./seed";
import { DEMO_COMPANY, seedDemoCompany } from "./seed/demo-company";

/** The development login printed in the README. Never created in production. */
export const DEVELOPMENT_ADMIN = {
  email: "admin@ironaxis.test",
  name: "Dev Admin",
  role: "admin",
  password: "ironaxis-dev-admin",
} as const;

migrateDatabase(db);
const result = seedIfEmpty();
console.info(
  result.seeded
    ? `Database ${env.DATABASE_PATH}: migrated and seeded with ${result.products} products.`
    : `Database ${env.DATABASE_PATH}: migrated; it already holds ${result.products} products, seed skipped.`,
);
if (env.NODE_ENV !== "production" && db.select({ n: count() }).from(users).get()!.n === 0) {
  await createUser(DEVELOPMENT_ADMIN);
  console.info(`Development sign-in: ${DEVELOPMENT_ADMIN.email} / ${DEVELOPMENT_ADMIN.password} at /admin/login`);
}
if (env.NODE_ENV !== "production" && seedDemoCompany()) {
  const emails = DEMO_COMPANY.people.map((person) => person.email).join(" and ");
  console.info(
    `Demo company ${DEMO_COMPANY.name} (Net 30, with a price list): sign in at /sign-in as ${emails} (codes wait in /admin/outbox without SMTP_URL)`,
  );
}
sqlite.pragma("optimize");
sqlite.close();
