import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { companies, outboxEmails, quoteEvents, quoteInternalNotes, quoteRequests, users } from "~db/schema";
import { setUserDisabled, type SessionUser } from "~/admin/user.server";
import { db, sqlite } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { action as quoteAction, loader as quotePage } from "~/routes/admin.quotes.$id";
import { listInbox } from "./quote-inbox.server";
import { listInternalNotes, requestOwnerChoices } from "./quote-owner.server";
import type { salesQuotePage } from "./sales-quote-page.server";
import { getQuoteRequestById, getQuoteRequestByToken, postBuyerMessage } from "./quote-request.server";
import { requestChanges } from "./quote-revision.server";
import {
  makeCompany,
  makeQuoteRequest as makeAnyQuoteRequest,
  makeRevision,
  makeSalesUser,
  uniqueEmail,
} from "../../tests/support/factories";
import { backOfficeCookie, postForm } from "../../tests/support/route-forms";

/** Each request from an address of its own, under the hourly limit however many the file makes. */
const makeQuoteRequest = (options: Parameters<typeof makeAnyQuoteRequest>[0] = {}) =>
  makeAnyQuoteRequest({ clientIp: uniqueEmail("ip"), ...options });
const mailCount = () => db.select({ n: count() }).from(outboxEmails).get()!.n;
const noteCount = (requestId: number) =>
  db.select({ n: count() }).from(quoteInternalNotes).where(eq(quoteInternalNotes.requestId, requestId)).get()!.n;

const mailsTo = (email: string) => db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all();
const ownerEvents = (requestId: number) =>
  db
    .select()
    .from(quoteEvents)
    .where(and(eq(quoteEvents.requestId, requestId), eq(quoteEvents.kind, "owner")))
    .all();
const ownerOf = (requestId: number) =>
  db.select({ ownerId: quoteRequests.ownerId }).from(quoteRequests).where(eq(quoteRequests.id, requestId)).get()!
    .ownerId;

async function signedIn(name: string) {
  const user = await makeSalesUser(name);
  return { user, cookie: await backOfficeCookie(user) };
}

/** Posts one of the request page's forms as the signed-in user; a redirect or the form's answer. */
const post = (requestId: number, cookie: string, fields: Record<string, string>) =>
  postForm(quoteAction, `/admin/quotes/${requestId}`, { id: String(requestId) }, cookie, fields);

async function salesPageOf(requestId: number, cookie: string) {
  const loaded = (await quotePage({
    request: new Request(`http://localhost/admin/quotes/${requestId}`, { headers: { Cookie: cookie } }),
    params: { id: String(requestId) },
    context: { cspNonce: "test" },
  })) as unknown as { data: NonNullable<ReturnType<typeof salesQuotePage>> };
  return loaded.data;
}

const companyOwnedBy = (owner: SessionUser) => {
  const { companyId } = makeCompany(`Owned ${uniqueEmail("c").slice(2, 10)}`);
  db.update(companies).set({ accountOwnerId: owner.id }).where(eq(companies.id, companyId)).run();
  return companyId;
};

describe("a quote request's owner", () => {
  it("starts as the company's account owner (not a disabled one); a guest's request starts unassigned", async () => {
    const olivia = await makeSalesUser("Olivia");
    const companyId = companyOwnedBy(olivia);
    const owned = makeQuoteRequest({ owner: { customerId: null, companyId } }).request;
    expect(getQuoteRequestById(owned.id)!.ownerId).toBe(olivia.id);
    expect(getQuoteRequestById(makeQuoteRequest().request.id)!.ownerId).toBeNull();
    setUserDisabled(olivia.id, true);
    expect(getQuoteRequestById(makeQuoteRequest({ owner: { customerId: null, companyId } }).request.id)!.ownerId).toBe(
      null,
    );
  });

  it("is assigned by sales: the owner, one event by name, one e-mail to the new owner; the same choice again changes nothing", async () => {
    const { user: lee, cookie } = await signedIn("Lee Park");
    const dana = await makeSalesUser("Dana Whitfield");
    const { request } = makeQuoteRequest();

    expect(await post(request.id, cookie, { intent: "assign-owner", ownerId: String(dana.id) })).toEqual({
      status: 302,
      result: undefined,
    });
    expect(ownerOf(request.id)).toBe(dana.id);
    expect(ownerEvents(request.id)).toEqual([
      expect.objectContaining({ actor: `sales:${lee.email}`, note: "Assigned to Dana Whitfield", status: "received" }),
    ]);
    const mails = mailsTo(dana.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`${request.reference} from ${request.company} is now yours`);
    expect(mails[0].text).toContain("Lee Park made you the owner");
    expect(mails[0].text).toContain(`/admin/quotes/${request.id}`);

    // Sent twice (a double click, a second tab): still one event and one e-mail.
    await post(request.id, cookie, { intent: "assign-owner", ownerId: String(dana.id) });
    expect(ownerEvents(request.id)).toHaveLength(1);
    expect(mailsTo(dana.email)).toHaveLength(1);

    // The page names the owner, and the history says who assigned whom.
    const page = await salesPageOf(request.id, cookie);
    expect(page.owner).toEqual({ id: dana.id, name: "Dana Whitfield" });
    expect(page.ownerChoices.map((choice) => choice.id)).toEqual(expect.arrayContaining([lee.id, dana.id]));
    const assigned = page.request.events.find((event) => event.kind === "owner")!;
    expect(`${assigned.note} by ${page.actors[assigned.actor]}`).toBe("Assigned to Dana Whitfield by Lee Park");

    // Taking it oneself sends no e-mail; unassigning says who had it.
    await post(request.id, cookie, { intent: "assign-owner", ownerId: String(lee.id) });
    expect(ownerOf(request.id)).toBe(lee.id);
    expect(mailsTo(lee.email)).toHaveLength(0);
    await post(request.id, cookie, { intent: "assign-owner", ownerId: "" });
    expect(ownerOf(request.id)).toBeNull();
    expect(ownerEvents(request.id).map((event) => event.note)).toEqual([
      "Assigned to Dana Whitfield",
      "Assigned to Lee Park",
      "Unassigned (was Lee Park)",
    ]);
  });

  it("refuses, at the Owner field, a user who is unknown, disabled or not in sales, and what is not a user id", async () => {
    const { cookie } = await signedIn("Lee");
    const gone = await makeSalesUser("Gone");
    setUserDisabled(gone.id, true);
    // A back-office row of a role that owns no requests, as a forged form would name it.
    const other = sqlite
      .prepare(
        "insert into users (email, name, role, password_hash) values (?, 'Not Sales', 'buyer', 'x') returning id",
      )
      .get(uniqueEmail("not-sales", "ironaxis.test")) as { id: number };
    const { user: dana } = await signedIn("Dana");
    const { request } = makeQuoteRequest();
    await post(request.id, cookie, { intent: "assign-owner", ownerId: String(dana.id) });
    const before = { events: ownerEvents(request.id).length, mails: mailCount() };

    for (const ownerId of ["987654321", String(gone.id), String(other.id)]) {
      const refused = await post(request.id, cookie, { intent: "assign-owner", ownerId });
      expect(refused.status, ownerId).toBe(409);
      expect(refused.result!.fieldErrors.ownerId, ownerId).toMatch(/cannot own requests/);
      expect(refused.result!.values.ownerId).toBe(ownerId);
    }
    for (const ownerId of ["abc", "-3", "1.5"]) {
      const refused = await post(request.id, cookie, { intent: "assign-owner", ownerId });
      expect(refused.status, ownerId).toBe(400);
      expect(refused.result!.fieldErrors.ownerId, ownerId).toBe("Choose a sales user");
    }
    expect(ownerOf(request.id)).toBe(dana.id);
    expect(ownerEvents(request.id)).toHaveLength(before.events);
    expect(mailCount()).toBe(before.mails);
    const offered = requestOwnerChoices().map((choice) => choice.id);
    expect(offered).not.toContain(gone.id);
    expect(offered).not.toContain(other.id);
    expect(db.select().from(users).where(eq(users.id, other.id)).get()!.role).toBe("buyer");
  });

  it("is never shown to the buyer: no owner, no change of owner in the buyer's timeline", async () => {
    const { cookie } = await signedIn("Lee");
    const dana = await makeSalesUser("Dana");
    const { request, token } = makeQuoteRequest();
    await post(request.id, cookie, { intent: "assign-owner", ownerId: String(dana.id) });
    const buyerView = getQuoteRequestByToken(token)!;
    expect(buyerView).not.toHaveProperty("ownerId");
    expect(buyerView.events.map((event) => event.kind)).toEqual(["status"]);
    expect(JSON.stringify(buyerView)).not.toContain("Assigned to");
  });

  it("hears of the buyer's messages and asked-for changes besides whoever hears of them anyway, once when that is the same user", async () => {
    const { cookie } = await signedIn("Lee");
    const olivia = await makeSalesUser("Olivia");
    const dana = await makeSalesUser("Dana");
    const companyId = companyOwnedBy(olivia);

    // The account owner owns it (the default): one e-mail per message, to them.
    const own = makeQuoteRequest({ owner: { customerId: null, companyId } });
    postBuyerMessage(own.token, "Is stainless an option?");
    expect(mailsTo(olivia.email).filter((mail) => mail.subject.startsWith("Message on"))).toHaveLength(1);

    // Assigned to Dana: the account owner and Dana each get it.
    await post(own.request.id, cookie, { intent: "assign-owner", ownerId: String(dana.id) });
    postBuyerMessage(own.token, "And 316L?");
    expect(mailsTo(olivia.email).filter((mail) => mail.subject.startsWith("Message on"))).toHaveLength(2);
    expect(mailsTo(dana.email).filter((mail) => mail.subject.startsWith("Message on"))).toHaveLength(1);

    // A guest's request: the shared address as before, and its owner.
    const guest = makeQuoteRequest();
    await post(guest.request.id, cookie, { intent: "assign-owner", ownerId: String(dana.id) });
    const shared = () => mailsTo(env.SALES_EMAIL).filter((mail) => mail.text.includes(guest.request.reference)).length;
    const sharedBefore = shared();
    postBuyerMessage(guest.token, "Any news?");
    expect(shared()).toBe(sharedBefore + 1);
    expect(mailsTo(dana.email).filter((mail) => mail.text.includes(guest.request.reference))).toHaveLength(2);

    // Changes asked for on a quote reach the owner too.
    makeRevision(guest.request, olivia, { unitPriceCents: 100_00 });
    expect(requestChanges(guest.request.id, "Better price?")).toEqual({ ok: true, staleSessions: [] });
    expect(mailsTo(dana.email).filter((mail) => mail.subject.includes("asks for changes"))).toHaveLength(1);
  });

  it("filters the inbox: my requests, unassigned, with the other filters, and names the owner", async () => {
    const { user: lee, cookie } = await signedIn("Lee");
    const dana = await makeSalesUser("Dana Ortiz");
    const company = `Owner filter ${uniqueEmail("f").slice(2, 10)}`;
    const mine = makeQuoteRequest({ buyer: { company } }).request;
    const danas = makeQuoteRequest({ buyer: { company } }).request;
    const nobodys = makeQuoteRequest({ buyer: { company } }).request;
    await post(mine.id, cookie, { intent: "assign-owner", ownerId: String(lee.id) });
    await post(danas.id, cookie, { intent: "assign-owner", ownerId: String(dana.id) });
    const listed = (requestOwnerId: number | null | undefined) =>
      listInbox({ view: "all", q: company, page: 1, requestOwnerId })
        .rows.map((row) => [row.reference, row.ownerName])
        .sort();
    expect(listed(lee.id)).toEqual([[mine.reference, "Lee"]]);
    expect(listed(dana.id)).toEqual([[danas.reference, "Dana Ortiz"]]);
    expect(listed(null)).toEqual([[nobodys.reference, null]]);
    expect(listed(undefined)).toHaveLength(3);
    // With "my accounts" (none of these companies is Lee's) nothing is left.
    expect(listInbox({ view: "all", q: company, page: 1, requestOwnerId: lee.id, ownerId: lee.id }).total).toBe(0);
  });
});

describe("internal notes", () => {
  it("are kept with their author and time, oldest first; a bad note comes back at its field as typed", async () => {
    const { user: lee, cookie } = await signedIn("Lee Park");
    const { user: dana, cookie: danaCookie } = await signedIn("Dana");
    const { request } = makeQuoteRequest();

    const cases: [string, RegExp][] = [
      ["   ", /Write the note first/],
      ["x".repeat(5001), /under 5,000 characters/],
      ["bell\u0007", /control characters/],
    ];
    for (const [internalNote, message] of cases) {
      const refused = await post(request.id, cookie, { intent: "internal-note", internalNote });
      expect(refused.status).toBe(400);
      expect(refused.result!.intent).toBe("internal-note");
      expect(refused.result!.fieldErrors.internalNote).toMatch(message);
      // As typed, without what a page cannot show (the bell).
      expect(refused.result!.values.internalNote).toBe(internalNote.replace("\u0007", ""));
    }
    expect(noteCount(request.id)).toBe(0);

    expect(
      (await post(request.id, cookie, { intent: "internal-note", internalNote: "  Call before quoting.  " })).status,
    ).toBe(302);
    await post(request.id, danaCookie, { intent: "internal-note", internalNote: "x".repeat(5000) });
    const notes = listInternalNotes(request.id);
    expect(notes.map((note) => [note.authorName, note.body.length])).toEqual([
      [lee.name, "Call before quoting.".length],
      [dana.name, 5000],
    ]);
    expect(notes[0].body).toBe("Call before quoting.");
    expect((await salesPageOf(request.id, cookie)).internalNotes).toEqual(notes);
  });
});
