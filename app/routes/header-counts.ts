import type { LoaderFunctionArgs } from "@remix-run/node";
import type { HeaderCounts } from "~/components/site-header";
import { countCartLines } from "~/orders/cart.server";
import { readCartToken } from "~/orders/cart-cookie.server";
import { countQuoteListLines } from "~/quotes/quote-list.server";
import { readQuoteListToken } from "~/quotes/quote-list-cookie.server";

/**
 * `/header-counts` → the lines in this visitor's quote list and cart, for the header of pages the
 * page cache renders for everyone (ADR 20). Never stored by anyone (the policy table).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const counts: HeaderCounts = {
    quote: countQuoteListLines(await readQuoteListToken(request)),
    cart: countCartLines(await readCartToken(request)),
  };
  return Response.json(counts);
}
