import { eq } from "drizzle-orm";
import { quoteRequestLinks } from "../../db/schema";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { createToken, hashToken } from "~/lib/tokens.server";

/**
 * A new private link to a request, written in the caller's transaction, for an e-mail to the
 * buyer. The token is random unless given (the first link's comes from the form's key).
 */
export function addStatusLink(requestId: number, token = createToken()) {
  db.insert(quoteRequestLinks).values({ requestId, tokenHash: hashToken(token) }).run();
  return new URL(`/quotes/${token}`, env.SITE_URL).toString();
}

/** The request a private link opens, if any. */
export function requestIdOfToken(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return db
    .select({ requestId: quoteRequestLinks.requestId })
    .from(quoteRequestLinks)
    .where(eq(quoteRequestLinks.tokenHash, hashToken(token)))
    .get()?.requestId;
}
