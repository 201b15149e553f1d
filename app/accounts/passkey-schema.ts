import { z } from "zod";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { PASSKEY_INTENT, PASSKEY_NAME_MAX } from "./passkey-rules";

/** WebAuthn's binary fields travel as base64url; an attestation is a few kilobytes at most. */
const base64url = z
  .string()
  .max(16 * 1024)
  .regex(/^[A-Za-z0-9_-]*$/, { error: "must be base64url" });
const credentialId = base64url.min(1).max(1366);

/** A value the browser may add later is dropped rather than refused. */
const attachment = z.enum(["platform", "cross-platform"]).optional().catch(undefined);

const passkeyName = z
  .string()
  .trim()
  .max(PASSKEY_NAME_MAX, { error: `A name must be at most ${PASSKEY_NAME_MAX} characters` })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
  .transform((name) => name.replace(/\s+/g, " "));

/** What the browser's navigator.credentials.create() answers, as @simplewebauthn/browser sends it. */
const RegistrationResponse = z.looseObject({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: attachment,
});

/** What navigator.credentials.get() answers. */
const AuthenticationResponse = z.looseObject({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: attachment,
});

/** The body of POST /account/security/passkeys/verify. */
export const PasskeyRegistrationBody = z.object({
  response: RegistrationResponse,
  name: passkeyName.optional(),
});

/** The body of POST /sign-in/passkey/verify. */
export const PasskeySignInBody = z.object({
  response: AuthenticationResponse,
  redirectTo: z.string().max(2000).optional(),
});

const passkeyId = credentialId;

/** The plain forms of the security page: a passkey renamed or removed. */
export const PasskeyForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal(PASSKEY_INTENT.rename),
    id: passkeyId,
    name: passkeyName.pipe(z.string().min(1, { error: "Enter a name" })),
  }),
  z.object({ intent: z.literal(PASSKEY_INTENT.remove), id: passkeyId }),
]);
