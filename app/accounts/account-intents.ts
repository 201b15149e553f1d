/** The account overview's forms, by their `intent` (no zod here: the page ships it). */
export const ACCOUNT_INTENT = { claim: "claim", rename: "rename", reorder: "reorder" } as const;
