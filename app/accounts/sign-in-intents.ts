/** The sign-in page's two forms, by their `intent` (no zod here: the page ships it). */
export const SIGN_IN_INTENT = { send: "send", verify: "verify" } as const;

export const SIGN_IN_LABELS = { email: "E-mail", code: "Sign-in code" } as const;
