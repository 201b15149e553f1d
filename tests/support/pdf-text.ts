import { extractText } from "unpdf";

/** The text of each page of a PDF, as a PDF reader extracts it (Mozilla's PDF.js). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  return text;
}
