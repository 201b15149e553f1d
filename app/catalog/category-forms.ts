/** The forms of the back-office category pages, by their `intent` (no zod here: the pages ship it). */
export const CATEGORY_INTENT = {
  create: "create",
  up: "up",
  down: "down",
  save: "save",
  delete: "delete",
} as const;
