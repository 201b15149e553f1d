import { eq } from "drizzle-orm";
import { customers, orders, quoteRequests } from "~db/schema";
import { db } from "~/lib/db.server";
import { hashToken, looksLikeToken } from "~/lib/tokens.server";
import { getCustomer, signInFirst } from "./customer-session.server";

/**
 * The company a quote's or an order's private link belongs to, while the company has people:
 * null for a guest's or a person's own, and for a company sales made from a guest's request,
 * whose link stays the guest's until someone accepts its invitation.
 */
function companyOfLink(link: { order: string } | { quote: string }) {
  const [table, token] = "order" in link ? [orders, link.order] : [quoteRequests, link.quote];
  if (!looksLikeToken(token)) return null;
  const companyId = db
    .select({ companyId: table.companyId })
    .from(table)
    .where(eq(table.tokenHash, hashToken(token)))
    .get()?.companyId;
  if (companyId == null) return null;
  const person = db.select({ id: customers.id }).from(customers).where(eq(customers.companyId, companyId)).get();
  return person ? companyId : null;
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
