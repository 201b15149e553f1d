import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckoutFormView, type CheckoutFormState } from "~/components/cart/checkout-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readCartToken } from "~/lib/cart-cookie.server";
import { CheckoutForm } from "~/lib/checkout-schema";
import { CARD_LIMIT_TEXT, formatMoney, ORDER_TOTAL_LIMIT_TEXT, withinCardLimit } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";
import { pageMeta } from "~/lib/seo";
import { cardPaymentAvailable } from "~/lib/stripe.server";
import { createToken } from "~/lib/tokens.server";
import { getCart } from "~/models/cart.server";
import { startCheckout } from "~/models/checkout.server";
import { createOrderFromCart } from "~/models/order.server";

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta({ title: "Checkout", description: "Buy list-price items from IronAxis.", path: "/checkout", matches }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const cart = getCart(await readCartToken(request));
  // A fresh key per rendering of the form: sending the same form twice makes one order.
  return data(
    {
      lines: cart.lines,
      totalCents: cart.totalCents,
      cardPayment: cardPaymentAvailable(),
      aboveCardLimit: !withinCardLimit(cart.totalCents),
      submissionKey: createToken(),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const typed = Object.fromEntries(await readForm(request)) as Record<string, string>;
  const parsed = CheckoutForm.safeParse(typed);
  const refuse = (state: CheckoutFormState, status = 400) => data({ state }, { status });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return refuse({ errors, values: typed });
  }
  const { submissionKey, paymentMethod, ...buyer } = parsed.data;
  if (paymentMethod === "card" && !cardPaymentAvailable()) {
    return refuse({ errors: { paymentMethod: "Card payment is not available at the moment: choose pay by invoice." }, values: typed });
  }
  const order = createOrderFromCart(await readCartToken(request), buyer, submissionKey, paymentMethod);
  if (!order.ok) {
    if (order.reason === "card-limit") return refuse({ errors: { paymentMethod: CARD_LIMIT_TEXT }, values: typed });
    if (order.reason === "total") return refuse({ errors: { form: `${ORDER_TOTAL_LIMIT_TEXT}: change the cart, or ask us for a quote.` }, values: typed });
    return refuse({ errors: { form: "Your cart is empty: add items before checking out." }, values: typed });
  }
  if (order.paymentMethod === "invoice") throw redirect(`/orders/${order.token}`);
  // A repeat of the same form (double click, retry after an error) reuses the order and, if its
  // first request already started a checkout, that checkout.
  const checkout = await startCheckout(order.orderId, { orderToken: order.token, seenAttempts: 0 });
  if (!checkout.ok) {
    return refuse({ errors: { form: checkout.message }, values: typed, order: { reference: order.reference, token: order.token } }, 502);
  }
  throw redirect(checkout.url, 303);
}

export default function CheckoutPage() {
  const { lines, totalCents, cardPayment, aboveCardLimit, submissionKey } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const state = failed?.state;
  // After a failed card checkout the cart is already an order: the form stays, to try again.
  if (lines.length === 0 && !state?.order) {
    return (
      <>
        <header className="page-header">
          <h1>Checkout</h1>
        </header>
        <section className="empty-state">
          <p>Your cart is empty.</p>
          <p>
            <Link to="/cart">Back to the cart</Link>
          </p>
        </section>
      </>
    );
  }
  return (
    <>
      <header className="page-header">
        <h1>Checkout</h1>
      </header>
      {lines.length ? (
        <section aria-labelledby="summary-heading" className="panel">
          <h2 id="summary-heading">Your order</h2>
          <ul>
            {lines.map((line) => (
              <li key={line.lineId}>
                {line.quantity} × {line.product.name} <span className="mono">{line.product.partNumber}</span>: {formatMoney(line.lineTotalCents)}
              </li>
            ))}
          </ul>
          <p>
            Total: <strong>{formatMoney(totalCents)}</strong> <Link to="/cart">Change the cart</Link>
          </p>
        </section>
      ) : null}
      <CheckoutFormView submissionKey={state?.values.submissionKey ?? submissionKey} cardPayment={cardPayment} aboveCardLimit={aboveCardLimit} state={state} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
