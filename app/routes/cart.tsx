import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CartLineItem, type CartLineError } from "~/components/cart/cart-line-item";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { cartCookie, readCartToken } from "~/lib/cart-cookie.server";
import { MAX_CART_QUANTITY } from "~/lib/cart-fields";
import { CartAction } from "~/lib/cart-schema";
import { CARD_LIMIT_TEXT, formatMoney, withinCardLimit } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";
import { pageMeta } from "~/lib/seo";
import { cardPaymentAvailable } from "~/lib/stripe.server";
import { addProductToCart, getCart, removeCartLine, updateCartLine } from "~/models/cart.server";
import { listProductsByIds } from "~/models/product.server";

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta({ title: "Cart", description: "List-price items to buy online from IronAxis.", path: "/cart", matches }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const cart = getCart(await readCartToken(request));
  return data({ ...cart, cardPayment: cardPaymentAvailable() }, { headers: { "Cache-Control": "private, no-store" } });
}

/** A failed "add" without JavaScript lands here: the product and what was typed come back. */
type AddError = { productId: number; name: string; partNumber: string; message: string; quantity: string };

type ActionResult = { addedToCart: { quantity: number } } | { formError: string; addError?: AddError } | { lineError: CartLineError };

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = await readCartToken(request);
  const typed = Object.fromEntries(form) as Record<string, string>;
  const parsed = CartAction.safeParse(typed);
  const lineId = Number(typed.lineId);
  const lineError = (message: string) =>
    data<ActionResult>({ lineError: { lineId, message, quantity: typed.quantity ?? "" } }, { status: 400 });
  const addError = (message: string, status = 400) => {
    const [product] = listProductsByIds([Number(typed.productId)].filter(Number.isSafeInteger));
    const addError = product && { productId: product.id, name: product.name, partNumber: product.partNumber, message, quantity: typed.quantity ?? "" };
    return data<ActionResult>({ formError: message, addError }, { status });
  };
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "That change could not be made";
    if (typed.intent === "update" && Number.isSafeInteger(lineId)) return lineError(message);
    if (typed.intent === "add") return addError(message);
    return data<ActionResult>({ formError: message }, { status: 400 });
  }
  const change = parsed.data;
  switch (change.intent) {
    case "add": {
      const result = addProductToCart(token, change.productId, change.quantity);
      if (!result.ok) {
        return result.reason === "quantity" ? addError(result.message) : addError("That product cannot be bought online.", 404);
      }
      const headers = { "Set-Cookie": await cartCookie.serialize(result.token) };
      if (change.stay) return data<ActionResult>({ addedToCart: { quantity: change.quantity } }, { headers });
      throw redirect("/cart", { headers });
    }
    case "update": {
      const result = updateCartLine(token, change.lineId, change.quantity);
      if (!result.ok) return lineError(result.message);
      throw redirect("/cart");
    }
    case "remove":
      removeCartLine(token, change.lineId);
      throw redirect("/cart");
  }
}

export default function CartPage() {
  const { lines, totalCents, cardPayment, unavailable } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const lineError = actionData && "lineError" in actionData ? actionData.lineError : undefined;
  const addError = actionData && "formError" in actionData ? actionData.addError : undefined;
  return (
    <>
      <header className="page-header">
        <h1>Cart</h1>
        <p>List-price items, paid by card or by invoice against your purchase order.</p>
      </header>
      {actionData && "formError" in actionData && !addError ? (
        <p role="alert" className="notice notice--error">
          {actionData.formError}
        </p>
      ) : null}
      {unavailable ? (
        <p className="notice">
          {unavailable === 1 ? "One item is" : `${unavailable} items are`} no longer sold online and not counted: please{" "}
          <Link to="/quote">ask for a quote</Link> instead.
        </p>
      ) : null}
      {addError ? (
        <form method="post" action="/cart" className="panel" aria-labelledby="add-error-heading">
          <h2 id="add-error-heading">Not added: {addError.name}</h2>
          <input type="hidden" name="intent" value="add" />
          <input type="hidden" name="productId" value={addError.productId} />
          <label htmlFor="add-qty">Quantity of {addError.partNumber}</label>
          <input
            id="add-qty"
            name="quantity"
            type="number"
            min={1}
            max={MAX_CART_QUANTITY}
            defaultValue={addError.quantity}
            aria-invalid
            aria-describedby="add-qty-error"
          />
          <span id="add-qty-error" className="field-error" role="alert">
            {addError.message}
          </span>
          <button type="submit" className="button">
            Add to cart
          </button>
        </form>
      ) : null}
      {lines.length === 0 ? (
        <section className="empty-state">
          <p>Your cart is empty.</p>
          <p>
            Items with a list price can be bought online: use “Add to cart” on the product page. For anything else,{" "}
            <Link to="/quote">request a quote</Link>.
          </p>
        </section>
      ) : (
        <section aria-labelledby="cart-heading">
          <h2 id="cart-heading">
            {lines.length} {lines.length === 1 ? "item" : "items"}
          </h2>
          <ul className="quote-lines">
            {lines.map((line) => (
              <CartLineItem key={line.lineId} line={line} error={lineError?.lineId === line.lineId ? lineError : undefined} />
            ))}
          </ul>
          <p className="quote-total">
            Total: <strong data-testid="cart-total">{formatMoney(totalCents)}</strong>{" "}
            <span className="muted">USD</span>
          </p>
          {!cardPayment ? (
            <p className="notice">Online card payment is not available at the moment. You can still order and pay by invoice against your PO.</p>
          ) : !withinCardLimit(totalCents) ? (
            <p className="notice">{CARD_LIMIT_TEXT}</p>
          ) : null}
          <Link to="/checkout" className="button">
            Go to checkout
          </Link>
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
