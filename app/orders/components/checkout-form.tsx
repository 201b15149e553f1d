import { useEffect, useRef } from "react";
import { Form, Link, useActionData } from "@remix-run/react";
import {
  CHECKOUT_INTENTS,
  CHECKOUT_LABELS,
  savedOrderOf,
  type CheckoutPrefill,
  type CheckoutReview,
} from "~/orders/checkout-fields";
import { CARD_LIMIT, CARD_LIMIT_TEXT, formatMoney } from "~/lib/money";
import { typedOr, useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";

const ANOTHER_ADDRESS = "";

/** A saved address in one line of a list: its name, then the address with commas for line breaks. */
const savedAddressOption = ({ id, label, address, isDefault }: CheckoutPrefill["addresses"][number]) =>
  [String(id), `${label}${isDefault ? " (default)" : ""}: ${address.split("\n").join(", ")}`] as const;

/**
 * What the order comes to, shown before the buyer commits; the total seen goes with "Place order",
 * and the server places the order only at that total.
 */
function ReviewPanel({ review }: { review: CheckoutReview }) {
  // The review takes the focus as it comes: the button that asked for it is gone.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [review]);
  return (
    <section aria-labelledby="review-heading" className="checkout-review">
      <h3 id="review-heading" tabIndex={-1} ref={heading}>
        Review your order
      </h3>
      <table className="checkout-review__table">
        <tbody>
          <tr>
            <th scope="row">Goods</th>
            <td>{formatMoney(review.goodsCents)}</td>
          </tr>
          <tr>
            <th scope="row">{review.freightText}</th>
            <td>{formatMoney(review.freightCents)}</td>
          </tr>
          <tr>
            <th scope="row">{review.taxText}</th>
            <td>{formatMoney(review.taxCents)}</td>
          </tr>
          <tr>
            <th scope="row">Total</th>
            <td>
              <strong>{formatMoney(review.totalCents)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <input type="hidden" name="reviewedTotalCents" value={review.totalCents} />
    </section>
  );
}

/**
 * The checkout form: errors at each field and in a summary linking to them; what was typed comes
 * back. A signed-in buyer's form starts with who they are and offers their company's addresses.
 */
export function CheckoutFormView({
  submissionKey,
  cardPayment,
  aboveCardLimit,
  constraints,
  prefill,
  invoice,
}: {
  submissionKey: string;
  cardPayment: boolean;
  /** The total is more than a card payment can be. */
  aboveCardLimit: boolean;
  constraints: Constraints;
  prefill: CheckoutPrefill | null;
  /**
   * Invoice for a company on net terms: offered with its terms, or not (over the available
   * credit) with why; null for a guest or a card-only company, to whom it is not mentioned.
   */
  invoice: { offered: boolean; text: string } | null;
}) {
  const result = useFormResult();
  const answer = useActionData<{ review?: CheckoutReview }>();
  const review = answer && typeof answer === "object" && "review" in answer ? answer.review : undefined;
  const sending = useIsPending({ formAction: "/checkout" });
  const errors = result?.fieldErrors ?? {};
  const formError = result?.formError;
  const savedOrder = savedOrderOf(result);
  const byCard = cardPayment && !aboveCardLimit;
  const byInvoice = invoice?.offered === true;
  const typedMethod = typedOr(result, "paymentMethod", byCard || !byInvoice ? "card" : "invoice");
  // A refused invoice choice comes back as card, the one way left.
  const method = typedMethod === "invoice" && !byInvoice ? "card" : typedMethod;
  const saved = prefill?.addresses ?? [];
  const starts: Record<string, string> = prefill
    ? {
        company: prefill.company,
        contactName: prefill.contactName,
        email: prefill.email,
        billingAddress: prefill.billingAddress ?? "",
      }
    : {};

  const field = (name: string, label: string, props: Record<string, unknown> = {}, multiline = false) => {
    const common = {
      id: `co-${name}`,
      name,
      label,
      defaultValue: typedOr(result, name, starts[name] ?? ""),
      error: errors[name],
      ...constraints[name],
      ...props,
    };
    return multiline ? <TextAreaField rows={3} {...common} /> : <TextField {...common} />;
  };

  return (
    <Form method="post" action="/checkout" className="panel request-form" aria-labelledby="checkout-heading">
      <h2 id="checkout-heading">Delivery and payment</h2>
      <ErrorSummary
        errors={formError ? { form: formError, ...errors } : errors}
        labels={CHECKOUT_LABELS}
        fieldIdPrefix="co-"
      >
        {savedOrder ? (
          <p>
            Order {savedOrder.reference} is saved: <Link to={`/orders/${savedOrder.token}`}>see the order</Link>, or try
            again below.
          </p>
        ) : null}
      </ErrorSummary>
      <input type="hidden" name="submissionKey" value={typedOr(result, "submissionKey", submissionKey)} />
      <div className="request-form__grid">
        {field("company", "Company", { autoComplete: "organization" })}
        {field("contactName", "Your name", { autoComplete: "name" })}
        {field("email", "E-mail", { type: "email", autoComplete: "email" })}
        {field("poNumber", byInvoice ? "PO number (required to pay by invoice)" : "PO number (optional)")}
      </div>
      {saved.length ? (
        <SelectField
          id="co-savedAddressId"
          name="savedAddressId"
          label="Ship to a saved address"
          options={[...saved.map(savedAddressOption), [ANOTHER_ADDRESS, "Another address (type it below)"]]}
          defaultValue={typedOr(
            result,
            "savedAddressId",
            saved.find((address) => address.isDefault)?.id ?? ANOTHER_ADDRESS,
          )}
          error={errors.savedAddressId}
        />
      ) : null}
      {field(
        "shippingAddress",
        "Shipping address",
        saved.length
          ? { autoComplete: "street-address", required: false, hint: "When you choose Another address above" }
          : { autoComplete: "street-address" },
        true,
      )}
      {field(
        "billingAddress",
        "Billing address",
        {
          autoComplete: "billing street-address",
          required: false,
          hint: "Where the invoice goes; leave it empty to bill to the shipping address",
        },
        true,
      )}
      <fieldset className="field" aria-describedby={errors.paymentMethod ? "co-paymentMethod-error" : undefined}>
        <legend>Payment</legend>
        {errors.paymentMethod ? (
          <span id="co-paymentMethod-error" className="field-error">
            {errors.paymentMethod}
          </span>
        ) : null}
        <label>
          <input
            type="radio"
            name="paymentMethod"
            value="card"
            defaultChecked={method === "card"}
            disabled={!byCard}
            id="co-paymentMethod"
          />{" "}
          Pay by card now (Stripe)
        </label>
        {!cardPayment ? (
          <p className="notice" id="co-card-unavailable">
            {byInvoice
              ? "Online card payment is not available at the moment. You can pay by invoice against your purchase order."
              : "Online card payment is not available at the moment: try again later, or ask us for a quote."}
          </p>
        ) : aboveCardLimit ? (
          <p className="notice" id="co-card-unavailable">
            {byInvoice ? CARD_LIMIT_TEXT : `${CARD_LIMIT}: ask us for a quote for a larger order.`}
          </p>
        ) : null}
        {byInvoice ? (
          <>
            <label>
              <input
                type="radio"
                name="paymentMethod"
                value="invoice"
                defaultChecked={method === "invoice"}
                aria-describedby="co-invoice-terms"
              />{" "}
              Pay by invoice (PO required)
            </label>
            <p className="muted" id="co-invoice-terms">
              {invoice.text}
            </p>
          </>
        ) : invoice ? (
          <p className="notice" id="co-invoice-terms">
            {invoice.text}
          </p>
        ) : null}
      </fieldset>
      {review ? <ReviewPanel review={review} /> : null}
      {review || savedOrder ? (
        <div className="form-actions">
          <button
            type="submit"
            name="intent"
            value={CHECKOUT_INTENTS.place}
            className="button"
            aria-disabled={sending || undefined}
          >
            {sending ? "Placing order…" : savedOrder ? "Try again" : "Place order"}
          </button>
          {review ? (
            <button
              type="submit"
              name="intent"
              value={CHECKOUT_INTENTS.review}
              className="button button--secondary"
              aria-disabled={sending || undefined}
            >
              Review again
            </button>
          ) : null}
        </div>
      ) : (
        <button
          type="submit"
          name="intent"
          value={CHECKOUT_INTENTS.review}
          className="button"
          aria-disabled={sending || undefined}
        >
          Review order
        </button>
      )}
    </Form>
  );
}
