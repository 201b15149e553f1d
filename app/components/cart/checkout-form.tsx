import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { CHECKOUT_LABELS } from "~/lib/checkout-fields";
import { CARD_LIMIT_TEXT } from "~/lib/money";
import { TextAreaField, TextField } from "../ui/field";

export type CheckoutFormState = {
  errors: Record<string, string>;
  values: Record<string, string>;
  /** Set when the order was made but card checkout could not start: the buyer can retry. */
  order?: { reference: string; token: string };
};

/** The checkout form: errors at each field and in a summary linking to them; what was typed comes back. */
export function CheckoutFormView({
  submissionKey,
  cardPayment,
  aboveCardLimit,
  state,
}: {
  submissionKey: string;
  cardPayment: boolean;
  /** The total is more than a card payment can be. */
  aboveCardLimit: boolean;
  state?: CheckoutFormState;
}) {
  const navigation = useNavigation();
  const sending = navigation.state !== "idle" && navigation.formAction === "/checkout";
  const summary = useRef<HTMLDivElement>(null);
  const errors = state?.errors ?? {};
  const errorKeys = Object.keys(errors);
  const values = state?.values ?? {};
  useEffect(() => {
    if (errorKeys.length) summary.current?.focus();
  }, [state, errorKeys.length]);
  const byCard = cardPayment && !aboveCardLimit;
  const method = values.paymentMethod ?? (byCard ? "card" : "invoice");

  const field = (name: string, label: string, props: Record<string, unknown> = {}, multiline = false) => {
    const common = { id: `co-${name}`, name, label, defaultValue: values[name] ?? "", error: errors[name], ...props };
    return multiline ? <TextAreaField rows={3} {...common} /> : <TextField {...common} />;
  };

  return (
    <Form method="post" action="/checkout" className="panel request-form" aria-labelledby="checkout-heading">
      <h2 id="checkout-heading">Delivery and payment</h2>
      {errorKeys.length ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="checkout-error-title">
          <h3 id="checkout-error-title">There is a problem</h3>
          <ul>
            {errorKeys.map((key) => (
              <li key={key}>
                {key === "form" ? (
                  errors[key]
                ) : (
                  <a href={`#co-${key}`}>
                    {CHECKOUT_LABELS[key] ?? key}: {errors[key]}
                  </a>
                )}
              </li>
            ))}
          </ul>
          {state?.order ? (
            <p>
              Order {state.order.reference} is saved: <Link to={`/orders/${state.order.token}`}>see the order</Link>, or try
              again below.
            </p>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <div className="request-form__grid">
        {field("company", "Company", { required: true, maxLength: 200, autoComplete: "organization" })}
        {field("contactName", "Your name", { required: true, maxLength: 200, autoComplete: "name" })}
        {field("email", "E-mail", { type: "email", required: true, maxLength: 254, autoComplete: "email" })}
        {field("poNumber", "PO number (required to pay by invoice)", { maxLength: 100 })}
      </div>
      {field("shippingAddress", "Shipping address", { required: true, maxLength: 1000, autoComplete: "street-address" }, true)}
      <fieldset className="field" aria-describedby={errors.paymentMethod ? "co-paymentMethod-error" : undefined}>
        <legend>Payment</legend>
        {errors.paymentMethod ? (
          <span id="co-paymentMethod-error" className="field-error">
            {errors.paymentMethod}
          </span>
        ) : null}
        <label>
          <input type="radio" name="paymentMethod" value="card" defaultChecked={method === "card"} disabled={!byCard} id="co-paymentMethod" /> Pay by
          card now (Stripe)
        </label>
        {!cardPayment ? (
          <p className="notice" id="co-card-unavailable">
            Online card payment is not available at the moment. You can pay by invoice against your purchase order.
          </p>
        ) : aboveCardLimit ? (
          <p className="notice" id="co-card-unavailable">
            {CARD_LIMIT_TEXT}
          </p>
        ) : null}
        <label>
          <input type="radio" name="paymentMethod" value="invoice" defaultChecked={method === "invoice"} /> Pay by invoice (PO required)
        </label>
      </fieldset>
      <button type="submit" className="button" disabled={sending}>
        {sending ? "Placing order…" : state?.order ? "Try again" : "Place order"}
      </button>
    </Form>
  );
}
