/** Passkeys one buyer may keep: enough for every device they use, few enough to read in a list. */
export const PASSKEYS_PER_CUSTOMER = 10;
/** How long a passkey ceremony (the options the browser signs) may take. */
export const PASSKEY_CHALLENGE_MINUTES = 5;
/** Passkey sign-ins one client address may start within those minutes. */
export const PASSKEY_SIGN_IN_OPTIONS_PER_ADDRESS = 60;
/** The longest name a buyer may give a passkey ("Work laptop"). */
export const PASSKEY_NAME_MAX = 60;
/** The largest JSON body a passkey resource route reads: an attestation is a few kilobytes. */
export const PASSKEY_BODY_MAX_BYTES = 32 * 1024;

/** The passkey forms of the security page, by their `intent` (no zod here: the page ships it). */
export const PASSKEY_INTENT = {
  rename: "rename",
  remove: "remove",
} as const;
