import { eq } from "drizzle-orm";
import { creditNotes } from "~db/schema";
import { SELLER, SELLER_LINES } from "~/lib/company";
import { db } from "~/lib/db.server";
import type { MailDocument } from "~/lib/mailer.server";
import { formatMoney } from "~/lib/money";
import { BOLD, facts, MUTED, partyBlocks, REGULAR, SLATE, startPdf } from "~/lib/pdf.server";
import { contactLines, refundText } from "./invoice-rules";
import { getInvoiceAccount } from "./invoice.server";
import { getOrder } from "./order.server";
import type { CreditNote } from "./refund.server";

export const creditNoteFilename = (number: string) => `IronAxis-${number}.pdf`;

type Order = NonNullable<ReturnType<typeof getOrder>>;

/**
 * A credit note as an accounts-payable team files it: seller and buyer, its number, the invoice
 * or receipt it credits, the amount, the reason and how the money went back. Read from rows that
 * never change.
 */
export async function renderCreditNotePdf(order: Order, creditNote: CreditNote, invoiceNumber: string) {
  const title = `Credit note ${creditNote.number}`;
  const { doc, finish, left, width } = await startPdf({
    title,
    subject: `${title} for order ${order.reference}`,
    kind: "Credit note",
    footer: `${SELLER.legalName}  ·  ${title}`,
  });
  doc.fillColor(SLATE).font(BOLD).fontSize(16).text(title, { width });
  doc.font(REGULAR).fontSize(10).fillColor(MUTED).text(`Issued ${creditNote.issuedOn}  ·  credits ${invoiceNumber}`);
  doc.moveDown(1);
  partyBlocks(doc, left, width, [
    ["SELLER", SELLER_LINES],
    ["BUYER", [order.company, ...contactLines(creditNote, order)].filter(Boolean)],
  ]);
  facts(
    doc,
    [
      ["Credits", invoiceNumber],
      ["Order", order.reference],
      ["Your PO number", order.poNumber || "—"],
      ["Reason", creditNote.reason],
      ...(order.taxCents > 0 ? [["Of which sales tax", formatMoney(creditNote.taxCents)] as [string, string]] : []),
      ["Refunded", refundText(creditNote) ?? "—"],
    ],
    width,
  );
  doc.moveDown(0.8);
  doc
    .font(BOLD)
    .fontSize(12)
    .fillColor(SLATE)
    .text(`Amount credited: ${formatMoney(creditNote.amountCents)} (USD)`, left, doc.y, { width, align: "right" });
  return finish();
}

/** A credit note's PDF, by its id; undefined when there is none. */
export async function creditNotePdf(creditNoteId: number) {
  const creditNote = db.select().from(creditNotes).where(eq(creditNotes.id, creditNoteId)).get();
  const order = creditNote && getOrder(creditNote.orderId);
  const account = creditNote && getInvoiceAccount(creditNote.orderId);
  if (!creditNote || !order || !account) return undefined;
  return {
    filename: creditNoteFilename(creditNote.number),
    content: await renderCreditNotePdf(order, creditNote, account.invoice.number),
  };
}

/** The credit note attached to an e-mail, by its id (see `OutboxAttachmentKind`). */
export async function creditNoteDocument(creditNoteId: number): Promise<MailDocument | undefined> {
  const pdf = await creditNotePdf(creditNoteId);
  return pdf && { ...pdf, contentType: "application/pdf" };
}
