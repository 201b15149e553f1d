import { and, asc, count, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { products, quoteEvents, quoteRequestLines, quoteRequests, type QuoteStatus } from "../../db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { INBOX_PAGE_SIZE, INBOX_VIEWS, OPEN, type InboxView } from "~/lib/quote-inbox";
import type { SessionUser } from "./user.server";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The sales inbox: requests in a view, optionally matching a company, reference or part number,
 * those waiting on sales first and the longest-waiting first among them. Unread means the buyer
 * did something (sent the request, wrote, accepted) after sales last opened it.
 */
export function listInbox({ view, q, page }: { view: InboxView; q: string; page: number }) {
  const conditions: SQL[] = [];
  const statuses = INBOX_VIEWS[view].statuses;
  if (statuses) conditions.push(inArray(quoteRequests.status, [...statuses]));
  const term = q.trim();
  if (term) {
    const pattern = `%${escapeLike(term)}%`;
    conditions.push(
      or(
        sql`${quoteRequests.reference} like ${`${escapeLike(term.toUpperCase())}%`} escape '\\'`,
        sql`${quoteRequests.company} like ${pattern} escape '\\'`,
        sql`${quoteRequests.email} like ${pattern} escape '\\'`,
        sql`exists (select 1 from ${quoteRequestLines} where ${quoteRequestLines.requestId} = ${quoteRequests.id} and ${quoteRequestLines.partNumber} like ${pattern} escape '\\')`,
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const waiting = sql<number>`${quoteRequests.status} in ('received', 'in_review', 'changes_requested')`;
  const unread = sql<number>`coalesce(${quoteRequests.buyerActivityAt}, '') > coalesce(${quoteRequests.salesSeenAt}, '')`;
  const rows = db
    .select({
      id: quoteRequests.id,
      reference: quoteRequests.reference,
      company: quoteRequests.company,
      contactName: quoteRequests.contactName,
      status: quoteRequests.status,
      createdAt: quoteRequests.createdAt,
      buyerActivityAt: quoteRequests.buyerActivityAt,
      unread,
      lineCount: sql<number>`(select count(*) from ${quoteRequestLines} where ${quoteRequestLines.requestId} = ${quoteRequests.id})`,
    })
    .from(quoteRequests)
    .where(where)
    .orderBy(sql`${waiting} desc`, asc(sql`coalesce(${quoteRequests.buyerActivityAt}, ${quoteRequests.createdAt})`))
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .all();
  const { total } = db.select({ total: count() }).from(quoteRequests).where(where).get()!;
  return { rows: rows.map((row) => ({ ...row, unread: Boolean(row.unread) })), total };
}

/** Unread requests per inbox view, for the tab badges. */
export function unreadCount() {
  return db
    .select({ n: count() })
    .from(quoteRequests)
    .where(
      and(
        inArray(quoteRequests.status, [...OPEN, "accepted"]),
        sql`coalesce(${quoteRequests.buyerActivityAt}, '') > coalesce(${quoteRequests.salesSeenAt}, '')`,
      ),
    )
    .get()!.n;
}

export function markSeen(requestId: number) {
  db.update(quoteRequests).set({ salesSeenAt: new Date().toISOString() }).where(eq(quoteRequests.id, requestId)).run();
}

/** Sales takes a fresh request into review, or declines one that cannot be quoted. */
export function setRequestStatus(requestId: number, status: "in_review" | "declined", user: SessionUser, note = "") {
  const from: QuoteStatus[] = status === "in_review" ? ["received"] : [...OPEN];
  return writeTransaction(() => {
    const changed = db
      .update(quoteRequests)
      .set({ status, updatedAt: new Date().toISOString() })
      .where(and(eq(quoteRequests.id, requestId), inArray(quoteRequests.status, from)))
      .run().changes;
    if (changed) db.insert(quoteEvents).values({ requestId, status, actor: `sales:${user.email}`, note }).run();
    return changed === 1;
  });
}

/** Current lead times (days) of the catalog products on a request, to prefill a first revision. */
export function productLeadTimes(productIds: number[]) {
  if (!productIds.length) return new Map<number, number>();
  const rows = db.select({ id: products.id, days: products.leadTimeDays }).from(products).where(inArray(products.id, productIds)).all();
  return new Map(rows.map((row) => [row.id, row.days]));
}
