/** The largest quantity of one cart line: the form's `max` and the schema's limit. */
export const MAX_CART_QUANTITY = 100_000;

/** The forms that change the cart (the product page's "Add to cart" too), by the `intent` each sends. */
export const CART_INTENT = { add: "add", update: "update", remove: "remove" } as const;
