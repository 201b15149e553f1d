import { count } from "drizzle-orm";
import { db, writeTransaction } from "../../app/lib/db.server";
import { companies, customers } from "../schema";

/** A company to try the buyer account with on a development database: its admin and a buyer with a limit. */
export const DEMO_COMPANY = {
  name: "Gulf Coast Fabricators",
  people: [
    {
      email: "purchasing@gulfcoast.example",
      name: "Priya Raman",
      companyRole: "company_admin",
      spendingLimitCents: null,
    },
    { email: "maintenance@gulfcoast.example", name: "Luis Ortega", companyRole: "buyer", spendingLimitCents: 500_000 },
  ],
} as const;

/** Adds the demo company when there is no company yet. */
export function seedDemoCompany() {
  return writeTransaction(() => {
    if (db.select({ n: count() }).from(companies).get()!.n > 0) return false;
    const { id } = db.insert(companies).values({ name: DEMO_COMPANY.name }).returning({ id: companies.id }).get();
    db.insert(customers)
      .values(DEMO_COMPANY.people.map((person) => ({ ...person, companyId: id })))
      .onConflictDoNothing({ target: customers.email })
      .run();
    return true;
  });
}
