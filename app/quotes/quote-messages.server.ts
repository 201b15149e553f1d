import { eq } from "drizzle-orm";
import { outboxEmails, quoteAttachments, quoteEvents, quoteMessages, quoteRequests } from "~db/schema";
import type { SessionUser } from "~/admin/user.server";
import { discardFiles, storeUpload, type StoredFile, type UploadedFile } from "~/lib/attachments.server";
import { db, writeTransaction } from "~/lib/db.server";
import { salesReplyEmail } from "./quote-emails.server";
import { nextQuoteStatus } from "./quote-lifecycle";
import { statusUrlOf } from "./quote-link.server";
import { expireDueQuotes } from "./quote-revision.server";

/**
 * A message, in the transaction of whoever posts it, with the files that came with it (already
 * stored). `authorName`: who wrote it, when they are known by name (a company's person, sales).
 */
export function recordMessage(
  requestId: number,
  author: "buyer" | "sales",
  body: string,
  files: StoredFile[],
  authorName = "",
) {
  const { id } = db
    .insert(quoteMessages)
    .values({ requestId, author, authorName, body })
    .returning({ id: quoteMessages.id })
    .get();
  if (files.length)
    db.insert(quoteAttachments)
      .values(files.map((file) => ({ requestId, messageId: id, ...file })))
      .run();
  return id;
}

/**
 * Gives the received files their stored names, then `post`s the message with them in its one
 * transaction; the files are removed again when the transaction fails or posts nothing (as the
 * request form does with its files).
 */
export function postWithFiles(received: UploadedFile[], post: (files: StoredFile[]) => boolean) {
  const stored: StoredFile[] = [];
  let posted: boolean;
  try {
    for (const file of received) stored.push(storeUpload(file));
    posted = post(stored);
  } catch (error) {
    discardFiles(stored);
    throw error;
  }
  if (!posted) discardFiles(stored);
  return posted;
}

/**
 * Sales writes to the buyer, with files or without: answering a fresh request takes it into
 * review, and the buyer is e-mailed the message, the files' names and their private link.
 */
export function postSalesMessage(requestId: number, body: string, user: SessionUser, files: StoredFile[] = []) {
  return writeTransaction(() => {
    expireDueQuotes();
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request) return false;
    const now = new Date().toISOString();
    const status = nextQuoteStatus(request.status, "sales_message")!;
    const moved = status !== request.status;
    recordMessage(requestId, "sales", body, files, user.name);
    db.update(quoteRequests)
      .set({
        firstRespondedAt: request.firstRespondedAt ?? now,
        salesSeenAt: now,
        ...(moved && { status, updatedAt: now }),
      })
      .where(eq(quoteRequests.id, requestId))
      .run();
    if (moved) {
      db.insert(quoteEvents)
        .values({ requestId, status, actor: `sales:${user.email}` })
        .run();
    }
    const fileNames = files.map((file) => file.originalName);
    db.insert(outboxEmails)
      .values(salesReplyEmail(request, body, statusUrlOf(request), fileNames))
      .run();
    return true;
  });
}
