import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

/** Identifies an anonymous buyer's quote list for a year; the server keeps only its hash. */
export const quoteListCookie = createCookie("quote_list", {
  httpOnly: true,
  sameSite: "lax",
  secure: env.NODE_ENV === "production",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
});

export async function readQuoteListToken(request: Request): Promise<string | undefined> {
  const value: unknown = await quoteListCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}
