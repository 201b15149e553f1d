import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { contactPrefill, ownerOf, type AccountOwner } from "~/accounts/account-owner";
import { defaultBillingAddressFor, savedShippingAddress, shippingAddressesFor } from "~/accounts/address-book.server";
import { pricingFor } from "~/accounts/company-prices.server";
import { customerCredit, invoiceChoice, invoiceOffer } from "~/accounts/credit.server";
import { getCustomer, type Customer } from "~/accounts/customer-session.server";
import { hasNetTerms } from "~/accounts/payment-terms";
import { CheckoutFormView } from "~/orders/components/checkout-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readCartToken } from "~/orders/cart-cookie.server";
import { MAX_CART_QUANTITY } from "~/orders/cart-fields";
import { CheckoutForm, checkoutBuyer } from "~/orders/checkout-schema";
import {
  CHECKOUT_INTENTS,
  REVIEW_FIRST_TEXT,
  SAVED_ORDER_VALUES,
  TOTAL_CHANGED_TEXT,
  savedOrderOf,
  type CheckoutReview,
} from "~/orders/checkout-fields";
import { useFormResult, type FormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { CARD_LIMIT, CARD_LIMIT_TEXT, formatMoney, ORDER_TOTAL_LIMIT_TEXT, withinCardLimit } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";
import { pageMeta } from "~/lib/seo";
import { formatWeight } from "~/lib/shipping-weight";
import { cardPaymentAvailable } from "~/orders/stripe.server";
import { createToken } from "~/lib/tokens.server";
import { getCart } from "~/orders/cart.server";
import { startCheckout } from "~/orders/checkout.server";
import { createOrderFromCart, priceCartOrder } from "~/orders/order.server";
import { chargesText } from "~/orders/order-charges";
import { US_REGION_MESSAGE, usRegionOf } from "~/lib/us-address";
import { awaitsCardPayment } from "~/orders/order-lifecycle";

export const meta: MetaFunction = ({ matches }) => [
  ...pageMeta({ title: "Checkout", description: "Buy list-price items from IronAxis.", path: "/checkout", matches }),
  { name: "robots", content: "noindex" },
];

/** What a signed-in buyer's form starts with: who they are, their company's shipping addresses and its billing address. */
function prefillFor(customer: Customer | undefined) {
  if (!customer) return null;
  const addresses = shippingAddressesFor(customer).map(({ id, label, address, isDefault }) => ({
    id,
    label,
    address,
    isDefault,
  }));
  return { ...contactPrefill(customer)!, addresses, billingAddress: defaultBillingAddressFor(customer) };
}

/**
 * The saved address chosen at checkout: its text, or a refusal at the field for an id that is
 * not one of the buyer's company's shipping addresses; nothing when the typed address is used.
 */
function savedAddressChoice(typed: string | null, customer: Customer | undefined) {
  if (!typed) return {};
  const address = /^\d{1,15}$/.test(typed) ? savedShippingAddress(customer, Number(typed)) : undefined;
  return address
    ? { address }
    : { error: "Choose one of your company’s addresses, or Another address and type it below." };
}

/**
 * An invoice choice from a buyer whose company has no net terms (a guest, a card-only company: a
 * forged post, since the form offers it only on terms): the refusal at the payment field.
 */
function invoiceTermsRefusal(paymentMethod: string | null, customer: Customer | undefined) {
  if (paymentMethod !== "invoice") return undefined;
  const choice = invoiceChoice(customerCredit(customer), 0);
  return !choice.ok && choice.reason === "terms" ? choice.message : undefined;
}

/** Why the order cannot be paid as chosen at `totalCents` (freight and tax included), if it cannot. */
function paymentProblem(paymentMethod: "card" | "invoice", totalCents: number, customer: Customer | undefined) {
  if (paymentMethod === "card") return withinCardLimit(totalCents) ? undefined : CARD_LIMIT_TEXT;
  const choice = invoiceChoice(customerCredit(customer), totalCents);
  return choice.ok ? undefined : choice.message;
}

/** Why card payment cannot be chosen now, and what the buyer may do instead. */
const cardUnavailableText = (customer: Customer | undefined) =>
  hasNetTerms(customerCredit(customer)?.terms ?? "card")
    ? "Card payment is not available at the moment: choose pay by invoice."
    : "Card payment is not available at the moment: try again later, or ask us for a quote.";

const SAVED_ADDRESS_REGION_TEXT =
  "This saved address does not end with a state and ZIP code: choose another, or Another address and type it below.";

/** The figures the buyer reviews, for the cart at their prices shipped to `shippingAddress`; none for an empty cart. */
function reviewOf(
  cartToken: string | undefined,
  owner: AccountOwner,
  shippingAddress: string,
): CheckoutReview | undefined {
  const shipTo = usRegionOf(shippingAddress);
  if (!shipTo) return undefined;
  const { cart, charges } = priceCartOrder(cartToken, owner, shipTo);
  if (cart.lines.length === 0) return undefined;
  const text = chargesText(charges);
  return {
    goodsCents: charges.goodsCents,
    freightCents: charges.freight.cents,
    freightText: text.freight,
    taxCents: charges.tax.cents,
    taxText: text.tax,
    totalCents: charges.totalCents,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await getCustomer(request);
  const cart = getCart(await readCartToken(request), pricingFor(customer));
  // A fresh key per rendering of the form: sending the same form twice makes one order.
  return data(
    {
      lines: cart.lines,
      totalCents: cart.totalCents,
      shippingWeight: cart.shippingWeight,
      cardPayment: cardPaymentAvailable(),
      aboveCardLimit: !withinCardLimit(cart.totalCents),
      submissionKey: createToken(),
      constraints: constraintsOf(CheckoutForm),
      prefill: prefillFor(customer),
      invoice: invoiceOffer(customerCredit(customer), cart.totalCents),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const customer = await getCustomer(request);
  const saved = savedAddressChoice(form.get("savedAddressId"), customer);
  const parsed = parseForm(CheckoutForm, form, {
    omit: [...SAVED_ORDER_VALUES, "reviewedTotalCents"],
    extra: saved.address ? { shippingAddress: saved.address } : {},
  });
  if (saved.error) {
    // The typed address was not the one chosen: its own message would only confuse.
    const { shippingAddress: _typed, ...others } = parsed.status === "error" ? parsed.fieldErrors : {};
    const formError = parsed.status === "error" ? parsed.formError : undefined;
    const fieldErrors = { ...others, savedAddressId: saved.error };
    return invalid({ status: "error", fieldErrors, formError, values: parsed.values });
  }
  const refusedInvoice = invoiceTermsRefusal(form.get("paymentMethod"), customer);
  if (refusedInvoice) {
    // The PO number is asked for an invoice only: its own message would only confuse.
    const { poNumber: _po, ...others } = parsed.status === "error" ? parsed.fieldErrors : {};
    const formError = parsed.status === "error" ? parsed.formError : undefined;
    const fieldErrors = { ...others, paymentMethod: refusedInvoice };
    return invalid({ status: "error", fieldErrors, formError, values: parsed.values });
  }
  if (parsed.status === "error") {
    const { shippingAddress: atAddress, ...others } = parsed.fieldErrors;
    // A saved address chosen that names no state and ZIP code: the message belongs at the choice.
    if (saved.address && atAddress)
      return invalid({ ...parsed, fieldErrors: { ...others, savedAddressId: SAVED_ADDRESS_REGION_TEXT } });
    return invalid(parsed);
  }
  const { values } = parsed;
  const refuse = (fieldErrors: FormResult["fieldErrors"]) => invalid({ status: "error", fieldErrors, values });
  const { submissionKey, paymentMethod } = parsed.data;
  const buyer = checkoutBuyer(parsed.data);
  if (paymentMethod === "card" && !cardPaymentAvailable())
    return refuse({ paymentMethod: cardUnavailableText(customer) });
  const owner = ownerOf(customer);
  const cartToken = await readCartToken(request);
  const review = reviewOf(cartToken, owner, buyer.shippingAddress);
  // From here each answer shows the figures reviewed, so that the buyer reads a refusal beside them.
  const reviewAnswer = (fields: Pick<FormResult, "fieldErrors" | "formError">, status: 200 | 400 | 409 = 400) =>
    data({ status: status === 200 ? "success" : "error", values, review, ...fields } as const, { status });
  const reviewed = form.get("reviewedTotalCents");
  const reviewedTotalCents = reviewed && /^\d{1,15}$/.test(reviewed) ? Number(reviewed) : undefined;
  if (review && (form.get("intent") !== CHECKOUT_INTENTS.place || reviewedTotalCents === undefined)) {
    // The limits count freight and tax: said at review, and checked again when the order is placed.
    const problem = paymentProblem(paymentMethod, review.totalCents, customer);
    if (problem) return reviewAnswer({ fieldErrors: { paymentMethod: problem } });
    if (form.get("intent") === CHECKOUT_INTENTS.place)
      return reviewAnswer({ fieldErrors: {}, formError: REVIEW_FIRST_TEXT });
    return reviewAnswer({ fieldErrors: {} }, 200);
  }
  const order = createOrderFromCart(cartToken, buyer, submissionKey, paymentMethod, owner, reviewedTotalCents);
  if (!order.ok) {
    if (order.reason === "changed") return reviewAnswer({ fieldErrors: {}, formError: TOTAL_CHANGED_TEXT }, 409);
    if (order.reason === "address") return refuse({ shippingAddress: US_REGION_MESSAGE });
    if (order.reason === "card-limit") return reviewAnswer({ fieldErrors: { paymentMethod: CARD_LIMIT_TEXT } });
    if (order.reason === "invoice") return reviewAnswer({ fieldErrors: { paymentMethod: order.message } });
    const problem = {
      quantity: `A line of your cart holds more than ${MAX_CART_QUANTITY.toLocaleString("en-US")}: change it in the cart, or ask us for a quote.`,
      total: `${ORDER_TOTAL_LIMIT_TEXT}: change the cart, or ask us for a quote.`,
      empty: "Your cart is empty: add items before checking out.",
      changed: TOTAL_CHANGED_TEXT,
    }[order.reason];
    return invalid(formErrorResult(values, problem));
  }
  // Invoice orders, and orders waiting for the buyer's company to approve them, go to their page.
  if (!awaitsCardPayment(order.status, order.paymentMethod)) throw redirect(`/orders/${order.token}`);
  // A repeat of the same form (double click, retry after an error) reuses the order and, if its
  // first request already started a checkout, that checkout.
  const checkout = await startCheckout(order.orderId, { orderToken: order.token, seenAttempts: 0 });
  if (!checkout.ok) {
    const saved = { ...values, orderReference: order.reference, orderToken: order.token };
    return data(formErrorResult(saved, checkout.message), { status: 502 });
  }
  throw redirect(checkout.url, 303);
}

export default function CheckoutPage() {
  const {
    lines,
    totalCents,
    shippingWeight,
    cardPayment,
    aboveCardLimit,
    submissionKey,
    constraints,
    prefill,
    invoice,
  } = useLoaderData<typeof loader>();
  const savedOrder = savedOrderOf(useFormResult());
  const payable = (cardPayment && !aboveCardLimit) || invoice?.offered || savedOrder;
  // After a failed card checkout the cart is already an order: the form stays, to try again.
  if (lines.length === 0 && !savedOrder) {
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
                {line.quantity} × {line.product.name} <span className="mono">{line.product.partNumber}</span>:{" "}
                {formatMoney(line.lineTotalCents)}
              </li>
            ))}
          </ul>
          <p>
            Goods: <strong>{formatMoney(totalCents)}</strong> <Link to="/cart">Change the cart</Link>
          </p>
          <p className="muted">
            Shipping weight {formatWeight(shippingWeight)}.
            {payable
              ? " Freight and sales tax are worked out from the shipping address: review the order to see them before you place it."
              : null}
          </p>
        </section>
      ) : null}
      {payable ? (
        <CheckoutFormView
          submissionKey={submissionKey}
          cardPayment={cardPayment}
          aboveCardLimit={aboveCardLimit}
          constraints={constraints}
          prefill={prefill}
          invoice={invoice}
        />
      ) : (
        <NoWayToPay cardPayment={cardPayment} invoiceText={invoice?.text} signedIn={prefill !== null} />
      )}
    </>
  );
}

/**
 * Neither a card nor an invoice can pay this order now: no form to fill in and be refused, but
 * why, and what can be done instead.
 */
function NoWayToPay({
  cardPayment,
  invoiceText,
  signedIn,
}: {
  cardPayment: boolean;
  invoiceText: string | undefined;
  signedIn: boolean;
}) {
  return (
    <section className="panel" aria-labelledby="no-payment-heading">
      <h2 id="no-payment-heading">This order cannot be paid online now</h2>
      <p>
        {cardPayment ? `${CARD_LIMIT}.` : "Online card payment is not available at the moment: try again later."}{" "}
        {invoiceText ??
          (signedIn ? (
            "Paying by invoice needs a company account on net terms."
          ) : (
            <>
              Companies on net terms pay by invoice: <Link to="/sign-in?redirectTo=%2Fcheckout">sign in</Link>.
            </>
          ))}
      </p>
      <p>
        Or <Link to="/quote">ask us for a quote</Link>: sales answers with prices, lead times and how to pay.
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
