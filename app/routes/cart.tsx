import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pricingFor } from "~/accounts/company-prices.server";
import { SaveCartForm } from "~/accounts/components/saved-list-forms";
import { getCustomer } from "~/accounts/customer-session.server";
import { saveCartOffer } from "~/accounts/saved-lists-page.server";
import { Link, useLoaderData } from "@remix-run/react";
import { CartLineItem } from "~/orders/components/cart-line-item";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { cartCookie, readCartToken } from "~/orders/cart-cookie.server";
import { CART_INTENT, MAX_CART_QUANTITY } from "~/orders/cart-fields";
import { REFUSED_PRODUCT_VALUES, refusalOf, refusedProductOf } from "~/catalog/refused-add";
import { namingRefusedProduct } from "~/catalog/refused-add.server";
import { NotAddedForm } from "~/catalog/components/not-added-form";
import { CartAction } from "~/orders/cart-schema";
import { CARD_LIMIT_TEXT, formatMoney, withinCardLimit } from "~/lib/money";
import { formatWeight } from "~/lib/shipping-weight";
import { readForm } from "~/lib/request-body.server";
import { typedOr, useFormResult, type FormResult, useFocusWhenFewer } from "~/lib/forms";
import { formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { pageMeta } from "~/lib/seo";
import { cardPaymentAvailable } from "~/orders/stripe.server";
import { addProductToCart, getCart, removeCartLine, updateCartLine } from "~/orders/cart.server";
import { plural } from "~/lib/plural";
import { countQuoteListLines } from "~/quotes/quote-list.server";
import { readQuoteListToken } from "~/quotes/quote-list-cookie.server";

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta({ title: "Cart", description: "List-price items to buy online from IronAxis.", path: "/cart", matches }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await getCustomer(request);
  const cart = getCart(await readCartToken(request), pricingFor(customer));
  // The header shows them from here, so this page has them without JavaScript too (ADR 20).
  const headerCounts = { quote: countQuoteListLines(await readQuoteListToken(request)), cart: cart.lines.length };
  return data(
    {
      ...cart,
      headerCounts,
      cardPayment: cardPaymentAvailable(),
      listConstraints: saveCartOffer(customer),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/**
 * A refused change, with what was typed. "Add" is sent from product pages too, whose form says one
 * message for the whole of it; sent without JavaScript it lands here, with its product named.
 */
function refuse(result: FormResult, status: 400 | 404 = 400) {
  if (result.intent !== CART_INTENT.add) return invalid(result, status);
  return invalid(
    formErrorResult(namingRefusedProduct(result.values), refusalOf(result), { intent: result.intent }),
    status,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(CartAction, await readForm(request), { omit: REFUSED_PRODUCT_VALUES });
  if (parsed.status === "error") return refuse(parsed);
  const { data: change, intent, values } = parsed;
  const token = await readCartToken(request);
  // The total a change may reach is worked out at the prices this buyer pays.
  const pricing = pricingFor(await getCustomer(request));
  switch (change.intent) {
    case CART_INTENT.add: {
      const result = addProductToCart(token, change.productId, change.quantity, pricing);
      if (!result.ok) {
        return result.reason === "quantity"
          ? refuse(formErrorResult(values, result.message, { intent }))
          : refuse(formErrorResult(values, "That product cannot be bought online.", { intent }), 404);
      }
      const headers = { "Set-Cookie": await cartCookie.serialize(result.token) };
      if (change.stay)
        return data<FormResult>(
          { status: "success", intent, fieldErrors: {}, values: {}, message: "Added to cart." },
          { headers },
        );
      throw redirect("/cart", { headers });
    }
    case CART_INTENT.update: {
      const result = updateCartLine(token, change.lineId, change.quantity, pricing);
      if (!result.ok) return refuse({ status: "error", intent, fieldErrors: { quantity: result.message }, values });
      throw redirect("/cart");
    }
    case CART_INTENT.remove:
      removeCartLine(token, change.lineId);
      throw redirect("/cart");
  }
}

export default function CartPage() {
  const { lines, totalCents, shippingWeight, cardPayment, unavailable, listConstraints } =
    useLoaderData<typeof loader>();
  useFocusWhenFewer(lines.length, "cart-heading");
  const result = useFormResult();
  const refusedProduct = refusedProductOf(result, CART_INTENT.add);
  const lineOf = (lineId: number) =>
    result?.intent === CART_INTENT.update && result.values.lineId === String(lineId) ? result : undefined;
  // A refusal that no form on the page shows again is said above them.
  const unplaced =
    result?.status === "error" && !refusedProduct && !lines.some((line) => lineOf(line.lineId))
      ? refusalOf(result)
      : undefined;
  return (
    <>
      <header className="page-header">
        <h1>Cart</h1>
        <p>List-price items, paid by card or by invoice against your purchase order.</p>
      </header>
      {unplaced ? (
        <p role="alert" className="notice notice--error">
          {unplaced}
        </p>
      ) : null}
      {unavailable ? (
        <p className="notice">
          {unavailable === 1 ? "One item is" : `${unavailable} items are`} no longer sold online and not counted: please{" "}
          <Link to="/quote">ask for a quote</Link> instead.
        </p>
      ) : null}
      {refusedProduct ? (
        <NotAddedForm
          refused={refusedProduct}
          typed={typedOr(result, "quantity", "")}
          action="/cart"
          intent={CART_INTENT.add}
          max={MAX_CART_QUANTITY}
          submit="Add to cart"
        />
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
          <h2 id="cart-heading">{plural(lines.length, "item")}</h2>
          <ul className="quote-lines">
            {lines.map((line) => (
              <CartLineItem key={line.lineId} line={line} result={lineOf(line.lineId)} />
            ))}
          </ul>
          <p className="quote-total">
            Total: <strong data-testid="cart-total">{formatMoney(totalCents)}</strong>{" "}
            <span className="muted">USD</span>
          </p>
          <p className="muted" data-testid="cart-weight">
            Shipping weight {formatWeight(shippingWeight)}. Freight and sales tax are worked out at checkout from the
            shipping address, and shown before you place the order.
          </p>
          {!cardPayment ? (
            <p className="notice">
              Online card payment is not available at the moment. You can still order and pay by invoice against your
              PO.
            </p>
          ) : !withinCardLimit(totalCents) ? (
            <p className="notice">{CARD_LIMIT_TEXT}</p>
          ) : null}
          <Link to="/checkout" className="button">
            Go to checkout
          </Link>
          {listConstraints ? <SaveCartForm constraints={listConstraints} /> : null}
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
