import { eq } from "drizzle-orm";
import { invoices } from "~db/schema";
import { netTermsText } from "~/accounts/payment-terms";
import { SELLER, SELLER_LINES } from "~/lib/company";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { MailDocument } from "~/lib/mailer.server";
import { formatMoney, withinCardLimit } from "~/lib/money";
import { BOLD, facts, MUTED, partyBlocks, REGULAR, sectionHeading, SLATE, startPdf, tableRow } from "~/lib/pdf.server";
import { getInvoiceAccount, type InvoiceAccount } from "./invoice.server";
import { contactLines, PAYMENT_METHOD_LABEL } from "./invoice-rules";
import { getOrder, getOrderLines, orderUrlOf } from "./order.server";
import { cardPaymentAvailable } from "./stripe.server";
import { taxLineText } from "./tax-line";

type Order = NonNullable<ReturnType<typeof getOrder>>;
type OrderLine = ReturnType<typeof getOrderLines>[number];

export const invoiceFilename = (number: string) => `IronAxis-${number}.pdf`;

const KIND_MARK = { item: "", charge: "Charge", discount: "Discount" } as const;

/**
 * An invoice (or a card order's receipt) as an accounts-payable team files it: seller, bill-to and
 * ship-to, the order and PO it bills, its lines, tax line and total, the payments recorded, the credit notes
 * issued against it and the balance, the terms and due date, and how to pay. Read from the invoice row, which never changes, and the
 * order's lines, which never change either; payments show as recorded when it is rendered.
 */
async function renderInvoicePdf(order: Order, lines: OrderLine[], account: InvoiceAccount) {
  const { invoice, payments } = account;
  const receipt = invoice.kind === "receipt";
  const title = `${receipt ? "Receipt" : "Invoice"} ${invoice.number}`;
  const { doc, finish, left, width } = await startPdf({
    title,
    subject: `${title} for order ${order.reference}`,
    kind: receipt ? "Receipt" : "Invoice",
    footer: `${SELLER.legalName}  ·  ${title}`,
  });
  doc.fillColor(SLATE).font(BOLD).fontSize(16).text(title, { width });
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      receipt
        ? `Issued ${invoice.issuedOn}  ·  paid by card`
        : `Issued ${invoice.issuedOn}  ·  due ${invoice.dueOn}${invoice.terms ? ` (${netTermsText(invoice.terms)})` : ""}`,
    );
  doc.moveDown(1);
  partyBlocks(doc, left, width, [
    ["SELLER", SELLER_LINES],
    [
      "BILL TO",
      [
        ...[order.company, ...contactLines(invoice, order)].filter(Boolean),
        ...(order.billingAddress || order.shippingAddress).split("\n"),
        `Ship to: ${order.shippingAddress || "as agreed with sales"}`,
      ],
    ],
  ]);
  facts(
    doc,
    [
      ["Order", order.reference],
      ["Order date", order.createdAt.slice(0, 10)],
      ["Your PO number", order.poNumber || "—"],
    ],
    width,
  );
  doc.moveDown(0.8);

  const columns = [0.52, 0.1, 0.19, 0.19].map((share) => width * share);
  tableRow(doc, left, columns, ["Item", "Qty", "Unit price", "Amount"], true);
  for (const line of lines) {
    const item = [line.name, line.partNumber ? `Part ${line.partNumber}` : "", KIND_MARK[line.kind]]
      .filter(Boolean)
      .join("\n");
    tableRow(doc, left, columns, [
      item,
      String(line.quantity),
      formatMoney(line.unitPriceCents),
      formatMoney(line.quantity * line.unitPriceCents),
    ]);
  }
  doc.moveDown(0.5);
  const right = (text: string, bold = false) =>
    doc
      .font(bold ? BOLD : REGULAR)
      .fontSize(bold ? 12 : 10)
      .fillColor(SLATE)
      .text(text, left, doc.y, { width, align: "right" });
  // The tax line as the order carries it: issued, the invoice and its order's tax never change (ADR 34).
  const taxLine = taxLineText(order);
  if (taxLine) {
    right(`Subtotal: ${formatMoney(invoice.totalCents - order.taxCents, invoice.currency)}`);
    right(`${taxLine}: ${formatMoney(order.taxCents, invoice.currency)}`);
  }
  right(`Total: ${formatMoney(invoice.totalCents, invoice.currency)} (USD)`, true);
  for (const payment of payments)
    right(
      `Paid ${payment.receivedOn} by ${PAYMENT_METHOD_LABEL[payment.method]}${payment.reference ? ` (${payment.reference})` : ""}: −${formatMoney(payment.amountCents)}`,
    );
  // Each line adds to or takes from the total, down to the balance: a credit note takes off what is
  // owed, and one that gave money back adds back what was paid.
  for (const note of account.creditNotes) {
    right(`Credit note ${note.number}, ${note.issuedOn}: −${formatMoney(note.amountCents)}`);
    if (note.refund) right(`Refunded ${note.refund}: +${formatMoney(note.amountCents)}`);
  }
  right(`Balance due: ${formatMoney(account.balanceCents)}`, true);
  doc.moveDown(1);

  if (!receipt && account.balanceCents === 0) {
    doc.moveDown(0.5);
    doc
      .font(REGULAR)
      .fontSize(10)
      .fillColor(SLATE)
      .text("Nothing more is owed on this invoice.", left, doc.y, { width });
  } else if (!receipt) {
    // The order page's link, not a Stripe Checkout link: a checkout session lapses within a day,
    // the order page makes a fresh one for whatever is owed when the buyer comes (ADR 30).
    const payOnline = account.balanceCents > 0 && withinCardLimit(order.totalCents) && cardPaymentAvailable();
    const orderPage = payOnline ? orderUrlOf(order) : undefined;
    sectionHeading(doc, left, "How to pay");
    facts(
      doc,
      [
        ["Due", `${invoice.dueOn}${invoice.terms ? ` (${netTermsText(invoice.terms)} from the invoice date)` : ""}`],
        ["Payment reference", `${invoice.number} (and your PO ${order.poNumber || "number"})`],
        ...env.INVOICE_BANK_DETAILS.split(/;\s*/).map((line, i) => [i === 0 ? "Bank" : "", line] as const),
        ...(orderPage ? [["By card", `Pay the balance on your order page: ${orderPage}`] as const] : []),
        ["Questions", `${SELLER.email}, ${SELLER.phone}`],
      ].map(([label, value]) => [label || " ", value] as const),
      width,
    );
  }
  return finish();
}

/** The PDF of an order's invoice or receipt; undefined when none is issued. */
export async function invoicePdfOfOrder(orderId: number) {
  const order = getOrder(orderId);
  const account = getInvoiceAccount(orderId);
  if (!order || !account) return undefined;
  return {
    filename: invoiceFilename(account.invoice.number),
    content: await renderInvoicePdf(order, getOrderLines(orderId), account),
  };
}

/** The invoice attached to an e-mail, by the invoice's id (see `OutboxAttachmentKind`). */
export async function invoiceDocument(invoiceId: number): Promise<MailDocument | undefined> {
  const row = db.select({ orderId: invoices.orderId }).from(invoices).where(eq(invoices.id, invoiceId)).get();
  const pdf = row && (await invoicePdfOfOrder(row.orderId));
  return pdf && { ...pdf, contentType: "application/pdf" };
}
