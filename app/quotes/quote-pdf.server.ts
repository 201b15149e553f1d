import { eq } from "drizzle-orm";
import { quoteRequests, quoteRevisions, users } from "~db/schema";
import { getSitePageText } from "~/content/site-page.server";
import { SELLER, SELLER_LINES } from "~/lib/company";
import { db } from "~/lib/db.server";
import type { MailDocument } from "~/lib/mailer.server";
import { formatMoney } from "~/lib/money";
import {
  BOLD,
  facts,
  keepOnPage,
  markdownBlocks,
  MUTED,
  partyBlocks,
  REGULAR,
  sectionHeading,
  SLATE,
  startPdf,
  tableRow,
} from "~/lib/pdf.server";
import { plural } from "~/lib/plural";
import { linesOfRevisions, type Revision } from "./quote-revision.server";
import { incotermText, PAYMENT_TERMS_TEXT } from "./quote-terms";
import { breaksText, configure, hasChoices, lineMarks, percentText } from "./quote-pricing";

/** The buyer as the quotation names them: what they typed on the request. */
export type QuotationBuyer = {
  reference: string;
  company: string;
  contactName: string;
  email: string;
  phone: string;
  country: string;
  deliveryLocation: string;
};

/** Who at IronAxis sent the revision: the purchasing team's person to call. */
type SalesContact = { name: string; email: string };

export const quotationFilename = (reference: string, version: number) => `IronAxis-${reference}-v${version}.pdf`;

/**
 * The quotation of one revision as a purchasing team files it: seller and buyer, reference,
 * version and dates, the priced lines and total, the price basis and payment terms, an acceptance
 * block, and the terms of sale (`termsMarkdown`, the /terms page) — "Page N of M" on every page.
 * It shows only what the buyer may see: the revision's own columns and the request's buyer fields.
 */
export async function renderQuotePdf({
  buyer,
  revision,
  contact,
  termsMarkdown,
}: {
  buyer: QuotationBuyer;
  revision: Revision;
  contact: SalesContact | undefined;
  termsMarkdown: string;
}): Promise<Buffer> {
  const title = `Quotation ${buyer.reference} v${revision.version}`;
  const { doc, finish, left, width } = await startPdf({
    title,
    subject: `Quotation for ${buyer.company}`,
    kind: "Quotation",
    footer: `${SELLER.legalName}  ·  ${title}`,
  });
  doc
    .fillColor(SLATE)
    .font(BOLD)
    .fontSize(16)
    .text(`Quotation ${buyer.reference} — version ${revision.version}`, { width });
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Issued ${revision.sentAt.slice(0, 10)}  ·  valid until ${revision.validUntil} (end of day, UTC)`);
  doc.moveDown(1);

  partyBlocks(doc, left, width, [
    ["SELLER", [...SELLER_LINES, ...(contact ? [`Sales contact: ${contact.name}`, contact.email] : [])]],
    [
      "BUYER",
      [
        buyer.company,
        buyer.contactName,
        buyer.email,
        ...(buyer.phone ? [`Phone ${buyer.phone}`] : []),
        buyer.country,
        ...(buyer.deliveryLocation ? [`Deliver to: ${buyer.deliveryLocation}`] : []),
      ],
    ],
  ]);

  const columns = [0.42, 0.08, 0.16, 0.18, 0.16].map((share) => width * share);
  tableRow(doc, left, columns, ["Item", "Qty", "Unit price", "Line total", "Lead time"], true);
  // As quoted: the first of each set of alternatives, no optional line ticked, the quantities quoted.
  const configured = configure(revision.lines);
  const bought = new Map(configured.lines.map((line) => [line.position, line]));
  const nameAt = (position: number) => revision.lines.find((line) => line.position === position)?.name ?? "";
  for (const line of revision.lines) {
    const quoted = line.quantity > 0;
    const taken = bought.get(line.position);
    const marks = lineMarks(line, nameAt);
    const item = [
      line.name,
      line.partNumber ? `Part ${line.partNumber}` : "",
      marks.length ? `[${marks.join(" · ")}]` : "",
      line.priceBreaks.length
        ? `Price breaks: 1+ at ${formatMoney(line.unitPriceCents)}, ${breaksText(line.priceBreaks, formatMoney)}`
        : "",
      quoted ? (line.included ? `Includes: ${line.included}` : "") : `Not quoted: ${line.notQuotedReason}`,
    ]
      .filter(Boolean)
      .join("\n");
    const amount = taken
      ? formatMoney(taken.amountCents)
      : `${formatMoney(line.quantity * line.unitPriceCents)}\n(not in total)`;
    tableRow(
      doc,
      left,
      columns,
      !quoted
        ? [item, "—", "—", "—", "—"]
        : line.kind === "discount"
          ? [item, "—", line.percentBp !== null ? `${percentText(line.percentBp)} of goods` : "—", amount, "—"]
          : [
              item,
              String(line.quantity),
              formatMoney(line.unitPriceCents),
              amount,
              line.kind === "item" ? plural(line.leadTimeWeeks, "week") : "—",
            ],
    );
  }
  doc.moveDown(0.5);
  const totals: [string, number][] = [
    ...(configured.chargesCents || configured.discountCents
      ? ([
          ["Goods", configured.goodsCents],
          ["Charges", configured.chargesCents],
          ["Discount", -configured.discountCents],
        ] as [string, number][])
      : []),
  ];
  for (const [label, cents] of totals)
    doc
      .font(REGULAR)
      .fontSize(10)
      .fillColor(SLATE)
      .text(`${label}: ${formatMoney(cents)}`, left, doc.y, { width, align: "right" });
  doc
    .font(BOLD)
    .fontSize(12)
    .fillColor(SLATE)
    .text(`Total: ${formatMoney(configured.totalCents)} (USD)`, left, doc.y, { width, align: "right" });
  if (configured.taxableCents !== configured.totalCents)
    doc
      .font(REGULAR)
      .fontSize(10)
      .text(`Of which taxable: ${formatMoney(configured.taxableCents)}`, left, doc.y, { width, align: "right" });
  if (hasChoices(revision.lines))
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(MUTED)
      .text(
        "The total is for the quote as listed: the first of each set of alternatives, no optional line, the quantities quoted. Your choices on the quote page, or on your order, change it.",
        left,
        doc.y,
        { width, align: "right" },
      );
  doc.moveDown(1);

  sectionHeading(doc, left, "Price basis and payment");
  facts(
    doc,
    [
      ["Delivery", incotermText(revision)],
      ["Currency", "U.S. dollars (USD)"],
      ["Prices", "Exclude sales and use tax; freight and insurance as the delivery term and each line's Includes say"],
      ["Lead times", "Per line, from order confirmation"],
      ["Valid until", `${revision.validUntil} (end of day, UTC)`],
      ["Payment terms", PAYMENT_TERMS_TEXT[revision.paymentTerms]],
    ],
    width,
  );
  if (revision.notes) {
    doc.moveDown(0.6);
    doc.fillColor(MUTED).text("Notes", left);
    doc.fillColor(SLATE).text(revision.notes, { width });
  }
  doc.moveDown(1);

  sectionHeading(doc, left, "Acceptance");
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor(SLATE)
    .text(
      `Accept this quotation on your quote page, or sign below and send this page with your purchase order to ${SELLER.email}. It is accepted on the terms of sale that follow.`,
      { width },
    );
  doc.moveDown(0.8);
  keepOnPage(doc, 110);
  const half = width / 2;
  for (const pair of [
    ["Name", "Title"],
    ["Signature", "Date"],
    ["Purchase order number", "Company"],
  ]) {
    const y = doc.y + 18;
    pair.forEach((label, i) => {
      const x = left + i * half;
      doc
        .moveTo(x, y)
        .lineTo(x + half - 18, y)
        .lineWidth(0.5)
        .strokeColor(MUTED)
        .stroke();
      doc
        .fontSize(8)
        .fillColor(MUTED)
        .text(label, x, y + 3, { width: half - 18 });
    });
    doc.x = left;
    doc.y = y + 16;
  }

  doc.addPage();
  doc.x = left;
  doc.font(BOLD).fontSize(13).fillColor(SLATE).text("Terms and conditions of sale", { width });
  doc.moveDown(0.5);
  for (const { kind, text } of markdownBlocks(termsMarkdown)) {
    if (kind === "heading") {
      doc.moveDown(0.4);
      keepOnPage(doc, 40);
      doc.font(BOLD).fontSize(9.5).fillColor(SLATE).text(text, left, doc.y, { width });
    } else {
      doc
        .font(REGULAR)
        .fontSize(8.5)
        .fillColor(SLATE)
        .text(kind === "item" ? `•  ${text}` : text, kind === "item" ? left + 10 : left, doc.y, {
          width: kind === "item" ? width - 10 : width,
        });
    }
    doc.moveDown(0.3);
  }
  return finish();
}

/** The quotation of a request's revision with its contact and the current terms of sale. */
export function quotationPdf(buyer: QuotationBuyer, revision: Revision) {
  const contact =
    revision.sentBy === null
      ? undefined
      : db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, revision.sentBy)).get();
  return renderQuotePdf({ buyer, revision, contact, termsMarkdown: getSitePageText("terms")?.bodyMarkdown ?? "" });
}

/** The quotation attached to "your quote is ready": rendered from the frozen revision as it is sent. */
export async function quotationDocument(revisionId: number): Promise<MailDocument | undefined> {
  const revision = db.select().from(quoteRevisions).where(eq(quoteRevisions.id, revisionId)).get();
  if (!revision) return undefined;
  const buyer = db
    .select({
      reference: quoteRequests.reference,
      company: quoteRequests.company,
      contactName: quoteRequests.contactName,
      email: quoteRequests.email,
      phone: quoteRequests.phone,
      country: quoteRequests.country,
      deliveryLocation: quoteRequests.deliveryLocation,
    })
    .from(quoteRequests)
    .where(eq(quoteRequests.id, revision.requestId))
    .get();
  if (!buyer) return undefined;
  const lines = linesOfRevisions([revisionId]);
  return {
    filename: quotationFilename(buyer.reference, revision.version),
    content: await quotationPdf(buyer, { ...revision, lines }),
    contentType: "application/pdf",
  };
}
