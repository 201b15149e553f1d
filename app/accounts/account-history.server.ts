import { and, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { customers, orders, quoteRequests } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { openToken } from "~/lib/link-secret.server";
import { ORDER_STATUSES } from "~/orders/order-lifecycle";
import { QUOTE_STATUSES } from "~/quotes/quote-lifecycle";
import { HISTORY_PAGE_SIZE, type HistoryRow } from "./account-history";
import type { Customer } from "./customer-session.server";

/**
 * What the account page's filters ask for; anything not understood is left out. `status` is
 * "quote:<status>" or "order:<status>" and narrows the page to that kind.
 */
export type HistoryFilter = {
  status?: { kind: "quote" | "order"; status: string };
  personId?: number;
  from?: string;
  to?: string;
  /** Why the days are not applied: "From" after "To". They are shown again with it. */
  datesProblem?: string;
  quotePage: number;
  orderPage: number;
};

const isoDay = (value: string | null) =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
const pageOf = (value: string | null) => {
  const page = Number(value);
  return Number.isSafeInteger(page) && page > 1 && page < 10_000 ? page : 1;
};

function statusOf(value: string | null): HistoryFilter["status"] {
  const [kind, status] = (value ?? "").split(":");
  if (kind === "quote" && (QUOTE_STATUSES as readonly string[]).includes(status)) return { kind, status };
  if (kind === "order" && (ORDER_STATUSES as readonly string[]).includes(status)) return { kind, status };
  return undefined;
}

const DATES_REVERSED = "“From” is after “To”: set a day on or before it. Every day is listed meanwhile.";

export function readHistoryFilter(search: URLSearchParams): HistoryFilter {
  const personId = Number(search.get("person"));
  const [from, to] = [isoDay(search.get("from")), isoDay(search.get("to"))];
  return {
    status: statusOf(search.get("status")),
    personId: Number.isSafeInteger(personId) && personId > 0 ? personId : undefined,
    from,
    to,
    datesProblem: from && to && from > to ? DATES_REVERSED : undefined,
    quotePage: pageOf(search.get("qpage")),
    orderPage: pageOf(search.get("opage")),
  };
}

type Table = typeof quoteRequests | typeof orders;

/** One list of the account page: a page of rows, how many match, and whether the filter shows this kind at all. */
type HistoryPage = { total: number; rows: HistoryRow[]; shown: boolean };

/**
 * What the buyer's account holds: their company's, or their own when they have no company. What
 * they sent for a company they have left stays with that company (ADR 22).
 */
export function ownedBy(table: Table, customer: Customer) {
  return customer.companyId !== null
    ? eq(table.companyId, customer.companyId)
    : and(eq(table.customerId, customer.id), isNull(table.companyId));
}

function filtered(table: Table, customer: Customer, filter: HistoryFilter) {
  const conditions: (SQL | undefined)[] = [ownedBy(table, customer)];
  if (filter.status) conditions.push(sql`${table.status} = ${filter.status.status}`);
  if (filter.personId) conditions.push(eq(table.customerId, filter.personId));
  if (filter.from && !filter.datesProblem) conditions.push(sql`${table.createdAt} >= ${filter.from}`);
  if (filter.to && !filter.datesProblem) conditions.push(sql`${table.createdAt} < date(${filter.to}, '+1 day')`);
  return and(...conditions);
}

const linkOf = (kind: "quote" | "order", sealed: string | null) => {
  const token = openToken(sealed);
  return token ? `/${kind === "quote" ? "quotes" : "orders"}/${token}` : undefined;
};

/** One page of the account's quote requests, newest first, and how many match; none when the filter asks for orders. */
export function accountQuoteRequests(customer: Customer, filter: HistoryFilter): HistoryPage {
  if (filter.status?.kind === "order") return { total: 0, rows: [], shown: false };
  const where = filtered(quoteRequests, customer, filter);
  const rows = db
    .select({
      id: quoteRequests.id,
      reference: quoteRequests.reference,
      status: quoteRequests.status,
      createdAt: quoteRequests.createdAt,
      contactName: quoteRequests.contactName,
      email: quoteRequests.email,
      tokenSealed: quoteRequests.tokenSealed,
    })
    .from(quoteRequests)
    .where(where)
    .orderBy(desc(quoteRequests.createdAt), desc(quoteRequests.id))
    .limit(HISTORY_PAGE_SIZE)
    .offset((filter.quotePage - 1) * HISTORY_PAGE_SIZE)
    .all();
  const total = db.select({ n: count() }).from(quoteRequests).where(where).get()!.n;
  return {
    total,
    shown: true,
    rows: rows.map(({ tokenSealed, ...row }): HistoryRow => ({
      kind: "quote",
      ...row,
      totalCents: null,
      href: linkOf("quote", tokenSealed),
    })),
  };
}

/** One page of the account's orders, newest first, and how many match; none when the filter asks for quotes. */
export function accountOrders(customer: Customer, filter: HistoryFilter): HistoryPage {
  if (filter.status?.kind === "quote") return { total: 0, rows: [], shown: false };
  const where = filtered(orders, customer, filter);
  const rows = db
    .select({
      id: orders.id,
      reference: orders.reference,
      status: orders.status,
      createdAt: orders.createdAt,
      contactName: orders.contactName,
      email: orders.email,
      totalCents: orders.totalCents,
      tokenSealed: orders.tokenSealed,
    })
    .from(orders)
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(HISTORY_PAGE_SIZE)
    .offset((filter.orderPage - 1) * HISTORY_PAGE_SIZE)
    .all();
  const total = db.select({ n: count() }).from(orders).where(where).get()!.n;
  return {
    total,
    shown: true,
    rows: rows.map(({ tokenSealed, ...row }): HistoryRow => ({
      kind: "order",
      ...row,
      href: linkOf("order", tokenSealed),
    })),
  };
}

/** The people whose requests and orders the account shows, for the "person" filter. */
export function historyPeople(customer: Customer) {
  if (customer.companyId === null) return [{ id: customer.id, label: customer.name || customer.email }];
  return db
    .select({ id: customers.id, name: customers.name, email: customers.email })
    .from(customers)
    .where(eq(customers.companyId, customer.companyId))
    .orderBy(customers.email)
    .all()
    .map((person) => ({ id: person.id, label: person.name ? `${person.name} (${person.email})` : person.email }));
}

/** Guest requests and orders sent from the buyer's (proven) e-mail and not yet in any account. */
const unclaimed = (table: Table, customer: Customer) =>
  and(sql`lower(${table.email}) = ${customer.email}`, isNull(table.customerId), isNull(table.companyId));

export function claimableHistory(customer: Customer) {
  const quotes = db
    .select({ reference: quoteRequests.reference })
    .from(quoteRequests)
    .where(unclaimed(quoteRequests, customer))
    .orderBy(desc(quoteRequests.createdAt))
    .all();
  const ordersFound = db
    .select({ reference: orders.reference })
    .from(orders)
    .where(unclaimed(orders, customer))
    .orderBy(desc(orders.createdAt))
    .all();
  return { quotes: quotes.map((q) => q.reference), orders: ordersFound.map((o) => o.reference) };
}

/**
 * Puts the buyer's guest requests and orders into their account (and company, when they have
 * one). Only what is still unclaimed moves, so a second press changes nothing.
 */
export function claimGuestHistory(customer: Customer) {
  return writeTransaction(() => {
    const owner = { customerId: customer.id, companyId: customer.companyId };
    const quotes = db.update(quoteRequests).set(owner).where(unclaimed(quoteRequests, customer)).run().changes;
    const claimedOrders = db.update(orders).set(owner).where(unclaimed(orders, customer)).run().changes;
    return { quotes, orders: claimedOrders };
  });
}

export function renameCustomer(customerId: number, name: string) {
  db.update(customers).set({ name }).where(eq(customers.id, customerId)).run();
}
