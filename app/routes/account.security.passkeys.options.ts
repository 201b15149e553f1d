import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCustomer } from "~/accounts/customer-session.server";
import { refusal } from "~/accounts/passkey-requests.server";
import { PASSKEYS_PER_CUSTOMER } from "~/accounts/passkey-rules";
import { passkeyRegistrationOptions } from "~/accounts/passkeys.server";

/** POST: the options for a new passkey of the signed-in buyer (it stores a challenge, hence POST). */
export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireCustomer(request);
  const result = await passkeyRegistrationOptions(customer);
  if (!result.ok)
    return refusal(`You have ${PASSKEYS_PER_CUSTOMER} passkeys, the most an account keeps: remove one first.`, 409);
  return Response.json(result.options);
}
