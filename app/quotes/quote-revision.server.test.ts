import { eq } from "drizzle-orm";
import { postSalesMessage } from "./quote-messages.server";
import { describe, expect, it } from "vitest";
import { outboxEmails, quoteEvents, quoteRequests } from "~db/schema";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { getQuoteRequestById, getQuoteRequestByToken } from "./quote-request.server";
import { acceptQuoteWithOrder } from "./quote-order.server";
import {
  daysLeft,
  declineRequest,
  diffRevisions,
  expiredByDate,
  expireDueQuotes,
  requestChanges,
  sendRevision,
  withDerivedExpiry,
} from "./quote-revision.server";
import {
  acceptAddresses,
  makeQuoteRequest,
  makeSalesUser,
  revisionTerms,
  type StoredRequest,
} from "../../tests/support/factories";

const salesUser = makeSalesUser;
const newRequest = () => {
  const { request, token } = makeQuoteRequest({ quantity: 3 });
  return { ...request, token };
};
const terms = (request: StoredRequest, unitPriceCents: number, validUntil?: string) =>
  revisionTerms(request, { unitPriceCents, validUntil });

const byInvoice = { method: "invoice", poNumber: "PO-7", addresses: acceptAddresses() } as const;

describe("quote revisions", () => {
  it("numbers revisions, keeps each as sent, and shows what changed", async () => {
    const user = await salesUser();
    const request = newRequest();
    expect(sendRevision(request.id, terms(request, 100_00), user)).toMatchObject({ ok: true, version: 1 });
    expect(sendRevision(request.id, { ...terms(request, 90_00), incoterm: "DAP" }, user)).toMatchObject({
      ok: true,
      version: 2,
    });
    const [v1, v2] = getQuoteRequestById(request.id)!.revisions;
    expect([v1.totalCents, v2.totalCents]).toEqual([300_00, 270_00]);
    expect(v1.lines[0].unitPriceCents).toBe(100_00); // untouched by v2
    const changes = diffRevisions(v1, v2);
    expect(changes.map((c) => c.field)).toEqual([expect.stringMatching(/unit price$/), "Incoterm", "Total"]);
    expect(changes.find((c) => c.field === "Total")).toEqual({ field: "Total", from: "$300.00", to: "$270.00" });
  });

  it("carries the private link in every e-mail to the buyer, without keeping it readable in the database", async () => {
    const user = await salesUser();
    const email = `links-${createToken().slice(0, 8)}@revision.example`;
    const submitted = makeQuoteRequest({ buyer: { email } });
    const request = getQuoteRequestByToken(submitted.token)!;
    sendRevision(request.id, terms(request, 100_00), user);
    expect(postSalesMessage(request.id, "We can ship from stock.", user)).toBe(true);
    const mails = db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all();
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringContaining("We received"),
      expect.stringContaining("v1 is ready"),
      expect.stringContaining("replied"),
    ]);
    for (const mail of mails) {
      expect(mail.text).toContain(`/quotes/${submitted.token}`);
      expect(mail.html).toContain(`/quotes/${submitted.token}"`);
    }
    const row = db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!;
    expect(JSON.stringify(row)).not.toContain(submitted.token);

    // Sealed under another secret (a moved database), a later e-mail points back to the first.
    db.update(quoteRequests)
      .set({ tokenSealed: row.tokenSealed!.replace(/^./, (c) => (c === "A" ? "B" : "A")) })
      .where(eq(quoteRequests.id, request.id))
      .run();
    expect(postSalesMessage(request.id, "Still here.", user)).toBe(true);
    const last = db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all().at(-1)!;
    expect(last.text).toContain("private link from our first e-mail");
    expect(last.text).not.toContain("/quotes/");
  });

  it("accepts only the current revision of an open quote, once", async () => {
    const user = await salesUser();
    const request = newRequest();
    sendRevision(request.id, terms(request, 100_00), user);
    expect(requestChanges(request.id, "Better price please")).toEqual({ ok: true, staleSessions: [] });
    sendRevision(request.id, terms(request, 95_00), user);
    const [v1, v2] = getQuoteRequestById(request.id)!.revisions;
    expect(acceptQuoteWithOrder(request.token, v1.id, byInvoice)).toEqual({ ok: false, reason: "superseded" });
    const first = acceptQuoteWithOrder(request.token, v2.id, byInvoice);
    expect(first).toMatchObject({ ok: true, paymentMethod: "invoice", repeated: false });
    // The same acceptance again answers with the order it made; the earlier revision stays superseded.
    expect(acceptQuoteWithOrder(request.token, v2.id, byInvoice)).toEqual({ ...first, repeated: true });
    expect(acceptQuoteWithOrder(request.token, v1.id, byInvoice)).toEqual({ ok: false, reason: "superseded" });
    const accepted = getQuoteRequestById(request.id)!;
    expect(accepted.status).toBe("accepted");
    expect(accepted.acceptedRevisionId).toBe(v2.id);
    expect(accepted.events.map((e) => e.status)).toEqual([
      "received",
      "quoted",
      "changes_requested",
      "quoted",
      "accepted",
    ]);
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
    expect(acceptQuoteWithOrder(request.token, v1.id, byInvoice, new Date("2030-06-16T00:00:01Z"))).toEqual({
      ok: false,
      reason: "expired",
    });
    const row = db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!;
    expect(row.status).toBe("expired");
    const events = db.select().from(quoteEvents).where(eq(quoteEvents.requestId, request.id)).all();
    expect(events.at(-1)).toMatchObject({ status: "expired", actor: "system" });
    expect(expireDueQuotes(new Date("2030-06-17T00:00:00Z"))).toBe(0); // once
    // Sales may quote again after expiry.
    expect(sendRevision(request.id, terms(request, 100_00, "2099-01-01"), user)).toMatchObject({
      ok: true,
      version: 2,
    });
  });

  it("derives expiry from the date for reads, writing nothing, and the timer records the same event", async () => {
    const user = await salesUser();
    const request = newRequest();
    sendRevision(request.id, terms(request, 100_00, "2031-03-10"), user);
    const atEnd = new Date("2031-03-10T23:59:59Z");
    const after = new Date("2031-03-11T09:30:00Z");
    expect(expiredByDate("quoted", "2031-03-10", atEnd)).toBe(false);
    expect(expiredByDate("quoted", "2031-03-10", after)).toBe(true);
    expect(expiredByDate("changes_requested", "2031-03-10", after)).toBe(true);
    for (const status of ["received", "in_review", "accepted", "declined", "withdrawn", "expired"] as const)
      expect(expiredByDate(status, "2031-03-10", after)).toBe(false);
    expect(expiredByDate("quoted", undefined, after)).toBe(false);

    const stored = getQuoteRequestById(request.id)!;
    expect(withDerivedExpiry(stored, atEnd)).toBe(stored);
    const shown = withDerivedExpiry(stored, after);
    expect(shown.status).toBe("expired");
    expect(shown.events.at(-1)).toMatchObject({
      status: "expired",
      actor: "system",
      note: "validity ended",
      createdAt: "2031-03-11T00:00:00.000Z",
    });
    // Nothing was written: the row is as it was.
    expect(db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!.status).toBe("quoted");
    expect(db.select().from(quoteEvents).where(eq(quoteEvents.requestId, request.id)).all()).toHaveLength(
      stored.events.length,
    );

    expect(expireDueQuotes(after)).toBeGreaterThanOrEqual(1);
    const recorded = getQuoteRequestById(request.id)!;
    expect(recorded.status).toBe("expired");
    const { id: _id, ...event } = recorded.events.at(-1)!;
    const { id: _derivedId, ...derived } = shown.events.at(-1)!;
    expect(event).toEqual(derived);
  });

  it("declines an open request with the reason, and the buyer gets it by e-mail with their private link", async () => {
    const user = await salesUser();
    const email = `declined-${createToken().slice(0, 8)}@revision.example`;
    const submitted = makeQuoteRequest({ buyer: { email } });
    const request = getQuoteRequestByToken(submitted.token)!;
    expect(declineRequest(request.id, "We no longer make the 40 mm model.", user)).toBe(true);
    expect(getQuoteRequestById(request.id)!.status).toBe("declined");
    expect(getQuoteRequestById(request.id)!.events.at(-1)).toMatchObject({
      status: "declined",
      actor: `sales:${user.email}`,
      note: "We no longer make the 40 mm model.",
    });
    const mail = db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all().at(-1)!;
    expect(mail.subject).toContain(request.reference);
    expect(mail.text).toContain("We no longer make the 40 mm model.");
    expect(mail.text).toContain(`/quotes/${submitted.token}`);
    expect(mail.html).toContain(`/quotes/${submitted.token}"`);
    expect(declineRequest(request.id, "Again", user)).toBe(false);
  });

  it("writes nothing for lines that are not the request's", async () => {
    const user = await salesUser();
    const request = newRequest();
    const before = db.select().from(outboxEmails).all().length;
    const bad = {
      ...terms(request, 100),
      lines: [{ ...terms(request, 100).lines[0], requestLineId: 999_999 }],
    };
    expect(sendRevision(request.id, bad, user)).toEqual({ ok: false, reason: "lines" });
    expect(getQuoteRequestById(request.id)!.revisions).toEqual([]);
    expect(db.select().from(outboxEmails).all().length).toBe(before);
  });
});
