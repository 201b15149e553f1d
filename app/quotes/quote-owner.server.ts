import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { companies, outboxEmails, quoteEvents, quoteInternalNotes, quoteRequests, users } from "~db/schema";
import { salesRecipient } from "~/accounts/sales-recipient.server";
import type { SessionUser } from "~/admin/user.server";
import { db, writeTransaction } from "~/lib/db.server";
import { requestAssignedEmail } from "./quote-emails.server";

/** Who may own a request: back-office users of these roles who are not disabled. */
const OWNER_ROLES = ["sales", "admin"] as const;

const activeOwner = (userId: number) =>
  db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt), inArray(users.role, [...OWNER_ROLES])))
    .get();

/** Whom a new request of this company starts with: its account owner, unless none or disabled. */
export function firstOwnerOf(companyId: number | null) {
  if (companyId === null) return null;
  const row = db
    .select({ id: users.id })
    .from(companies)
    .innerJoin(users, and(eq(users.id, companies.accountOwnerId), isNull(users.disabledAt)))
    .where(eq(companies.id, companyId))
    .get();
  return row?.id ?? null;
}

/** The request page's "Owner" choice: every sales and admin user not disabled, by name. */
export function requestOwnerChoices() {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(isNull(users.disabledAt), inArray(users.role, [...OWNER_ROLES])))
    .orderBy(asc(users.name))
    .all();
}

/** A request's owner as its page names them, or null when unassigned (or the user is gone). */
export function requestOwner(ownerId: number | null) {
  if (ownerId === null) return null;
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, ownerId)).get() ?? null;
}

export type AssignResult = { ok: true; changed: boolean } | { ok: false; reason: "not-found" | "owner" };

/**
 * `user` makes `ownerId` (null: nobody) the owner of a request: the owner, an event in the
 * request's history ("Assigned to Dana Miller"), and, when it is someone else, their e-mail, in
 * one transaction. Choosing the owner it already has changes nothing. Refused for a user who
 * cannot own requests (unknown, disabled, or of another role).
 */
export function assignRequestOwner(requestId: number, ownerId: number | null, user: SessionUser): AssignResult {
  return writeTransaction(() => {
    const owner = ownerId === null ? null : activeOwner(ownerId);
    if (owner === undefined) return { ok: false, reason: "owner" };
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request) return { ok: false, reason: "not-found" };
    if (request.ownerId === ownerId) return { ok: true, changed: false };
    const previous = requestOwner(request.ownerId);
    db.update(quoteRequests).set({ ownerId }).where(eq(quoteRequests.id, requestId)).run();
    db.insert(quoteEvents)
      .values({
        requestId,
        kind: "owner",
        status: request.status,
        actor: `sales:${user.email}`,
        note: owner ? `Assigned to ${owner.name}` : `Unassigned${previous ? ` (was ${previous.name})` : ""}`,
      })
      .run();
    if (owner && owner.id !== user.id)
      db.insert(outboxEmails)
        .values(requestAssignedEmail(request, owner, user.name))
        .run();
    return { ok: true, changed: true };
  });
}

/**
 * Who hears of a buyer's news on a request (a message, a change asked for): whoever is told of
 * that news anyway (`usual`: by default the company's account owner, else the shared sales
 * address), and the request's owner, once each.
 */
export function requestNewsRecipients(requestId: number, usual?: string) {
  const request = db
    .select({ companyId: quoteRequests.companyId, ownerId: quoteRequests.ownerId })
    .from(quoteRequests)
    .where(eq(quoteRequests.id, requestId))
    .get();
  if (!request) return [];
  const owner = request.ownerId === null ? undefined : activeOwner(request.ownerId);
  return [...new Set([usual ?? salesRecipient(request.companyId), ...(owner ? [owner.email] : [])])];
}

/** Who is reminded of what waits on a request: its owner when active, else whom its news reaches. */
export function requestReminderRecipient(requestId: number) {
  const [usual, owner] = requestNewsRecipients(requestId);
  return owner ?? usual;
}

/** A sales user's note on a request, for sales only. */
export function addInternalNote(requestId: number, body: string, user: SessionUser) {
  return writeTransaction(() => {
    const request = db
      .select({ id: quoteRequests.id })
      .from(quoteRequests)
      .where(eq(quoteRequests.id, requestId))
      .get();
    if (!request) return false;
    db.insert(quoteInternalNotes).values({ requestId, authorId: user.id, body }).run();
    return true;
  });
}

/** A request's internal notes, oldest first, with their authors' names. */
export function listInternalNotes(requestId: number) {
  return db
    .select({
      id: quoteInternalNotes.id,
      body: quoteInternalNotes.body,
      createdAt: quoteInternalNotes.createdAt,
      authorName: users.name,
    })
    .from(quoteInternalNotes)
    .leftJoin(users, eq(users.id, quoteInternalNotes.authorId))
    .where(eq(quoteInternalNotes.requestId, requestId))
    .orderBy(asc(quoteInternalNotes.id))
    .all();
}
