import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { CART_INTENT, MAX_CART_QUANTITY } from "./cart-fields";
import { quantityField } from "~/lib/quantity";

// The product page's one quantity field takes a quote's larger quantities too: the refusal says where those go.
const quantity = quantityField(MAX_CART_QUANTITY, "in a cart: for more, add it to a quote");

/** Every change to the cart, one schema per `intent` of the /cart action. */
export const CartAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(CART_INTENT.add), productId: recordId, quantity, stay: z.literal("1").optional() }),
  z.object({ intent: z.literal(CART_INTENT.update), lineId: recordId, quantity }),
  z.object({ intent: z.literal(CART_INTENT.remove), lineId: recordId }),
]);
