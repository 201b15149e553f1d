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
