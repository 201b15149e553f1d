/** The forms of the saved lists pages, by their `intent` (no zod here: the pages ship it). */
export const SAVED_LIST_INTENT = {
  create: "create-list",
  add: "add-to-list",
  saveCart: "save-cart",
  rename: "rename-list",
  remove: "delete-list",
  changeLine: "change-line",
  removeLine: "remove-line",
  send: "send-list",
} as const;

/** How many lists one owner (a company, or a buyer outside one) keeps. */
export const MAX_SAVED_LISTS = 50;
/** How many products one list holds. */
export const MAX_SAVED_LIST_LINES = 200;
/** The most of one product on one list line. */
export const MAX_SAVED_LIST_QUANTITY = 99_999;
export const MAX_LIST_NAME_LENGTH = 80;
export const MAX_LIST_NOTE_LENGTH = 200;
