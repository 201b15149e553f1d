import { and, asc, count, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import {
  companies,
  companyInvitations,
  customers,
  orderEvents,
  orders,
  outboxEmails,
  quoteEvents,
  quoteRequests,
  type CompanyRole,
} from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { createToken, hashToken, looksLikeToken } from "~/lib/tokens.server";
import { invitationEmail } from "./company-emails.server";
import { INVITATION_DAYS } from "./company-intents";
import { companyRoleAllows, leavesCompanyWithoutAdmin } from "./company-roles";

/** Why a company action was refused: the HTTP status it answers, and what the person reads. */
export type CompanyRefusal = { ok: false; status: 400 | 403 | 404 | 409; message: string; field?: string };
type Done<T = object> = { ok: true } & T;

export const refuse = (status: CompanyRefusal["status"], message: string, field?: string): CompanyRefusal => ({
  ok: false,
  status,
  message,
  ...(field ? { field } : {}),
});

const NOT_ALLOWED = "Only a company admin can manage the people of the company.";
const NO_SUCH_PERSON = "That person is not in your company.";
const LAST_ADMIN = "A company needs a company admin while it has people: make someone else company admin first.";

/** The person as stored now (a session's copy may be older than a change an admin just made). */
export function currentPerson(customerId: number) {
  return db
    .select({
      id: customers.id,
      email: customers.email,
      name: customers.name,
      companyId: customers.companyId,
      companyRole: customers.companyRole,
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
}

/** The signed-in person, when they may manage the people of their company. Inside a transaction. */
function currentAdmin(customerId: number) {
  const me = currentPerson(customerId);
  if (!me?.companyId || !companyRoleAllows(me.companyRole, "manage_people")) return undefined;
  return { ...me, companyId: me.companyId };
}

function headcount(companyId: number) {
  const [row] = db
    .select({
      people: count(),
      admins: sql<number>`coalesce(sum(${customers.companyRole} = 'company_admin'), 0)`,
    })
    .from(customers)
    .where(eq(customers.companyId, companyId))
    .all();
  return row;
}

type Person = NonNullable<ReturnType<typeof currentPerson>>;

const nameOf = (person: Person) => person.name || person.email;

/**
 * The company's quote requests and orders the leaver is the contact of get `successor` as their
 * contact: their news (quotes, invoices with their PDFs, shipments) reaches someone who
 * can still open them, not a person outside the company. Who placed them stays (an order waiting
 * for approval is still another's to approve). Each record's timeline says so, in one statement
 * per table.
 */
function handOver(leaver: Person, successor: Person, companyId: number, actor: string) {
  const note = `Contact changed to ${nameOf(successor)}: ${nameOf(leaver)} is no longer with the company`;
  // Whose contact is the leaver, whoever placed it (a record handed over before has its placer
  // still, and its contact now); or placed by the leaver with a contact outside the company (an
  // address of their own typed at checkout or on the request form).
  const people = sql`(select lower(${customers.email}) from ${customers} where ${customers.companyId} = ${companyId})`;
  const theirs = (table: typeof orders | typeof quoteRequests) =>
    and(
      eq(table.companyId, companyId),
      or(
        sql`lower(${table.email}) = ${leaver.email.toLowerCase()}`,
        and(eq(table.customerId, leaver.id), sql`lower(${table.email}) not in ${people}`),
      ),
    );
  db.run(sql`insert into ${orderEvents} (order_id, status, actor, note)
    select id, status, ${actor}, ${note} from ${orders} where ${theirs(orders)}`);
  db.run(sql`insert into ${quoteEvents} (request_id, kind, status, actor, note)
    select id, 'contact', status, ${actor}, ${note} from ${quoteRequests} where ${theirs(quoteRequests)}`);
  // What is still to send to those records' contact about them goes to the successor instead (a
  // failed message too, which sales may send again): to the leaver, or to an address of their
  // own they typed as the contact.
  const toItsContact = (table: typeof orders | typeof quoteRequests) =>
    db
      .select({ id: table.id })
      .from(table)
      .where(and(theirs(table), sql`lower(${table.email}) = lower(${outboxEmails.to})`));
  db.update(outboxEmails)
    .set({ to: successor.email })
    .where(
      and(
        inArray(outboxEmails.status, ["pending", "failed"]),
        or(
          inArray(outboxEmails.orderId, toItsContact(orders)),
          inArray(outboxEmails.requestId, toItsContact(quoteRequests)),
        ),
      ),
    )
    .run();
  const contact = { email: successor.email, contactName: nameOf(successor) };
  db.update(orders)
    .set({ ...contact, updatedAt: new Date().toISOString() })
    .where(theirs(orders))
    .run();
  // The leaver's telephone number goes with them; the successor's is not known.
  db.update(quoteRequests)
    .set({ ...contact, phone: "" })
    .where(theirs(quoteRequests))
    .run();
}

/** Who takes over from a person leaving on their own: the company admin whose account is the oldest. */
function firstAdminBesides(companyId: number, leaverId: number) {
  const admin = db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(eq(customers.companyId, companyId), eq(customers.companyRole, "company_admin"), ne(customers.id, leaverId)),
    )
    .orderBy(asc(customers.id))
    .get();
  return admin && currentPerson(admin.id);
}

/** Takes a person out of their company: they keep nothing of it; its requests and orders stay its own. */
function detach(customerId: number, companyId: number) {
  db.update(customers)
    .set({ companyId: null, companyRole: null, spendingLimitCents: null })
    .where(and(eq(customers.id, customerId), eq(customers.companyId, companyId)))
    .run();
  // Nobody joins on the word of someone no longer there: their invitations are withdrawn.
  db.delete(companyInvitations)
    .where(
      and(
        eq(companyInvitations.companyId, companyId),
        eq(companyInvitations.invitedBy, customerId),
        isNull(companyInvitations.acceptedAt),
      ),
    )
    .run();
  // A company nobody is left in takes no one in by an old invitation.
  if (headcount(companyId).people === 0)
    db.delete(companyInvitations)
      .where(and(eq(companyInvitations.companyId, companyId), isNull(companyInvitations.acceptedAt)))
      .run();
}

/**
 * A buyer without a company creates one and becomes its company admin; the requests and orders
 * they sent under their account before, in no company yet, become the company's.
 */
export function createCompany(customer: { id: number }, name: string): Done<{ companyId: number }> | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentPerson(customer.id);
    if (!me) return refuse(404, "Sign in again.");
    if (me.companyId) return refuse(409, "You are in a company already: leave it first to create another.");
    const { companyId } = db.insert(companies).values({ name }).returning({ companyId: companies.id }).get();
    db.update(customers)
      .set({ companyId, companyRole: "company_admin", spendingLimitCents: null })
      .where(eq(customers.id, me.id))
      .run();
    db.update(quoteRequests)
      .set({ companyId })
      .where(and(eq(quoteRequests.customerId, me.id), isNull(quoteRequests.companyId)))
      .run();
    db.update(orders)
      .set({ companyId })
      .where(and(eq(orders.customerId, me.id), isNull(orders.companyId)))
      .run();
    return { ok: true, companyId };
  });
}

export type Invitation = { email: string; role: CompanyRole; spendingLimitCents: number | null };

/**
 * A company admin invites a colleague by e-mail. The link (a 256-bit token, stored as its hash)
 * works for INVITATION_DAYS days; a second invitation to the same address replaces the first.
 */
export function inviteColleague(
  admin: { id: number },
  invitation: Invitation,
  now = new Date(),
): Done<{ token: string }> | CompanyRefusal {
  const email = invitation.email.trim().toLowerCase();
  return writeTransaction(() => {
    const me = currentAdmin(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    const member = db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.email, email), eq(customers.companyId, me.companyId)))
      .get();
    if (member) return refuse(409, "This person is in your company already.", "email");
    const token = storeInvitation(
      me.companyId,
      { ...invitation, email },
      { id: me.id, name: me.name || me.email },
      now,
    );
    return { ok: true, token };
  });
}

/**
 * Writes an invitation to `companyId` (replacing one not yet accepted to the same address) and
 * queues its e-mail, in the caller's transaction; returns the link's token. `invitedBy.id` is
 * the colleague who invites, or null for IronAxis sales.
 */
function storeInvitation(
  companyId: number,
  invitation: Invitation,
  invitedBy: { id: number | null; name: string },
  now: Date,
) {
  const token = createToken();
  db.delete(companyInvitations)
    .where(
      and(
        eq(companyInvitations.companyId, companyId),
        eq(companyInvitations.email, invitation.email),
        isNull(companyInvitations.acceptedAt),
      ),
    )
    .run();
  db.insert(companyInvitations)
    .values({
      companyId,
      email: invitation.email,
      role: invitation.role,
      spendingLimitCents: invitation.spendingLimitCents,
      invitedBy: invitedBy.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600_000).toISOString(),
      createdAt: now.toISOString(),
    })
    .run();
  const company = db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId)).get()!;
  db.insert(outboxEmails)
    .values(
      invitationEmail({
        to: invitation.email,
        companyName: company.name,
        invitedBy: invitedBy.name,
        role: invitation.role,
        spendingLimitCents: invitation.spendingLimitCents,
        token,
      }),
    )
    .run();
  return token;
}

/**
 * Sales turns a guest's quote request into a company account: a company named `name` is created,
 * the request becomes its own, and the request's e-mail is invited as its company admin (they
 * sign in with that address and accept; their other guest requests can then be claimed). Refused
 * for a request in a company already, and for a buyer who is in a company.
 */
export function inviteFromRequest(
  requestId: number,
  name: string,
  salesUser: { name: string },
  now = new Date(),
): Done<{ companyId: number; token: string }> | CompanyRefusal {
  return writeTransaction(() => {
    const request = db
      .select({ id: quoteRequests.id, email: quoteRequests.email, companyId: quoteRequests.companyId })
      .from(quoteRequests)
      .where(eq(quoteRequests.id, requestId))
      .get();
    if (!request) return refuse(404, "No such request.");
    if (request.companyId !== null) return refuse(409, "This request belongs to a company already.");
    const email = request.email.trim().toLowerCase();
    const inCompany = db
      .select({ name: companies.name })
      .from(customers)
      .innerJoin(companies, eq(companies.id, customers.companyId))
      .where(eq(customers.email, email))
      .get();
    if (inCompany)
      return refuse(
        409,
        `${email} is in ${inCompany.name} already: its company admin can invite colleagues.`,
        "companyName",
      );
    const { companyId } = db.insert(companies).values({ name }).returning({ companyId: companies.id }).get();
    db.update(quoteRequests).set({ companyId }).where(eq(quoteRequests.id, request.id)).run();
    const invitation = { email, role: "company_admin" as const, spendingLimitCents: null };
    const token = storeInvitation(companyId, invitation, { id: null, name: `${salesUser.name} at IronAxis` }, now);
    return { ok: true, companyId, token };
  });
}

/** A company admin withdraws an invitation not yet accepted. */
export function cancelInvitation(admin: { id: number }, invitationId: number): Done | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentAdmin(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    const deleted = db
      .delete(companyInvitations)
      .where(
        and(
          eq(companyInvitations.id, invitationId),
          eq(companyInvitations.companyId, me.companyId),
          isNull(companyInvitations.acceptedAt),
        ),
      )
      .run();
    return deleted.changes === 1 ? { ok: true } : refuse(404, "That invitation was accepted or withdrawn meanwhile.");
  });
}

function invitationByToken(token: string) {
  if (!looksLikeToken(token)) return undefined;
  return db
    .select({
      id: companyInvitations.id,
      companyId: companyInvitations.companyId,
      companyName: companies.name,
      email: companyInvitations.email,
      role: companyInvitations.role,
      spendingLimitCents: companyInvitations.spendingLimitCents,
      expiresAt: companyInvitations.expiresAt,
      acceptedAt: companyInvitations.acceptedAt,
    })
    .from(companyInvitations)
    .innerJoin(companies, eq(companies.id, companyInvitations.companyId))
    .where(eq(companyInvitations.tokenHash, hashToken(token)))
    .get();
}

type InvitationRow = NonNullable<ReturnType<typeof invitationByToken>>;

/**
 * Whether this signed-in person may see and accept the invitation behind `token`: only the
 * address it was sent to, while it is live. A refusal names no company.
 */
function checkInvitation(
  person: { email: string } | undefined,
  invitation: InvitationRow | undefined,
  now: Date,
): CompanyRefusal | undefined {
  if (!invitation) return refuse(404, "This invitation link is not valid. Ask your company admin for a new one.");
  if (invitation.acceptedAt) return refuse(404, "This invitation has been used. Ask your company admin for a new one.");
  if (invitation.expiresAt <= now.toISOString())
    return refuse(404, "This invitation has expired. Ask your company admin for a new one.");
  if (!person || person.email !== invitation.email)
    return refuse(
      403,
      "This invitation was sent to another e-mail address: sign out and sign in with the address it was sent to.",
    );
  return undefined;
}

/** The invitation behind `token` as its invitee sees it before accepting. */
export function findInvitationFor(
  customer: { id: number },
  token: string,
  now = new Date(),
):
  | Done<{ invitation: Pick<InvitationRow, "companyName" | "email" | "role" | "spendingLimitCents" | "expiresAt"> }>
  | CompanyRefusal {
  const invitation = invitationByToken(token);
  const refusal = checkInvitation(currentPerson(customer.id), invitation, now);
  if (refusal) return refusal;
  const { companyName, email, role, spendingLimitCents, expiresAt } = invitation!;
  return { ok: true, invitation: { companyName, email, role, spendingLimitCents, expiresAt } };
}

/**
 * The invitee joins the company with the invitation's role and limit. Only the address it was
 * sent to, once, before it expires; a person in another company leaves that one first.
 */
export function acceptInvitation(
  customer: { id: number },
  token: string,
  now = new Date(),
): Done<{ companyId: number }> | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentPerson(customer.id);
    const invitation = invitationByToken(token);
    const refusal = checkInvitation(me, invitation, now);
    if (refusal) return refusal;
    const { id, companyId, role, spendingLimitCents } = invitation!;
    if (me!.companyId && me!.companyId !== companyId)
      return refuse(
        409,
        "You are in another company: leave it first (on your company page), then open this link again.",
      );
    const spent = db
      .update(companyInvitations)
      .set({ acceptedAt: now.toISOString() })
      .where(and(eq(companyInvitations.id, id), isNull(companyInvitations.acceptedAt)))
      .run();
    if (spent.changes !== 1) return refuse(404, "This invitation has been used. Ask your company admin for a new one.");
    if (me!.companyId !== companyId)
      db.update(customers)
        .set({ companyId, companyRole: role, spendingLimitCents })
        .where(eq(customers.id, me!.id))
        .run();
    return { ok: true, companyId };
  });
}

/** A company admin changes a person's role or spending limit (null: no limit). */
export function changeMember(
  admin: { id: number },
  memberId: number,
  change: { role: CompanyRole; spendingLimitCents: number | null },
): Done | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentAdmin(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    const member = currentPerson(memberId);
    if (!member || member.companyId !== me.companyId) return refuse(404, NO_SUCH_PERSON);
    const { admins, people } = headcount(me.companyId);
    if (leavesCompanyWithoutAdmin({ role: member.companyRole, nextRole: change.role, admins, people }))
      return refuse(409, LAST_ADMIN, "role");
    db.update(customers)
      .set({ companyRole: change.role, spendingLimitCents: change.spendingLimitCents })
      .where(and(eq(customers.id, member.id), eq(customers.companyId, me.companyId)))
      .run();
    return { ok: true };
  });
}

/** A company admin takes a person out of the company; the company keeps their requests and orders. */
export function removeMember(admin: { id: number }, memberId: number): Done | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentAdmin(admin.id);
    if (!me) return refuse(403, NOT_ALLOWED);
    const member = currentPerson(memberId);
    if (!member || member.companyId !== me.companyId) return refuse(404, NO_SUCH_PERSON);
    const { admins, people } = headcount(me.companyId);
    if (leavesCompanyWithoutAdmin({ role: member.companyRole, nextRole: null, admins, people }))
      return refuse(409, LAST_ADMIN);
    // An admin removing themselves leaves, as if by "Leave company".
    const successor = member.id === me.id ? firstAdminBesides(me.companyId, me.id) : me;
    if (successor) handOver(member, successor, me.companyId, `buyer:${me.email}`);
    detach(member.id, me.companyId);
    return { ok: true };
  });
}

/** A person leaves their company; the company keeps their requests and orders. */
export function leaveCompany(customer: { id: number }): Done | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentPerson(customer.id);
    if (!me?.companyId) return refuse(409, "You are not in a company.");
    const { admins, people } = headcount(me.companyId);
    if (leavesCompanyWithoutAdmin({ role: me.companyRole, nextRole: null, admins, people }))
      return refuse(409, "You are the company's last company admin: make someone else company admin before you leave.");
    const successor = firstAdminBesides(me.companyId, me.id);
    if (successor) handOver(me, successor, me.companyId, `buyer:${me.email}`);
    detach(me.id, me.companyId);
    return { ok: true };
  });
}

/** The people of a company, by e-mail: the buyer's company page and the back office's show the same. */
export function companyPeople(companyId: number) {
  return db
    .select({
      id: customers.id,
      name: customers.name,
      email: customers.email,
      role: customers.companyRole,
      spendingLimitCents: customers.spendingLimitCents,
      lastSignInAt: customers.lastSignInAt,
    })
    .from(customers)
    .where(eq(customers.companyId, companyId))
    .orderBy(asc(customers.email))
    .all()
    .map((person) => ({ ...person, role: person.role ?? ("buyer" as CompanyRole) }));
}

/**
 * The company page of a signed-in person: the company, its people, and (for those who manage
 * people) the invitations waiting for an answer. Undefined outside a company.
 */
export function companyPage(customer: { id: number }, now = new Date()) {
  const me = currentPerson(customer.id);
  if (!me?.companyId) return undefined;
  const company = db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(eq(companies.id, me.companyId))
    .get()!;
  const people = companyPeople(company.id);
  const managesPeople = companyRoleAllows(me.companyRole, "manage_people");
  const invitations = managesPeople
    ? db
        .select({
          id: companyInvitations.id,
          email: companyInvitations.email,
          role: companyInvitations.role,
          spendingLimitCents: companyInvitations.spendingLimitCents,
          expiresAt: companyInvitations.expiresAt,
        })
        .from(companyInvitations)
        .where(
          and(
            eq(companyInvitations.companyId, company.id),
            isNull(companyInvitations.acceptedAt),
            gt(companyInvitations.expiresAt, now.toISOString()),
          ),
        )
        .orderBy(asc(companyInvitations.email))
        .all()
    : [];
  return { company, people, invitations, me: { id: me.id, role: me.companyRole ?? "buyer" }, managesPeople };
}
