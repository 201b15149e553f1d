import { createTokenCookie } from "~/lib/token-cookie.server";

const cart = createTokenCookie("cart");

/** Identifies an anonymous buyer's cart, like the quote list's cookie. */
export const cartCookie = cart.cookie;
export const readCartToken = cart.read;
