import { eq } from "drizzle-orm";
import { quoteDrafts, quoteRequests, users } from "~db/schema";
import type { SessionUser } from "~/admin/user.server";
import { db, writeTransaction } from "~/lib/db.server";
import { quoteAllows } from "./quote-lifecycle";

/**
 * Keeps the next revision's form as sales has typed it, replacing the request's earlier draft;
 * false when the request is gone or can no longer be quoted (nothing is kept then).
 */
export function saveQuoteDraft(requestId: number, fields: Record<string, string>, user: SessionUser) {
  return writeTransaction(() => {
    const request = db
      .select({ status: quoteRequests.status })
      .from(quoteRequests)
      .where(eq(quoteRequests.id, requestId))
      .get();
    if (!request || !quoteAllows(request.status, "send_revision")) return false;
    const draft = { fields, savedBy: user.id, savedAt: new Date().toISOString() };
    db.insert(quoteDrafts)
      .values({ requestId, ...draft })
      .onConflictDoUpdate({ target: quoteDrafts.requestId, set: draft })
      .run();
    return true;
  });
}

/** The request's draft with who saved it and when, or undefined. */
export function getQuoteDraft(requestId: number) {
  return db
    .select({ fields: quoteDrafts.fields, savedAt: quoteDrafts.savedAt, savedBy: users.name })
    .from(quoteDrafts)
    .leftJoin(users, eq(users.id, quoteDrafts.savedBy))
    .where(eq(quoteDrafts.requestId, requestId))
    .get();
}

/** Sending the revision ends its draft: call inside the sending transaction. */
export function discardQuoteDraft(requestId: number) {
  db.delete(quoteDrafts).where(eq(quoteDrafts.requestId, requestId)).run();
}
