import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { companies, customers, customerSessions, type CompanyRole } from "~db/schema";
import { db, preparedOnce, writeTransaction } from "~/lib/db.server";
import { secureCookies } from "~/lib/env.server";
import { createToken, hashToken, looksLikeToken } from "~/lib/tokens.server";

/** A signed-in buyer, with their company and role in it when they have one. */
export type Customer = {
  id: number;
  email: string;
  name: string;
  companyId: number | null;
  companyName: string | null;
  companyRole: CompanyRole | null;
  spendingLimitCents: number | null;
};

export const CUSTOMER_SESSION_DAYS = 30;

/** The name of the buyer's session cookie (the page cache renders a request that carries it for that buyer). */
export const BUYER_SESSION_COOKIE = secureCookies ? "__Host-ironaxis_buyer" : "ironaxis_buyer";

/** The buyer's session cookie: a random token; the session lives in the database. */
const sessionCookie = createCookie(BUYER_SESSION_COOKIE, {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
  path: "/",
  maxAge: CUSTOMER_SESSION_DAYS * 24 * 3600,
});

async function readSessionToken(request: Request): Promise<string | undefined> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && looksLikeToken(value) ? value : undefined;
}

// Read on every signed-in request: prepared once.
const sessionCustomer = preparedOnce(() =>
  db
    .select({
      id: customers.id,
      email: customers.email,
      name: customers.name,
      companyId: customers.companyId,
      companyName: companies.name,
      companyRole: customers.companyRole,
      spendingLimitCents: customers.spendingLimitCents,
    })
    .from(customerSessions)
    .innerJoin(customers, eq(customers.id, customerSessions.customerId))
    .leftJoin(companies, eq(companies.id, customers.companyId))
    .where(
      and(
        eq(customerSessions.tokenHash, sql.placeholder("tokenHash")),
        gt(customerSessions.expiresAt, sql.placeholder("now")),
      ),
    )
    .prepare(),
);

export function findSessionCustomer(token: string, now = new Date()): Customer | undefined {
  return sessionCustomer().get({ tokenHash: hashToken(token), now: now.toISOString() });
}

/** The signed-in buyer of this request, if any. */
export async function getCustomer(request: Request) {
  const token = await readSessionToken(request);
  return token ? findSessionCustomer(token) : undefined;
}

/** Where sign-in returns to: a path of this site only; anything else goes to the account page. */
export function safeAccountRedirect(target: string | null | undefined) {
  if (!target || !target.startsWith("/") || /[\\\s]/.test(target)) return "/account";
  try {
    const url = new URL(target, "http://ironaxis.invalid");
    // The path as parsed: "/.//evil.example" and "/x/..//evil.example" become "//evil.example",
    // which a browser reads as another host.
    const ours =
      url.origin === "http://ironaxis.invalid" &&
      !url.pathname.startsWith("//") &&
      !/^\/(admin|sign-in)(\/|$|\.)/.test(url.pathname);
    return ours ? `${url.pathname}${url.search}` : "/account";
  } catch {
    return "/account";
  }
}

/** To the sign-in page, and back after it: to this page when it was a GET, else to `page` if given. */
export function signInFirst(request: Request, page?: string) {
  const url = new URL(request.url);
  const target = request.method === "GET" ? url.pathname + url.search : page;
  const back = target ? `?redirectTo=${encodeURIComponent(target)}` : "";
  return redirect(`/sign-in${back}`, { headers: { "Cache-Control": "no-store" } });
}

/** Every account loader and action starts here: anonymous visitors are sent to sign in and back. */
export async function requireCustomer(request: Request): Promise<Customer> {
  const customer = await getCustomer(request);
  if (customer) return customer;
  throw signInFirst(request);
}

/**
 * A new session for a buyer who just proved who they are. This browser's previous session, if
 * any, is deleted (the token changes at every sign-in); expired sessions are swept on the way.
 * Call inside the transaction that spent the proof, so a proof used twice signs in once.
 */
export function startCustomerSession(customerId: number, previousToken: string | undefined, now = new Date()) {
  const token = createToken();
  if (previousToken)
    db.delete(customerSessions)
      .where(eq(customerSessions.tokenHash, hashToken(previousToken)))
      .run();
  db.delete(customerSessions).where(lt(customerSessions.expiresAt, now.toISOString())).run();
  db.insert(customerSessions)
    .values({
      tokenHash: hashToken(token),
      customerId,
      expiresAt: new Date(now.getTime() + CUSTOMER_SESSION_DAYS * 24 * 3600_000).toISOString(),
    })
    .run();
  db.update(customers).set({ lastSignInAt: now.toISOString() }).where(eq(customers.id, customerId)).run();
  return token;
}

/**
 * Signs the buyer in on a fresh session, inside one transaction with `prove` (which spends a
 * code, a link or checks a passkey and answers the customer's id, or undefined to refuse), and
 * answers the redirect that sets the cookie; undefined when `prove` refused.
 */
export async function signInCustomer(request: Request, prove: () => number | undefined, redirectTo: string) {
  const previous = await readSessionToken(request);
  const token = writeTransaction(() => {
    const customerId = prove();
    return customerId === undefined ? undefined : startCustomerSession(customerId, previous);
  });
  if (!token) return undefined;
  return redirect(safeAccountRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie.serialize(token) },
  });
}

const clearCookie = () => sessionCookie.serialize("", { maxAge: 0 });

/** Signs this browser out. */
export async function signOutCustomer(request: Request) {
  const token = await readSessionToken(request);
  if (token)
    db.delete(customerSessions)
      .where(eq(customerSessions.tokenHash, hashToken(token)))
      .run();
  return redirect("/sign-in?signedOut=1", { headers: { "Set-Cookie": await clearCookie() } });
}

/** Ends every session of the buyer, this browser's too: for a lost laptop or a shared one. */
export async function signOutEverywhere(customerId: number) {
  db.delete(customerSessions).where(eq(customerSessions.customerId, customerId)).run();
  return redirect("/sign-in?signedOut=everywhere", { headers: { "Set-Cookie": await clearCookie() } });
}

/** How many browsers are signed in as this buyer. */
export function countSessions(customerId: number, now = new Date()) {
  return db
    .select({ id: customerSessions.id })
    .from(customerSessions)
    .where(and(eq(customerSessions.customerId, customerId), gt(customerSessions.expiresAt, now.toISOString())))
    .all().length;
}
