import type { getProduct } from "./product.server";
import { formatMoney } from "~/lib/money";
import { breaksText, type PriceBreak } from "~/lib/price-breaks";
import { BOLD, MUTED, REGULAR, SLATE, startPdf } from "~/lib/pdf.server";
import { lookupStaticFile } from "~/lib/static-files.server";
import { readProductImage } from "./product-images.server";
import { groupSpecs } from "./specs";
import { formatLeadTime, formatSpecValueBothSystems } from "./units";

type DatasheetProduct = NonNullable<ReturnType<typeof getProduct>> & { priceBreaks: PriceBreak[] };

/** The picture a product page shows, as a datasheet can draw it: SVG text, or PNG/JPEG bytes. */
async function pictureOf(imagePath: string): Promise<{ svg: string } | { raster: Buffer } | undefined> {
  if (imagePath.startsWith("/images/")) {
    const body = lookupStaticFile(imagePath, {})?.body;
    if (!body) return undefined;
    return imagePath.endsWith(".svg") ? { svg: body.toString("utf8") } : { raster: body };
  }
  const stored = await readProductImage(imagePath);
  // PDF has no WebP: such a picture is left out rather than converted.
  return stored && stored.extension !== "webp" ? { raster: stored.bytes } : undefined;
}

const PICTURE = { width: 168, height: 126 };

/** A one- or two-page A4/Letter datasheet drawn from the product's own data. */
export async function renderDatasheet(product: DatasheetProduct, productUrl: string): Promise<Buffer> {
  const { doc, finish, left, width } = await startPdf({
    title: `${product.name} — ${product.partNumber} datasheet`,
    subject: product.summary,
    kind: "Product datasheet",
    footer: `IronAxis ${product.partNumber} datasheet`,
  });

  doc.fillColor(SLATE).font(BOLD).fontSize(16).text(product.name, { width });
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Part number ${product.partNumber}  ·  ${product.manufacturer}  ·  ${product.categoryName}`);
  doc.moveDown(0.8);
  // The picture at the right of the summary and description, as on the product page.
  const picture = await pictureOf(product.imagePath);
  const top = doc.y;
  const textWidth = picture ? width - PICTURE.width - 16 : width;
  if (picture) {
    const x = left + width - PICTURE.width;
    if ("svg" in picture) {
      const { default: drawSvg } = await import("svg-to-pdfkit");
      drawSvg(doc, picture.svg, x, top, { ...PICTURE, preserveAspectRatio: "xMidYMid meet" });
    } else {
      doc.image(picture.raster, x, top, { fit: [PICTURE.width, PICTURE.height], align: "center", valign: "center" });
    }
  }
  doc.fillColor(SLATE).fontSize(11).text(product.summary, left, top, { width: textWidth });
  doc.moveDown(0.6);
  doc.fontSize(10).text(product.description, { width: textWidth, align: "left" });
  doc.x = left;
  doc.y = Math.max(doc.y, picture ? top + PICTURE.height : 0);
  doc.moveDown(1);

  doc.font(BOLD).fontSize(12).text("Specifications");
  doc.moveDown(0.4);
  const labelWidth = width * 0.4;
  for (const row of groupSpecs(product.specs, formatSpecValueBothSystems)) {
    const y = doc.y;
    const value = row.values.join(", ");
    const height = Math.max(
      doc.heightOfString(row.label, { width: labelWidth - 8 }),
      doc.heightOfString(value, { width: width - labelWidth }),
    );
    if (y + height + 8 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc
      .font(REGULAR)
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
  doc.font(BOLD).fontSize(12).fillColor(SLATE).text("Ordering");
  doc.moveDown(0.4);
  doc.font(REGULAR).fontSize(10);
  const terms = [
    [
      "Price",
      product.priceCents === null
        ? "Price on request"
        : `${formatMoney(product.priceCents)} per unit (USD)${product.priceBreaks.length ? `; ${breaksText(product.priceBreaks, formatMoney)}` : ""}`,
    ],
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
