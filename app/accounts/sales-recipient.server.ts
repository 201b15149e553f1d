import { and, eq, isNull } from "drizzle-orm";
import { companies, users } from "~db/schema";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";

/**
 * Where sales is told of a request's news (a new request, a buyer's message): its company's account
 * owner when it has one who is not disabled, else the shared sales address.
 */
export function salesRecipient(companyId: number | null) {
  if (companyId === null) return env.SALES_EMAIL;
  const owner = db
    .select({ email: users.email })
    .from(companies)
    .innerJoin(users, and(eq(users.id, companies.accountOwnerId), isNull(users.disabledAt)))
    .where(eq(companies.id, companyId))
    .get();
  return owner?.email ?? env.SALES_EMAIL;
}
