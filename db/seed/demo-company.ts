import { and, count, eq, isNotNull } from "drizzle-orm";
import { db, writeTransaction } from "../../app/lib/db.server";
import { categories, companies, companyCategoryDiscounts, companyProductPrices, customers, products } from "../schema";

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
  /** Invoice on Net 30 up to $25,000 owed at once. */
  paymentTerms: "net30",
  creditLimitCents: 2_500_000,
  /** Its price list: 5% off instruments, and its own price for one gauge. */
  discounts: [{ categorySlug: "instruments", basisPoints: 500 }],
  fixedPrices: [{ partNumber: "GC-PG63-SS-16B", priceCents: 38_00 }],
} as const;

/** Adds the demo company, with its terms and price list, when there is no company yet. */
export function seedDemoCompany() {
  return writeTransaction(() => {
    if (db.select({ n: count() }).from(companies).get()!.n > 0) return false;
    const { name, paymentTerms, creditLimitCents } = DEMO_COMPANY;
    const { id } = db
      .insert(companies)
      .values({ name, paymentTerms, creditLimitCents })
      .returning({ id: companies.id })
      .get();
    db.insert(customers)
      .values(DEMO_COMPANY.people.map((person) => ({ ...person, companyId: id })))
      .onConflictDoNothing({ target: customers.email })
      .run();
    for (const { categorySlug, basisPoints } of DEMO_COMPANY.discounts) {
      const category = db.select({ id: categories.id }).from(categories).where(eq(categories.slug, categorySlug)).get();
      if (category)
        db.insert(companyCategoryDiscounts).values({ companyId: id, categoryId: category.id, basisPoints }).run();
    }
    for (const { partNumber, priceCents } of DEMO_COMPANY.fixedPrices) {
      const product = db
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.partNumber, partNumber), isNotNull(products.priceCents)))
        .get();
      if (product) db.insert(companyProductPrices).values({ companyId: id, productId: product.id, priceCents }).run();
    }
    return true;
  });
}
