export const SLATE = "#1d2731";
const ORANGE = "#e0701b";
export const MUTED = "#5b6670";

/**
 * A Letter page with IronAxis' header band and `kind` ("Product datasheet", "Quotation") at the
 * right. Draw on `doc`, call `doc.end()`, and await `done` for the bytes. pdfkit is loaded on the
 * first document: ~20 MB of memory per process that only PDF downloads need.
 */
export async function startPdf({ title, subject, kind }: { title: string; subject: string; kind: string }) {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "LETTER",
    margin: 54,
    info: { Title: title, Author: "IronAxis", Subject: subject },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.rect(0, 0, doc.page.width, 8).fill(ORANGE);
  doc.fillColor(SLATE).font("Helvetica-Bold").fontSize(18).text("IronAxis", left, 30);
  doc.font("Helvetica").fontSize(9).fillColor(MUTED).text(kind, left, 34, { width, align: "right" });
  doc.moveDown(1.5);
  return { doc, done, left, width };
}

export function pdfResponse(pdf: Buffer, filename: string, cacheControl: string) {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": cacheControl,
    },
  });
}
