import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  companies,
  companyInvitations,
  customers,
  orderEvents,
  orders,
  outboxEmails,
  quoteEvents,
  quoteRequests,
} from "~db/schema";
import { db } from "~/lib/db.server";
import { hashToken } from "~/lib/tokens.server";
import {
  addColleague,
  makeCompany,
  makeCustomer,
  makeOrder,
  makeQuoteRequest,
  makeSalesUser,
  uniqueEmail,
} from "../../tests/support/factories";
import { invoiceOrder } from "~/orders/invoice.server";
import { postSalesMessage } from "~/quotes/quote-messages.server";
import { accountQuoteRequests } from "./account-history.server";
import {
  acceptInvitation,
  cancelInvitation,
  changeMember,
  companyPage,
  createCompany,
  findInvitationFor,
  inviteColleague,
  inviteFromRequest,
  leaveCompany,
  removeMember,
} from "./company.server";

const person = (id: number) => db.select().from(customers).where(eq(customers.id, id)).get()!;

describe("creating a company", () => {
  it("makes its creator company admin and moves their own history (not a guest's) into it", () => {
    const buyer = makeCustomer();
    const own = makeQuoteRequest({ buyer: { email: buyer.email } }).request;
    const guest = makeQuoteRequest({ buyer: { email: buyer.email } }).request;
    const order = makeOrder({ buyer: { email: buyer.email } });
    db.update(quoteRequests).set({ customerId: buyer.id }).where(eq(quoteRequests.id, own.id)).run();
    db.update(orders).set({ customerId: buyer.id }).where(eq(orders.id, order.orderId)).run();

    const created = createCompany(buyer, "Acme Process");
    expect(created.ok).toBe(true);
    const companyId = created.ok ? created.companyId : -1;
    expect(person(buyer.id)).toMatchObject({ companyId, companyRole: "company_admin", spendingLimitCents: null });
    const companyOf = (id: number) => db.select().from(quoteRequests).where(eq(quoteRequests.id, id)).get()!.companyId;
    expect(companyOf(own.id)).toBe(companyId);
    expect(companyOf(guest.id)).toBeNull();
    expect(db.select().from(orders).where(eq(orders.id, order.orderId)).get()!.companyId).toBe(companyId);
  });

  it("is refused to someone in a company already", () => {
    const { admin } = makeCompany();
    expect(createCompany(admin, "Second")).toMatchObject({ ok: false, status: 409 });
  });
});

describe("inviting a colleague", () => {
  it("stores only the token's hash, for 7 days, and e-mails the link in the same transaction", () => {
    const { admin, companyId } = makeCompany("Hash & Co");
    const email = uniqueEmail("Colleague").toUpperCase();
    const now = new Date("2030-01-01T00:00:00.000Z");
    const invited = inviteColleague(admin, { email, role: "approver", spendingLimitCents: null }, now);
    if (!invited.ok) throw new Error(invited.message);
    expect(invited.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = db.select().from(companyInvitations).where(eq(companyInvitations.companyId, companyId)).get()!;
    expect(row).toMatchObject({
      email: email.toLowerCase(),
      role: "approver",
      tokenHash: hashToken(invited.token),
      expiresAt: "2030-01-08T00:00:00.000Z",
      invitedBy: admin.id,
    });
    const mail = db.select().from(outboxEmails).where(eq(outboxEmails.to, email.toLowerCase())).get()!;
    expect(mail.subject).toContain("Hash & Co");
    expect(mail.text).toContain(`/account/invitations/${invited.token}`);
  });

  it("a second invitation to the same address replaces the first", () => {
    const { admin, companyId } = makeCompany();
    const email = uniqueEmail("twice");
    const first = inviteColleague(admin, { email, role: "buyer", spendingLimitCents: 100 });
    const second = inviteColleague(admin, { email, role: "approver", spendingLimitCents: null });
    if (!first.ok || !second.ok) throw new Error("not invited");
    const rows = db.select().from(companyInvitations).where(eq(companyInvitations.companyId, companyId)).all();
    expect(rows.map((row) => row.role)).toEqual(["approver"]);
    const invitee = db.insert(customers).values({ email }).returning().get();
    expect(acceptInvitation(invitee, first.token)).toMatchObject({ ok: false, status: 404 });
    expect(acceptInvitation(invitee, second.token)).toMatchObject({ ok: true });
  });

  it("refuses an address already in the company, and anyone who is not a company admin", () => {
    const { admin, companyId } = makeCompany();
    const buyer = addColleague(admin, "buyer");
    const approver = addColleague(admin, "approver");
    expect(inviteColleague(admin, { email: buyer.email, role: "buyer", spendingLimitCents: null })).toMatchObject({
      ok: false,
      status: 409,
      field: "email",
    });
    const before = db.select().from(companyInvitations).where(eq(companyInvitations.companyId, companyId)).all();
    for (const notAdmin of [buyer, approver, makeCustomer()])
      expect(
        inviteColleague(notAdmin, { email: uniqueEmail("x"), role: "company_admin", spendingLimitCents: null }),
      ).toMatchObject({ ok: false, status: 403 });
    expect(db.select().from(companyInvitations).where(eq(companyInvitations.companyId, companyId)).all()).toEqual(
      before,
    );
  });

  it("can be withdrawn by the company's admin only", () => {
    const { admin } = makeCompany();
    const other = makeCompany("Other");
    const email = uniqueEmail("withdrawn");
    const invited = inviteColleague(admin, { email, role: "buyer", spendingLimitCents: null });
    if (!invited.ok) throw new Error(invited.message);
    const { id } = db.select().from(companyInvitations).where(eq(companyInvitations.email, email)).get()!;
    expect(cancelInvitation(other.admin, id)).toMatchObject({ ok: false, status: 404 });
    expect(cancelInvitation(addColleague(admin), id)).toMatchObject({ ok: false, status: 403 });
    expect(cancelInvitation(admin, id)).toEqual({ ok: true });
    const invitee = db.insert(customers).values({ email }).returning().get();
    expect(acceptInvitation(invitee, invited.token)).toMatchObject({ ok: false, status: 404 });
  });
});

describe("accepting an invitation", () => {
  it("joins with the role and limit, once, and only for the address it was sent to", () => {
    const { admin, companyId } = makeCompany("Joiners");
    const invitee = makeCustomer("invitee");
    const stranger = makeCustomer("stranger");
    const invited = inviteColleague(admin, { email: invitee.email, role: "approver", spendingLimitCents: 250_00 });
    if (!invited.ok) throw new Error(invited.message);

    const refused = findInvitationFor(stranger, invited.token);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(JSON.stringify(refused)).not.toContain("Joiners");
    expect(acceptInvitation(stranger, invited.token)).toMatchObject({ ok: false, status: 403 });
    expect(person(stranger.id).companyId).toBeNull();

    expect(findInvitationFor(invitee, invited.token)).toMatchObject({
      ok: true,
      invitation: { companyName: "Joiners", role: "approver" },
    });
    expect(acceptInvitation(invitee, invited.token)).toEqual({ ok: true, companyId });
    expect(person(invitee.id)).toMatchObject({ companyId, companyRole: "approver", spendingLimitCents: 250_00 });
    expect(acceptInvitation(invitee, invited.token)).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses an expired invitation, an unknown token and one in another company's person", () => {
    const { admin } = makeCompany();
    const invitee = makeCustomer();
    const then = new Date("2020-01-01T00:00:00.000Z");
    const old = inviteColleague(admin, { email: invitee.email, role: "buyer", spendingLimitCents: null }, then);
    if (!old.ok) throw new Error(old.message);
    expect(acceptInvitation(invitee, old.token)).toMatchObject({ ok: false, status: 404, message: /expired/ });
    expect(acceptInvitation(invitee, "x".repeat(43))).toMatchObject({ ok: false, status: 404 });
    expect(acceptInvitation(invitee, "../../etc")).toMatchObject({ ok: false, status: 404 });

    const elsewhere = makeCompany("Elsewhere");
    const fresh = inviteColleague(admin, { email: elsewhere.admin.email, role: "buyer", spendingLimitCents: null });
    if (!fresh.ok) throw new Error(fresh.message);
    expect(acceptInvitation(elsewhere.admin, fresh.token)).toMatchObject({
      ok: false,
      status: 409,
      message: /leave it first/,
    });
    expect(person(elsewhere.admin.id).companyId).toBe(elsewhere.companyId);
  });
});

describe("people of a company", () => {
  it("an admin changes roles and limits of their own company's people only", () => {
    const { admin } = makeCompany();
    const buyer = addColleague(admin);
    const other = makeCompany("Other");
    expect(changeMember(admin, buyer.id, { role: "approver", spendingLimitCents: null })).toEqual({ ok: true });
    expect(person(buyer.id)).toMatchObject({ companyRole: "approver", spendingLimitCents: null });
    expect(changeMember(other.admin, buyer.id, { role: "buyer", spendingLimitCents: 1 })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(changeMember(buyer, admin.id, { role: "buyer", spendingLimitCents: 1 })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(removeMember(other.admin, buyer.id)).toMatchObject({ ok: false, status: 404 });
    expect(person(buyer.id).companyRole).toBe("approver");
  });

  it("the last company admin cannot be demoted, removed or leave while others remain", () => {
    const { admin, companyId } = makeCompany();
    const buyer = addColleague(admin);
    expect(changeMember(admin, admin.id, { role: "buyer", spendingLimitCents: null })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(removeMember(admin, admin.id)).toMatchObject({ ok: false, status: 409 });
    expect(leaveCompany(admin)).toMatchObject({ ok: false, status: 409 });
    expect(person(admin.id)).toMatchObject({ companyId, companyRole: "company_admin" });

    // With a second admin, the first may go.
    expect(changeMember(admin, buyer.id, { role: "company_admin", spendingLimitCents: null })).toEqual({ ok: true });
    expect(leaveCompany(admin)).toEqual({ ok: true });
    expect(person(admin.id)).toMatchObject({ companyId: null, companyRole: null, spendingLimitCents: null });
  });

  it("a person who leaves keeps nothing; the company keeps their requests and orders", () => {
    const { admin, companyId } = makeCompany();
    const buyer = addColleague(admin);
    const { request } = makeQuoteRequest({ buyer: { email: buyer.email } });
    db.update(quoteRequests).set({ customerId: buyer.id, companyId }).where(eq(quoteRequests.id, request.id)).run();
    expect(companyPage(buyer)?.company.id).toBe(companyId);

    expect(leaveCompany(buyer)).toEqual({ ok: true });
    expect(person(buyer.id)).toMatchObject({ companyId: null, companyRole: null, spendingLimitCents: null });
    expect(companyPage(buyer)).toBeUndefined();
    const asSignedIn = { ...person(buyer.id), companyName: null, companyRole: null };
    const everything = { quotePage: 1, orderPage: 1 };
    expect(accountQuoteRequests(asSignedIn, everything).rows.map((row) => row.id)).not.toContain(request.id);
    const asAdmin = { ...person(admin.id), companyName: "Acme Process", companyRole: "company_admin" as const };
    expect(accountQuoteRequests(asAdmin, everything).rows.map((row) => row.id)).toContain(request.id);
    expect(db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!.companyId).toBe(companyId);
    expect(leaveCompany(buyer)).toMatchObject({ ok: false, status: 409 });
  });

  it("what a person leaving was the contact of gets a company admin as its contact, with a line in each timeline", () => {
    const { admin, companyId } = makeCompany();
    const buyer = addColleague(admin);
    const own = { customerId: buyer.id, companyId };
    const order = makeOrder({ buyer: { email: buyer.email }, owner: own }).orderId;
    const earlier = makeOrder({
      buyer: { email: buyer.email },
      owner: { customerId: buyer.id, companyId: null },
    }).orderId;
    const { request } = makeQuoteRequest({ buyer: { email: buyer.email, phone: "555-0100" } });
    db.update(quoteRequests).set(own).where(eq(quoteRequests.id, request.id)).run();
    // Placed by them with an address of their own as its contact; and one placed by them for a colleague.
    const personal = makeOrder({ buyer: { email: "luis.home@example.com" }, owner: own }).orderId;
    const forColleague = makeOrder({ buyer: { email: admin.email }, owner: own }).orderId;

    expect(removeMember(admin, buyer.id)).toEqual({ ok: true });
    const orderRow = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get()!;
    // The contact changes; who placed it does not.
    expect(orderRow(order)).toMatchObject({ customerId: buyer.id, email: admin.email, contactName: admin.name });
    expect(orderRow(earlier)).toMatchObject({ email: buyer.email });
    expect(orderRow(personal)).toMatchObject({ email: admin.email });
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, forColleague)).all().at(-1)?.note).not.toBe(
      `Contact changed to ${admin.name}: ${buyer.name} is no longer with the company`,
    );
    expect(db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()).toMatchObject({
      customerId: buyer.id,
      email: admin.email,
      phone: "",
    });
    const note = `Contact changed to ${admin.name}: ${buyer.name} is no longer with the company`;
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, order)).all().at(-1)).toMatchObject({
      note,
      status: orderRow(order).status,
      actor: `buyer:${admin.email}`,
    });
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, earlier)).all().at(-1)?.note).not.toBe(note);
    expect(db.select().from(quoteEvents).where(eq(quoteEvents.requestId, request.id)).all().at(-1)).toMatchObject({
      kind: "contact",
      note,
    });

    // Leaving on their own: the company admin whose account is the oldest takes over, records
    // handed over before included.
    const second = addColleague(admin, "company_admin", null);
    const leaver = addColleague(second);
    const theirs = makeOrder({ buyer: { email: leaver.email }, owner: { customerId: leaver.id, companyId } }).orderId;
    expect(removeMember(second, admin.id)).toEqual({ ok: true });
    expect(orderRow(order)).toMatchObject({ email: second.email });
    expect(leaveCompany(leaver)).toEqual({ ok: true });
    expect(orderRow(theirs)).toMatchObject({ customerId: leaver.id, email: second.email });
  });

  it("what is still to send to a person leaving about those records goes to who takes them over", async () => {
    const { admin, companyId } = makeCompany();
    const buyer = addColleague(admin);
    const order = makeOrder({ buyer: { email: buyer.email }, owner: { customerId: buyer.id, companyId } }).orderId;
    const { request } = makeQuoteRequest({ buyer: { email: buyer.email } });
    db.update(quoteRequests).set({ customerId: buyer.id, companyId }).where(eq(quoteRequests.id, request.id)).run();
    // One they sent with an address of their own as its contact: its mail goes there.
    const home = "luis.home@example.com";
    const own = makeQuoteRequest({ buyer: { email: home }, owner: { customerId: buyer.id, companyId } }).request;
    invoiceOrder(order);
    expect(postSalesMessage(request.id, "Your drawings are in.", await makeSalesUser())).toBe(true);
    const queued = () =>
      db
        .select({ subject: outboxEmails.subject, to: outboxEmails.to, orderId: outboxEmails.orderId })
        .from(outboxEmails)
        .where(inArray(outboxEmails.to, [buyer.email, admin.email]))
        .orderBy(outboxEmails.id)
        .all();
    // Sales's reply failed (sales may send it again); a shipment notice went already.
    db.update(outboxEmails)
      .set({ status: "failed" })
      .where(eq(outboxEmails.subject, `IronAxis sales replied on ${request.reference}`))
      .run();
    db.insert(outboxEmails)
      .values({ to: buyer.email, subject: "Shipped", text: "", html: "", status: "sent", orderId: order })
      .run();
    expect(queued().map(({ to, orderId, subject }) => [subject, to === buyer.email, orderId])).toEqual([
      [`${admin.name} invites you to Acme Process on IronAxis`, true, null],
      [`We received your quote request ${request.reference}`, true, null],
      [expect.stringMatching(/^Invoice INV-/), true, order],
      [`IronAxis sales replied on ${request.reference}`, true, null],
      ["Shipped", true, order],
    ]);

    const toHome = () => db.select().from(outboxEmails).where(eq(outboxEmails.requestId, own.id)).get()!;
    expect(toHome()).toMatchObject({ to: home, subject: `We received your quote request ${own.reference}` });

    expect(removeMember(admin, buyer.id)).toEqual({ ok: true });
    // Their invitation is theirs; what was still to send about the records is the successor's.
    expect(queued().map(({ to }) => to)).toEqual([
      buyer.email,
      admin.email,
      admin.email, // the one to their own address
      admin.email,
      admin.email,
      buyer.email,
    ]);
    expect(toHome().to).toBe(admin.email);
  });

  it("an admin removing themselves leaves: another company admin takes over, and their invitations are withdrawn", () => {
    const { admin, companyId } = makeCompany();
    const second = addColleague(admin, "company_admin", null);
    const order = makeOrder({ buyer: { email: second.email }, owner: { customerId: second.id, companyId } }).orderId;
    const outsider = makeCustomer("outsider");
    const invited = inviteColleague(second, { email: outsider.email, role: "company_admin", spendingLimitCents: null });
    if (!invited.ok) throw new Error(invited.message);

    expect(removeMember(second, second.id)).toEqual({ ok: true });
    expect(db.select().from(orders).where(eq(orders.id, order)).get()).toMatchObject({ email: admin.email });
    expect(acceptInvitation(outsider, invited.token)).toMatchObject({ ok: false, status: 404 });
    expect(person(outsider.id).companyId).toBeNull();
  });

  it("the last person may leave; the empty company takes nobody in by an old invitation", () => {
    const { admin, companyId } = makeCompany();
    const invitee = makeCustomer();
    const invited = inviteColleague(admin, { email: invitee.email, role: "buyer", spendingLimitCents: null });
    if (!invited.ok) throw new Error(invited.message);
    expect(leaveCompany(admin)).toEqual({ ok: true });
    expect(db.select().from(companyInvitations).where(eq(companyInvitations.companyId, companyId)).all()).toEqual([]);
    expect(acceptInvitation(invitee, invited.token)).toMatchObject({ ok: false, status: 404 });
  });

  it("the company page lists people; pending invitations only for those who manage people", () => {
    const { admin } = makeCompany();
    const buyer = addColleague(admin);
    inviteColleague(admin, { email: uniqueEmail("pending"), role: "buyer", spendingLimitCents: null });
    const forAdmin = companyPage(admin)!;
    expect(forAdmin.people.map((p) => p.id).sort()).toEqual([admin.id, buyer.id].sort());
    expect(forAdmin.invitations).toHaveLength(1);
    expect(forAdmin.managesPeople).toBe(true);
    const forBuyer = companyPage(buyer)!;
    expect(forBuyer.invitations).toEqual([]);
    expect(forBuyer.managesPeople).toBe(false);
  });
});

describe("a company account made by sales from a guest's request", () => {
  const everything = { quotePage: 1, orderPage: 1 };

  it("creates the company with the request in it and invites the request's buyer as its company admin, once", () => {
    const email = uniqueEmail("Guest").toUpperCase();
    const { request } = makeQuoteRequest({ buyer: { email, company: "Delta Pumps" } });
    const made = inviteFromRequest(request.id, "Delta Pumps LLC", { name: "Sam" });
    if (!made.ok) throw new Error(made.message);
    expect(db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!.companyId).toBe(
      made.companyId,
    );
    const invitation = db
      .select()
      .from(companyInvitations)
      .where(eq(companyInvitations.companyId, made.companyId))
      .get()!;
    expect(invitation).toMatchObject({ email: email.toLowerCase(), role: "company_admin", invitedBy: null });
    expect(invitation.tokenHash).toBe(hashToken(made.token));
    const mail = db.select().from(outboxEmails).where(eq(outboxEmails.to, email.toLowerCase())).all().at(-1)!;
    expect(mail.subject).toBe("Sam at IronAxis invites you to Delta Pumps LLC on IronAxis");
    expect(mail.text).toContain(`/account/invitations/${made.token}`);
    expect(inviteFromRequest(request.id, "Again", { name: "Sam" })).toMatchObject({ ok: false, status: 409 });

    // The buyer signs in with that address and accepts: the company is theirs, with the request in it.
    const buyer = db.insert(customers).values({ email: email.toLowerCase() }).returning().get();
    expect(acceptInvitation(buyer, made.token)).toEqual({ ok: true, companyId: made.companyId });
    expect(person(buyer.id)).toMatchObject({ companyId: made.companyId, companyRole: "company_admin" });
    const signedIn = { ...person(buyer.id), companyName: "Delta Pumps LLC", companyRole: "company_admin" as const };
    expect(accountQuoteRequests(signedIn, everything).rows.map((row) => row.id)).toContain(request.id);
  });

  it("is refused, with nothing written, for a buyer already in a company", () => {
    const { admin } = makeCompany("Already Inc");
    const { request } = makeQuoteRequest({ buyer: { email: admin.email } });
    const companiesBefore = db.select().from(companies).all().length;
    const refused = inviteFromRequest(request.id, "Second Inc", { name: "Sam" });
    expect(refused).toMatchObject({ ok: false, status: 409, field: "companyName" });
    expect(db.select().from(companies).all().length).toBe(companiesBefore);
    expect(db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!.companyId).toBeNull();
    expect(inviteFromRequest(987_654_321, "Nobody", { name: "Sam" })).toMatchObject({ ok: false, status: 404 });
  });
});
