import { eq } from "drizzle-orm";
import { quoteDrafts, quoteEvents, quoteRequests, users } from "~db/schema";
import type { SessionUser } from "~/admin/user.server";
import { db, writeTransaction } from "~/lib/db.server";
import { quoteAllows, type QuoteStatus } from "./quote-lifecycle";
import { approvalAllows, nextApproval } from "./quote-approval";

/**
 * Keeps the next revision's form as sales has typed it, replacing the request's earlier draft;
 * false when the request is gone or can no longer be quoted (nothing is kept then). A draft
 * waiting for an admin's approval that changes waits no longer: what was asked about is gone.
 */
export function saveQuoteDraft(requestId: number, fields: Record<string, string>, user: SessionUser) {
  return writeTransaction(() => {
    const request = db
      .select({ status: quoteRequests.status })
      .from(quoteRequests)
      .where(eq(quoteRequests.id, requestId))
      .get();
    if (!request || !quoteAllows(request.status, "send_revision")) return false;
    const before = db
      .select({ approval: quoteDrafts.approval })
      .from(quoteDrafts)
      .where(eq(quoteDrafts.requestId, requestId))
      .get();
    const draft = {
      fields,
      savedBy: user.id,
      savedAt: new Date().toISOString(),
      approval: nextApproval(before?.approval ?? null, "edit"),
    };
    db.insert(quoteDrafts)
      .values({ requestId, ...draft })
      .onConflictDoUpdate({ target: quoteDrafts.requestId, set: draft })
      .run();
    if (before?.approval === "pending")
      recordApprovalEvent(requestId, {
        status: request.status,
        user,
        note: "approval no longer asked: the draft changed",
      });
    return true;
  });
}

/** The request's draft with who saved it and when, or undefined. */
export function getQuoteDraft(requestId: number) {
  return db
    .select({
      fields: quoteDrafts.fields,
      savedAt: quoteDrafts.savedAt,
      savedBy: users.name,
      approval: quoteDrafts.approval,
      approvalReasons: quoteDrafts.approvalReasons,
      approvalNote: quoteDrafts.approvalNote,
    })
    .from(quoteDrafts)
    .leftJoin(users, eq(users.id, quoteDrafts.savedBy))
    .where(eq(quoteDrafts.requestId, requestId))
    .get();
}

/**
 * Records what happened to a draft's approval in the request's timeline, for sales only (the
 * buyer's page reads status events): in the caller's transaction, the request in `status`.
 */
export function recordApprovalEvent(
  requestId: number,
  { status, user, note }: { status: QuoteStatus; user: SessionUser; note: string },
) {
  db.insert(quoteEvents)
    .values({ requestId, kind: "approval", status, actor: `sales:${user.email}`, note })
    .run();
}

/** Whether the request's draft waits for approval as it was saved at `savedAt`. */
export function draftWaitsAsSeen(requestId: number, savedAt: string) {
  const draft = db
    .select({ savedAt: quoteDrafts.savedAt, approval: quoteDrafts.approval })
    .from(quoteDrafts)
    .where(eq(quoteDrafts.requestId, requestId))
    .get();
  return draft?.savedAt === savedAt && approvalAllows(draft.approval, "approve");
}

/** Sending the revision ends its draft: call inside the sending transaction. */
export function discardQuoteDraft(requestId: number) {
  db.delete(quoteDrafts).where(eq(quoteDrafts.requestId, requestId)).run();
}
