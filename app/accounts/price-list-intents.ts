/** The forms of a company's price list page, by their `intent` (no zod here: the page ships it). */
export const PRICE_LIST_INTENT = {
  setDiscount: "set-discount",
  removeDiscount: "remove-discount",
  setPrice: "set-price",
  removePrice: "remove-price",
} as const;

/** How many rules (discounts plus fixed prices) one price list may hold. */
export const MAX_PRICE_LIST_RULES = 2_000;

/** Basis points as sales typed them: 1250 → "12.5%". */
export const formatPercentOff = (basisPoints: number) => `${basisPoints / 100}%`;
