import { addProductToCart } from "~/orders/cart.server";
import { cartCookie, readCartToken } from "~/orders/cart-cookie.server";
import { addProductToQuoteList } from "~/quotes/quote-list.server";
import { quoteListCookie, readQuoteListToken } from "~/quotes/quote-list-cookie.server";

/** Where a buyer sends lines they kept (a past order, a saved list): the cart or the quote list. */
export type LinesTarget = "cart" | "quote";

/** A line to send, named as the buyer knows it; no product: it is no longer in the catalog. */
export type LineToSend = { productId: number | null; quantity: number; label: string };

/**
 * Puts each line in the cart or the quote list of `token` (made on first use), as the product
 * page's own buttons would, and says in plain words what was left out and why: a product no
 * longer in the catalog, one not sold online now, a quantity the product's rules refuse.
 * `noteAdded` may say something of a line that went in (a price that moved). Call it inside the
 * action's transaction.
 */
export function sendLines<L extends LineToSend>(
  target: LinesTarget,
  token: string | undefined,
  lines: readonly L[],
  noteAdded?: (line: L) => string | undefined,
) {
  let next = token;
  let added = 0;
  const changes: string[] = [];
  for (const line of lines) {
    if (line.productId === null) {
      changes.push(`${line.label} is no longer in the catalog.`);
      continue;
    }
    const result =
      target === "cart"
        ? addProductToCart(next, line.productId, line.quantity)
        : addProductToQuoteList(next, line.productId, line.quantity);
    next = result.token;
    if (!result.ok) {
      changes.push(
        result.reason === "quantity"
          ? `${line.label}: ${result.message}`
          : target === "cart"
            ? `${line.label} is not sold online now: add it to your quote list instead.`
            : `${line.label} is no longer in the catalog.`,
      );
      continue;
    }
    added += 1;
    const note = noteAdded?.(line);
    if (note) changes.push(note);
  }
  return { token: next, added, of: lines.length, changes };
}

/** The token of the buyer's cart or quote list, from its cookie. */
export function readTargetToken(request: Request, target: LinesTarget) {
  return target === "cart" ? readCartToken(request) : readQuoteListToken(request);
}

/** The cookie that keeps the cart or quote list `token` (undefined when there is none). */
export async function targetCookieHeaders(target: LinesTarget, token: string | undefined) {
  if (!token) return undefined;
  return { "Set-Cookie": await (target === "cart" ? cartCookie : quoteListCookie).serialize(token) };
}

/** Where the lines went, in the buyer's words. */
export const TARGET_PLACE: Record<LinesTarget, string> = { cart: "your cart", quote: "your quote list" };
