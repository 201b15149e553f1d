import { env } from "~/lib/env.server";
import { openToken } from "~/lib/link-secret.server";

/** The buyer's private page of a request. */
export function statusUrl(token: string) {
  return new URL(`/quotes/${token}`, env.SITE_URL).toString();
}

/**
 * The private link again, for an e-mail to the buyer after the first: undefined when the request
 * was sealed under another link secret (or before links were sealed), and the e-mail says to use
 * the first one instead.
 */
export function statusUrlOf(request: { tokenSealed: string | null }) {
  const token = openToken(request.tokenSealed);
  return token ? statusUrl(token) : undefined;
}
