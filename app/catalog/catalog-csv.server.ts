import fs from "node:fs";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { specField } from "./product-fields";
import { PRODUCT_COLUMNS } from "./product-schema";

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

/**
 * The longest record read, in characters: a product's longest field, its description, is 20,000.
 * A file that is one endless line (a binary, or a quote never closed) is refused at this size
 * instead of held whole.
 */
const MAX_RECORD_CHARS = 256 * 1024;

export type CsvRow = { row: number; values: Record<string, string>; fieldCount: number };
/** Rows of a CSV file as they are read: `header` from its first record, `bytesRead` of the file so far. */
export type CsvChunk = { header: string[]; rows: CsvRow[]; bytesRead: number };

/**
 * Reads a CSV file a few rows at a time, keyed by the header, never holding more of it than a
 * chunk of `chunkRows` rows and a read buffer. `row` is the row number a spreadsheet shows (the
 * header is row 1; a record spanning lines gets its last). Rows with the wrong number of fields
 * are kept and reported by the caller. Throws `CsvError` on text that is not CSV, with the line.
 */
export async function* readCsvChunks(file: string, chunkRows: number): AsyncGenerator<CsvChunk> {
  // A header of semicolons and no commas: a spreadsheet set to a European locale saved it so (the
  // parser would stop at the first quoted value, saying nothing of why).
  const head = firstLine(file);
  if (head.includes(";") && !head.includes(","))
    throw new CsvError("its columns are separated by semicolons: save it as “CSV UTF-8”, with commas");
  const source = fs.createReadStream(file);
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let unreadable: Error | undefined;
  source.on("error", (error) => parser.destroy((unreadable = error)));
  source.pipe(parser);
  let header: string[] | undefined;
  let rows: CsvRow[] = [];
  try {
    for await (const { record: cells, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // Bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1) read as U+FFFD: writing
      // them would turn an accented name into one with a replacement mark for good.
      if (cells.some((cell) => cell.includes("\uFFFD"))) throw new CsvError(notUtf8(info.lines));
      if (!header) {
        header = cells.map((name) => name.trim());
        // Columns with no name at the end (a spreadsheet saves cells once used as ",,") are none.
        while (header.length > 0 && header.at(-1) === "") header.pop();
        continue;
      }
      // So are a row's empty cells past the header's last column.
      while (cells.length > header.length && cells.at(-1)!.trim() === "") cells.pop();
      // The line the record ends on: the row a spreadsheet shows, blank lines counted.
      rows.push({
        row: info.lines,
        fieldCount: cells.length,
        values: Object.fromEntries(header.map((name, at) => [name, fromSpreadsheetCell(cells[at] ?? "")])),
      });
      if (rows.length === chunkRows) {
        yield { header, rows, bytesRead: source.bytesRead };
        rows = [];
      }
    }
  } catch (error) {
    if (error === unreadable || error instanceof CsvError) throw error; // the disk's problem, or said already
    const message = error instanceof Error ? error.message : String(error);
    const endless = message.startsWith("Max Record Size") && message.match(/at line (\d+)/)?.[1];
    throw new CsvError(
      endless
        ? `the row at line ${endless} is over ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters long (a quote left open, or not a CSV file)`
        : // The parser quotes the cell or the character it stopped at: of a file that is not text,
          // bytes no page can show. Its own words are plain English.
          message
            .replace(/, value is .*$/s, "")
            .replace(/ got ".*?"(?= at line)/s, "")
            .replace(/[^\x20-\x7e]/g, ""),
    );
  } finally {
    source.destroy();
  }
  yield { header: header ?? [], rows, bytesRead: source.bytesRead };
}

export class CsvError extends Error {}

/** The file's first line (of its first 64 KB). */
function firstLine(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    const bytes = Buffer.alloc(64 * 1024);
    const read = fs.readSync(fd, bytes, 0, bytes.length, 0);
    return bytes.subarray(0, read).toString("utf8").split(/\r?\n/, 1)[0];
  } finally {
    fs.closeSync(fd);
  }
}

const notUtf8 = (line: number) =>
  `line ${line} is not UTF-8 text: save the file as “CSV UTF-8” (in Excel: Save As, CSV UTF-8) and check it again`;

/** Rows of text fields as a CSV byte stream, header first, for a download. */
export function csvStream(columns: string[], rows: Iterable<Record<string, string>>): Readable {
  return Readable.from(rows).pipe(stringify({ header: true, columns, bom: true, cast: { string: toSpreadsheetCell } }));
}
