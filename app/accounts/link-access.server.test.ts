import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers, quoteEvents } from "~db/schema";
import { db } from "~/lib/db.server";
import { loader as quotePage, action as quoteAction } from "~/routes/quotes.$token";
import { loader as quotePdf } from "~/routes/quotes.$token_.quote[.]pdf";
import { loader as orderPage } from "~/routes/orders.$token";
import { loader as invoicePdf } from "~/routes/orders.$token_.invoice[.]pdf";
import { acceptQuoteWithOrder } from "~/quotes/quote-order.server";
import {
  acceptAddresses,
  addColleague,
  makeCompany,
  makeCustomer,
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
} from "../../tests/support/factories";
import { buyerCookie, postForm } from "../../tests/support/route-forms";
import { acceptInvitation, inviteFromRequest, leaveCompany, removeMember } from "./company.server";

type Loader = (args: LoaderFunctionArgs) => unknown;

/** What a GET of `path` answers, with `cookie`: its status, and where it redirects. */
async function open(loader: Loader, path: string, params: Record<string, string>, cookie = "") {
  try {
    const answer = await loader({
      request: new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} }),
      params,
      context: { cspNonce: "test" },
    });
    return { status: answer instanceof Response ? answer.status : 200, location: null };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location") };
  }
}

describe("a company's quote and order links", () => {
  it("open for the company's people signed in, and for nobody else; a guest's for whoever holds the link", async () => {
    const sales = await makeSalesUser();
    const { admin, companyId } = makeCompany("Link Access Co", { terms: "net30", creditLimitCents: 1_000_000_00 });
    const colleague = addColleague(admin, "buyer", null);
    const outsider = makeCompany("Outside Co").admin;
    const [colleagues, outsiders] = [await buyerCookie(colleague), await buyerCookie(outsider)];
    const ours = makeQuoteRequest({ owner: { customerId: admin.id, companyId } });
    const revision = makeRevision(ours.request, sales, { unitPriceCents: 1_000_00 });
    const guest = makeQuoteRequest({});
    const quote = { token: ours.token };

    expect(await open(quotePage, `/quotes/${ours.token}`, quote)).toEqual({
      status: 302,
      location: `/sign-in?redirectTo=${encodeURIComponent(`/quotes/${ours.token}`)}`,
    });
    expect((await open(quotePage, `/quotes/${ours.token}`, quote, colleagues)).status).toBe(200);
    expect((await open(quotePage, `/quotes/${ours.token}`, quote, outsiders)).status).toBe(404);
    expect((await open(quotePdf, `/quotes/${ours.token}/quote.pdf`, quote, outsiders)).status).toBe(404);
    expect((await open(quotePdf, `/quotes/${ours.token}/quote.pdf`, quote, colleagues)).status).toBe(200);
    expect((await open(quotePage, `/quotes/${guest.token}`, { token: guest.token })).status).toBe(200);
    // Sales makes a company of a guest's request: until someone accepts its invitation the
    // company has nobody, and the link stays the guest's.
    const invited = makeQuoteRequest({});
    expect(inviteFromRequest(invited.request.id, "Invited Works", sales)).toMatchObject({ ok: true });
    expect((await open(quotePage, `/quotes/${invited.token}`, { token: invited.token })).status).toBe(200);
    // A decision sent with the link alone is not the company's: to sign in, and back to the quote.
    const accept = { intent: "accept", revisionId: String(revision.id), method: "invoice", poNumber: "PO-1" };
    const unsigned = await postForm(quoteAction, `/quotes/${ours.token}`, quote, "", accept).catch((thrown) => thrown);
    expect(unsigned).toBeInstanceOf(Response);
    expect(unsigned.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/quotes/${ours.token}`)}`);
    // A signed-in outsider's gets the answer of a wrong link.
    await expect(postForm(quoteAction, `/quotes/${ours.token}`, quote, outsiders, accept)).rejects.toMatchObject({
      status: 404,
    });

    const accepted = acceptQuoteWithOrder(ours.token, revision.id, {
      method: "invoice",
      poNumber: "PO-1",
      addresses: acceptAddresses(),
      acceptor: colleague,
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    const order = { token: accepted.token };
    expect((await open(orderPage, `/orders/${accepted.token}`, order, colleagues)).status).toBe(200);
    expect((await open(invoicePdf, `/orders/${accepted.token}/invoice.pdf`, order, colleagues)).status).toBe(200);
    expect((await open(invoicePdf, `/orders/${accepted.token}/invoice.pdf`, order, outsiders)).status).toBe(404);

    // Asking for changes is a decision too: the colleague's, named in the timeline.
    const another = makeQuoteRequest({ owner: { customerId: admin.id, companyId } });
    makeRevision(another.request, sales, { unitPriceCents: 2_000_00 });
    const changes = { intent: "request-changes", body: "Three weeks' lead time, please" };
    await expect(
      postForm(quoteAction, `/quotes/${another.token}`, { token: another.token }, colleagues, changes),
    ).rejects.toMatchObject({ status: 302 });
    expect(
      db.select().from(quoteEvents).where(eq(quoteEvents.requestId, another.request.id)).all().at(-1),
    ).toMatchObject({ status: "changes_requested", actor: `buyer:${colleague.email}` });

    // Removed from the company, the colleague's links open nothing.
    expect(removeMember(admin, colleague.id)).toMatchObject({ ok: true });
    expect((await open(quotePage, `/quotes/${ours.token}`, quote, colleagues)).status).toBe(404);
    expect((await open(orderPage, `/orders/${accepted.token}`, order, colleagues)).status).toBe(404);

    // Everybody gone: the company's links open for nobody, not for whoever holds them.
    expect(leaveCompany(admin)).toMatchObject({ ok: true });
    expect((await open(quotePage, `/quotes/${ours.token}`, quote, colleagues)).status).toBe(404);
    expect((await open(orderPage, `/orders/${accepted.token}`, order)).status).toBe(302);
    // So too for a guest's request in a company someone joined by invitation, then left.
    const joined = makeQuoteRequest({});
    const made = inviteFromRequest(joined.request.id, "Joined Works", sales);
    if (!made.ok) throw new Error(made.message);
    const guestBuyer = makeCustomer("guest-buyer");
    db.update(customers).set({ email: joined.request.email }).where(eq(customers.id, guestBuyer.id)).run();
    expect(acceptInvitation({ id: guestBuyer.id }, made.token)).toMatchObject({ ok: true });
    expect(leaveCompany(guestBuyer)).toMatchObject({ ok: true });
    expect((await open(quotePage, `/quotes/${joined.token}`, { token: joined.token })).status).toBe(302);
  });
});
