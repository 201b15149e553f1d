import type { FormResult } from "~/lib/forms";

/** The largest quantity of one cart line: the form's `max` and the schema's limit. */
export const MAX_CART_QUANTITY = 100_000;

/** The forms that change the cart (the product page's "Add to cart" too), by the `intent` each sends. */
export const CART_INTENT = { add: "add", update: "update", remove: "remove" } as const;

/**
 * A refused "Add to cart" sent without JavaScript lands on the cart, which shows the form again:
 * the product's name and part number come back among the form's values. Only the server sets
 * them: the action leaves these names out of what was typed. (With JavaScript the product page
 * says the message beside its own form.)
 */
export const REFUSED_PRODUCT_VALUES = ["productName", "partNumber"] as const;

export function refusedProductOf(result: FormResult | undefined) {
  if (result?.status !== "error" || result.intent !== CART_INTENT.add) return undefined;
  const { productId, productName, partNumber } = result.values;
  if (!productId || !productName || !partNumber) return undefined;
  return { productId, name: productName, partNumber, problem: cartProblem(result) };
}

/** The message of a refused cart form, wherever it is: at the quantity, about the form, or at another field. */
export function cartProblem(result: FormResult) {
  const problem = result.fieldErrors.quantity ?? result.formError ?? Object.values(result.fieldErrors)[0];
  return problem ?? "That change could not be made";
}
