import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import { netTermsText, type NetTerms } from "~/accounts/payment-terms";
import { formatMoney } from "~/lib/money";
import { env } from "~/lib/env.server";
import { plural } from "~/lib/plural";
import { refundText } from "./invoice-rules";
import type { CreditNote } from "./refund.server";
import { taxLineText, type OrderTaxColumns } from "./tax-line";

type OrderSummary = {
  id: number;
  reference: string;
  contactName: string;
  email: string;
  totalCents: number;
  poNumber: string;
} & Partial<OrderTaxColumns>;
type OrderLineSummary = { name: string; partNumber: string | null; quantity: number; unitPriceCents: number };

const lineText = (line: OrderLineSummary) =>
  `${line.quantity} × ${line.name}${line.partNumber ? ` (${line.partNumber})` : ""} at ${formatMoney(line.unitPriceCents)}`;

type Addressee = { id: number; reference: string; contactName: string; email: string };

/**
 * Every e-mail about an order, as HTML and text: the greeting, `intro`, what this e-mail is about
 * (`body`, `bodyText`), then the buyer's private link (or the reference to quote) and the signature.
 */
export function orderMail(
  subject: string,
  order: Addressee,
  { intro, body, bodyText, orderUrl }: { intro: string; body: ReactNode; bodyText: string[]; orderUrl?: string },
): OutgoingEmail {
  const greeting = `Dear ${order.contactName || "customer"},`;
  const text = [
    greeting,
    "",
    intro,
    ...bodyText,
    "",
    orderUrl
      ? `See your order here (keep this link private): ${orderUrl}`
      : `Please quote ${order.reference} when you contact us.`,
    "",
    "IronAxis sales",
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{greeting}</p>
      <p>{intro}</p>
      {body}
      {orderUrl ? (
        <p>
          <a href={orderUrl}>See your order</a> (keep this link private).
        </p>
      ) : (
        <p>Please quote {order.reference} when you contact us.</p>
      )}
      <p>IronAxis sales</p>
    </div>,
  );
  return { to: order.email, orderId: order.id, subject, text, html };
}

/** The order's tax line in words with its amount ("Sales tax (TX 6.25%): $53.44"), if it has one. */
function taxText(order: OrderSummary) {
  if (!order.taxStatus) return undefined;
  const line = taxLineText({
    taxCents: order.taxCents ?? 0,
    taxStatus: order.taxStatus,
    taxRate: order.taxRate ?? null,
    taxState: order.taxState ?? null,
    taxExemptionNumber: order.taxExemptionNumber ?? null,
  });
  return line && `${line}: ${formatMoney(order.taxCents ?? 0)}`;
}

/** The order's lines, tax line and total, as text lines and as HTML. */
function orderContents(order: OrderSummary, lines: OrderLineSummary[]) {
  const tax = taxText(order);
  const text = [
    "",
    ...lines.map((line) => `- ${lineText(line)}`),
    "",
    ...(tax ? [tax] : []),
    `Total: ${formatMoney(order.totalCents)}`,
  ];
  const body = (
    <>
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{lineText(line)}</li>
        ))}
      </ul>
      {tax ? <p>{tax}</p> : null}
      <p>
        Total: <strong>{formatMoney(order.totalCents)}</strong>
      </p>
    </>
  );
  return { text, body };
}

/** An e-mail with the order's lines, tax line and total. */
function orderEmail(
  subject: string,
  intro: string,
  order: OrderSummary,
  lines: OrderLineSummary[],
  orderUrl?: string,
): OutgoingEmail {
  const contents = orderContents(order, lines);
  return orderMail(subject, order, { intro, orderUrl, bodyText: contents.text, body: contents.body });
}

/** Sent once, when the order is paid in full (by card through Stripe, or by the payments sales records), with its receipt or invoice. */
export function paymentReceivedEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  invoice: Pick<InvoiceSummary, "id" | "number">,
  orderUrl?: string,
) {
  return withInvoice(
    orderEmail(
      `Payment received for order ${order.reference}`,
      `Thank you: we received your payment for order ${order.reference} and are preparing it for shipment. ${invoice.number} is attached for your records.`,
      order,
      lines,
      orderUrl,
    ),
    invoice,
  );
}

/** Sent once per credit note: the refund to the buyer's card, with the credit note's PDF. */
export function creditNoteEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  creditNote: CreditNote,
  orderUrl?: string,
  /** What the order's invoice still owes after it (an invoice still open); 0 or none: nothing. */
  stillOwedCents = 0,
): OutgoingEmail {
  const amount = formatMoney(creditNote.amountCents);
  const how = creditNote.stripeRefundId
    ? `to your card (${creditNote.reason}). Credit note ${creditNote.number} is attached for your records; the refund may take 5 to 10 days to reach your statement.`
    : `${refundText(creditNote) ?? ""} (${creditNote.reason}). Credit note ${creditNote.number} is attached for your records.`;
  const owed = stillOwedCents > 0 ? ` The invoice still owes ${formatMoney(stillOwedCents)}.` : "";
  return {
    ...orderEmail(
      `Refund of ${amount} for order ${order.reference}`,
      `We have refunded ${amount} of your payment for order ${order.reference} ${how}${owed}`,
      order,
      lines,
      orderUrl,
    ),
    attachmentKind: "credit_note",
    attachmentId: creditNote.id,
  };
}

/** A credit note correcting an open invoice: what it takes off, and what the invoice still owes. */
export function invoiceCreditEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  creditNote: { id: number; number: string; amountCents: number; reason: string },
  balanceCents: number,
  orderUrl?: string,
): OutgoingEmail {
  const amount = formatMoney(creditNote.amountCents);
  const owed = balanceCents > 0 ? `the invoice now owes ${formatMoney(balanceCents)}` : "nothing more is owed";
  return {
    ...orderEmail(
      `Credit note ${creditNote.number} for order ${order.reference}`,
      `We have credited ${amount} against the invoice of order ${order.reference} (${creditNote.reason}). Credit note ${creditNote.number} is attached for your records; ${owed}.`,
      order,
      lines,
      orderUrl,
    ),
    attachmentKind: "credit_note",
    attachmentId: creditNote.id,
  };
}

/** An issued invoice as its e-mails name it; the PDF goes with each. */
type InvoiceSummary = { id: number; number: string; dueOn: string; terms: NetTerms | null };

const withInvoice = (email: OutgoingEmail, invoice: Pick<InvoiceSummary, "id">): OutgoingEmail => ({
  ...email,
  attachmentKind: "invoice",
  attachmentId: invoice.id,
});

/** Sent when an invoice order is placed (or, over a spending limit, approved): the invoice, its terms and due date. */
export function invoiceIssuedEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  invoice: InvoiceSummary,
  orderUrl?: string,
) {
  const terms = invoice.terms ? `${netTermsText(invoice.terms)}: ` : "";
  return withInvoice(
    orderEmail(
      `Invoice ${invoice.number} for order ${order.reference}`,
      `Thank you for your order ${order.reference} (PO ${order.poNumber}). Our invoice ${invoice.number} is attached (${terms}due ${invoice.dueOn}); how to pay is on it. We ship on these terms.`,
      order,
      lines,
      orderUrl,
    ),
    invoice,
  );
}

/** Sent when a payment covers part of an invoice: what arrived and what is still owed. */
export function partPaymentEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  invoice: InvoiceSummary,
  payment: { amountCents: number; balanceCents: number },
  orderUrl?: string,
) {
  return withInvoice(
    orderEmail(
      `Payment of ${formatMoney(payment.amountCents)} received for invoice ${invoice.number}`,
      `Thank you: we received ${formatMoney(payment.amountCents)} for invoice ${invoice.number} (order ${order.reference}). ${formatMoney(payment.balanceCents)} is still due by ${invoice.dueOn}.`,
      order,
      lines,
      orderUrl,
    ),
    invoice,
  );
}

/** Sent on an unpaid invoice's due day, a week later and a month later (once each). */
export function invoiceOverdueEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  invoice: InvoiceSummary,
  { balanceCents, daysLate }: { balanceCents: number; daysLate: number },
  orderUrl?: string,
) {
  const when = daysLate <= 0 ? "is due today" : `was due on ${invoice.dueOn}, ${plural(daysLate, "day")} ago`;
  return withInvoice(
    orderEmail(
      daysLate <= 0
        ? `Invoice ${invoice.number} is due today`
        : `Reminder: invoice ${invoice.number} is ${plural(daysLate, "day")} overdue`,
      `Our invoice ${invoice.number} for order ${order.reference} (PO ${order.poNumber}) ${when}. The balance is ${formatMoney(balanceCents)}. If you have paid it, thank you, and please ignore this message; otherwise how to pay is on the invoice attached.`,
      order,
      lines,
      orderUrl,
    ),
    invoice,
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
/** Typed words as a sentence's end: a full stop added unless they end in one already. */
const sentence = (words: string) => (/[.!?…]$/.test(words.trim()) ? words.trim() : `${words.trim()}.`);

export function orderCancelledEmail(
  order: OrderSummary,
  lines: OrderLineSummary[],
  reason: string,
  orderUrl?: string,
  /** The credit note that cancels the order's invoice, attached, when one was issued. */
  creditNote?: { id: number; number: string },
): OutgoingEmail {
  const email = orderEmail(
    `Order ${order.reference} cancelled`,
    `Your order ${order.reference} has been cancelled: ${sentence(reason)}${creditNote ? ` Credit note ${creditNote.number}, attached, cancels its invoice: nothing is owed.` : ""}`,
    order,
    lines,
    orderUrl,
  );
  return creditNote ? { ...email, attachmentKind: "credit_note", attachmentId: creditNote.id } : email;
}

/**
 * To sales, when a cart order is placed on invoice or paid by card: who, what, the tax line to
 * confirm, and the order in the back office. (An accepted quote tells sales when it is accepted.)
 */
export function newOrderForSalesEmail(
  order: OrderSummary & { company: string; paymentMethod: "card" | "invoice" },
  lines: OrderLineSummary[],
  to: string,
): OutgoingEmail {
  const link = new URL(`/admin/orders/${order.id}`, env.SITE_URL).toString();
  const how = order.paymentMethod === "card" ? "paid by card" : "on invoice";
  const subject = `New order ${order.reference} from ${order.company}: ${formatMoney(order.totalCents)} ${how}`;
  const who = `${order.contactName || order.email} (${order.email}) of ${order.company}, PO ${order.poNumber || "none"}`;
  const contents = orderContents(order, lines);
  const text = [subject, "", who, ...contents.text, "", `Open it: ${link}`].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>{subject}</p>
      <p>{who}</p>
      {contents.body}
      <p>
        <a href={link}>Open {order.reference}</a>
      </p>
    </div>,
  );
  return { to, subject, text, html };
}
