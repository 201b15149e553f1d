import { and, eq, isNull } from "drizzle-orm";
import { outboxEmails, quoteApprovalRules, quoteDrafts, quoteRequests, users } from "~db/schema";
import type { SessionUser } from "~/admin/user.server";
import { db, writeTransaction } from "~/lib/db.server";
import { approvalAllows, approvalReasons, nextApproval, type ApprovalRules } from "./quote-approval";
import { approvalDecidedEmail, approvalNeededEmail } from "./quote-emails.server";
import { recordApprovalEvent } from "./quote-draft.server";
import { quoteAllows } from "./quote-lifecycle";
import { pricedLinesOf, revisionForm } from "./quote-revision-schema";
import { nextVersionOf, sendRevision, todayUtc, type RevisionInput } from "./quote-revision.server";

import { cardPaymentAvailable } from "~/orders/stripe.server";
/** Until an admin sets them: a discount above 10% of the goods, or a margin under 15%, needs approval. */
export const DEFAULT_APPROVAL_RULES: ApprovalRules = { maxDiscountBp: 1000, minMarginBp: 1500 };

/** The rules in force, with who last set them and when (nobody: the defaults). */
export function getApprovalRules() {
  const row = db
    .select({
      maxDiscountBp: quoteApprovalRules.maxDiscountBp,
      minMarginBp: quoteApprovalRules.minMarginBp,
      updatedAt: quoteApprovalRules.updatedAt,
      updatedBy: users.name,
    })
    .from(quoteApprovalRules)
    .leftJoin(users, eq(users.id, quoteApprovalRules.updatedBy))
    .where(eq(quoteApprovalRules.id, 1))
    .get();
  return row ?? { ...DEFAULT_APPROVAL_RULES, updatedAt: null, updatedBy: null };
}

export function setApprovalRules(rules: ApprovalRules, user: SessionUser) {
  const row = { ...rules, updatedBy: user.id, updatedAt: new Date().toISOString() };
  writeTransaction(() =>
    db
      .insert(quoteApprovalRules)
      .values({ id: 1, ...row })
      .onConflictDoUpdate({ target: quoteApprovalRules.id, set: row })
      .run(),
  );
}

/** Whom approvals go to: every admin who may sign in. */
export const activeAdmins = () =>
  db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .all()
    .map((admin) => admin.email);

/** Why the revision as typed needs an admin's approval under the rules in force; empty when it does not. */
export function revisionApprovalReasons(input: RevisionInput) {
  const added = input.added ?? [];
  const costs = Object.fromEntries(
    [...input.lines, ...added].map((line, position) => [position, line.costCents] as const),
  );
  return approvalReasons(pricedLinesOf({ lines: input.lines, added }), costs, getApprovalRules());
}

/**
 * Sales sends a revision: it goes to the buyer, unless the rules hold it for an admin's approval
 * (admins' own revisions are not held). Held, it is kept as the request's draft, waiting; every
 * active admin is e-mailed, and the request's timeline says why. `fields` are the form as typed.
 */
export function submitRevision(
  requestId: number,
  input: RevisionInput,
  fields: Record<string, string>,
  user: SessionUser,
) {
  const reasons = user.role === "admin" ? [] : revisionApprovalReasons(input);
  if (!reasons.length) return sendRevision(requestId, input, user);
  return writeTransaction(() => {
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request) return { ok: false as const, reason: "not-found" as const };
    if (!quoteAllows(request.status, "send_revision")) return { ok: false as const, reason: "closed" as const };
    const draft = db
      .select({ approval: quoteDrafts.approval })
      .from(quoteDrafts)
      .where(eq(quoteDrafts.requestId, requestId))
      .get();
    const approval = nextApproval(draft?.approval ?? null, "ask")!;
    const held = {
      fields,
      savedBy: user.id,
      savedAt: new Date().toISOString(),
      approval,
      approvalReasons: reasons.join("\n"),
      approvalNote: "",
      approvalAskedBy: user.id,
    };
    db.insert(quoteDrafts)
      .values({ requestId, ...held })
      .onConflictDoUpdate({ target: quoteDrafts.requestId, set: held })
      .run();
    const version = nextVersionOf(requestId);
    recordApprovalEvent(requestId, {
      status: request.status,
      user,
      note: `v${version} waits for an admin's approval: ${reasons.join("; ")}`,
    });
    const admins = activeAdmins();
    if (admins.length)
      db.insert(outboxEmails)
        .values(admins.map((to) => approvalNeededEmail(request, { version, reasons, askedBy: user.name }, to)))
        .run();
    return { ok: false as const, reason: "approval" as const, reasons };
  });
}

/** The request's draft as an admin decides on it, and the sales user who asked. */
function draftAsked(requestId: number) {
  return db
    .select({
      fields: quoteDrafts.fields,
      savedAt: quoteDrafts.savedAt,
      approval: quoteDrafts.approval,
      asker: { id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt },
    })
    .from(quoteDrafts)
    .leftJoin(users, eq(users.id, quoteDrafts.approvalAskedBy))
    .where(eq(quoteDrafts.requestId, requestId))
    .get();
}

type Decision = { ok: true } | { ok: false; reason: "changed" | "closed" | "invalid"; message: string };

const CHANGED = "The draft has changed or been decided since you opened it: reload the page to see it.";

/**
 * An admin approves the draft waiting for approval, as it was when their page showed it
 * (`savedAt`): it goes to the buyer as a revision sent by the sales user who asked, checked
 * again by the form's rules (its dates may have passed since).
 */
export function approveDraft(
  request: { id: number; lines: { id: number }[] },
  savedAt: string,
  admin: SessionUser,
): Extract<Decision, { ok: false }> | Extract<ReturnType<typeof sendRevision>, { ok: true }> {
  const draft = draftAsked(request.id);
  if (!draft || draft.savedAt !== savedAt || !approvalAllows(draft.approval, "approve"))
    return { ok: false, reason: "changed", message: CHANGED };
  const parsed = revisionForm(
    request.lines.map((line) => line.id),
    todayUtc(),
    cardPaymentAvailable(),
  ).safeParse({ ...draft.fields, intent: "send-revision" });
  if (!parsed.success)
    return {
      ok: false,
      reason: "invalid",
      message: `The draft no longer passes as a revision (${parsed.error.issues[0].message}): decline it so sales can change it.`,
    };
  const asker = draft.asker && !draft.asker.disabledAt ? draft.asker : admin;
  const sent = sendRevision(request.id, parsed.data.revision, asker, { approvedBy: admin, draftSavedAt: savedAt });
  if (sent.ok) return sent;
  return sent.reason === "draft-changed"
    ? { ok: false, reason: "changed", message: CHANGED }
    : { ok: false, reason: "closed", message: "This request can no longer be quoted." };
}

/** An admin sends the waiting draft back to sales with a reason; the sales user who asked is e-mailed. */
export function declineDraft(requestId: number, savedAt: string, note: string, admin: SessionUser): Decision {
  return writeTransaction(() => {
    const draft = draftAsked(requestId);
    const request = db.select().from(quoteRequests).where(eq(quoteRequests.id, requestId)).get();
    if (!request || !draft || draft.savedAt !== savedAt || !approvalAllows(draft.approval, "decline"))
      return { ok: false, reason: "changed", message: CHANGED };
    db.update(quoteDrafts)
      .set({ approval: nextApproval(draft.approval, "decline"), approvalNote: note })
      .where(eq(quoteDrafts.requestId, requestId))
      .run();
    const version = nextVersionOf(requestId);
    recordApprovalEvent(requestId, { status: request.status, user: admin, note: `v${version} declined: ${note}` });
    if (draft.asker)
      db.insert(outboxEmails)
        .values(approvalDecidedEmail(request, { version, approved: false, by: admin.name, note }, draft.asker.email))
        .run();
    return { ok: true };
  });
}
