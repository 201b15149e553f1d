import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCustomer } from "~/accounts/customer-session.server";
import { readPasskeyBody, refusal } from "~/accounts/passkey-requests.server";
import { PASSKEYS_PER_CUSTOMER } from "~/accounts/passkey-rules";
import { PasskeyRegistrationBody } from "~/accounts/passkey-schema";
import { registerPasskey } from "~/accounts/passkeys.server";

const REFUSALS = {
  invalid: "This passkey could not be checked. Try again, or with another device.",
  expired: "That took too long or was already used: try adding the passkey again.",
  limit: `You have ${PASSKEYS_PER_CUSTOMER} passkeys, the most an account keeps: remove one first.`,
  duplicate: "This passkey is already registered.",
} as const;

/** POST: the browser's new passkey, checked and kept for the signed-in buyer. */
export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireCustomer(request);
  const body = await readPasskeyBody(request, PasskeyRegistrationBody);
  const result = await registerPasskey(customer.id, body.response, body.name);
  if (!result.ok)
    return refusal(REFUSALS[result.reason], result.reason === "invalid" || result.reason === "expired" ? 400 : 409);
  return Response.json({ ok: true });
}
