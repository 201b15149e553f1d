import { and, eq, isNotNull } from "drizzle-orm";
import { companyInvitations, customers, orders, quoteRequests } from "~db/schema";
import { db } from "~/lib/db.server";
import { hashToken, looksLikeToken } from "~/lib/tokens.server";
import { getCustomer, signInFirst } from "./customer-session.server";

/**
 * The company a quote's or an order's private link belongs to: null for a guest's or a person's
 * own, and for a guest's record in a company nobody has joined yet (sales made it from the
 * guest's request), whose link stays the guest's until someone accepts its invitation. A company
 * everybody has left keeps its records closed: a record placed by a person, or a company someone
 * joined by invitation, had people, and they lost its links as they left.
 */
function companyOfLink(link: { order: string } | { quote: string }) {
  const [table, token] = "order" in link ? [orders, link.order] : [quoteRequests, link.quote];
  if (!looksLikeToken(token)) return null;
  const record = db
    .select({ companyId: table.companyId, customerId: table.customerId })
    .from(table)
    .where(eq(table.tokenHash, hashToken(token)))
    .get();
  if (record?.companyId == null) return null;
  const { companyId } = record;
  const person = db.select({ id: customers.id }).from(customers).where(eq(customers.companyId, companyId)).get();
  if (person || record.customerId !== null) return companyId;
  const joined = db
    .select({ id: companyInvitations.id })
    .from(companyInvitations)
    .where(and(eq(companyInvitations.companyId, companyId), isNotNull(companyInvitations.acceptedAt)))
    .get();
  return joined ? companyId : null;
}

/**
 * Who may open a quote or an order by its private link, and its documents (ADR 47). A guest's, or
 * one of a buyer outside any company: whoever holds the link. A company's: its people, signed in,
 * so a person who has left the company, or a link sent on outside it, opens nothing, and whoever
 * decides for the company is known. Someone not signed in is sent to sign in and back to the
 * page (a form sent after the session ran out is lost, but the buyer is not); anyone else gets
 * the 404 of a wrong link. A wrong link passes, for the route's own 404. Returns the signed-in
 * buyer, if any.
 */
export async function requireLinkHolder(request: Request, link: { order: string } | { quote: string }) {
  const companyId = companyOfLink(link);
  const customer = await getCustomer(request);
  if (companyId === null || customer?.companyId === companyId) return customer;
  // Not signed in (or the session ran out on the page): to sign in, and back to this page.
  if (!customer) throw signInFirst(request, new URL(request.url).pathname);
  throw new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
}
