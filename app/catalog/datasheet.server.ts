import type { getProduct } from "./product.server";
import { formatMoney } from "~/lib/money";
import { MUTED, SLATE, startPdf } from "~/lib/pdf.server";
import { groupSpecs } from "./specs";
import { formatLeadTime } from "./units";

type DatasheetProduct = NonNullable<ReturnType<typeof getProduct>>;

/** A one- or two-page A4/Letter datasheet drawn from the product's own data. */
export async function renderDatasheet(product: DatasheetProduct, productUrl: string): Promise<Buffer> {
  const { doc, finish, left, width } = await startPdf({
    title: `${product.name} — ${product.partNumber} datasheet`,
    subject: product.summary,
    kind: "Product datasheet",
    footer: `IronAxis ${product.partNumber} datasheet`,
  });

  doc.fillColor(SLATE).font("Helvetica-Bold").fontSize(16).text(product.name, { width });
  doc
    .font("Helvetica")
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Part number ${product.partNumber}  ·  ${product.manufacturer}  ·  ${product.categoryName}`);
  doc.moveDown(0.8);
  doc.fillColor(SLATE).fontSize(11).text(product.summary, { width });
  doc.moveDown(0.6);
  doc.fontSize(10).text(product.description, { width, align: "left" });
  doc.moveDown(1);

  doc.font("Helvetica-Bold").fontSize(12).text("Specifications");
  doc.moveDown(0.4);
  const labelWidth = width * 0.4;
  for (const row of groupSpecs(product.specs)) {
    const y = doc.y;
    const value = row.values.join(", ");
    const height = Math.max(
      doc.heightOfString(row.label, { width: labelWidth - 8 }),
      doc.heightOfString(value, { width: width - labelWidth }),
    );
    if (y + height + 8 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc
      .font("Helvetica")
      .fontSize(10)
      .fillColor(MUTED)
      .text(row.label, left, top, { width: labelWidth - 8 });
    doc.fillColor(SLATE).text(value, left + labelWidth, top, { width: width - labelWidth });
    const bottom = top + height + 4;
    doc
      .moveTo(left, bottom)
      .lineTo(left + width, bottom)
      .lineWidth(0.5)
      .strokeColor("#d5dbe1")
      .stroke();
    doc.y = bottom + 4;
  }
  doc.moveDown(1);

  doc.x = left;
  doc.font("Helvetica-Bold").fontSize(12).fillColor(SLATE).text("Ordering");
  doc.moveDown(0.4);
  doc.font("Helvetica").fontSize(10);
  const terms = [
    ["Price", product.priceCents === null ? "Price on request" : `${formatMoney(product.priceCents)} per unit (USD)`],
    ["Minimum order quantity", String(product.minOrderQty)],
    ["Pack size", String(product.packSize)],
    [
      "Availability",
      product.inStock ? `In stock — ${formatLeadTime(product.leadTimeDays)}` : formatLeadTime(product.leadTimeDays),
    ],
  ];
  for (const [label, value] of terms) {
    doc.fillColor(MUTED).text(`${label}: `, { continued: true }).fillColor(SLATE).text(value);
  }
  doc.moveDown(1.5);
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text(`Specifications are subject to change; confirm critical values with a quotation. ${productUrl}`, { width });
  return finish();
}
