import { z } from "zod";
import { CART_INTENT, MAX_CART_QUANTITY } from "./cart-fields";
import { quantityField } from "~/lib/quantity";

const quantity = quantityField(MAX_CART_QUANTITY);
const id = z.coerce.number().int().positive();

/** Every change to the cart, one schema per `intent` of the /cart action. */
export const CartAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(CART_INTENT.add), productId: id, quantity, stay: z.literal("1").optional() }),
  z.object({ intent: z.literal(CART_INTENT.update), lineId: id, quantity }),
  z.object({ intent: z.literal(CART_INTENT.remove), lineId: id }),
]);

/**
 * What is wrong with ordering `quantity` of a product sold in packs with a minimum order, in
 * the buyer's words; undefined when it can be ordered.
 */
export function quantityProblem(quantity: number, product: { minOrderQty: number; packSize: number }) {
  const { minOrderQty, packSize } = product;
  if (quantity < minOrderQty) return `The minimum order is ${minOrderQty}`;
  if (quantity % packSize !== 0) {
    const below = Math.max(minOrderQty, Math.floor(quantity / packSize) * packSize);
    const above = Math.ceil(quantity / packSize) * packSize;
    const options =
      below === above || below < minOrderQty || below % packSize !== 0 ? `${above}` : `${below} or ${above}`;
    return `Sold in packs of ${packSize}: order a multiple of ${packSize}, for example ${options}`;
  }
  return undefined;
}
