import { createCookie } from "@remix-run/node";
import { secureCookies } from "./env.server";

/**
 * A cookie that identifies an anonymous buyer's list (quote list, cart) for a year. It holds a
 * random token; the server keeps only the token's hash.
 */
export function createTokenCookie(name: string) {
  const cookie = createCookie(name, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  async function read(request: Request): Promise<string | undefined> {
    const value: unknown = await cookie.parse(request.headers.get("Cookie"));
    return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
  }
  return { cookie, read };
}
