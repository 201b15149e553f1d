import type { ActionFunctionArgs } from "@remix-run/node";
import { signInCustomer } from "~/accounts/customer-session.server";
import { readPasskeyBody, refusal } from "~/accounts/passkey-requests.server";
import { PasskeySignInBody } from "~/accounts/passkey-schema";
import { checkPasskeySignIn, spendPasskeySignIn } from "~/accounts/passkeys.server";

const REFUSALS = {
  unknown: "This passkey is not registered with IronAxis (it may have been removed). Sign in with an e-mailed code.",
  invalid: "This passkey could not be checked. Try again, or sign in with an e-mailed code.",
  expired: "That took too long or was already used: try the passkey again.",
} as const;

/**
 * POST: a passkey assertion. When it checks out, a new session starts (one transaction that
 * spends the challenge) and the answer names where to go, with the session cookie.
 */
export async function action({ request }: ActionFunctionArgs) {
  const body = await readPasskeyBody(request, PasskeySignInBody);
  const check = await checkPasskeySignIn(body.response);
  if (!check.ok) return refusal(REFUSALS[check.reason]);
  const signedIn = await signInCustomer(request, () => spendPasskeySignIn(check.proof), body.redirectTo ?? "/account");
  if (!signedIn) return refusal(REFUSALS.expired);
  // A script follows the redirect itself: it gets the target as JSON, the cookie as is.
  return Response.json(
    { redirectTo: signedIn.headers.get("Location") },
    { headers: { "Set-Cookie": signedIn.headers.get("Set-Cookie") ?? "" } },
  );
}
