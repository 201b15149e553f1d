import { aliasedTable, and, type Column, eq, gt, gte, inArray, isNull, lte, notExists, sql } from "drizzle-orm";
import {
  outboxEmails,
  quoteDrafts,
  quoteEvents,
  quoteMessages,
  quoteReminders,
  quoteRequests,
  quoteRevisions,
} from "~db/schema";
import { activeAdmins } from "./quote-approval.server";
import { db, writeTransaction } from "~/lib/db.server";
import type { QuoteReminderKind } from "./quote-reminder-kinds";
import { quoteExpiringEmail, salesReminderEmail, type OutgoingEmail } from "./quote-emails.server";
import { NEEDS_ANSWER_STATUSES, OPEN_QUOTE_STATUSES, quoteStatusesAllowing } from "./quote-lifecycle";
import { statusUrlOf } from "./quote-link.server";
import { requestReminderRecipient } from "./quote-owner.server";
import { todayUtc } from "./quote-revision.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The buyer is reminded when this many days or fewer are left to accept. */
const EXPIRY_NOTICE_DAYS = 3;
/** A buyer's message waits this long for a reply before sales is reminded. */
const MESSAGE_WAIT = 4 * HOUR;
/** A revision waits this long for an admin's approval before the admins are reminded. */
const APPROVAL_WAIT = 4 * HOUR;
/** Older requests and messages are past reminding: the inbox shows them as waiting. */
const LOOK_BACK = 14 * DAY;

/** Waiting on the buyer: they may accept, and sales has nothing to answer. */
const AWAITING_BUYER = quoteStatusesAllowing("accept").filter((status) => !NEEDS_ANSWER_STATUSES.includes(status));

/**
 * The same time on the next weekday (UTC): when a request sent at `from` has waited one business
 * day. Public holidays are not told apart; a reminder on one is early, not lost.
 */
export function oneBusinessDayAfter(from: Date) {
  const due = new Date(from.getTime() + DAY);
  while (due.getUTCDay() === 0 || due.getUTCDay() === 6) due.setUTCDate(due.getUTCDate() + 1);
  return due;
}

const notReminded = (kind: QuoteReminderKind, subjectId: Column) =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(quoteReminders)
      .where(and(eq(quoteReminders.kind, kind), eq(quoteReminders.subjectId, subjectId))),
  );

/** Sales' reminder that `what` on a request has waited since `since`, to whoever is reminded of it. */
const toOwner = (request: { reference: string; company: string }, requestId: number, what: string, since: string) =>
  salesReminderEmail(request, { what, since: minutes(since) }, requestReminderRecipient(requestId), requestId);

/** "2026-12-03 09:15": an ISO time to the minute, as reminders say it (UTC). */
const minutes = (iso: string) => iso.slice(0, 16).replace("T", " ");

/**
 * Reminds of what waits, once each (idempotent across runs and processes: a reminder row with a
 * unique kind and subject is written with its e-mail in one transaction):
 * - the buyer, when their current quote can be accepted for 3 more days or fewer (not within a day of sending it);
 * - sales (the request's owner, else the company's account owner or the sales address), when a request has waited one
 *   business day for a first answer, or the buyer's latest message has waited 4 hours;
 * - every active admin, when a revision has waited 4 hours for their approval.
 * Returns how many reminders were queued.
 */
export function sendDueQuoteReminders(now = new Date()) {
  const today = todayUtc(now);
  const horizon = todayUtc(new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY));
  const latest = aliasedTable(quoteRevisions, "latest");
  const expiring = db
    .select({
      requestId: quoteRequests.id,
      reference: quoteRequests.reference,
      contactName: quoteRequests.contactName,
      email: quoteRequests.email,
      tokenSealed: quoteRequests.tokenSealed,
      revisionId: quoteRevisions.id,
      version: quoteRevisions.version,
      validUntil: quoteRevisions.validUntil,
      totalCents: quoteRevisions.totalCents,
    })
    .from(quoteRevisions)
    .innerJoin(quoteRequests, eq(quoteRequests.id, quoteRevisions.requestId))
    .where(
      and(
        gte(quoteRevisions.validUntil, today),
        lte(quoteRevisions.validUntil, horizon),
        lte(quoteRevisions.sentAt, new Date(now.getTime() - DAY).toISOString()),
        inArray(quoteRequests.status, AWAITING_BUYER),
        notExists(
          db
            .select({ one: sql`1` })
            .from(latest)
            .where(and(eq(latest.requestId, quoteRevisions.requestId), gt(latest.version, quoteRevisions.version))),
        ),
        notReminded("quote_expiring", quoteRevisions.id),
      ),
    )
    .all();

  const unanswered = db
    .select({
      id: quoteRequests.id,
      reference: quoteRequests.reference,
      company: quoteRequests.company,
      createdAt: quoteRequests.createdAt,
    })
    .from(quoteRequests)
    .where(
      and(
        inArray(quoteRequests.status, OPEN_QUOTE_STATUSES),
        isNull(quoteRequests.firstRespondedAt),
        lte(quoteRequests.createdAt, new Date(now.getTime() - DAY).toISOString()),
        gte(quoteRequests.createdAt, new Date(now.getTime() - LOOK_BACK).toISOString()),
        notReminded("request_unanswered", quoteRequests.id),
      ),
    )
    .all()
    .filter((request) => oneBusinessDayAfter(new Date(request.createdAt)) <= now);

  const later = aliasedTable(quoteMessages, "later");
  const messages = db
    .select({
      id: quoteMessages.id,
      createdAt: quoteMessages.createdAt,
      requestId: quoteRequests.id,
      reference: quoteRequests.reference,
      company: quoteRequests.company,
    })
    .from(quoteMessages)
    .innerJoin(quoteRequests, eq(quoteRequests.id, quoteMessages.requestId))
    .where(
      and(
        eq(quoteMessages.author, "buyer"),
        lte(quoteMessages.createdAt, new Date(now.getTime() - MESSAGE_WAIT).toISOString()),
        gte(quoteMessages.createdAt, new Date(now.getTime() - LOOK_BACK).toISOString()),
        // Only the request's latest message: any answer, or a newer message, ends this one's wait.
        notExists(
          db
            .select({ one: sql`1` })
            .from(later)
            .where(and(eq(later.requestId, quoteMessages.requestId), gt(later.id, quoteMessages.id))),
        ),
        notReminded("message_unanswered", quoteMessages.id),
      ),
    )
    .all();

  // A draft waiting for approval since its latest approval event, the ask.
  const asked = aliasedTable(quoteEvents, "asked");
  const approvals = db
    .select({
      eventId: quoteEvents.id,
      createdAt: quoteEvents.createdAt,
      requestId: quoteRequests.id,
      reference: quoteRequests.reference,
      company: quoteRequests.company,
    })
    .from(quoteDrafts)
    .innerJoin(quoteRequests, eq(quoteRequests.id, quoteDrafts.requestId))
    .innerJoin(
      quoteEvents,
      eq(
        quoteEvents.id,
        db
          .select({ id: sql<number>`max(${asked.id})` })
          .from(asked)
          .where(and(eq(asked.requestId, quoteDrafts.requestId), eq(asked.kind, "approval"))),
      ),
    )
    .where(
      and(
        eq(quoteDrafts.approval, "pending"),
        lte(quoteEvents.createdAt, new Date(now.getTime() - APPROVAL_WAIT).toISOString()),
        notReminded("approval_waiting", quoteEvents.id),
      ),
    )
    .all();
  const admins = approvals.length ? activeAdmins() : [];

  const due: { requestId: number; kind: QuoteReminderKind; subjectId: number; emails: () => OutgoingEmail[] }[] = [
    ...expiring.map((quote) => ({
      requestId: quote.requestId,
      kind: "quote_expiring" as const,
      subjectId: quote.revisionId,
      emails: () => [quoteExpiringEmail({ ...quote, id: quote.requestId }, quote, statusUrlOf(quote))],
    })),
    ...unanswered.map((request) => ({
      requestId: request.id,
      kind: "request_unanswered" as const,
      subjectId: request.id,
      emails: () => [toOwner(request, request.id, "A new request", request.createdAt)],
    })),
    ...messages.map((message) => ({
      requestId: message.requestId,
      kind: "message_unanswered" as const,
      subjectId: message.id,
      emails: () => [toOwner(message, message.requestId, "The buyer's message", message.createdAt)],
    })),
    ...approvals.map((approval) => ({
      requestId: approval.requestId,
      kind: "approval_waiting" as const,
      subjectId: approval.eventId,
      emails: () =>
        admins.map((to) =>
          salesReminderEmail(
            approval,
            { what: "A revision waiting for an admin's approval", since: minutes(approval.createdAt) },
            to,
            approval.requestId,
          ),
        ),
    })),
  ];
  if (!due.length) return 0;
  return writeTransaction(() => {
    let queued = 0;
    for (const reminder of due) {
      // Another process may have sent this one since it was read: its row is already there.
      const claimed = db
        .insert(quoteReminders)
        .values({ requestId: reminder.requestId, kind: reminder.kind, subjectId: reminder.subjectId })
        .onConflictDoNothing()
        .returning({ id: quoteReminders.id })
        .get();
      if (!claimed) continue;
      const emails = reminder.emails();
      if (emails.length) db.insert(outboxEmails).values(emails).run();
      queued++;
    }
    return queued;
  });
}
