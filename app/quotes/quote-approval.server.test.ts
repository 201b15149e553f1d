import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails, quoteEvents, quoteReminders } from "~db/schema";
import { db } from "~/lib/db.server";
import { makeQuoteRequest, makeSalesUser, revisionTerms, uniqueEmail } from "../../tests/support/factories";
import {
  approveDraft,
  declineDraft,
  getApprovalRules,
  setApprovalRules,
  submitRevision,
} from "./quote-approval.server";
import { getQuoteDraft, saveQuoteDraft } from "./quote-draft.server";
import { sendDueQuoteReminders } from "./quote-reminders.server";
import { getQuoteRequestByToken } from "./quote-request.server";
import { listInbox } from "./quote-inbox.server";
import { todayUtc } from "./quote-revision.server";

let ip = 0;
/** A request, and v1 priced at $1,000 a unit with a cost of $900 (a 10% margin): under the 15% rule. */
async function heldRevision() {
  const sales = await makeSalesUser("Sam");
  const admin = await makeSalesUser("Ada", "admin");
  const made = makeQuoteRequest({ buyer: { email: uniqueEmail("buyer") }, clientIp: `10.66.0.${++ip}` });
  const validUntil = todayUtc(new Date(Date.now() + 30 * 86_400_000));
  const input = revisionTerms(made.request, { unitPriceCents: 1_000_00, costCents: 900_00, validUntil });
  const fields = {
    incoterm: "FCA",
    incotermPlace: "Houston, TX",
    validUntil: input.validUntil,
    paymentTerms: "card_or_invoice",
  };
  for (const line of made.request.lines)
    Object.assign(fields, {
      [`line-${line.id}-qty`]: String(line.quantity),
      [`line-${line.id}-price`]: "1,000.00",
      [`line-${line.id}-weeks`]: "6",
      [`line-${line.id}-cost`]: "900",
    });
  return { ...made, sales, admin, input, fields };
}
const mailTo = (to: string) => db.select().from(outboxEmails).where(eq(outboxEmails.to, to)).all();
const approvalEvents = (requestId: number) =>
  db
    .select({ note: quoteEvents.note })
    .from(quoteEvents)
    .where(and(eq(quoteEvents.requestId, requestId), eq(quoteEvents.kind, "approval")))
    .all()
    .map((event) => event.note);

describe("a revision the rules hold", () => {
  it("waits for an admin, who approves it: it goes to the buyer as the sales user's, and sales is told", async () => {
    const { request, token, sales, admin, input, fields } = await heldRevision();
    expect(submitRevision(request.id, input, fields, sales)).toEqual({
      ok: false,
      reason: "approval",
      reasons: ["Margin 10% is under the 15% required"],
    });
    expect(getQuoteRequestByToken(token)!.revisions).toEqual([]);
    const draft = getQuoteDraft(request.id)!;
    expect(draft).toMatchObject({ approval: "pending", fields });
    const awaiting = () =>
      listInbox({ view: "approval", q: request.reference, page: 1 }).rows.map((row) => [row.reference, row.approval]);
    expect(awaiting()).toEqual([[request.reference, "pending"]]);
    expect(mailTo(admin.email).map((mail) => mail.subject)).toEqual([
      `Approval needed: ${request.reference} v1 for ${request.company}`,
    ]);
    // The buyer's page reads status events only: the ask is sales' own.
    expect(
      getQuoteRequestByToken(token)!
        .events.map((event) => event.note)
        .join(),
    ).not.toContain("approval");

    // An admin's view of an older draft is refused; a draft that no longer passes is said so.
    expect(approveDraft(request, "2000-01-01T00:00:00.000Z", admin)).toMatchObject({ ok: false, reason: "changed" });
    expect(
      approveDraft({ ...request, lines: [...request.lines, { id: 999_999 }] }, draft.savedAt, admin),
    ).toMatchObject({
      ok: false,
      reason: "invalid",
      message: expect.stringContaining("decline it so sales can change it"),
    });
    expect(approveDraft(request, draft.savedAt, admin)).toMatchObject({ ok: true, version: 1 });
    const [v1] = getQuoteRequestByToken(token)!.revisions;
    expect(v1.sentBy).toBe(sales.id);
    expect(getQuoteDraft(request.id)).toBeUndefined();
    expect(awaiting()).toEqual([]);
    expect(mailTo(sales.email).map((mail) => mail.subject)).toEqual([`${request.reference} v1 approved and sent`]);
    expect(approvalEvents(request.id)).toEqual([
      "v1 waits for an admin's approval: Margin 10% is under the 15% required",
      "v1 approved and sent",
    ]);
    // Approving twice (a double click) sends nothing more.
    expect(approveDraft(request, draft.savedAt, admin)).toMatchObject({ ok: false, reason: "changed" });
    expect(getQuoteRequestByToken(token)!.revisions).toHaveLength(1);
  });

  it("is declined with a reason for sales; changed, it is no longer asked about; an admin's own is not held", async () => {
    const { request, token, sales, admin, input, fields } = await heldRevision();
    submitRevision(request.id, input, fields, sales);
    const { savedAt } = getQuoteDraft(request.id)!;
    expect(declineDraft(request.id, savedAt, "Hold the price at 20% margin", admin)).toEqual({ ok: true });
    expect(getQuoteDraft(request.id)).toMatchObject({
      approval: "declined",
      approvalNote: "Hold the price at 20% margin",
    });
    expect(mailTo(sales.email).at(-1)).toMatchObject({ subject: `${request.reference} v1 declined` });
    expect(mailTo(sales.email).at(-1)!.text).toContain("Why: Hold the price at 20% margin");
    expect(declineDraft(request.id, savedAt, "again", admin)).toMatchObject({ ok: false, reason: "changed" });

    // Asked again, then edited: the ask is withdrawn and an approval finds nothing to approve.
    submitRevision(request.id, input, fields, sales);
    const asked = getQuoteDraft(request.id)!;
    expect(asked.approval).toBe("pending");
    expect(saveQuoteDraft(request.id, { ...fields, notes: "changed" }, sales)).toBe(true);
    expect(getQuoteDraft(request.id)!.approval).toBeNull();
    expect(approveDraft(request, asked.savedAt, admin)).toMatchObject({ ok: false, reason: "changed" });
    expect(approvalEvents(request.id).at(-1)).toBe("approval no longer asked: the draft changed");

    expect(submitRevision(request.id, input, fields, admin)).toMatchObject({ ok: true, version: 1 });
    expect(getQuoteRequestByToken(token)!.revisions).toHaveLength(1);
  });

  it("follows the rules an admin sets, and reminds the admins once when it has waited 4 hours", async () => {
    const { request, sales, admin, input, fields } = await heldRevision();
    const before = getApprovalRules();
    try {
      setApprovalRules({ maxDiscountBp: 1000, minMarginBp: 500 }, admin);
      expect(getApprovalRules()).toMatchObject({ minMarginBp: 500, updatedBy: admin.name });
      // A 10% margin passes a 5% rule: sent at once.
      expect(submitRevision(request.id, input, fields, sales)).toMatchObject({ ok: true, version: 1 });
      setApprovalRules({ maxDiscountBp: 1000, minMarginBp: 2000 }, admin);
      expect(submitRevision(request.id, input, fields, sales)).toMatchObject({ ok: false, reason: "approval" });
    } finally {
      setApprovalRules(before, admin);
    }
    const reminded = () =>
      mailTo(admin.email).filter(
        (mail) => mail.subject === `Waiting for an answer: ${request.reference} from ${request.company}`,
      );
    sendDueQuoteReminders(new Date(Date.now() + 3 * 3_600_000));
    expect(reminded()).toHaveLength(0);
    sendDueQuoteReminders(new Date(Date.now() + 5 * 3_600_000));
    sendDueQuoteReminders(new Date(Date.now() + 6 * 3_600_000));
    expect(reminded()).toHaveLength(1);
    expect(reminded()[0].text).toContain("A revision waiting for an admin's approval");
    expect(
      db
        .select()
        .from(quoteReminders)
        .where(eq(quoteReminders.kind, "approval_waiting"))
        .all()
        .filter((r) => r.requestId === request.id),
    ).toHaveLength(1);
  });
});
