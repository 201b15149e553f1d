import { and, asc, count, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { companies, creditNotes, customers, orders, quoteRequests, quoteRevisions, users } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { derivedStatusSql } from "~/quotes/quote-revision.server";
import { addressesOf } from "./address-book.server";
import { companyPeople } from "./company.server";
import { companyCredit } from "./credit.server";
import type { CompanyPaymentTerms } from "./payment-terms";

export const COMPANIES_PAGE_SIZE = 50;
/** How many of a company's latest requests and orders its back-office page lists. */
const COMPANY_HISTORY_ROWS = 25;

/**
 * The company a back-office list is narrowed to by its `company` parameter (an id): undefined
 * without one; a parameter that names no company narrows to nothing rather than to everything.
 */
export function companyFilter(param: string | null) {
  if (param === null) return undefined;
  const id = Number(param);
  const found = Number.isSafeInteger(id) && id > 0 ? companyName(id) : undefined;
  return found ? { id, name: found } : { id: 0, name: "no such company" };
}

function companyName(id: number) {
  return db.select({ name: companies.name }).from(companies).where(eq(companies.id, id)).get()?.name;
}

/**
 * Companies whose name starts with `q` (any case), by name: a range over the lower(name)
 * index. Each row's counts are subqueries over the company indexes of people, requests and
 * orders, in the one statement.
 */
export function listCompanies({ q, page }: { q: string; page: number }) {
  const prefix = q.trim().toLowerCase();
  const name = sql<string>`lower(${companies.name})`;
  // Every string that starts with the prefix sorts at or after it and before prefix + U+FFFF.
  const where = prefix ? and(gte(name, prefix), lt(name, `${prefix}\uffff`)) : undefined;
  const rows = db
    .select({
      id: companies.id,
      name: companies.name,
      createdAt: companies.createdAt,
      people: db.$count(customers, eq(customers.companyId, companies.id)),
      requests: db.$count(quoteRequests, eq(quoteRequests.companyId, companies.id)),
      orders: db.$count(orders, eq(orders.companyId, companies.id)),
    })
    .from(companies)
    .where(where)
    .orderBy(asc(name), asc(companies.id))
    .limit(COMPANIES_PAGE_SIZE)
    .offset((page - 1) * COMPANIES_PAGE_SIZE)
    .all();
  const { total } = db.select({ total: count() }).from(companies).where(where).get()!;
  return { companies: rows, total, page, pageSize: COMPANIES_PAGE_SIZE };
}

// Raw subqueries name their tables by alias: in a plain sql`` select field drizzle drops the
// outer table's name, and the subquery would compare the revisions table with itself.
const currentTotal = sql<
  number | null
>`(select latest.total_cents from ${quoteRevisions} latest where latest.request_id = ${quoteRequests}."id" order by latest.version desc limit 1)`;

/**
 * A company as sales sees it: its people, its latest requests and orders, the value of its open
 * quotes (the current revision of each request that stands quoted today) and its lifetime value
 * (what its paid orders kept, after credit notes and refunds). A fixed number of statements,
 * whatever the company's size.
 */
export function salesCompanyPage(id: number, now = new Date()) {
  const company = db.select().from(companies).where(eq(companies.id, id)).get();
  if (!company) return undefined;
  const status = derivedStatusSql(now);
  const people = companyPeople(id);
  const requests = db
    .select({
      id: quoteRequests.id,
      reference: quoteRequests.reference,
      contactName: quoteRequests.contactName,
      status,
      totalCents: currentTotal,
      createdAt: quoteRequests.createdAt,
    })
    .from(quoteRequests)
    .where(eq(quoteRequests.companyId, id))
    .orderBy(desc(quoteRequests.createdAt), desc(quoteRequests.id))
    .limit(COMPANY_HISTORY_ROWS)
    .all();
  const companyOrders = db
    .select({
      id: orders.id,
      reference: orders.reference,
      contactName: orders.contactName,
      status: orders.status,
      totalCents: orders.totalCents,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(eq(orders.companyId, id))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(COMPANY_HISTORY_ROWS)
    .all();
  const { requestCount, openQuoteCents } = db
    .select({
      requestCount: count(),
      openQuoteCents: sql<number>`coalesce(sum(case when ${status} = 'quoted' then ${currentTotal} end), 0)`,
    })
    .from(quoteRequests)
    .where(eq(quoteRequests.companyId, id))
    .get()!;
  const { orderCount, paidCents } = db
    .select({
      orderCount: count(),
      paidCents: sql<number>`coalesce(sum(case when ${orders.status} in ('paid', 'refunded') then ${orders.totalCents} end), 0)`,
    })
    .from(orders)
    .where(eq(orders.companyId, id))
    .get()!;
  // What those orders kept: their totals less their credit notes (a refund, a correction).
  const { creditedCents } = db
    .select({ creditedCents: sql<number>`coalesce(sum(${creditNotes.amountCents}), 0)` })
    .from(creditNotes)
    .innerJoin(orders, eq(orders.id, creditNotes.orderId))
    .where(and(eq(orders.companyId, id), inArray(orders.status, ["paid", "refunded"])))
    .get()!;
  const lifetimeCents = paidCents - creditedCents;
  return {
    company,
    credit: companyCredit(id)!,
    owners: accountOwnerChoices(),
    people,
    addresses: addressesOf(id),
    requests,
    orders: companyOrders,
    requestCount,
    orderCount,
    openQuoteCents,
    lifetimeCents,
  };
}

/**
 * Sales makes `ownerId` (a sales or admin user who is not disabled; null: nobody) the company's
 * account owner. False when there is no such company or user.
 */
export function setAccountOwner(companyId: number, ownerId: number | null) {
  return writeTransaction(() => {
    if (ownerId !== null) {
      const owner = db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, ownerId), isNull(users.disabledAt)))
        .get();
      if (!owner) return false;
    }
    return (
      db
        .update(companies)
        .set({ accountOwnerId: ownerId, updatedAt: new Date().toISOString() })
        .where(eq(companies.id, companyId))
        .run().changes === 1
    );
  });
}

/**
 * Sales sets how the company's buyers may pay cart orders: card only, or invoice on net terms
 * within `creditLimitCents` (orders already placed keep their terms). False when there is no such company.
 */
export function setPaymentTerms(companyId: number, terms: CompanyPaymentTerms, creditLimitCents: number) {
  return writeTransaction(
    () =>
      db
        .update(companies)
        .set({ paymentTerms: terms, creditLimitCents, updatedAt: new Date().toISOString() })
        .where(eq(companies.id, companyId))
        .run().changes === 1,
  );
}

/** Who may own accounts, for the company page's choice: every sales and admin user not disabled. */
export function accountOwnerChoices() {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name))
    .all();
}
