import type { FormResult } from "~/lib/forms";

/**
 * A refused "Add to cart" or "Add to quote" sent without JavaScript lands on the cart or the quote
 * list, which shows the form again: the product's name and part number come back among the form's
 * values. Only the server sets them (`namingRefusedProduct`): the actions leave these names out of
 * what was typed. (With JavaScript the product page says the message beside its own form.)
 */
export const REFUSED_PRODUCT_VALUES = ["productName", "partNumber"] as const;

/** The message of a refused form, wherever it is: at the quantity, about the form, or at another field. */
export function refusalOf(result: FormResult) {
  const problem = result.fieldErrors.quantity ?? result.formError ?? Object.values(result.fieldErrors)[0];
  return problem ?? "That change could not be made";
}

/** The product a refused add (its form's `intent` is `add`) named, with what was wrong, if the answer is one. */
export function refusedProductOf(result: FormResult | undefined, add: string) {
  if (result?.status !== "error" || result.intent !== add) return undefined;
  const { productId, productName, partNumber } = result.values;
  if (!productId || !productName || !partNumber) return undefined;
  return { productId, name: productName, partNumber, problem: refusalOf(result) };
}

export type RefusedProduct = NonNullable<ReturnType<typeof refusedProductOf>>;
