import type { Revision } from "./quote-revision.server";
import { COMPANY_BLURB } from "~/lib/company";
import { formatMoney } from "~/lib/money";
import { MUTED, SLATE, startPdf } from "~/lib/pdf.server";
import { PAYMENT_TERMS_TEXT } from "./quote-terms";
import { plural } from "~/lib/plural";

type QuoteBuyer = {
  reference: string;
  company: string;
  contactName: string;
  email: string;
  country: string;
  deliveryLocation: string;
};

/** The printable quotation: buyer, priced lines, total, Incoterm, validity and terms of one revision. */
export async function renderQuotePdf(request: QuoteBuyer, revision: Revision): Promise<Buffer> {
  const { doc, done, left, width } = await startPdf({
    title: `Quotation ${request.reference} v${revision.version}`,
    subject: `Quotation for ${request.company}`,
    kind: "Quotation",
  });
  doc
    .fillColor(SLATE)
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(`Quotation ${request.reference} — version ${revision.version}`, { width });
  doc
    .font("Helvetica")
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Issued ${revision.sentAt.slice(0, 10)}  ·  valid until ${revision.validUntil}`);
  doc.moveDown(0.8);
  doc
    .fillColor(SLATE)
    .fontSize(10)
    .text(`For: ${request.company}, ${request.contactName} <${request.email}>, ${request.country}`, { width });
  if (request.deliveryLocation) doc.text(`Deliver to: ${request.deliveryLocation}`, { width });
  doc.moveDown(1);

  const columns = [
    { label: "Item", width: width * 0.4 },
    { label: "Qty", width: width * 0.08 },
    { label: "Unit price", width: width * 0.16 },
    { label: "Line total", width: width * 0.18 },
    { label: "Lead time", width: width * 0.18 },
  ];
  const row = (cells: string[], bold = false) => {
    const top = doc.y;
    const heights = cells.map((cell, i) =>
      doc
        .font(bold ? "Helvetica-Bold" : "Helvetica")
        .fontSize(9)
        .heightOfString(cell, { width: columns[i].width - 6 }),
    );
    const height = Math.max(...heights);
    if (top + height + 10 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.fillColor(SLATE).text(cell, x, y, { width: columns[i].width - 6 });
      x += columns[i].width;
    });
    const bottom = y + height + 3;
    doc
      .moveTo(left, bottom)
      .lineTo(left + width, bottom)
      .lineWidth(0.5)
      .strokeColor("#d5dbe1")
      .stroke();
    doc.y = bottom + 4;
  };
  row(
    columns.map((c) => c.label),
    true,
  );
  for (const line of revision.lines) {
    const item = [
      line.name,
      line.partNumber ? `Part ${line.partNumber}` : "",
      line.included ? `Includes: ${line.included}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    row([
      item,
      String(line.quantity),
      formatMoney(line.unitPriceCents),
      formatMoney(line.quantity * line.unitPriceCents),
      plural(line.leadTimeWeeks, "week"),
    ]);
  }
  doc.moveDown(0.5);
  doc.x = left;
  doc
    .font("Helvetica-Bold")
    .fontSize(12)
    .fillColor(SLATE)
    .text(`Total: ${formatMoney(revision.totalCents)} (USD, ${revision.incoterm})`, { width, align: "right" });
  doc.moveDown(1);
  doc.font("Helvetica").fontSize(10);
  const terms = [
    ["Incoterm", revision.incoterm],
    ["Valid until", `${revision.validUntil} (end of day, UTC)`],
    ["Payment", PAYMENT_TERMS_TEXT[revision.paymentTerms]],
  ];
  for (const [label, value] of terms)
    doc.fillColor(MUTED).text(`${label}: `, { continued: true }).fillColor(SLATE).text(value);
  if (revision.notes) {
    doc.moveDown(0.6);
    doc.fillColor(MUTED).text("Notes");
    doc.fillColor(SLATE).text(revision.notes, { width });
  }
  doc.moveDown(1.5);
  doc.fontSize(8).fillColor(MUTED).text(COMPANY_BLURB, { width });
  doc.end();
  return done;
}
