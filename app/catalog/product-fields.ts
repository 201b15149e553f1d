/** Names the product form and the catalog CSV share for spec fields: no zod here, the form ships to the browser. */
export const specField = (key: string) => `spec:${key}`;

export type SpecVocabulary = { key: string; label: string; kind: "number" | "enum"; unit: string | null }[];

/** The forms of the back-office product page, by their `intent`. */
export const PRODUCT_INTENT = { save: "save", archive: "archive", unarchive: "unarchive" } as const;
