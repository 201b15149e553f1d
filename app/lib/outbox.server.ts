import { and, count, desc, eq, sql } from "drizzle-orm";
import { outboxEmails } from "~db/schema";
import { OUTBOX_PAGE_SIZE, OUTBOX_STATUSES, type OutboxStatus } from "~/admin/back-office";
import { db } from "./db.server";

/** Outgoing e-mail, newest first, optionally one status (the status index narrows it). */
export function listOutbox({ status, page }: { status?: OutboxStatus; page: number }) {
  const where = status ? eq(outboxEmails.status, status) : undefined;
  const [{ total }] = db.select({ total: count() }).from(outboxEmails).where(where).all();
  const emails = db
    .select({
      id: outboxEmails.id,
      to: outboxEmails.to,
      subject: outboxEmails.subject,
      status: outboxEmails.status,
      attempts: outboxEmails.attempts,
      lastError: outboxEmails.lastError,
      attachmentKind: outboxEmails.attachmentKind,
      nextAttemptAt: outboxEmails.nextAttemptAt,
      createdAt: outboxEmails.createdAt,
      sentAt: outboxEmails.sentAt,
    })
    .from(outboxEmails)
    .where(where)
    .orderBy(desc(outboxEmails.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  return { emails, total };
}

export function countOutbox() {
  const rows = db
    .select({ status: outboxEmails.status, n: count() })
    .from(outboxEmails)
    .groupBy(outboxEmails.status)
    .all();
  return Object.fromEntries(
    OUTBOX_STATUSES.map((status) => [status, rows.find((row) => row.status === status)?.n ?? 0]),
  ) as Record<OutboxStatus, number>;
}

/**
 * Puts a failed message back in the queue, due now. Its attempts stay counted, so the sender
 * makes one more try and, if that fails too, marks it failed again rather than retrying for hours.
 * Only a failed message can be re-sent: a pending or sent one is left alone.
 */
export function resendEmail(id: number) {
  return (
    db
      .update(outboxEmails)
      .set({ status: "pending", nextAttemptAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(and(eq(outboxEmails.id, id), eq(outboxEmails.status, "failed")))
      .run().changes > 0
  );
}
