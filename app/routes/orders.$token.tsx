import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { netTermsText } from "~/accounts/payment-terms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderLinesTable } from "~/orders/components/order-lines-table";
import { Timeline } from "~/components/timeline";
import { CARD_LIMIT_TEXT, formatMoney } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";
import { useFormResult, useIsPending } from "~/lib/forms";
import { formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { ORDER_INTENT } from "~/orders/order-fields";
import { OrderPayForm } from "~/orders/order-schema";
import { cardPaymentAvailable } from "~/orders/stripe.server";
import {
  canPayByCard,
  confirmCheckoutReturn,
  countCheckoutAttempts,
  invoiceBalanceByCard,
  overCardLimit,
  payPeriodOver,
  startCheckout,
  startInvoiceCheckout,
} from "~/orders/checkout.server";
import { BUYER_ORDER_STATUS, BUYER_ORDER_STATUS_TEXT, LAPSED_TEXT, orderCancelled } from "~/orders/order-lifecycle";
import { getOrderByToken } from "~/orders/order.server";
import { InvoiceAccountView } from "~/orders/components/invoice-account";
import { buyersInvoice } from "~/orders/invoice.server";
import { orderFulfilment } from "~/orders/shipment.server";
import { ShipmentList, StillToShip } from "~/orders/components/shipment-list";
import { requireLinkHolder } from "~/accounts/link-access.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Order ${loaded.order.reference} · IronAxis` : "Order not found · IronAxis" },
  { name: "robots", content: "noindex" },
];

/** A wrong token is a plain 404: it says nothing about whether such an order exists. */
function findOr404(token: string | undefined) {
  const order = getOrderByToken(token ?? "");
  if (!order) throw new Response("Not found", { status: 404 });
  return order;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const customer = await requireLinkHolder(request, { order: params.token ?? "" });
  let order = findOr404(params.token);
  const url = new URL(request.url);
  const sessionId = url.searchParams.get("session_id");
  // Back from Stripe: confirm with Stripe now rather than wait for the webhook.
  if (sessionId && !order.paidAt) {
    await confirmCheckoutReturn(order.id, sessionId, new URL(`/orders/${params.token}`, request.url).toString());
    order = findOr404(params.token);
  }
  return data({
    order,
    // The company whose people may open it: the one the viewer is signed in for, not a name typed.
    openTo: customer?.companyName ?? null,
    ...orderFulfilment(order.id),
    token: params.token!,
    payable: canPayByCard(order) && cardPaymentAvailable(),
    invoiceBalanceDue: cardPaymentAvailable() ? invoiceBalanceByCard(order)?.balanceCents : undefined,
    aboveCardLimit: overCardLimit(order),
    lapsed: payPeriodOver(order),
    attempts: countCheckoutAttempts(order.id),
    invoice: buyersInvoice(order.id),
    returned: sessionId
      ? ("checkout" as const)
      : url.searchParams.get("checkout") === "cancelled"
        ? ("cancelled" as const)
        : null,
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  await requireLinkHolder(request, { order: params.token ?? "" });
  const order = findOr404(params.token);
  const parsed = parseForm(OrderPayForm, await readForm(request));
  if (parsed.status === "error") return invalid(parsed, 400);
  const start = parsed.data.intent === ORDER_INTENT.payInvoice ? startInvoiceCheckout : startCheckout;
  const checkout = await start(order.id, { orderToken: params.token!, seenAttempts: parsed.data.attempts });
  if (!checkout.ok)
    return data(formErrorResult(parsed.values, checkout.message, { intent: parsed.intent }), {
      status: checkout.reason === "stripe-error" ? 502 : 409,
    });
  throw redirect(checkout.url, { status: 303 });
}

export default function OrderPage() {
  const {
    order,
    openTo,
    shipments,
    fulfilment,
    token,
    payable,
    invoiceBalanceDue,
    aboveCardLimit,
    lapsed,
    attempts,
    returned,
    invoice,
  } = useLoaderData<typeof loader>();
  const payError = useFormResult()?.formError;
  const paying = useIsPending({ intent: ORDER_INTENT.pay });
  const payingInvoice = useIsPending({ intent: ORDER_INTENT.payInvoice });
  const cancelled = orderCancelled(order.status);
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Order</p>
        <h1>{order.reference}</h1>
        <p>
          <span className="status-badge">{BUYER_ORDER_STATUS[order.status]}</span>{" "}
          <span data-testid="order-status">{BUYER_ORDER_STATUS_TEXT[order.status]}</span>
        </p>
        {cancelled && order.cancelReason ? <p className="notice">{order.cancelReason}</p> : null}
        <p className="muted">
          {order.companyId === null
            ? "Keep this page’s address private: anyone with it can see this order."
            : `Only the people of ${openTo}, signed in, can open this page.`}
        </p>
      </header>
      {returned === "cancelled" && (payable || invoiceBalanceDue) ? (
        <p className="notice">You left the payment page without paying. Your order is saved: pay when you are ready.</p>
      ) : null}
      {returned === "checkout" && payable ? (
        <p className="notice">We have not received the payment yet. If you paid, this page will show it shortly.</p>
      ) : null}
      {payError ? (
        <p role="alert" className="notice notice--error">
          {payError}
        </p>
      ) : null}
      {payable ? (
        <Form method="post" className="panel">
          <input type="hidden" name="intent" value={ORDER_INTENT.pay} />
          <input type="hidden" name="attempts" value={attempts} />
          <p>
            Total due: <strong>{formatMoney(order.totalCents)}</strong>
            {order.payBy ? (
              <> · pay by the end of {order.payBy} (UTC), the quote’s last valid day: after it, this order lapses.</>
            ) : null}
          </p>
          <button type="submit" className="button" aria-disabled={paying || undefined}>
            {paying ? "Opening the payment page…" : "Pay now"}
          </button>
        </Form>
      ) : null}
      {invoiceBalanceDue ? (
        <Form method="post" className="panel" aria-label="Pay the balance by card">
          <input type="hidden" name="intent" value={ORDER_INTENT.payInvoice} />
          <input type="hidden" name="attempts" value={attempts} />
          <p>
            Balance due: <strong>{formatMoney(invoiceBalanceDue)}</strong> · pay it by card now, or as the invoice says.
          </p>
          <button type="submit" className="button" aria-disabled={payingInvoice || undefined}>
            {payingInvoice ? "Opening the payment page…" : "Pay the balance by card"}
          </button>
        </Form>
      ) : null}
      {aboveCardLimit ? <p className="notice">{CARD_LIMIT_TEXT}</p> : null}
      {lapsed ? <p className="notice">{LAPSED_TEXT}</p> : null}
      {invoice ? (
        <InvoiceAccountView
          account={invoice}
          pdfHref={`/orders/${token}/invoice.pdf`}
          creditNoteHref={(number) => `/orders/${token}/credit-notes/${number}.pdf`}
        />
      ) : null}
      {order.paymentTerms ? <p data-testid="payment-terms">Payment terms: {netTermsText(order.paymentTerms)}</p> : null}
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Items</h2>
        <OrderLinesTable lines={order.lines} totalCents={order.totalCents} currency={order.currency} tax={order} />
      </section>
      {fulfilment.state !== "unshipped" ? (
        <section aria-labelledby="shipments-heading">
          <h2 id="shipments-heading">Shipments</h2>
          <ShipmentList
            shipments={shipments}
            lines={order.lines}
            packingSlipHref={(number) => `/orders/${token}/shipments/${number}/packing-slip.pdf`}
          />
          <StillToShip lines={order.lines} remaining={fulfilment.lines} />
        </section>
      ) : null}
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
        {order.billingAddress && order.billingAddress !== order.shippingAddress ? (
          <p className="message">Invoice to: {order.billingAddress}</p>
        ) : null}
      </section>
      <Timeline events={order.events} describe={(event) => BUYER_ORDER_STATUS_TEXT[event.status]} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
