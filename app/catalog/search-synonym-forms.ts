/** The forms of the back-office synonyms page, by their `intent` (no zod here: the page ships it). */
export const SYNONYM_INTENT = {
  create: "create",
  save: "save",
  delete: "delete",
} as const;
