import type { AddressKind } from "~db/schema";

/** The forms of the address book page, by their `intent` (no zod here: the page ships it). */
export const ADDRESS_INTENT = {
  add: "add-address",
  edit: "edit-address",
  remove: "remove-address",
  makeDefault: "make-default-address",
} as const;

/** How many addresses a company may keep. */
export const MAX_ADDRESSES_PER_COMPANY = 50;

export const ADDRESS_KIND_LABEL: Record<AddressKind, string> = {
  shipping: "Shipping",
  billing: "Billing",
};

/** The kinds in the order the page lists them. */
export const ADDRESS_KIND_OPTIONS = ["shipping", "billing"] as const satisfies readonly AddressKind[];
