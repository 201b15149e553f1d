import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { companies, quoteDrafts, quoteEvents, quoteRequestLines, quoteRequests, users } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { INBOX_PAGE_SIZE, INBOX_VIEWS, type InboxView } from "./quote-inbox";
import { CLOSED_QUOTE_STATUSES, NEEDS_ANSWER_STATUSES, QUOTE_STATUSES, quoteMove } from "./quote-lifecycle";
import { derivedStatusSql } from "./quote-revision.server";
import type { SessionUser } from "~/admin/user.server";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The sales inbox: requests in a view, optionally matching a company, reference or part number,
 * optionally of the companies `ownerId` looks after ("my accounts"), and optionally owned by one
 * user or by nobody, those waiting on sales first and the longest-waiting first among them.
 * Unread means the buyer did something (sent the request, wrote, accepted) after sales last
 * opened it.
 */
export function listInbox({
  view,
  q,
  page,
  ownerId,
  companyId,
  requestOwnerId,
}: {
  view: InboxView;
  q: string;
  page: number;
  /** Only the companies this sales user looks after. */
  ownerId?: number;
  /** Only this company's requests. */
  companyId?: number;
  /** Only the requests this sales user owns ("my requests"), or with null those nobody owns. */
  requestOwnerId?: number | null;
}) {
  const conditions: SQL[] = [];
  if (companyId !== undefined) conditions.push(eq(quoteRequests.companyId, companyId));
  if (requestOwnerId !== undefined)
    conditions.push(
      requestOwnerId === null ? isNull(quoteRequests.ownerId) : eq(quoteRequests.ownerId, requestOwnerId),
    );
  if (ownerId !== undefined)
    conditions.push(
      inArray(
        quoteRequests.companyId,
        db.select({ id: companies.id }).from(companies).where(eq(companies.accountOwnerId, ownerId)),
      ),
    );
  if (view === "approval")
    conditions.push(
      inArray(
        quoteRequests.id,
        db.select({ id: quoteDrafts.requestId }).from(quoteDrafts).where(eq(quoteDrafts.approval, "pending")),
      ),
    );
  const statuses = INBOX_VIEWS[view].statuses;
  // A quote past its validity is listed as expired before the timer records it.
  const status = derivedStatusSql();
  if (statuses) conditions.push(inArray(status, [...statuses]));
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
  const waiting = inArray(status, NEEDS_ANSWER_STATUSES);
  const unread = sql<number>`coalesce(${quoteRequests.buyerActivityAt}, '') > coalesce(${quoteRequests.salesSeenAt}, '')`;
  const rows = db
    .select({
      id: quoteRequests.id,
      reference: quoteRequests.reference,
      company: quoteRequests.company,
      contactName: quoteRequests.contactName,
      status,
      createdAt: quoteRequests.createdAt,
      buyerActivityAt: quoteRequests.buyerActivityAt,
      ownerName: users.name,
      approval: quoteDrafts.approval,
      unread,
      // $count qualifies both columns; in a plain sql`` select field drizzle drops the table
      // names, and the subquery would compare the lines table with itself.
      lineCount: db.$count(quoteRequestLines, eq(quoteRequestLines.requestId, quoteRequests.id)),
    })
    .from(quoteRequests)
    .leftJoin(users, eq(users.id, quoteRequests.ownerId))
    .leftJoin(quoteDrafts, eq(quoteDrafts.requestId, quoteRequests.id))
    .where(where)
    .orderBy(sql`${waiting} desc`, asc(sql`coalesce(${quoteRequests.buyerActivityAt}, ${quoteRequests.createdAt})`))
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE)
    .all();
  const { total } = db.select({ total: count() }).from(quoteRequests).where(where).get()!;
  return { rows: rows.map((row) => ({ ...row, unread: Boolean(row.unread) })), total };
}

/** Requests sales may still have to act on: all but the closed ones. */
const NOT_CLOSED = QUOTE_STATUSES.filter((status) => !CLOSED_QUOTE_STATUSES.includes(status));

/** Unread requests per inbox view, for the tab badges. */
export function unreadCount() {
  return db
    .select({ n: count() })
    .from(quoteRequests)
    .where(
      and(
        inArray(derivedStatusSql(), NOT_CLOSED),
        sql`coalesce(${quoteRequests.buyerActivityAt}, '') > coalesce(${quoteRequests.salesSeenAt}, '')`,
      ),
    )
    .get()!.n;
}

/**
 * Sales has read the request (a posted form, never a page load: a prefetch on hover is not a
 * read), or wants it shown as unread again. Returns whether the request exists.
 */
export function setSeen(requestId: number, seen: boolean) {
  return (
    db
      .update(quoteRequests)
      .set({ salesSeenAt: seen ? new Date().toISOString() : null })
      .where(eq(quoteRequests.id, requestId))
      .run().changes === 1
  );
}

/** Whether the buyer did something since sales last read the request (the inbox's rule, for one row). */
export const isUnread = (request: { buyerActivityAt: string | null; salesSeenAt: string | null }) =>
  (request.buyerActivityAt ?? "") > (request.salesSeenAt ?? "");

/** Sales takes a fresh request into review, or declines one that cannot be quoted. */
export function setRequestStatus(requestId: number, status: "in_review" | "declined", user: SessionUser, note = "") {
  const { from } = quoteMove(status === "in_review" ? "review" : "decline")!;
  return writeTransaction(() => {
    const changed = db
      .update(quoteRequests)
      .set({ status, updatedAt: new Date().toISOString() })
      .where(and(eq(quoteRequests.id, requestId), inArray(quoteRequests.status, from)))
      .run().changes;
    if (changed)
      db.insert(quoteEvents)
        .values({ requestId, status, actor: `sales:${user.email}`, note })
        .run();
    return changed === 1;
  });
}
