import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  outboxEmails,
  quoteEvents,
  quoteMessages,
  quoteRequestLines,
  quoteRequests,
  quoteRevisionLines,
  quoteRevisions,
  type PaymentTerms,
  type QuoteStatus,
} from "../../db/schema";
import { db, sqlite, writeTransaction } from "~/lib/db.server";
import { formatMoney } from "~/lib/money";
import { PAYMENT_TERMS_TEXT } from "~/lib/quote-terms";
import { buyerDecisionEmail, quoteSentEmail, salesReplyEmail } from "~/lib/quote-emails.server";
import { cancelUnpaidQuoteOrders, hasCommittedOrder } from "./order.server";
import { statusUrlOf } from "./quote-link.server";
import type { SessionUser } from "./user.server";

export type Revision = typeof quoteRevisions.$inferSelect & { lines: (typeof quoteRevisionLines.$inferSelect)[] };

export type RevisionInput = {
  incoterm: string;
  validUntil: string;
  paymentTerms: PaymentTerms;
  notes: string;
  lines: { requestLineId: number; quantity: number; unitPriceCents: number; leadTimeWeeks: number; included: string }[];
};

/** Statuses in which sales may send a (new) revision, and in which the buyer may accept one. */
const QUOTABLE: QuoteStatus[] = ["received", "in_review", "quoted", "changes_requested", "expired"];
const ACCEPTABLE: QuoteStatus[] = ["quoted", "changes_requested"];

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

export function canSendRevision(status: QuoteStatus) {
  return QUOTABLE.includes(status);
}

/** Every revision of a request with its lines, oldest first: two queries, not one per revision. */
export function listRevisions(requestId: number): Revision[] {
  const revisions = db.select().from(quoteRevisions).where(eq(quoteRevisions.requestId, requestId)).orderBy(asc(quoteRevisions.version)).all();
  if (!revisions.length) return [];
  const lines = db
    .select()
    .from(quoteRevisionLines)
    .where(
      inArray(
        quoteRevisionLines.revisionId,
        revisions.map((r) => r.id),
      ),
    )
    .orderBy(asc(quoteRevisionLines.position))
    .all();
  return revisions.map((revision) => ({ ...revision, lines: lines.filter((line) => line.revisionId === revision.id) }));
}

/**
 * Sends the next revision (v1, v2, …) of a request: the priced lines frozen beside the request's
 * lines, the request moved to `quoted`, the event and the buyer's e-mail, all in one transaction.
 * Sent revisions are never updated: a change is a new revision.
 */
export function sendRevision(requestId: number, input: RevisionInput, user: SessionUser) {
  return writeTransaction(() => {
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request) return { ok: false as const, reason: "not-found" as const };
    if (!canSendRevision(request.status)) return { ok: false as const, reason: "closed" as const };
    const requestLines = db.select().from(quoteRequestLines).where(eq(quoteRequestLines.requestId, requestId)).all();
    const byId = new Map(requestLines.map((line) => [line.id, line]));
    if (input.lines.length === 0 || input.lines.some((line) => !byId.has(line.requestLineId))) {
      return { ok: false as const, reason: "lines" as const };
    }
    const { last } = db
      .select({ last: sql<number>`coalesce(max(${quoteRevisions.version}), 0)` })
      .from(quoteRevisions)
      .where(eq(quoteRevisions.requestId, requestId))
      .get()!;
    const version = last + 1;
    const totalCents = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    const revision = db
      .insert(quoteRevisions)
      .values({
        requestId,
        version,
        incoterm: input.incoterm,
        validUntil: input.validUntil,
        paymentTerms: input.paymentTerms,
        notes: input.notes,
        totalCents,
        sentBy: user.id,
      })
      .returning()
      .get();
    db.insert(quoteRevisionLines)
      .values(
        input.lines.map((line, position) => {
          const asked = byId.get(line.requestLineId)!;
          return {
            revisionId: revision.id,
            requestLineId: asked.id,
            position,
            productId: asked.productId,
            partNumber: asked.partNumber,
            name: asked.name,
            quantity: line.quantity,
            unitPriceCents: line.unitPriceCents,
            leadTimeWeeks: line.leadTimeWeeks,
            included: line.included,
          };
        }),
      )
      .run();
    const now = new Date().toISOString();
    const staleSessions = cancelUnpaidQuoteOrders(requestId, `sales:${user.email}`);
    db.update(quoteRequests)
      .set({ status: "quoted", acceptedRevisionId: null, updatedAt: now, firstRespondedAt: request.firstRespondedAt ?? now, salesSeenAt: now })
      .where(eq(quoteRequests.id, requestId))
      .run();
    db.insert(quoteEvents)
      .values({ requestId, status: "quoted", actor: `sales:${user.email}`, note: `v${version} sent, total ${formatMoney(totalCents)}` })
      .run();
    db.insert(outboxEmails).values(quoteSentEmail(request, revision, statusUrlOf(request))).run();
    return { ok: true as const, version, staleSessions };
  });
}

/** Sales writes to the buyer on the request; the buyer is told by e-mail. */
export function postSalesMessage(requestId: number, body: string, user: SessionUser) {
  return writeTransaction(() => {
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request) return false;
    const now = new Date().toISOString();
    db.insert(quoteMessages).values({ requestId, author: "sales", body }).run();
    db.update(quoteRequests)
      .set({
        firstRespondedAt: request.firstRespondedAt ?? now,
        salesSeenAt: now,
        // Answering a fresh request takes it into review.
        ...(request.status === "received" && { status: "in_review" as const, updatedAt: now }),
      })
      .where(eq(quoteRequests.id, requestId))
      .run();
    if (request.status === "received") {
      db.insert(quoteEvents).values({ requestId, status: "in_review", actor: `sales:${user.email}` }).run();
    }
    db.insert(outboxEmails).values(salesReplyEmail(request, body, statusUrlOf(request))).run();
    return true;
  });
}

type Decision = { ok: true } | { ok: false; reason: "superseded" | "expired" | "not-open" };

/**
 * The buyer accepts revision `revisionId` of their request. Only the current revision of an
 * open quote, on or before its last valid day, can be accepted; the check and the change are
 * one transaction, so two tabs cannot accept two revisions.
 */
export function acceptRevision(requestId: number, revisionId: number, now = new Date()): Decision {
  return writeTransaction(() => acceptRevisionInTransaction(requestId, revisionId, now));
}

/** `acceptRevision` for callers that write more in the same transaction (the order it creates). */
export function acceptRevisionInTransaction(requestId: number, revisionId: number, now = new Date()): Decision {
  expireDueQuotes(now);
  const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
  const current = currentRevision(requestId);
  if (!request || !current) return { ok: false, reason: "not-open" };
  if (current.id !== revisionId) return { ok: false, reason: "superseded" };
  if (request.status === "expired") return { ok: false, reason: "expired" };
  if (!ACCEPTABLE.includes(request.status)) return { ok: false, reason: "not-open" };
  const at = now.toISOString();
  db.update(quoteRequests)
    .set({ status: "accepted", acceptedRevisionId: revisionId, updatedAt: at, buyerActivityAt: at })
    .where(eq(quoteRequests.id, requestId))
    .run();
  db.insert(quoteEvents)
    .values({ requestId, status: "accepted", actor: `buyer:${request.email}`, note: `v${current.version} accepted` })
    .run();
  db.insert(outboxEmails)
    .values(buyerDecisionEmail(request, { version: current.version, accepted: true }))
    .run();
  return { ok: true };
}

/**
 * The buyer asks for changes to the current revision (also after accepting it, until an order is
 * paid or invoiced): a message in the thread, and the status says so.
 */
export function requestChanges(requestId: number, body: string, now = new Date()): Decision {
  return writeTransaction(() => {
    expireDueQuotes(now);
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    const current = currentRevision(requestId);
    // After accepting, the buyer may still ask for changes until money is committed.
    const open = request && (ACCEPTABLE.includes(request.status) || (request.status === "accepted" && !hasCommittedOrder(requestId)));
    if (!request || !current || !open) return { ok: false, reason: "not-open" };
    const at = now.toISOString();
    db.insert(quoteMessages).values({ requestId, author: "buyer", body }).run();
    db.update(quoteRequests)
      .set({ status: "changes_requested", updatedAt: at, buyerActivityAt: at })
      .where(eq(quoteRequests.id, requestId))
      .run();
    db.insert(quoteEvents)
      .values({ requestId, status: "changes_requested", actor: `buyer:${request.email}`, note: `on v${current.version}` })
      .run();
    db.insert(outboxEmails)
      .values(buyerDecisionEmail(request, { version: current.version, accepted: false, body }))
      .run();
    return { ok: true };
  });
}

function currentRevision(requestId: number) {
  return db.select().from(quoteRevisions).where(eq(quoteRevisions.requestId, requestId)).orderBy(desc(quoteRevisions.version)).limit(1).get();
}

/**
 * Open quotes whose current revision's last valid day has passed become `expired`, each with
 * its event. Cheap when nothing is due (an indexed look at open requests), so it runs before
 * reads that show quote status as well as on a timer.
 */
export function expireDueQuotes(now = new Date()) {
  const today = todayUtc(now);
  const due = db
    .select({ id: quoteRequests.id })
    .from(quoteRequests)
    .where(
      and(
        inArray(quoteRequests.status, ACCEPTABLE),
        sql`(select ${quoteRevisions.validUntil} from ${quoteRevisions} where ${quoteRevisions.requestId} = ${quoteRequests.id} order by ${quoteRevisions.version} desc limit 1) < ${today}`,
      ),
    )
    .all();
  if (!due.length) return 0;
  const run = () => {
    const ids = due.map((row) => row.id);
    const changed = db
      .update(quoteRequests)
      .set({ status: "expired", updatedAt: now.toISOString() })
      .where(and(inArray(quoteRequests.id, ids), inArray(quoteRequests.status, ACCEPTABLE)))
      .returning({ id: quoteRequests.id })
      .all();
    if (changed.length) {
      db.insert(quoteEvents)
        .values(changed.map(({ id }) => ({ requestId: id, status: "expired" as const, actor: "system", note: "validity ended" })))
        .run();
    }
    return changed.length;
  };
  return sqlite.inTransaction ? run() : writeTransaction(run);
}

export type RevisionChange = { field: string; from: string; to: string };


/** What changed from one revision to the next, line by line and in the terms, in words. */
export function diffRevisions(previous: Revision, current: Revision): RevisionChange[] {
  const changes: RevisionChange[] = [];
  const compare = (field: string, from: string, to: string) => from !== to && changes.push({ field, from, to });
  const key = (line: Revision["lines"][number]) => line.requestLineId ?? -line.position - 1;
  const before = new Map(previous.lines.map((line) => [key(line), line]));
  for (const line of current.lines) {
    const old = before.get(key(line));
    const label = line.partNumber ? `${line.name} (${line.partNumber})` : line.name;
    if (!old) {
      changes.push({ field: label, from: "not quoted", to: `${line.quantity} × ${formatMoney(line.unitPriceCents)}` });
      continue;
    }
    before.delete(key(line));
    compare(`${label}: quantity`, String(old.quantity), String(line.quantity));
    compare(`${label}: unit price`, formatMoney(old.unitPriceCents), formatMoney(line.unitPriceCents));
    compare(`${label}: lead time`, `${old.leadTimeWeeks} weeks`, `${line.leadTimeWeeks} weeks`);
    compare(`${label}: included`, old.included || "—", line.included || "—");
  }
  for (const old of before.values()) changes.push({ field: old.name, from: `${old.quantity} × ${formatMoney(old.unitPriceCents)}`, to: "removed" });
  compare("Incoterm", previous.incoterm, current.incoterm);
  compare("Valid until", previous.validUntil, current.validUntil);
  compare("Payment terms", PAYMENT_TERMS_TEXT[previous.paymentTerms], PAYMENT_TERMS_TEXT[current.paymentTerms]);
  compare("Notes", previous.notes || "—", current.notes || "—");
  compare("Total", formatMoney(previous.totalCents), formatMoney(current.totalCents));
  return changes;
}

/** Days left to accept, counting the last valid day; 0 on that day, negative after it. */
export function daysLeft(validUntil: string, now = new Date()) {
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${todayUtc(now)}T00:00:00Z`)) / 86_400_000);
}
