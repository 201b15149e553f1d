import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderLinesTable } from "~/components/order-lines-table";
import { Timeline } from "~/components/timeline";
import { CARD_LIMIT_TEXT, formatMoney } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";
import { cardPaymentAvailable } from "~/lib/stripe.server";
import { canPayByCard, confirmCheckoutReturn, countCheckoutAttempts, overCardLimit, startCheckout } from "~/models/checkout.server";
import { getOrderByToken } from "~/models/order.server";
import { PRIVATE_LINK_HEADERS } from "~/lib/private-link";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Order ${loaded.order.reference} · IronAxis` : "Order not found · IronAxis" },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => PRIVATE_LINK_HEADERS;

/** A wrong token is a plain 404: it says nothing about whether such an order exists. */
function findOr404(token: string | undefined) {
  const order = getOrderByToken(token ?? "");
  if (!order) throw new Response("Not found", { status: 404, headers: PRIVATE_LINK_HEADERS });
  return order;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  let order = findOr404(params.token);
  const url = new URL(request.url);
  const sessionId = url.searchParams.get("session_id");
  // Back from Stripe: confirm with Stripe now rather than wait for the webhook.
  if (sessionId && order.status !== "paid") {
    await confirmCheckoutReturn(order.id, sessionId, new URL(`/orders/${params.token}`, request.url).toString());
    order = findOr404(params.token);
  }
  return data(
    {
      order,
      token: params.token!,
      payable: canPayByCard(order) && cardPaymentAvailable(),
      aboveCardLimit: overCardLimit(order),
      attempts: countCheckoutAttempts(order.id),
      returned: sessionId ? ("checkout" as const) : url.searchParams.get("checkout") === "cancelled" ? ("cancelled" as const) : null,
    },
    { headers: PRIVATE_LINK_HEADERS },
  );
}

export async function action({ params, request }: ActionFunctionArgs) {
  const order = findOr404(params.token);
  const form = await readForm(request);
  if (form.get("intent") !== "pay") throw new Response("Unknown action", { status: 400, headers: PRIVATE_LINK_HEADERS });
  const seen = Number(form.get("attempts"));
  const checkout = await startCheckout(order.id, { orderToken: params.token!, seenAttempts: Number.isSafeInteger(seen) ? seen : undefined });
  if (!checkout.ok) return data({ payError: checkout.message }, { status: checkout.reason === "stripe-error" ? 502 : 409, headers: PRIVATE_LINK_HEADERS });
  throw redirect(checkout.url, { status: 303, headers: PRIVATE_LINK_HEADERS });
}

const STATUS_TEXT: Record<string, string> = {
  pending_payment: "Awaiting your card payment",
  processing: "Payment is being processed",
  awaiting_payment: "Awaiting payment of our invoice",
  paid: "Paid: thank you",
  payment_failed: "The payment failed: you can try again",
  cancelled: "Cancelled",
  flagged: "On hold: our sales team will contact you about the payment",
};


export default function OrderPage() {
  const { order, token, payable, aboveCardLimit, attempts, returned } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const paying = navigation.state !== "idle" && navigation.formData?.get("intent") === "pay";
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Order</p>
        <h1>{order.reference}</h1>
        <p>
          <span className="status-badge">{order.status.replace("_", " ")}</span> <span data-testid="order-status">{STATUS_TEXT[order.status]}</span>
        </p>
        <p className="muted">Keep this page’s address private: anyone with it can see this order.</p>
      </header>
      {returned === "cancelled" && payable ? (
        <p className="notice">You left the payment page without paying. Your order is saved: pay when you are ready.</p>
      ) : null}
      {returned === "checkout" && order.status !== "paid" && payable ? (
        <p className="notice">We have not received the payment yet. If you paid, this page will show it shortly.</p>
      ) : null}
      {failed?.payError ? (
        <p role="alert" className="notice notice--error">
          {failed.payError}
        </p>
      ) : null}
      {payable ? (
        <Form method="post" className="panel">
          <input type="hidden" name="intent" value="pay" />
          <input type="hidden" name="attempts" value={attempts} />
          <p>
            Total due: <strong>{formatMoney(order.totalCents)}</strong>
          </p>
          <button type="submit" className="button" disabled={paying}>
            {paying ? "Opening the payment page…" : "Pay now"}
          </button>
        </Form>
      ) : null}
      {aboveCardLimit ? <p className="notice">{CARD_LIMIT_TEXT}</p> : null}
      {order.paymentMethod === "invoice" && order.status === "awaiting_payment" ? (
        <p className="notice">We will send the invoice for PO {order.poNumber}; the order ships once it is paid.</p>
      ) : null}
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Items</h2>
        <OrderLinesTable lines={order.lines} totalCents={order.totalCents} currency={order.currency} />
      </section>
      <section aria-labelledby="buyer-heading">
        <h2 id="buyer-heading">Delivery</h2>
        <p>
          {order.company} · {order.contactName} · {order.email}
          {order.poNumber ? ` · PO ${order.poNumber}` : ""}
        </p>
        {order.poAttachmentName ? (
          <p>
            Your purchase order:{" "}
            <a href={`/orders/${token}/purchase-order`} download>
              {order.poAttachmentName}
            </a>
          </p>
        ) : null}
        <p className="message">{order.shippingAddress}</p>
      </section>
      <Timeline
        events={order.events.filter((event) => event.actor !== "checkout")}
        describe={(event) => STATUS_TEXT[event.status] ?? event.status}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
