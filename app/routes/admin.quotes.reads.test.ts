import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quoteRequests } from "~db/schema";
import { signIn } from "~/admin/auth.server";
import { db, sqlite } from "~/lib/db.server";
import type { SessionUser } from "~/admin/user.server";
import { loader as dashboard } from "./admin._index";
import { action as quoteAction, loader as quotePage } from "./admin.quotes.$id";
import { loader as inbox } from "./admin.quotes._index";
import { loader as buyerPage } from "./quotes.$token";
import { makeQuoteRequest, makeRevision, makeSalesUser } from "../../tests/support/factories";

/** Every row of the tables a page about quotes could write to, hashed. */
function databaseHash() {
  const hash = crypto.createHash("sha256");
  for (const table of [
    "quote_requests",
    "quote_events",
    "quote_messages",
    "orders",
    "order_events",
    "checkout_sessions",
    "outbox_emails",
  ]) {
    hash.update(JSON.stringify(sqlite.prepare(`select * from ${table} order by rowid`).all()));
  }
  return hash.digest("hex");
}

async function salesCookie() {
  const user = await makeSalesUser();
  const signedIn = await signIn(new Request("http://localhost/admin/login"), user, "/admin");
  return { user, cookie: signedIn.headers.get("Set-Cookie")!.split(";")[0] };
}

/** A quoted request whose validity ended yesterday, not read by sales. */
function pastValidityRequest(user: SessionUser) {
  const { request, token } = makeQuoteRequest({ quantity: 2 });
  makeRevision(request, user, { unitPriceCents: 100_00, leadTimeWeeks: 2, validUntil: "2099-01-01" });
  // Time passes: the last valid day is yesterday, and sales has not read the request since the buyer sent it.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  sqlite.prepare("update quote_revisions set valid_until = ? where request_id = ?").run(yesterday, request.id);
  db.update(quoteRequests).set({ salesSeenAt: null }).where(eq(quoteRequests.id, request.id)).run();
  return { id: request.id, token, reference: request.reference };
}

const args = (url: string, cookie: string, params: Record<string, string> = {}) => ({
  request: new Request(url, { headers: { Cookie: cookie } }),
  params,
  context: { cspNonce: "test" },
});
type Loaded<T> = { data: T };

describe("pages that show quotes only read", () => {
  it("the dashboard, the inbox, a request (as a page or a prefetch) and the buyer's page write nothing, and show a quote past its validity as expired", async () => {
    const { user, cookie } = await salesCookie();
    const request = pastValidityRequest(user);
    const before = databaseHash();

    await dashboard(args("http://localhost/admin", cookie));
    const listed = (await inbox(args("http://localhost/admin/quotes?view=closed", cookie))) as unknown as Loaded<{
      rows: { reference: string; status: string; unread: boolean }[];
    }>;
    const page = (await quotePage(
      args(`http://localhost/admin/quotes/${request.id}`, cookie, { id: String(request.id) }),
    )) as unknown as Loaded<{ request: { status: string }; unread: boolean }>;
    // A hover prefetch and a client navigation both ask for the same loader data (single fetch).
    await quotePage(args(`http://localhost/admin/quotes/${request.id}.data`, cookie, { id: String(request.id) }));
    const buyer = (await buyerPage(
      args(`http://localhost/quotes/${request.token}`, "", { token: request.token }),
    )) as unknown as Loaded<{ request: { status: string; events: { status: string }[] }; decidable: boolean }>;

    expect(databaseHash()).toBe(before);
    expect(listed.data.rows.find((row) => row.reference === request.reference)).toMatchObject({
      status: "expired",
      unread: true,
    });
    expect(page.data).toMatchObject({ request: { status: "expired" }, unread: true });
    expect(buyer.data.request.status).toBe("expired");
    expect(buyer.data.request.events.at(-1)!.status).toBe("expired");
    expect(buyer.data.decidable).toBe(false);
  });

  it("marks a request read, or unread again, only through the posted form", async () => {
    const { user, cookie } = await salesCookie();
    const request = pastValidityRequest(user);
    const post = (intent: string) =>
      quoteAction({
        request: new Request(`http://localhost/admin/quotes/${request.id}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
          body: new URLSearchParams({ intent }).toString(),
        }),
        params: { id: String(request.id) },
        context: { cspNonce: "test" },
      });
    const unread = async () =>
      (
        (await quotePage(
          args(`http://localhost/admin/quotes/${request.id}`, cookie, { id: String(request.id) }),
        )) as unknown as Loaded<{ unread: boolean }>
      ).data.unread;
    expect(await unread()).toBe(true);
    expect(((await post("seen")) as Response).status).toBe(302);
    expect(await unread()).toBe(false);
    await post("unseen");
    expect(await unread()).toBe(true);
  });
});
