/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

/** svg-to-pdfkit ships no types: it draws an SVG document onto a PDFKit page. */
declare module "svg-to-pdfkit" {
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: { width?: number; height?: number; preserveAspectRatio?: string },
  ): void;
}
