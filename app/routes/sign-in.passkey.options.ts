import type { ActionFunctionArgs } from "@remix-run/node";
import { refusal } from "~/accounts/passkey-requests.server";
import { passkeySignInOptions } from "~/accounts/passkeys.server";

/** POST: options to sign in with any passkey of this site (it stores a challenge, hence POST). */
export async function action({ context }: ActionFunctionArgs) {
  const options = await passkeySignInOptions(context.clientIp ?? "unknown");
  if (!options)
    return refusal("Too many passkey sign-ins from here: wait a few minutes, or use an e-mailed code.", 429);
  return Response.json(options);
}
