import { createCookie, redirect } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { env } from "./env.server";
import { endSession, findSessionUser, SESSION_HOURS, startSession, type SessionUser } from "~/models/user.server";

const secure = env.SITE_URL.startsWith("https://");

/** The back-office session cookie: a random token; the session itself lives in the database. */
const sessionCookie = createCookie(secure ? "__Host-ironaxis_admin" : "ironaxis_admin", {
  httpOnly: true,
  sameSite: "lax",
  secure,
  path: "/",
  maxAge: SESSION_HOURS * 3600,
});

async function readSessionToken(request: Request): Promise<string | undefined> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : undefined;
}

export async function getSessionUser(request: Request) {
  const token = await readSessionToken(request);
  return token ? findSessionUser(token) : undefined;
}

/** Signs the user in on a fresh session token and answers with a redirect that sets it. */
export async function signIn(request: Request, user: SessionUser, redirectTo: string) {
  const token = startSession(user.id, await readSessionToken(request));
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie.serialize(token) } });
}

export async function signOut(request: Request) {
  const token = await readSessionToken(request);
  if (token) endSession(token);
  return redirect("/admin/login", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

/**
 * Refuses a state-changing request that did not come from our own pages: the browser's Origin
 * (or, without it, Sec-Fetch-Site) must say same origin. Forms posted from other sites fail here.
 */
export function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("Origin");
  const allowed = new Set([new URL(env.SITE_URL).origin, new URL(request.url).origin]);
  const sameOrigin = origin ? allowed.has(origin) : request.headers.get("Sec-Fetch-Site") === "same-origin";
  if (!sameOrigin) throw new Response("Cross-site request refused", { status: 403 });
}

/** A path inside the back office to return to after sign-in; anything else goes to the dashboard. */
export function safeAdminRedirect(target: string | null | undefined) {
  if (!target || !target.startsWith("/") || /[\\\s]/.test(target)) return "/admin";
  try {
    const url = new URL(target, "http://ironaxis.invalid");
    const inside = url.origin === "http://ironaxis.invalid" && /^\/admin(\/|$)/.test(url.pathname) && !url.pathname.startsWith("/admin/login");
    return inside ? `${url.pathname}${url.search}` : "/admin";
  } catch {
    return "/admin";
  }
}

/**
 * Every back-office loader and action starts here. Anonymous visitors are sent to sign in;
 * a signed-in user without one of `roles` gets 403. POSTs must come from our own origin.
 */
export async function requireUser(request: Request, roles: readonly Role[] = ["admin", "sales"]) {
  assertSameOrigin(request);
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? `?redirectTo=${encodeURIComponent(url.pathname + url.search)}` : "";
    throw redirect(`/admin/login${back}`, { headers: { "Cache-Control": "no-store" } });
  }
  if (!roles.includes(user.role)) throw new Response("Your role does not allow this", { status: 403 });
  return user;
}

export const ADMIN_HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };
