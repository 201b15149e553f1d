import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Lexer, type Token } from "marked";

export const SLATE = "#1d2731";
const ORANGE = "#e0701b";
export const MUTED = "#5b6670";
const RULE = "#d5dbe1";

type Pdf = PDFKit.PDFDocument;

/**
 * The typefaces every document is set in: DejaVu Sans Condensed (about as wide as Helvetica),
 * embedded, only the glyphs used. PDF's built-in Helvetica encodes WinAnsi alone, so "≤ 16 bar",
 * "Ω", "→", "✓" or a Greek or Cyrillic name typed into a quote came out as other letters ("≤" as
 * "\"d"). DejaVu covers Latin, Greek, Cyrillic and the technical signs; a character it lacks
 * (Chinese, emoji) shows as a box. Read once per process, parsed per document.
 */
export const REGULAR = "Body";
export const BOLD = "Body-Bold";
let faces: { regular: Buffer; bold: Buffer } | undefined;
function typefaces() {
  const file = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`));
  faces ??= { regular: file("DejaVuSansCondensed.ttf"), bold: file("DejaVuSansCondensed-Bold.ttf") };
  return faces;
}

/**
 * A Letter page with IronAxis' header band and `kind` ("Product datasheet", "Quotation") at the
 * right. Draw on `doc`, then await `finish()` for the bytes: it writes "`footer` · Page N of M"
 * at the foot of every page first. pdfkit is loaded on the first document: ~20 MB of memory per
 * process that only PDF downloads need.
 */
export async function startPdf({
  title,
  subject,
  kind,
  footer,
}: {
  title: string;
  subject: string;
  kind: string;
  footer: string;
}) {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "LETTER",
    margin: 54,
    // Pages stay in memory until the end, so each can be told how many there are.
    bufferPages: true,
    info: { Title: title, Author: "IronAxis", Subject: subject },
  });
  const { regular, bold } = typefaces();
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.rect(0, 0, doc.page.width, 8).fill(ORANGE);
  doc.fillColor(SLATE).font(BOLD).fontSize(18).text("IronAxis", left, 30);
  doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(kind, left, 34, { width, align: "right" });
  doc.moveDown(1.5);
  const finish = () => {
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Text below the bottom margin would start a new page: the footer lifts the margin first.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font(REGULAR)
        .fontSize(8)
        .fillColor(MUTED)
        .text(`${footer}  ·  Page ${i + 1} of ${count}`, left, doc.page.height - bottom + 18, {
          width,
          align: "center",
          lineBreak: false,
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  };
  return { doc, finish, left, width };
}

/** Whether `height` more points fit on the page; if not, a new page is started. */
export function keepOnPage(doc: Pdf, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** A ruled row of cells in columns of the given widths, starting a new page when it would not fit. */
export function tableRow(doc: Pdf, left: number, columns: number[], cells: string[], bold = false) {
  doc.font(bold ? BOLD : REGULAR).fontSize(9);
  const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i] - 6 })));
  keepOnPage(doc, height + 10);
  const y = doc.y;
  let x = left;
  cells.forEach((cell, i) => {
    doc.fillColor(SLATE).text(cell, x, y, { width: columns[i] - 6 });
    x += columns[i];
  });
  const bottom = y + height + 3;
  const right = columns.reduce((sum, column) => sum + column, left);
  doc.moveTo(left, bottom).lineTo(right, bottom).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.x = left;
  doc.y = bottom + 4;
}

/**
 * Blocks of a document's parties side by side (seller and buyer, ship to), each a small muted
 * heading over its lines; the text continues below the tallest.
 */
export function partyBlocks(doc: Pdf, left: number, width: number, parties: (readonly [string, string[]])[]) {
  const share = width / parties.length;
  const top = doc.y;
  let bottom = top;
  parties.forEach(([heading, lines], i) => {
    const x = left + i * share;
    doc
      .font(BOLD)
      .fontSize(9)
      .fillColor(MUTED)
      .text(heading, x, top, { width: share - 12 });
    doc.font(REGULAR).fontSize(10).fillColor(SLATE);
    for (const line of lines) doc.text(line, { width: share - 12 });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = left;
  doc.y = bottom + 16;
}

/** A bold heading in small capitals' place: the start of a section of a document. */
export function sectionHeading(doc: Pdf, left: number, text: string) {
  keepOnPage(doc, 60);
  doc.x = left;
  doc.font(BOLD).fontSize(11).fillColor(SLATE).text(text);
  doc.moveDown(0.3);
}

/** `label: value` lines, the label muted. */
export function facts(doc: Pdf, rows: (readonly [string, string])[], width: number) {
  doc.font(REGULAR).fontSize(10);
  for (const [label, value] of rows)
    doc.fillColor(MUTED).text(`${label}: `, { continued: true, width }).fillColor(SLATE).text(value, { width });
}

/** The text of inline Markdown tokens, without their marks. */
function inlineText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === "br") return "\n";
      if ("tokens" in token && token.tokens?.length) return inlineText(token.tokens);
      // A line break inside a paragraph's source is a space in the text.
      return "text" in token ? String(token.text).replace(/\s*\n\s*/g, " ") : "";
    })
    .join("");
}

/**
 * Markdown as plain blocks a document can set: headings, paragraphs and list items (links keep
 * their text, emphasis is dropped). For text sales keeps as Markdown, such as the terms of sale.
 */
export function markdownBlocks(markdown: string) {
  const blocks: { kind: "heading" | "paragraph" | "item"; text: string }[] = [];
  for (const token of Lexer.lex(markdown)) {
    if (token.type === "heading") blocks.push({ kind: "heading", text: inlineText(token.tokens) });
    else if (token.type === "paragraph") blocks.push({ kind: "paragraph", text: inlineText(token.tokens) });
    else if (token.type === "list")
      for (const item of token.items as { tokens: Token[] }[])
        blocks.push({
          kind: "item",
          text: item.tokens.map((t) => ("tokens" in t ? inlineText(t.tokens) : "")).join("\n"),
        });
  }
  return blocks;
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
