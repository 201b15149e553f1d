import crypto from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  outboxEmails,
  quoteAttachments,
  quoteEvents,
  quoteMessages,
  quoteListLines,
  quoteRequestLines,
  quoteRequests,
} from "~db/schema";
import { GUEST, type AccountOwner } from "~/accounts/account-owner";
import { salesRecipient } from "~/accounts/sales-recipient.server";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import {
  buyerMessageEmail,
  quoteReceivedEmail,
  requestWithdrawnEmail,
  salesNotificationEmail,
} from "./quote-emails.server";
import type { QuoteRequestFields } from "./quote-request-schema";
import { quoteAllows, quoteMove, type QuoteStatus } from "./quote-lifecycle";
import type { StoredFile } from "~/lib/attachments.server";
import { rateLimitExceeded, takeRateLimit } from "~/lib/rate-limit.server";
import { sealToken } from "~/lib/link-secret.server";
import { hashToken, looksLikeToken } from "~/lib/tokens.server";
import { statusUrl } from "./quote-link.server";
import { countQuoteListLines, getQuoteList } from "./quote-list.server";
import { firstOwnerOf, requestNewsRecipients } from "./quote-owner.server";
import { recordMessage } from "./quote-messages.server";
import { listRevisions } from "./quote-revision.server";

/**
 * The status link's token is derived from the form's one-time submission key, so sending the
 * same form twice finds the same request and the same link, while the database holds neither
 * the key nor the token, only their hashes.
 */
function statusToken(submissionKey: string) {
  return crypto.createHmac("sha256", submissionKey).update("quote-status-link").digest("base64url");
}

type Submission = Omit<QuoteRequestFields, "website" | "formStartedAt">;

const requestLimit = () => ({ limit: env.QUOTE_REQUESTS_PER_HOUR, windowSeconds: 3600 });

/**
 * Why a request from this list and address would be refused whatever its form says (an empty
 * list, an address over its hourly limit), or undefined: checked before an upload is read, so
 * a refused client does not get to stream its files first. `submitQuoteRequest` checks again.
 */
export function quoteRequestRefusal(listToken: string | undefined, clientIp = "unknown") {
  if (countQuoteListLines(listToken) === 0) return "empty" as const;
  if (rateLimitExceeded("quote-request", clientIp, requestLimit())) return "rate-limited" as const;
  return undefined;
}

/**
 * One transaction: the request, a snapshot of each line of the buyer's list, the first status
 * event, both e-mails in the outbox, and the emptied list. A repeat of the same form answers
 * with the request it already made.
 */
export function submitQuoteRequest(
  listToken: string | undefined,
  form: Submission,
  clientIp = "unknown",
  attachments: StoredFile[] = [],
  owner: AccountOwner = GUEST,
) {
  const token = statusToken(form.submissionKey);
  return writeTransaction(() => {
    const existing = db
      .select({ reference: quoteRequests.reference })
      .from(quoteRequests)
      .where(eq(quoteRequests.submissionKey, hashToken(form.submissionKey)))
      .get();
    if (existing)
      return {
        ok: true as const,
        token,
        reference: existing.reference,
        repeated: true,
      };
    const { lines, listId } = getQuoteList(listToken);
    if (lines.length === 0 || listId === undefined) return { ok: false as const, reason: "empty" as const };
    if (!takeRateLimit("quote-request", clientIp, requestLimit()))
      return { ok: false as const, reason: "rate-limited" as const };

    const { submissionKey, neededBy, ...buyer } = form;
    const { id } = db
      .insert(quoteRequests)
      .values({
        ...buyer,
        neededBy: neededBy || null,
        buyerActivityAt: new Date().toISOString(),
        reference: `pending-${hashToken(submissionKey)}`,
        tokenHash: hashToken(token),
        tokenSealed: sealToken(token),
        submissionKey: hashToken(submissionKey),
        ...owner,
        ownerId: firstOwnerOf(owner.companyId),
      })
      .returning({ id: quoteRequests.id })
      .get();
    const reference = `Q-${new Date().getUTCFullYear()}-${String(id).padStart(5, "0")}`;
    db.update(quoteRequests).set({ reference }).where(eq(quoteRequests.id, id)).run();

    const snapshot = lines.map((line, position) => ({
      requestId: id,
      position,
      productId: line.product?.id ?? null,
      partNumber: line.product?.partNumber ?? null,
      name: line.product?.name ?? line.description ?? "",
      listPriceCents: line.product?.priceCents ?? null,
      quantity: line.quantity,
      note: line.note,
      targetPriceCents: line.targetPriceCents,
      requirements: line.requirements,
      equivalentAccepted: line.equivalentAccepted,
    }));
    db.insert(quoteRequestLines).values(snapshot).run();
    if (attachments.length) {
      db.insert(quoteAttachments)
        .values(attachments.map((file) => ({ requestId: id, ...file })))
        .run();
    }
    db.insert(quoteEvents)
      .values({
        requestId: id,
        status: "received",
        actor: `buyer:${buyer.email}`,
      })
      .run();
    const summary = { id, reference, ...buyer, neededBy: neededBy || null };
    const attachmentNames = attachments.map((file) => file.originalName);
    db.insert(outboxEmails)
      .values([
        quoteReceivedEmail(summary, snapshot, statusUrl(token), attachmentNames),
        // The company's account owner hears of it, or the shared sales address.
        { ...salesNotificationEmail(summary, snapshot, attachmentNames), to: salesRecipient(owner.companyId) },
      ])
      .run();
    db.delete(quoteListLines).where(eq(quoteListLines.listId, listId)).run();
    return { ok: true as const, token, reference, repeated: false };
  });
}

export function getQuoteRequestByToken(token: string) {
  if (!looksLikeToken(token)) return undefined;
  const request = db
    .select()
    .from(quoteRequests)
    .where(eq(quoteRequests.tokenHash, hashToken(token)))
    .get();
  if (!request) return undefined;
  // What the buyer's pages, e-mails and PDF are made from: sales' own workings (who owns it,
  // its changes of owner) stay out.
  const { ownerId: _ownerId, ...shown } = withDetails(request, "buyer");
  return shown;
}

/** A request as sales reads it: with its owner and every event, changes of owner too. */
export function getQuoteRequestById(id: number) {
  const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, id)).get();
  return request && withDetails(request, "sales");
}

/** A request with its lines, timeline, attachments, messages and revisions: one query each. */
function withDetails(
  {
    tokenHash: _tokenHash,
    tokenSealed: _tokenSealed,
    submissionKey: _submissionKey,
    ...request
  }: typeof quoteRequests.$inferSelect,
  audience: "buyer" | "sales",
) {
  const ofRequest = eq(quoteEvents.requestId, request.id);
  return {
    ...request,
    lines: db
      .select()
      .from(quoteRequestLines)
      .where(eq(quoteRequestLines.requestId, request.id))
      .orderBy(asc(quoteRequestLines.position))
      .all(),
    events: db
      .select()
      .from(quoteEvents)
      .where(audience === "sales" ? ofRequest : and(ofRequest, inArray(quoteEvents.kind, ["status", "contact"])))
      .orderBy(asc(quoteEvents.id))
      .all(),
    ...attachmentsAndMessages(request.id),
    revisions: listRevisions(request.id),
  };
}

/**
 * The request's own files, and its messages each with the files that came with it: every file
 * is shown once, where it was sent.
 */
function attachmentsAndMessages(requestId: number) {
  const files = db
    .select({
      id: quoteAttachments.id,
      messageId: quoteAttachments.messageId,
      originalName: quoteAttachments.originalName,
      contentType: quoteAttachments.contentType,
      sizeBytes: quoteAttachments.sizeBytes,
    })
    .from(quoteAttachments)
    .where(eq(quoteAttachments.requestId, requestId))
    .orderBy(asc(quoteAttachments.id))
    .all();
  const messages = db
    .select({
      id: quoteMessages.id,
      author: quoteMessages.author,
      authorName: quoteMessages.authorName,
      body: quoteMessages.body,
      createdAt: quoteMessages.createdAt,
    })
    .from(quoteMessages)
    .where(eq(quoteMessages.requestId, requestId))
    .orderBy(asc(quoteMessages.id))
    .all();
  const fileOf = ({ messageId: _messageId, ...file }: (typeof files)[number]) => file;
  return {
    attachments: files.filter((file) => file.messageId === null).map(fileOf),
    messages: messages.map((message) => ({
      ...message,
      files: files.filter((file) => file.messageId === message.id).map(fileOf),
    })),
  };
}

/** A buyer may withdraw a request that has not been quoted yet; the change is recorded. */
/** `by`: who withdrew it, on a company's quote the signed-in person of the company (ADR 47); else the requester. */
export function withdrawQuoteRequest(token: string, by?: { email: string }) {
  return writeTransaction(() => {
    const request = getQuoteRequestByToken(token);
    if (!request) return false;
    const { from, to } = quoteMove("withdraw")!;
    const changed = db
      .update(quoteRequests)
      .set({ status: to, updatedAt: new Date().toISOString() })
      .where(and(eq(quoteRequests.id, request.id), inArray(quoteRequests.status, from)))
      .run().changes;
    if (changed !== 1) return false;
    // Withdrawn once quoted, the buyer declines the quote in force.
    const declined = request.revisions.at(-1)?.version;
    db.insert(quoteEvents)
      .values({
        requestId: request.id,
        status: to,
        actor: `buyer:${by?.email ?? request.email}`,
        ...(declined && { note: `v${declined} declined` }),
      })
      .run();
    const email = requestWithdrawnEmail(request, declined);
    db.insert(outboxEmails)
      .values(requestNewsRecipients(request.id, email.to).map((recipient) => ({ ...email, to: recipient })))
      .run();
    return true;
  });
}

export function canWithdraw(status: QuoteStatus) {
  return quoteAllows(status, "withdraw");
}

/**
 * The buyer writes to sales on the request, with files or without (already stored: see
 * `postWithFiles`); sales (the company's account owner, or the shared address, and the request's
 * owner) is told by e-mail (through the outbox), with the files' names. `by`: the company's person who
 * wrote it, named with the message.
 */
export function postBuyerMessage(
  token: string,
  body: string,
  files: StoredFile[] = [],
  by?: { name: string; email: string },
) {
  return writeTransaction(() => {
    const request = getQuoteRequestByToken(token);
    if (!request) return false;
    recordMessage(request.id, "buyer", body, files, by ? by.name || by.email : "");
    db.update(quoteRequests)
      .set({ buyerActivityAt: new Date().toISOString() })
      .where(eq(quoteRequests.id, request.id))
      .run();
    const email = buyerMessageEmail(
      { reference: request.reference, company: request.company, contactName: request.contactName },
      body,
      files.map((file) => file.originalName),
    );
    db.insert(outboxEmails)
      .values(requestNewsRecipients(request.id).map((to) => ({ ...email, to })))
      .run();
    return true;
  });
}

/** An attachment of the request behind `token`, or nothing: a wrong token finds no files. */
export function getQuoteAttachment(token: string, attachmentId: number) {
  const request = getQuoteRequestByToken(token);
  return request && getRequestAttachment(request.id, attachmentId);
}

export function getRequestAttachment(requestId: number, attachmentId: number) {
  if (!Number.isSafeInteger(attachmentId)) return undefined;
  return db
    .select()
    .from(quoteAttachments)
    .where(and(eq(quoteAttachments.id, attachmentId), eq(quoteAttachments.requestId, requestId)))
    .get();
}
