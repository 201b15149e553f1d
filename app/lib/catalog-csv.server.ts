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
    values: Object.fromEntries(names.map((name, at) => [name, cells[at] ?? ""])),
  }));
  return { ok: true, table: { header: names, rows } };
}

/** Rows of text fields as a CSV byte stream, header first, for a download. */
export function csvStream(columns: string[], rows: Iterable<Record<string, string>>): Readable {
  return Readable.from(rows).pipe(stringify({ header: true, columns, bom: true }));
}
