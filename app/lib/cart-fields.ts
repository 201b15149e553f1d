/** The largest quantity of one cart line: the form's `max` and the schema's limit. */
export const MAX_CART_QUANTITY = 100_000;
