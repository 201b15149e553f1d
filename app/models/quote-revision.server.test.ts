import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails, products, quoteEvents, quoteRequests } from "../../db/schema";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { addProductToQuoteList } from "./quote-list.server";
import { getQuoteRequestById, getQuoteRequestByToken, submitQuoteRequest } from "./quote-request.server";
import { acceptRevision, daysLeft, diffRevisions, expireDueQuotes, postSalesMessage, requestChanges, sendRevision, type RevisionInput } from "./quote-revision.server";
import { createUser, type SessionUser } from "./user.server";

const buyer = { company: "Revision Co", contactName: "Rae", email: "rae@revision.example", phone: "", country: "Canada", deliveryLocation: "", incoterm: "" as const, neededBy: "", message: "" };

async function salesUser(): Promise<SessionUser> {
  const created = await createUser({ email: `sales-${createToken().slice(0, 8)}@ironaxis.test`, name: "Sam", role: "sales", password: "a-long-password" });
  if (!created.ok) throw new Error("user not created");
  const { id } = created;
  return { id, email: "sam@ironaxis.test", name: "Sam", role: "sales" };
}

function newRequest() {
  const product = db.select().from(products).limit(1).get()!;
  const { token } = addProductToQuoteList(undefined, product.id, 3) as { token: string };
  const submitted = submitQuoteRequest(token, { ...buyer, submissionKey: createToken() });
  if (!submitted.ok) throw new Error("request not submitted");
  return getQuoteRequestByToken(submitted.token)!;
}

const terms = (request: ReturnType<typeof newRequest>, unitPriceCents: number, validUntil = "2099-12-31"): RevisionInput => ({
  incoterm: "FCA",
  validUntil,
  paymentTerms: "card_or_invoice",
  notes: "",
  lines: request.lines.map((line) => ({ requestLineId: line.id, quantity: line.quantity, unitPriceCents, leadTimeWeeks: 6, included: "" })),
});

describe("quote revisions", () => {
  it("numbers revisions, keeps each as sent, and shows what changed", async () => {
    const user = await salesUser();
    const request = newRequest();
    expect(sendRevision(request.id, terms(request, 100_00), user)).toMatchObject({ ok: true, version: 1 });
    expect(sendRevision(request.id, { ...terms(request, 90_00), incoterm: "DAP" }, user)).toMatchObject({ ok: true, version: 2 });
    const [v1, v2] = getQuoteRequestById(request.id)!.revisions;
    expect([v1.totalCents, v2.totalCents]).toEqual([300_00, 270_00]);
    expect(v1.lines[0].unitPriceCents).toBe(100_00); // untouched by v2
    const changes = diffRevisions(v1, v2);
    expect(changes.map((c) => c.field)).toEqual([expect.stringMatching(/unit price$/), "Incoterm", "Total"]);
    expect(changes.find((c) => c.field === "Total")).toEqual({ field: "Total", from: "$300.00", to: "$270.00" });
  });

  it("carries the private link in every e-mail to the buyer, without keeping it readable in the database", async () => {
    const user = await salesUser();
    const product = db.select().from(products).limit(1).get()!;
    const { token: listToken } = addProductToQuoteList(undefined, product.id, 1) as { token: string };
    const email = `links-${createToken().slice(0, 8)}@revision.example`;
    const submitted = submitQuoteRequest(listToken, { ...buyer, email, submissionKey: createToken() });
    if (!submitted.ok) throw new Error("request not submitted");
    const request = getQuoteRequestByToken(submitted.token)!;
    sendRevision(request.id, terms(request, 100_00), user);
    expect(postSalesMessage(request.id, "We can ship from stock.", user)).toBe(true);
    const mails = db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all();
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining("We received"), expect.stringContaining("v1 is ready"), expect.stringContaining("replied")]);
    for (const mail of mails) {
      expect(mail.text).toContain(`/quotes/${submitted.token}`);
      expect(mail.html).toContain(`/quotes/${submitted.token}"`);
    }
    const row = db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!;
    expect(JSON.stringify(row)).not.toContain(submitted.token);

    // Sealed under another secret (a moved database), a later e-mail points back to the first.
    db.update(quoteRequests).set({ tokenSealed: row.tokenSealed!.replace(/^./, (c) => (c === "A" ? "B" : "A")) }).where(eq(quoteRequests.id, request.id)).run();
    expect(postSalesMessage(request.id, "Still here.", user)).toBe(true);
    const last = db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all().at(-1)!;
    expect(last.text).toContain("private link from our first e-mail");
    expect(last.text).not.toContain("/quotes/");
  });

  it("accepts only the current revision of an open quote, once", async () => {
    const user = await salesUser();
    const request = newRequest();
    sendRevision(request.id, terms(request, 100_00), user);
    expect(requestChanges(request.id, "Better price please")).toEqual({ ok: true });
    sendRevision(request.id, terms(request, 95_00), user);
    const [v1, v2] = getQuoteRequestById(request.id)!.revisions;
    expect(acceptRevision(request.id, v1.id)).toEqual({ ok: false, reason: "superseded" });
    expect(acceptRevision(request.id, v2.id)).toEqual({ ok: true });
    expect(acceptRevision(request.id, v2.id)).toEqual({ ok: false, reason: "not-open" });
    const accepted = getQuoteRequestById(request.id)!;
    expect(accepted.status).toBe("accepted");
    expect(accepted.acceptedRevisionId).toBe(v2.id);
    expect(accepted.events.map((e) => e.status)).toEqual(["received", "quoted", "changes_requested", "quoted", "accepted"]);
    // Sales can no longer send a revision for an accepted quote.
    expect(sendRevision(request.id, terms(request, 1), user)).toEqual({ ok: false, reason: "closed" });
  });

  it("expires open quotes the day after their last valid day, and they cannot be accepted", async () => {
    const user = await salesUser();
    const request = newRequest();
    sendRevision(request.id, terms(request, 100_00, "2030-06-15"), user);
    const [v1] = getQuoteRequestById(request.id)!.revisions;
    expect(daysLeft("2030-06-15", new Date("2030-06-15T23:59:00Z"))).toBe(0);
    expect(expireDueQuotes(new Date("2030-06-15T23:59:00Z"))).toBe(0);
    expect(acceptRevision(request.id, v1.id, new Date("2030-06-16T00:00:01Z"))).toEqual({ ok: false, reason: "expired" });
    const row = db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!;
    expect(row.status).toBe("expired");
    const events = db.select().from(quoteEvents).where(eq(quoteEvents.requestId, request.id)).all();
    expect(events.at(-1)).toMatchObject({ status: "expired", actor: "system" });
    expect(expireDueQuotes(new Date("2030-06-17T00:00:00Z"))).toBe(0); // once
    // Sales may quote again after expiry.
    expect(sendRevision(request.id, terms(request, 100_00, "2099-01-01"), user)).toMatchObject({ ok: true, version: 2 });
  });

  it("writes nothing for lines that are not the request's", async () => {
    const user = await salesUser();
    const request = newRequest();
    const before = db.select().from(outboxEmails).all().length;
    const bad = { ...terms(request, 100), lines: [{ requestLineId: 999_999, quantity: 1, unitPriceCents: 1, leadTimeWeeks: 1, included: "" }] };
    expect(sendRevision(request.id, bad, user)).toEqual({ ok: false, reason: "lines" });
    expect(getQuoteRequestById(request.id)!.revisions).toEqual([]);
    expect(db.select().from(outboxEmails).all().length).toBe(before);
  });
});
