import { renderToStaticMarkup } from "react-dom/server";
import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import { netTermsText, type NetTerms } from "~/accounts/payment-terms";
import { formatMoney } from "~/lib/money";

type OrderSummary = { reference: string; contactName: string; email: string; totalCents: number; poNumber: string };
type OrderLineSummary = { name: string; partNumber: string | null; quantity: number; unitPriceCents: number };

const lineText = (line: OrderLineSummary) =>
  `- ${line.quantity} × ${line.name}${line.partNumber ? ` (${line.partNumber})` : ""} at ${formatMoney(line.unitPriceCents)}`;

function OrderBody({
  intro,
  order,
  lines,
  orderUrl,
}: {
  intro: string;
  order: OrderSummary;
  lines: OrderLineSummary[];
  orderUrl?: string;
}) {
  return (
    <div>
      <p>Dear {order.contactName || "customer"},</p>
      <p>{intro}</p>
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{lineText(line).slice(2)}</li>
        ))}
      </ul>
      <p>
        Total: <strong>{formatMoney(order.totalCents)}</strong>
      </p>
      {orderUrl ? (
        <p>
          <a href={orderUrl}>See your order</a> (keep this link private).
        </p>
      ) : (
        <p>Please quote {order.reference} when you contact us.</p>
      )}
      <p>IronAxis sales</p>
    </div>
  );
}

function orderEmail(
  subject: string,
  intro: string,
  order: OrderSummary,
  lines: OrderLineSummary[],
  orderUrl?: string,
): OutgoingEmail {
  const text = [
    `Dear ${order.contactName || "customer"},`,
    "",
    intro,
    "",
    ...lines.map(lineText),
    "",
    `Total: ${formatMoney(order.totalCents)}`,
    "",
    orderUrl
      ? `See your order here (keep this link private): ${orderUrl}`
      : `Please quote ${order.reference} when you contact us.`,
    "",
    "IronAxis sales",
  ].join("\n");
  const html = renderToStaticMarkup(<OrderBody intro={intro} order={order} lines={lines} orderUrl={orderUrl} />);
  return { to: order.email, subject, text, html };
}

/** Sent once, when the order becomes paid (by card through Stripe, or marked paid by sales). */
export function paymentReceivedEmail(order: OrderSummary, lines: OrderLineSummary[], orderUrl?: string) {
  return orderEmail(
    `Payment received for order ${order.reference}`,
    `Thank you: we received your payment for order ${order.reference} and are preparing it for shipment.`,
    order,
    lines,
    orderUrl,
  );
}

/** Sent when an order to be paid by invoice is placed (or, over a spending limit, approved); with its company's terms. */
export function invoiceOrderEmail(
  order: OrderSummary & { paymentTerms?: NetTerms | null },
  lines: OrderLineSummary[],
  orderUrl?: string,
) {
  const terms = order.paymentTerms ? ` Payment terms: ${netTermsText(order.paymentTerms)}.` : "";
  return orderEmail(
    `Order ${order.reference} received: pay by invoice`,
    `Thank you for your order ${order.reference} (PO ${order.poNumber}). We will send the invoice; the order ships once it is paid.${terms}`,
    order,
    lines,
    orderUrl,
  );
}

/** Sent when an approver of the buyer's company approves a card order over the buyer's spending limit. */
export function cardOrderApprovedEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  approvedBy: string,
  note: string,
  orderUrl?: string,
) {
  return orderEmail(
    `Order ${order.reference} approved: pay by card`,
    `${approvedBy} approved your order ${order.reference}${note ? ` (“${note}”)` : ""}. Pay for it by card from its page; it ships once paid.`,
    order,
    lines,
    orderUrl,
  );
}

/** Sent when an unpaid order is cancelled (by sales, an approver, or when the quote's validity ended), with the reason. */
export function orderCancelledEmail(order: OrderSummary, lines: OrderLineSummary[], reason: string, orderUrl?: string) {
  return orderEmail(
    `Order ${order.reference} cancelled`,
    `Your order ${order.reference} has been cancelled. ${reason}`,
    order,
    lines,
    orderUrl,
  );
}
