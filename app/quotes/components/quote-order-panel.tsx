import { Form, Link } from "@remix-run/react";
import { useIsPending } from "~/lib/forms";
import { CARD_LIMIT_TEXT } from "~/lib/money";
import { BUYER_ORDER_STATUS, LAPSED_TEXT, type OrderStatus, type PaymentMethod } from "~/orders/order-lifecycle";
import { BUYER_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";

type QuoteOrder = {
  reference: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  url: string;
  payable: boolean;
  payBy: string | null;
  lapsed: boolean;
  aboveCardLimit: boolean;
};

/** The order an accepted quote became, on the buyer's status page: its state, and paying by card while it may. */
export function QuoteOrderPanel({ order, cardAvailable }: { order: QuoteOrder; cardAvailable: boolean }) {
  const opening = useIsPending({ intent: INTENT.pay });
  return (
    <section aria-labelledby="order-heading" className="panel">
      <h2 id="order-heading">Your order {order.reference}</h2>
      <p>
        <span className="status-badge">{BUYER_ORDER_STATUS[order.status]}</span>{" "}
        {order.paymentMethod === "invoice" ? "Paying by invoice against your PO." : "Paying by card."}{" "}
        <Link to={order.url}>View the order</Link>
      </p>
      {order.payable && order.payBy ? <p>Pay by the end of {order.payBy} (UTC), the quote’s last valid day.</p> : null}
      {order.lapsed ? <p className="notice">{LAPSED_TEXT}</p> : null}
      {order.payable ? (
        cardAvailable ? (
          <Form method="post">
            <input type="hidden" name="intent" value={INTENT.pay} />
            <button type="submit" className="button" aria-disabled={opening || undefined}>
              {opening ? "Opening the payment page…" : "Pay now"}
            </button>
          </Form>
        ) : (
          <p className="muted">Card payment is not available at the moment; contact sales to pay by invoice.</p>
        )
      ) : order.aboveCardLimit ? (
        <p className="muted">{CARD_LIMIT_TEXT}</p>
      ) : null}
    </section>
  );
}
