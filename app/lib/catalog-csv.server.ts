import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify";
import { specField } from "./product-fields";
import { PRODUCT_COLUMNS } from "./product-schema";

export const MAX_CSV_BYTES = 10 * 1024 * 1024;

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

export type CsvTable = { header: string[]; rows: { row: number; values: Record<string, string>; fieldCount: number }[] };

/**
 * Reads CSV text into rows keyed by the header. `row` is the row number a spreadsheet shows
 * (the header is row 1; a record spanning lines gets its last). Rows with the wrong number of fields are kept and reported by the caller.
 */
export function readCsv(text: string): { ok: true; table: CsvTable } | { ok: false; error: string } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    return { ok: false, error: `The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}` };
  }
  const [header, ...body] = records;
  const names = (header?.record ?? []).map((name) => name.trim());
  // The line the record ends on: the row a spreadsheet shows, blank lines counted.
  const rows = body.map(({ record: cells, info }) => ({
    row: info.lines,
    fieldCount: cells.length,
    values: Object.fromEntries(names.map((name, at) => [name, fromSpreadsheetCell(cells[at] ?? "")])),
  }));
  return { ok: true, table: { header: names, rows } };
}

/** Rows of text fields as a CSV byte stream, header first, for a download. */
export function csvStream(columns: string[], rows: Iterable<Record<string, string>>): Readable {
  return Readable.from(rows).pipe(stringify({ header: true, columns, bom: true, cast: { string: toSpreadsheetCell } }));
}
