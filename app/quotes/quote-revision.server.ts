import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, sql } from "drizzle-orm";
import {
  outboxEmails,
  quoteEvents,
  quoteMessages,
  quoteRequestLines,
  quoteRequests,
  quoteRevisionLines,
  quoteRevisions,
  type PaymentTerms,
} from "~db/schema";
import { db, sqlite, writeTransaction } from "~/lib/db.server";
import { formatMoney } from "~/lib/money";
import { addedField, incotermText, PAYMENT_TERMS_TEXT } from "./quote-terms";
import { findProductByPartNumber } from "~/catalog/product.server";
import { discardQuoteDraft, draftWaitsAsSeen, recordApprovalEvent } from "./quote-draft.server";
import { approvalDecidedEmail, buyerDecisionEmail, quoteDeclinedEmail, quoteSentEmail } from "./quote-emails.server";
import { nextQuoteStatus, quoteAllows, quoteMove, type QuoteFacts, type QuoteStatus } from "./quote-lifecycle";
import { cancelUnpaidQuoteOrders, hasCommittedOrder } from "~/orders/order.server";
import { statusUrlOf } from "./quote-link.server";
import { requestNewsRecipients } from "./quote-owner.server";
import type { SessionUser } from "~/admin/user.server";
import { plural } from "~/lib/plural";
import { breaksText, configure, percentText, type LineKind, type PriceBreak } from "./quote-pricing";
import { pricedLinesOf } from "./quote-revision-schema";

export type Revision = typeof quoteRevisions.$inferSelect & {
  lines: Omit<typeof quoteRevisionLines.$inferSelect, "costCents">[];
};

type RevisionLineInput = {
  quantity: number;
  unitPriceCents: number;
  leadTimeWeeks: number;
  included: string;
  /** Sales' unit cost, for the margin; null when not given. */
  costCents: number | null;
  priceBreaks: PriceBreak[];
  optional: boolean;
};

export type RevisionInput = {
  incoterm: string;
  incotermPlace: string;
  validUntil: string;
  paymentTerms: PaymentTerms;
  notes: string;
  lines: (RevisionLineInput & {
    requestLineId: number;
    /** Why the line is not quoted (its quantity 0), or empty. */
    notQuotedReason: string;
  })[];
  /** Lines sales adds: a catalog product by part number, or a line of its own by its description. */
  added?: (RevisionLineInput & {
    /** The form row it was typed in, for a message at its field. */
    slot: number;
    kind: LineKind;
    partNumber: string;
    name: string;
    /** A discount's percentage of the goods in basis points, or null. */
    percentBp: number | null;
    /** The line it is an alternative to (`alternativeRef`), or empty. */
    alternativeTo: string;
    taxable: boolean;
  })[];
};

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

export function canSendRevision(status: QuoteStatus) {
  return quoteAllows(status, "send_revision");
}

/**
 * The revision a URL asks for with `?version=N`, or the current one without it; undefined for a
 * version the request does not have (or one that is not a whole number).
 */
export function revisionAsked<R extends { version: number }>(revisions: R[], url: URL) {
  const asked = url.searchParams.get("version");
  if (asked === null) return revisions.at(-1);
  return /^[1-9]\d{0,5}$/.test(asked) ? revisions.find((revision) => revision.version === Number(asked)) : undefined;
}

/** A revision line's columns but sales' cost: what buyer pages, documents and e-mails are made from. */
const { costCents: _cost, ...SHOWN_LINE_COLUMNS } = getTableColumns(quoteRevisionLines);

/** The lines of some revisions in order, without sales' cost. */
export function linesOfRevisions(revisionIds: number[]) {
  return db
    .select(SHOWN_LINE_COLUMNS)
    .from(quoteRevisionLines)
    .where(inArray(quoteRevisionLines.revisionId, revisionIds))
    .orderBy(asc(quoteRevisionLines.revisionId), asc(quoteRevisionLines.position))
    .all();
}

/** Every revision of a request with its lines, oldest first: two queries, not one per revision. */
export function listRevisions(requestId: number): Revision[] {
  const revisions = db
    .select()
    .from(quoteRevisions)
    .where(eq(quoteRevisions.requestId, requestId))
    .orderBy(asc(quoteRevisions.version))
    .all();
  if (!revisions.length) return [];
  const lines = linesOfRevisions(revisions.map((r) => r.id));
  return revisions.map((revision) => ({ ...revision, lines: lines.filter((line) => line.revisionId === revision.id) }));
}

/** Sales' unit cost of each priced line of a request that has one, by line id: for the margin on sales' page only. */
export function revisionCosts(requestId: number): Record<number, number> {
  const rows = db
    .select({ id: quoteRevisionLines.id, costCents: quoteRevisionLines.costCents })
    .from(quoteRevisionLines)
    .innerJoin(quoteRevisions, eq(quoteRevisions.id, quoteRevisionLines.revisionId))
    .where(and(eq(quoteRevisions.requestId, requestId), isNotNull(quoteRevisionLines.costCents)))
    .all();
  return Object.fromEntries(rows.map((row) => [row.id, row.costCents!]));
}

/** The version the request's next revision will have: 1, then one more than the last sent. */
export function nextVersionOf(requestId: number) {
  const { last } = db
    .select({ last: sql<number>`coalesce(max(${quoteRevisions.version}), 0)` })
    .from(quoteRevisions)
    .where(eq(quoteRevisions.requestId, requestId))
    .get()!;
  return last + 1;
}

/**
 * Sends the next revision (v1, v2, …) of a request: the priced lines frozen beside the request's
 * lines, the request moved to `quoted`, the event and the buyer's e-mail, all in one transaction.
 * Sent revisions are never updated: a change is a new revision.
 */
export function sendRevision(
  requestId: number,
  input: RevisionInput,
  user: SessionUser,
  approval?: { approvedBy: SessionUser; draftSavedAt: string },
) {
  return writeTransaction(() => {
    expireDueQuotes();
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request) return { ok: false as const, reason: "not-found" as const };
    if (!canSendRevision(request.status)) return { ok: false as const, reason: "closed" as const };
    // An approval is of the draft as the admin saw it: one changed or decided since is not sent.
    if (approval && !draftWaitsAsSeen(requestId, approval.draftSavedAt))
      return { ok: false as const, reason: "draft-changed" as const };
    const requestLines = db.select().from(quoteRequestLines).where(eq(quoteRequestLines.requestId, requestId)).all();
    const byId = new Map(requestLines.map((line) => [line.id, line]));
    if (input.lines.length === 0 || input.lines.some((line) => !byId.has(line.requestLineId))) {
      return { ok: false as const, reason: "lines" as const };
    }
    // Each added line names a catalog product by its part number, or is a free line.
    const added = [];
    for (const line of input.added ?? []) {
      const product = line.partNumber ? findProductByPartNumber(line.partNumber) : undefined;
      if (line.partNumber && !product)
        return {
          ok: false as const,
          reason: "part" as const,
          field: addedField(line.slot, "part"),
          message: `No catalog product has the part number ${line.partNumber}: leave it empty and describe a line of your own`,
        };
      added.push({
        ...line,
        productId: product?.id ?? null,
        partNumber: product?.partNumber ?? null,
        name: product?.name ?? line.name,
      });
    }
    const version = nextVersionOf(requestId);
    const priced = pricedLinesOf({ lines: input.lines, added: input.added ?? [] });
    const { totalCents } = configure(priced);
    const revision = db
      .insert(quoteRevisions)
      .values({
        requestId,
        version,
        incoterm: input.incoterm,
        incotermPlace: input.incotermPlace,
        validUntil: input.validUntil,
        paymentTerms: input.paymentTerms,
        notes: input.notes,
        totalCents,
        sentBy: user.id,
      })
      .returning()
      .get();
    const choices = (line: RevisionLineInput, position: number) => ({
      revisionId: revision.id,
      position,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      leadTimeWeeks: line.leadTimeWeeks,
      included: line.included,
      costCents: line.costCents,
      priceBreaks: line.priceBreaks,
      optional: line.optional,
      alternativeOf: priced[position].alternativeOf,
    });
    db.insert(quoteRevisionLines)
      .values([
        ...input.lines.map((line, position) => {
          const asked = byId.get(line.requestLineId)!;
          return {
            ...choices(line, position),
            requestLineId: asked.id,
            productId: asked.productId,
            partNumber: asked.partNumber,
            name: asked.name,
            notQuotedReason: line.notQuotedReason,
          };
        }),
        ...added.map((line, i) => ({
          ...choices(line, input.lines.length + i),
          requestLineId: null,
          productId: line.productId,
          partNumber: line.partNumber,
          name: line.name,
          kind: line.kind,
          percentBp: line.percentBp,
          taxable: line.taxable,
        })),
      ])
      .run();
    discardQuoteDraft(requestId);
    const now = new Date().toISOString();
    const status = nextQuoteStatus(request.status, "send_revision")!;
    const staleSessions = cancelUnpaidQuoteOrders(requestId, "supersede", `sales:${user.email}`);
    db.update(quoteRequests)
      .set({
        status,
        acceptedRevisionId: null,
        updatedAt: now,
        firstRespondedAt: request.firstRespondedAt ?? now,
        salesSeenAt: now,
      })
      .where(eq(quoteRequests.id, requestId))
      .run();
    db.insert(quoteEvents)
      .values({
        requestId,
        status,
        actor: `sales:${user.email}`,
        note: `v${version} sent, total ${formatMoney(totalCents)}`,
      })
      .run();
    db.insert(outboxEmails)
      .values(quoteSentEmail(request, revision, statusUrlOf(request)))
      .run();
    if (approval) {
      recordApprovalEvent(requestId, { status, user: approval.approvedBy, note: `v${version} approved and sent` });
      if (user.id !== approval.approvedBy.id)
        db.insert(outboxEmails)
          .values(approvalDecidedEmail(request, { version, approved: true, by: approval.approvedBy.name }, user.email))
          .run();
    }
    return { ok: true as const, version, staleSessions };
  });
}

/**
 * Sales declines a request that is still open (not accepted, expired or closed): the event with
 * the reason, and the buyer's e-mail with the reason and their private link, in one transaction.
 */
export function declineRequest(requestId: number, reason: string, user: SessionUser) {
  return writeTransaction(() => {
    expireDueQuotes();
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request) return false;
    const { from, to } = quoteMove("decline")!;
    const changed = db
      .update(quoteRequests)
      .set({ status: to, updatedAt: new Date().toISOString() })
      .where(and(eq(quoteRequests.id, requestId), inArray(quoteRequests.status, from)))
      .run().changes;
    if (changed !== 1) return false;
    db.insert(quoteEvents)
      .values({ requestId, status: to, actor: `sales:${user.email}`, note: reason })
      .run();
    db.insert(outboxEmails)
      .values(quoteDeclinedEmail(request, reason, statusUrlOf(request)))
      .run();
    return true;
  });
}

type Decision = { ok: true; staleSessions: string[] } | { ok: false; reason: "not-open" };

/**
 * The buyer asks for changes to the current revision while it is valid (also after accepting it,
 * until an order is paid or invoiced): a message in the thread, and the status says so. An
 * acceptance is withdrawn with its unpaid order (cancelled, so it can be neither paid nor approved
 * while the quote changes). Returns the order's checkout sessions to expire at Stripe.
 */
export function requestChanges(
  requestId: number,
  body: string,
  now = new Date(),
  /** Who asked: on a company's quote, the signed-in person of the company (ADR 47); else the requester. */
  by?: { email: string },
): Decision {
  return writeTransaction(() => {
    expireDueQuotes(now);
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    const current = currentRevision(requestId);
    if (
      !request ||
      !current ||
      !quoteAllows(request.status, "request_changes", quoteFacts(requestId, current.validUntil, now))
    )
      return { ok: false, reason: "not-open" };
    const at = now.toISOString();
    const status = nextQuoteStatus(request.status, "request_changes")!;
    db.insert(quoteMessages).values({ requestId, author: "buyer", body }).run();
    db.update(quoteRequests)
      .set({ status, acceptedRevisionId: null, updatedAt: at, buyerActivityAt: at })
      .where(eq(quoteRequests.id, requestId))
      .run();
    const actor = `buyer:${by?.email ?? request.email}`;
    const staleSessions = cancelUnpaidQuoteOrders(requestId, "request_changes", actor);
    db.insert(quoteEvents)
      .values({ requestId, status, actor, note: `on v${current.version}` })
      .run();
    const email = buyerDecisionEmail(request, { version: current.version, accepted: false, body });
    db.insert(outboxEmails)
      .values(requestNewsRecipients(requestId, email.to).map((to) => ({ ...email, to })))
      .run();
    return { ok: true, staleSessions };
  });
}

/**
 * What the quote lifecycle needs to know of a request beyond its status, at `now`: the current
 * revision's last valid day, and whether the buyer has committed money to an order.
 */
export function quoteFacts(requestId: number, validUntil: string | undefined, now = new Date()): QuoteFacts {
  return { today: todayUtc(now), validUntil, committedOrder: hasCommittedOrder(requestId) };
}

function currentRevision(requestId: number) {
  return db
    .select()
    .from(quoteRevisions)
    .where(eq(quoteRevisions.requestId, requestId))
    .orderBy(desc(quoteRevisions.version))
    .limit(1)
    .get();
}

/** The moment a quote valid until `validUntil` (a UTC date) stops being valid: the next day's start, UTC. */
export function validityEnd(validUntil: string) {
  return new Date(Date.parse(`${validUntil}T00:00:00Z`) + 86_400_000).toISOString();
}

/**
 * The last valid day of a request's current revision, in SQL. The names are spelled out: drizzle
 * leaves table names off columns in a one-table select list, which would make `request_id = id`
 * compare the revision with itself.
 */
const currentValidity = sql<string>`(select latest.valid_until from ${quoteRevisions} latest where latest.request_id = ${quoteRequests}."id" order by latest.version desc limit 1)`;

/** `expiredByDate` in SQL: a request's status as it stands at `now`, for lists and counts that read. */
export function derivedStatusSql(now = new Date()) {
  const { from, to } = quoteMove("expire")!;
  const expirable = sql.join(
    from.map((status) => sql`${status}`),
    sql`, `,
  );
  return sql<QuoteStatus>`(case when ${quoteRequests.status} in (${expirable}) and ${currentValidity} < ${todayUtc(now)} then ${to} else ${quoteRequests.status} end)`;
}

/** Whether a request in `status` whose current revision is valid until `validUntil` has expired by `now`. */
export function expiredByDate(status: QuoteStatus, validUntil: string | undefined, now = new Date()) {
  return quoteAllows(status, "expire", { today: todayUtc(now), validUntil });
}

/**
 * A request as it stands at `now`: one whose validity has passed shows as expired, with the
 * event `expireDueQuotes` will record (same time, same words), before the timer has run.
 * Reads use this and write nothing.
 */
export function withDerivedExpiry<
  T extends {
    id: number;
    status: QuoteStatus;
    revisions: { validUntil: string }[];
    events: (typeof quoteEvents.$inferSelect)[];
  },
>(request: T, now = new Date()): T {
  const validUntil = request.revisions.at(-1)?.validUntil;
  if (!expiredByDate(request.status, validUntil, now)) return request;
  const status = nextQuoteStatus(request.status, "expire")!;
  const event = {
    id: -1,
    requestId: request.id,
    kind: "status" as const,
    status,
    actor: "system",
    note: EXPIRY_NOTE,
    createdAt: validityEnd(validUntil!),
  };
  return { ...request, status, events: [...request.events, event] };
}

const EXPIRY_NOTE = "validity ended";

/**
 * Open quotes whose current revision's last valid day has passed become `expired`, each with
 * its event, dated when the validity ended. Runs on a timer and at the start of the write paths
 * that depend on a quote's status; pages derive the same state (`withDerivedExpiry`) without writing.
 */
export function expireDueQuotes(now = new Date()) {
  const today = todayUtc(now);
  const { from, to } = quoteMove("expire")!;
  const due = db
    .select({ id: quoteRequests.id, validUntil: currentValidity })
    .from(quoteRequests)
    .where(and(inArray(quoteRequests.status, from), sql`${currentValidity} < ${today}`))
    .all();
  if (!due.length) return 0;
  const run = () => {
    const validity = new Map(due.map((row) => [row.id, row.validUntil]));
    const changed = db
      .update(quoteRequests)
      .set({ status: to, updatedAt: now.toISOString() })
      .where(and(inArray(quoteRequests.id, [...validity.keys()]), inArray(quoteRequests.status, from)))
      .returning({ id: quoteRequests.id })
      .all();
    if (changed.length) {
      db.insert(quoteEvents)
        .values(
          changed.map(({ id }) => ({
            requestId: id,
            status: to,
            actor: "system",
            note: EXPIRY_NOTE,
            createdAt: validityEnd(validity.get(id)!),
          })),
        )
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
  // A requested line by its request line; one sales added by its product, or its description.
  const key = (line: Revision["lines"][number]) =>
    line.requestLineId !== null ? `requested:${line.requestLineId}` : `added:${line.productId ?? line.name}`;
  const before = new Map(previous.lines.map((line) => [key(line), line]));
  /** A line in a few words: "2 × $1,200.00", or "not quoted (reason)". */
  const summary = (line: Revision["lines"][number]) =>
    line.quantity === 0
      ? `not quoted (${line.notQuotedReason})`
      : line.kind === "discount"
        ? `${line.percentBp !== null ? percentText(line.percentBp) : formatMoney(line.unitPriceCents)} off the goods`
        : `${line.quantity} × ${formatMoney(line.unitPriceCents)}`;
  const choice = (line: Revision["lines"][number]) =>
    [line.optional ? "optional" : "", line.alternativeOf !== null ? "an alternative" : ""].filter(Boolean).join(", ") ||
    "—";
  for (const line of current.lines) {
    const old = before.get(key(line));
    const label = line.partNumber ? `${line.name} (${line.partNumber})` : line.name;
    before.delete(key(line));
    // A line quoted in one revision and not in the other changed as a whole.
    if (!old || old.quantity === 0 || line.quantity === 0) {
      compare(label, old ? summary(old) : "not quoted", summary(line));
      continue;
    }
    if (line.kind === "discount" || old.kind === "discount") {
      compare(label, summary(old), summary(line));
      continue;
    }
    compare(`${label}: quantity`, String(old.quantity), String(line.quantity));
    compare(`${label}: unit price`, formatMoney(old.unitPriceCents), formatMoney(line.unitPriceCents));
    compare(
      `${label}: price breaks`,
      breaksText(old.priceBreaks, formatMoney) || "—",
      breaksText(line.priceBreaks, formatMoney) || "—",
    );
    compare(`${label}: choice`, choice(old), choice(line));
    compare(`${label}: lead time`, plural(old.leadTimeWeeks, "week"), plural(line.leadTimeWeeks, "week"));
    compare(`${label}: included`, old.included || "—", line.included || "—");
    if (line.kind === "charge" || old.kind === "charge")
      compare(`${label}: taxable`, old.taxable ? "yes" : "no", line.taxable ? "yes" : "no");
  }
  for (const old of before.values()) changes.push({ field: old.name, from: summary(old), to: "removed" });
  compare("Incoterm", incotermText(previous), incotermText(current));
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
