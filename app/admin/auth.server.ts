import crypto from "node:crypto";
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import type { Role } from "~db/schema";
import { secureCookies } from "~/lib/env.server";
import { derivedKey } from "~/lib/link-secret.server";
import { CROSS_SITE_REFUSAL, passesOriginCheck } from "~/lib/policy";
import {
  endSession,
  findSessionUser,
  SESSION_HOURS,
  startSession,
  type SessionUser,
  type SignInClient,
} from "./user.server";

/** The back-office session cookie: a random token; the session itself lives in the database. */
const sessionCookie = createCookie(secureCookies ? "__Host-ironaxis_admin" : "ironaxis_admin", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
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

type KnownDevice = NonNullable<SignInClient["knownDevice"]>;
const KNOWN_DEVICE_ACCOUNTS = 10;
let knownDeviceCookie: Cookie | undefined;

/**
 * The known-device cookie: a random device id and the accounts that signed in on this browser,
 * signed so it cannot be made up. It opens nothing; it only keeps other people's failed
 * sign-ins from holding this browser up (ADR 14). Sent to the back office only.
 */
function deviceCookie() {
  // Made on first use: the signing secret may be created beside the database.
  return (knownDeviceCookie ??= createCookie(secureCookies ? "__Secure-ironaxis_device" : "ironaxis_device", {
    httpOnly: true,
    sameSite: "strict",
    secure: secureCookies,
    path: "/admin",
    maxAge: 400 * 24 * 3600,
    secrets: [derivedKey("known devices").toString("base64url")],
  }));
}

async function readKnownDevice(request: Request): Promise<KnownDevice | undefined> {
  const value: unknown = await deviceCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return undefined;
  const { id, userIds } = value as Record<string, unknown>;
  const valid =
    typeof id === "string" &&
    /^[A-Za-z0-9_-]{22}$/.test(id) &&
    Array.isArray(userIds) &&
    userIds.every((n) => Number.isSafeInteger(n) && n > 0);
  return valid ? { id, userIds: userIds.slice(0, KNOWN_DEVICE_ACCOUNTS) } : undefined;
}

/** What `verifySignIn` needs to know about the client. */
export async function signInClient(request: Request, address: string | undefined): Promise<SignInClient> {
  return { address: address ?? "unknown", knownDevice: await readKnownDevice(request) };
}

/**
 * Signs the user in on a fresh session token and answers with a redirect that sets it, and
 * remembers this browser as one the user signed in on.
 */
export async function signIn(request: Request, user: SessionUser, redirectTo: string) {
  const token = startSession(user.id, await readSessionToken(request));
  const device = (await readKnownDevice(request)) ?? { id: crypto.randomBytes(16).toString("base64url"), userIds: [] };
  const userIds = [user.id, ...device.userIds.filter((id) => id !== user.id)].slice(0, KNOWN_DEVICE_ACCOUNTS);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie.serialize(token));
  headers.append("Set-Cookie", await deviceCookie().serialize({ id: device.id, userIds }));
  return redirect(redirectTo, { headers });
}

export async function signOut(request: Request) {
  const token = await readSessionToken(request);
  if (token) endSession(token);
  return redirect("/admin/login", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

/**
 * Refuses a state-changing request that did not come from our own pages, by the same check the
 * server applies to every non-GET (the back office requires an Origin or Sec-Fetch-Site that
 * says same origin). Forms posted from other sites fail here.
 */
export function assertSameOrigin(request: Request) {
  const evidence = {
    method: request.method,
    origin: request.headers.get("Origin"),
    fetchSite: request.headers.get("Sec-Fetch-Site"),
    host: new URL(request.url).host,
    secure: secureCookies,
  };
  if (!passesOriginCheck("required", evidence)) throw new Response(CROSS_SITE_REFUSAL, { status: 403 });
}

/** A path inside the back office to return to after sign-in; anything else goes to the dashboard. */
export function safeAdminRedirect(target: string | null | undefined) {
  if (!target || !target.startsWith("/") || /[\\\s]/.test(target)) return "/admin";
  try {
    const url = new URL(target, "http://ironaxis.invalid");
    const inside =
      url.origin === "http://ironaxis.invalid" &&
      /^\/admin(\/|$)/.test(url.pathname) &&
      !url.pathname.startsWith("/admin/login");
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
