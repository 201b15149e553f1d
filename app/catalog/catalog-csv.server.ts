import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { specField } from "./product-fields";
import { PRODUCT_COLUMNS } from "./product-schema";

export const MAX_CSV_BYTES = 10 * 1024 * 1024;
/** Characters parsed between two turns of the event loop (a few ms of work each). */
const READ_STEP_CHARS = 16 * 1024;

/** The columns of the catalog CSV: every product field, then one column per spec. */
export function catalogColumns(specKeys: string[]) {
  return [...PRODUCT_COLUMNS, ...specKeys.map(specField)];
}

/**
 * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula,
 * so a product name can become code on the machine of whoever opens the export. Such cells are
 * written behind an apostrophe (plain numbers such as "-40" are left alone); reading takes one
 * apostrophe back off, so export and import round-trip exactly, apostrophes of the text included.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function toSpreadsheetCell(value: string) {
  return FORMULA_LIKE.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function fromSpreadsheetCell(cell: string) {
  return cell.startsWith("'") && FORMULA_LIKE.test(cell) && !PLAIN_NUMBER.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export type CsvTable = {
  header: string[];
  rows: { row: number; values: Record<string, string>; fieldCount: number }[];
};

/**
 * Reads CSV text into rows keyed by the header. `row` is the row number a spreadsheet shows
 * (the header is row 1; a record spanning lines gets its last). Rows with the wrong number of fields are kept and reported by the caller.
 */
export async function readCsv(text: string): Promise<{ ok: true; table: CsvTable } | { ok: false; error: string }> {
  let names: string[] | undefined;
  const rows: CsvTable["rows"] = [];
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  parser.on("readable", () => {
    for (
      let read: { record: string[]; info: { lines: number } } | null = parser.read();
      read !== null;
      read = parser.read()
    ) {
      const { record: cells, info } = read;
      if (!names) names = cells.map((name) => name.trim());
      // The line the record ends on: the row a spreadsheet shows, blank lines counted.
      else
        rows.push({
          row: info.lines,
          fieldCount: cells.length,
          values: Object.fromEntries(names.map((name, at) => [name, fromSpreadsheetCell(cells[at] ?? "")])),
        });
    }
  });
  const ended = new Promise<void>((resolve, reject) => {
    parser.on("end", resolve);
    parser.on("error", reject);
  });
  try {
    // Parsed a slice at a time, letting the process serve other requests between slices: a
    // 10 MB file parsed in one go would hold up every other request of this process for seconds.
    for (let at = 0; at < text.length; at += READ_STEP_CHARS) {
      parser.write(text.slice(at, at + READ_STEP_CHARS));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    parser.end();
    await ended;
  } catch (error) {
    return { ok: false, error: `The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, table: { header: names ?? [], rows } };
}

/** Rows of text fields as a CSV byte stream, header first, for a download. */
export function csvStream(columns: string[], rows: Iterable<Record<string, string>>): Readable {
  return Readable.from(rows).pipe(stringify({ header: true, columns, bom: true, cast: { string: toSpreadsheetCell } }));
}
