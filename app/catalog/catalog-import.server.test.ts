import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readableStreamToString } from "@remix-run/node";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { catalogColumns, fromSpreadsheetCell, toSpreadsheetCell } from "./catalog-csv.server";
import {
  checkImport,
  dryRunImport,
  exportCatalogCsv,
  getImportJob,
  importCheckProgress,
  IMPORT_LIMITS,
  newCheckToken,
  startImport,
} from "./catalog-import.server";
import { getEditableProduct, listEditableProductsByKeys } from "./product-admin.server";
import { loadSpecDefinitions } from "./product.server";
import { readContentVersions } from "~/lib/content-version.server";
import { sqlite } from "~/lib/db.server";
import { searchWarmUp, warmUpSearch } from "./search.server";
import { caughtUpCatalogIndex } from "./catalog-index.server";
import { hasErrors, REPORT_ROWS, type ImportReport } from "./import-report";

const exportText = () => readableStreamToString(exportCatalogCsv());

const files = fs.mkdtempSync(path.join(os.tmpdir(), "ironaxis-import-test-"));
let filesWritten = 0;
/** The text as an uploaded file. */
function fileOf(text: string) {
  const file = path.join(files, `${++filesWritten}.csv`);
  fs.writeFileSync(file, text);
  return file;
}
const rowCount = (report: ImportReport) => Object.values(report.counts).reduce((sum, n) => sum + n, 0);

/** Checks and applies a file to the end, as the back office does (which shows the progress meanwhile). */
async function applyImport(text: string) {
  const report = await checkImport(fileOf(text));
  if (hasErrors(report)) return { applied: false, report };
  const start = startImport(fileOf(text), { fileName: "test.csv", userId: null });
  if (!start.started) throw new Error("not started");
  const job = await start.finished;
  return { applied: job.status === "applied", report, job };
}

describe("catalog CSV import", () => {
  it("export then import of the same file changes nothing", async () => {
    const text = await exportText();
    const result = await checkImport(fileOf(text));
    expect(result.fileErrors).toEqual([]);
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBeGreaterThan(50);
    expect(result.counts.unchanged).toBe(rowCount(result));
    expect(result.rows).toEqual([]); // unchanged rows are only counted
    const before = readContentVersions().catalog;
    expect((await applyImport(text)).applied).toBe(true);
    expect(readContentVersions().catalog).toBe(before);
  });

  it("a file whose line breaks became CRLF (as a spreadsheet on Windows saves it) is still unchanged", async () => {
    const text = await exportText();
    const withBreak = text.replace(/,"([^"\n]{20,}?)\. /, ',"$1.\n'); // a description with a line break inside quotes
    expect(withBreak).not.toBe(text);
    expect((await applyImport(withBreak)).report.counts).toMatchObject({ update: 1, error: 0 });
    const crlf = withBreak.replace(/\n/g, "\r\n");
    const result = await checkImport(fileOf(crlf));
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(rowCount(result));
  });

  it("a file as a spreadsheet saves it: empty columns after the last are none, and the wrong encoding or separator is said", async () => {
    const text = await exportText();
    const lines = text.split("\n");
    // Excel keeps a column once used: ",," after every line.
    const padded = lines.map((line) => (line ? `${line},,` : line)).join("\n");
    const result = await checkImport(fileOf(padded));
    expect([result.fileErrors, result.counts.error]).toEqual([[], 0]);
    expect(result.counts.unchanged).toBeGreaterThan(50);

    // An accented name saved as Windows-1252 / Latin-1: refused, not written as a replacement mark.
    const latin1 = Buffer.from(`${lines[0].replace(/^\uFEFF/, "")}\nIAX-LATIN,Caf\u00e9 gauge\n`, "latin1");
    const file = fileOf("");
    fs.writeFileSync(file, latin1);
    expect((await checkImport(file)).fileErrors).toEqual([
      "The file is not valid CSV: line 2 is not UTF-8 text: save the file as “CSV UTF-8” (in Excel: Save As, CSV UTF-8) and check it again",
    ]);

    // A quote in the middle of a cell: said by line, without the cell (of a binary file, bytes no page shows).
    const misquoted = await checkImport(fileOf(`${lines[0]}\nIAX-Q,a"\u0001\u0002"b\n`));
    expect(misquoted.fileErrors).toHaveLength(1);
    expect(misquoted.fileErrors[0]).toMatch(/^The file is not valid CSV: .*line 2/);
    expect(misquoted.fileErrors[0]).not.toMatch(/value is/);
    expect(misquoted.fileErrors[0]).not.toContain("\u0001");
    // A closing quote followed by bytes: the parser's "got" and its character are left out too.
    const closed = await checkImport(fileOf(`${lines[0]}\n"IAX-Q"\u0001\u0082b\n`));
    expect(closed.fileErrors).toHaveLength(1);
    expect(closed.fileErrors[0]).toMatch(/^The file is not valid CSV: Invalid Closing Quote: at line 2/);
    expect(closed.fileErrors[0]).toMatch(/^[\x20-\x7e]*$/);

    const semicolons = text.replace(/,/g, ";");
    expect((await checkImport(fileOf(semicolons))).fileErrors).toEqual([
      "The file is not valid CSV: its columns are separated by semicolons: save it as “CSV UTF-8”, with commas",
    ]);
  });

  it("reports every problem of every row by row number and writes nothing", async () => {
    const columns = catalogColumns([...loadSpecDefinitions().keys()]);
    const base = {
      manufacturer: "Acme",
      category: "pressure-gauges",
      leadTimeDays: "10",
      summary: "",
      description: "",
    };
    const csv = stringify(
      [
        { ...base, partNumber: "NEW-1", name: "Good gauge", price: "12.50", "spec:power": "1.5" },
        { ...base, partNumber: "NEW-2", name: "", category: "no-such-category" },
        { ...base, partNumber: "NEW-3", name: "Bad number", "spec:power": "lots", price: "abc" },
        { ...base, partNumber: "new 1", name: "Duplicate of the first" },
      ],
      { header: true, columns },
    );
    const before = readContentVersions().catalog;
    const result = await checkImport(fileOf(csv));
    expect(result.counts).toMatchObject({ create: 1, error: 3 });
    const byRow = new Map(result.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)!.action).toBe("create");
    expect(byRow.get(3)!.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^name: /), 'category: Unknown category "no-such-category"']),
    );
    expect(byRow.get(4)!.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^spec:power: Power must be a number in kW/),
        expect.stringMatching(/^price: /),
      ]),
    );
    expect(byRow.get(5)!.errors).toContain("partNumber: duplicate of row 2");
    expect((await applyImport(csv)).applied).toBe(false);
    expect(readContentVersions().catalog).toBe(before);
    expect(listEditableProductsByKeys(["NEW1"]).size).toBe(0);
  });

  it("creates new rows and updates existing ones by part number in one go", async () => {
    const text = await exportText();
    const lines = text.split("\n");
    const header = lines[0];
    const [first] = parse(text, { bom: true, columns: true }) as { partNumber: string }[];
    const existing = listEditableProductsByKeys([first.partNumber.toUpperCase().replace(/[^A-Z0-9]/g, "")])
      .values()
      .next().value!;
    const edited = text.replace(existing.name, `${existing.name} (2026 model)`);
    const columns = catalogColumns([...loadSpecDefinitions().keys()]);
    const extra = stringify(
      [
        {
          partNumber: "IMP-100",
          name: "Imported press",
          manufacturer: "Acme",
          category: "pressure-gauges",
          leadTimeDays: "5",
        },
      ],
      { columns },
    );
    const result = await applyImport(`${edited.trimEnd()}\n${extra}`);
    expect(header.startsWith("\uFEFFpartNumber,name,slug")).toBe(true);
    expect(result.applied).toBe(true);
    expect(result.report.counts).toMatchObject({ create: 1, update: 1, error: 0 });
    expect(getEditableProduct(existing.id)!.name).toBe(`${existing.name} (2026 model)`);
    expect(listEditableProductsByKeys(["IMP100"]).get("IMP100")).toMatchObject({ status: "active", minOrderQty: 1 });
  });

  it("exports cells a spreadsheet would run as formulas behind an apostrophe, and reads them back exactly", async () => {
    const columns = catalogColumns([...loadSpecDefinitions().keys()]);
    const hostile = {
      partNumber: "IMP-200",
      name: '=HYPERLINK("http://evil.example","Gauge")',
      manufacturer: "@Acme",
      summary: "+1 555 0100 for service",
      category: "pressure-gauges",
      leadTimeDays: "5",
      // A negative number, which a spreadsheet would also read as a formula: a temperature may be one.
      "spec:max_temperature": "-40",
    };
    expect((await applyImport(stringify([hostile], { header: true, columns }))).report.counts).toMatchObject({
      create: 1,
      error: 0,
    });
    const text = await exportText();
    const line = text.split("\n").find((l) => l.startsWith("IMP-200,"))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""Gauge"")"`);
    expect(line).toContain(",'@Acme,");
    expect(line).toContain(",'+1 555 0100 for service,");
    expect(line).toMatch(/,-40(,|$)/);
    const result = await checkImport(fileOf(text));
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(rowCount(result));
    expect(listEditableProductsByKeys(["IMP200"]).get("IMP200")).toMatchObject({
      name: hostile.name,
      manufacturer: "@Acme",
      summary: hostile.summary,
    });
    // Text that itself starts with apostrophes round-trips too.
    for (const value of ["'=1+1", "''-x", "'plain", "-40", "-4.5", "-4e5", "=", "\tTabbed", "Gauge"]) {
      expect(fromSpreadsheetCell(toSpreadsheetCell(value))).toBe(value);
    }
  });

  it("reports a row whose product would have no web address at its slug, and writes nothing", async () => {
    const columns = catalogColumns([...loadSpecDefinitions().keys()]);
    const base = { manufacturer: "Acme", category: "pressure-gauges", leadTimeDays: "10" };
    const csv = stringify(
      [
        { ...base, partNumber: "ıß", name: "日本語" },
        { ...base, partNumber: "JP-2", name: "Gauge", slug: "日本語" },
        { ...base, partNumber: "JP-3", name: "日本語", slug: "nihongo-gauge" },
      ],
      { header: true, columns },
    );
    const before = readContentVersions().catalog;
    const result = await checkImport(fileOf(csv));
    const message =
      "slug: A web address needs letters a–z or digits: give a slug such as “bourdon-gauge-63-mm”, or leave the slug empty and use some in the name or part number";
    expect(result.rows.map((r) => [r.action, r.errors])).toEqual([
      ["error", [message]],
      ["error", [message]],
      ["create", []],
    ]);
    expect((await applyImport(csv)).applied).toBe(false);
    expect(readContentVersions().catalog).toBe(before);
    expect(listEditableProductsByKeys(["ISS", "JP3"]).size).toBe(0);
  });

  describe("applied in batches", () => {
    const saved = { ...IMPORT_LIMITS };
    let other: Database.Database | undefined;
    afterEach(() => {
      Object.assign(IMPORT_LIMITS, saved);
      other?.close();
      other = undefined;
    });
    const columns = () => catalogColumns([...loadSpecDefinitions().keys()]);
    const presses = (prefix: string, count: number, description = "") =>
      stringify(
        Array.from({ length: count }, (_, i) => ({
          partNumber: `${prefix}-${i}`,
          name: `Batch press ${prefix} ${i}`,
          manufacturer: "Acme",
          category: "pressure-gauges",
          leadTimeDays: "5",
          description,
        })),
        { header: true, columns: columns() },
      );
    const ticks = async (until: () => boolean) => {
      while (!until()) await new Promise((resolve) => setImmediate(resolve));
    };

    it("writes whole products batch by batch, shows the rows written so far, and leaves the write lock and the event loop free between batches", async () => {
      IMPORT_LIMITS.BATCH_MAX_ROWS = 40;
      const start = startImport(fileOf(presses("BAT", 200)), { fileName: "presses.csv", userId: null });
      if (!start.started) throw new Error("not started");
      expect(getImportJob(start.jobId)).toMatchObject({
        status: "running",
        checkedBytes: 0,
        rowsToWrite: 0, // known once the file has been checked again
        rowsWritten: 0,
        fileName: "presses.csv",
        interrupted: false,
      });
      other = new Database(env.DATABASE_PATH);
      other.pragma("busy_timeout = 0");
      const seen: number[] = [];
      let lockFreeBetweenBatches = 0;
      let turns = 0;
      await ticks(() => {
        turns++;
        const job = getImportJob(start.jobId)!;
        if (job.status === "running" && job.rowsWritten > 0) {
          // Another process gets the lock at once: no transaction is left open between batches.
          other!.prepare("BEGIN IMMEDIATE").run();
          other!.prepare("ROLLBACK").run();
          lockFreeBetweenBatches++;
          // Every product written so far is whole: its specs and search entry came with it.
          const written = other!.prepare("SELECT count(*) FROM products WHERE part_number LIKE 'BAT-%'").pluck().get();
          expect(written).toBe(job.rowsWritten);
        }
        if (seen.at(-1) !== job.rowsWritten) seen.push(job.rowsWritten);
        return job.status !== "running";
      });
      const job = await start.finished;
      expect(job).toMatchObject({ status: "applied", rowsWritten: 200, created: 200, updated: 0, message: null });
      expect(job.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(seen.length).toBeGreaterThanOrEqual(6); // 0, then at least 5 batches of at most 40 rows
      expect(seen.every((n, i) => i === 0 || (n > seen[i - 1] && n - seen[i - 1] <= 40))).toBe(true);
      expect(lockFreeBetweenBatches).toBeGreaterThan(0);
      expect(turns).toBeGreaterThanOrEqual(seen.length); // this test ran between every two batches
      expect(listEditableProductsByKeys(["BAT0", "BAT199"]).size).toBe(2);
    });

    it("reads the file a chunk at a time: a duplicate is found across chunks, and a report lists the first rows of many, errors first", async () => {
      IMPORT_LIMITS.PLAN_CHUNK_ROWS = 7;
      const text = presses("CHK", 40);
      const withDuplicate = `${text.trimEnd()}\n${text.split("\n")[3]}\n`; // row 3's part number again, as row 42
      const duplicate = await checkImport(fileOf(withDuplicate));
      expect(duplicate.counts).toMatchObject({ create: 40, error: 1 });
      expect(duplicate.rows[0]).toMatchObject({
        row: 42,
        action: "error",
        errors: ["partNumber: duplicate of row 4", expect.stringMatching(/^slug: .* is also on row 4$/)],
      });
      expect(duplicate.rows.slice(1).map((r) => r.row)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));

      IMPORT_LIMITS.PLAN_CHUNK_ROWS = 250;
      const many = REPORT_ROWS + 20;
      const bad = `${text.trimEnd()}\n${Array.from({ length: many }, (_, i) => `BAD-${i},,Acme,pressure-gauges,5`).join("\n")}\n`;
      const report = await checkImport(fileOf(bad));
      expect(report.counts).toMatchObject({ create: 40, error: many });
      expect(report.rows).toHaveLength(REPORT_ROWS);
      expect(report.rows.every((r) => r.action === "error")).toBe(true);
      expect(report.rows.at(-1)!.row).toBe(41 + REPORT_ROWS);
    });

    it("checks the whole file again before writing, showing how far it has read, and writes nothing if a row no longer applies", async () => {
      IMPORT_LIMITS.PLAN_CHUNK_ROWS = 10;
      IMPORT_LIMITS.CHECK_PROGRESS_MS = 0;
      // Long enough to be read from disk in several pieces (64 KB each).
      const text = presses("AGAIN", 60, "A press for bench work. ".repeat(120));
      expect((await checkImport(fileOf(text))).counts).toMatchObject({ create: 60, error: 0 });
      const checked: number[] = [];
      const start = startImport(fileOf(text), { fileName: "again.csv", userId: null });
      if (!start.started) throw new Error("not started");
      await ticks(() => {
        const job = getImportJob(start.jobId)!;
        if (job.rowsToWrite === 0 && checked.at(-1) !== job.checkedBytes) checked.push(job.checkedBytes);
        if (job.rowsToWrite === 0) expect(job.rowsWritten).toBe(0);
        return job.rowsToWrite > 0 || job.status !== "running";
      });
      const fileBytes = Buffer.byteLength(text);
      expect(getImportJob(start.jobId)).toMatchObject({ fileBytes, checkedBytes: fileBytes, rowsToWrite: 60 });
      expect(checked.length).toBeGreaterThanOrEqual(3); // 0, then part of the file, more of it…
      expect(checked.every((n, i) => i === 0 || n > checked[i - 1])).toBe(true);
      expect((await start.finished).status).toBe("applied");

      // Between the dry run and applying, someone takes the web address row 31 was going to use.
      const next = presses("LATER", 60);
      expect((await checkImport(fileOf(next))).counts).toMatchObject({ create: 60, error: 0 });
      other = new Database(env.DATABASE_PATH);
      other
        .prepare("UPDATE products SET slug = 'batch-press-later-29-later-29' WHERE id = (SELECT min(id) FROM products)")
        .run();
      const refused = startImport(fileOf(next), { fileName: "later.csv", userId: null });
      if (!refused.started) throw new Error("not started");
      const job = await refused.finished;
      expect(job).toMatchObject({ status: "stopped", rowsWritten: 0 });
      expect(job.message).toMatch(
        /^The catalog changed since the file was checked: 1 row no longer applies \(row 31: slug: "batch-press-later-29-later-29" is used by another product[^·]*\)\. Check the file again\.$/,
      );
      expect(listEditableProductsByKeys(["LATER0"]).size).toBe(0);
    });

    it("keeps a dry run's progress under its form's token while it runs, and none once it ends", async () => {
      IMPORT_LIMITS.PLAN_CHUNK_ROWS = 10;
      IMPORT_LIMITS.CHECK_PROGRESS_MS = 0;
      const text = presses("DRY", 60, "A press for bench work. ".repeat(120));
      const token = newCheckToken();
      const seen: number[] = [];
      let ended = false;
      const report = dryRunImport(fileOf(text), token).finally(() => (ended = true));
      await ticks(() => {
        const progress = importCheckProgress(token);
        if (progress && seen.at(-1) !== progress.checkedBytes) seen.push(progress.checkedBytes);
        if (progress) expect(progress.fileBytes).toBe(Buffer.byteLength(text));
        return ended;
      });
      expect((await report).counts).toMatchObject({ create: 60, error: 0 });
      expect(seen.length).toBeGreaterThanOrEqual(3); // 0, then part of the file, more of it…
      expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
      expect(importCheckProgress(token)).toBeUndefined();
      expect(listEditableProductsByKeys(["DRY0"]).size).toBe(0);
      // A token that is not one of ours is neither kept nor read.
      const forged = "../x";
      expect((await dryRunImport(fileOf(text), forged)).counts.create).toBe(60);
      expect(importCheckProgress(forged)).toBeUndefined();
    });

    it("answers a dry run with its report when its progress cannot be written: another writer holds the lock", async () => {
      IMPORT_LIMITS.PLAN_CHUNK_ROWS = 10;
      IMPORT_LIMITS.CHECK_PROGRESS_MS = 0;
      other = new Database(env.DATABASE_PATH);
      other.prepare("BEGIN IMMEDIATE").run();
      const token = newCheckToken();
      const report = await dryRunImport(fileOf(presses("HELD", 30)), token);
      expect(report.counts).toMatchObject({ create: 30, error: 0 });
      other.prepare("ROLLBACK").run();
      expect(importCheckProgress(token)).toBeUndefined();
    });

    it("starts the search warm-up once it has written, storing the sets of the catalog it wrote", async () => {
      const stored = (version: number) =>
        sqlite
          .prepare<[number], string>("SELECT expression FROM search_match_sets WHERE catalog_version = ?")
          .pluck()
          .all(version);
      searchWarmUp.fromProducts = 0;
      try {
        const start = startImport(fileOf(presses("WARM", 20)), { fileName: "warm.csv", userId: null });
        if (!start.started) throw new Error("not started");
        expect((await start.finished).status).toBe("applied");
        // The import moved the catalog's version, and no search runs here: only the import's own
        // warm-up stores sets of this version. It stores them one by one: wait for the new word's.
        const version = readContentVersions().catalog;
        const warmStored = () => stored(version).some((expression) => expression.includes("warm"));
        for (let waited = 0; !warmStored() && waited < 15_000; waited += 50)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect(warmStored()).toBe(true);
        // Its end, before the next test writes (the same index: this one, not another, is awaited).
        await warmUpSearch(await caughtUpCatalogIndex());
      } finally {
        searchWarmUp.fromProducts = 50_000;
      }
    });

    it("refuses a second import while one is being written", async () => {
      IMPORT_LIMITS.BATCH_MAX_ROWS = 10;
      const first = startImport(fileOf(presses("ONE", 50)), { fileName: "one.csv", userId: null });
      const second = startImport(fileOf(presses("TWO", 5)), { fileName: "two.csv", userId: null });
      expect(second).toMatchObject({ started: false, running: { fileName: "one.csv", status: "running" } });
      if (!first.started) throw new Error("not started");
      expect((await first.finished).status).toBe("applied");
      expect(listEditableProductsByKeys(["TWO0"]).size).toBe(0);
    });

    it("checks the file again when someone else changes the catalog meanwhile, and goes on when the rows still apply", async () => {
      IMPORT_LIMITS.BATCH_MAX_ROWS = 20;
      const start = startImport(fileOf(presses("GOON", 100)), { fileName: "go-on.csv", userId: null });
      if (!start.started) throw new Error("not started");
      await ticks(() => getImportJob(start.jobId)!.rowsWritten > 0);
      other = new Database(env.DATABASE_PATH);
      other
        .prepare(
          "UPDATE products SET lead_time_days = lead_time_days + 1 WHERE part_number NOT LIKE 'GOON-%' AND id = (SELECT min(id) FROM products)",
        )
        .run();
      const job = await start.finished;
      expect(job).toMatchObject({ status: "applied", rowsWritten: 100, created: 100 });
      expect(listEditableProductsByKeys(["GOON99"]).size).toBe(1);
    });

    it("stops with the rows that no longer apply when the catalog changed under the import, keeping the whole products already written", async () => {
      IMPORT_LIMITS.BATCH_MAX_ROWS = 20;
      const start = startImport(fileOf(presses("CLASH", 100)), { fileName: "clash.csv", userId: null });
      if (!start.started) throw new Error("not started");
      await ticks(() => getImportJob(start.jobId)!.rowsWritten > 0);
      // Someone gives an existing product the web address row 90 of the file was going to use.
      other = new Database(env.DATABASE_PATH);
      other
        .prepare("UPDATE products SET slug = 'batch-press-clash-88-clash-88' WHERE id = (SELECT min(id) FROM products)")
        .run();
      const job = await start.finished;
      expect(job.status).toBe("stopped");
      expect(job.message).toMatch(
        /1 row no longer applies \(row 90: slug: "batch-press-clash-88-clash-88" is used by another product/,
      );
      expect(job.rowsWritten).toBeGreaterThan(0);
      expect(job.rowsWritten).toBeLessThan(100);
      const written = other.prepare("SELECT count(*) FROM products WHERE part_number LIKE 'CLASH-%'").pluck().get();
      expect(written).toBe(job.rowsWritten);
      // The same file checked again: what was written is unchanged, the clash is still reported.
      const again = await checkImport(fileOf(presses("CLASH", 100)));
      expect(again.counts).toMatchObject({ unchanged: job.rowsWritten, error: 1 });
    });
  });

  it("round-trips quantity price breaks, checks them per row, and keeps them when the column is left out", async () => {
    const columns = catalogColumns([...loadSpecDefinitions().keys()]);
    const row = (partNumber: string, price: string, priceBreaks: string) => ({
      partNumber,
      name: `Breaks gauge ${partNumber}`,
      manufacturer: "Acme",
      category: "pressure-gauges",
      leadTimeDays: "5",
      price,
      priceBreaks,
    });
    const bad = stringify(
      [
        row("BRK-1", "100.00", "10+ 95.00; 50+ 89.50"),
        row("BRK-2", "100.00", "10+ 95.00; 5+ 90.00"),
        row("BRK-3", "100.00", "10+ 120.00"),
        row("BRK-4", "", "10+ 95.00"),
      ],
      { columns, header: true },
    );
    const checked = await checkImport(fileOf(bad));
    // Rows with errors are listed first.
    expect(checked.rows.map((r) => [r.row, r.errors])).toEqual([
      [3, ["priceBreaks: List the breaks from the smallest quantity up, each once"]],
      [4, ["priceBreaks: Each break's unit price must be below the unit price, $100.00"]],
      [5, ["priceBreaks: A product sold by quote has no price breaks: give it a price, or leave them empty"]],
      [2, []],
    ]);

    const good = stringify([row("BRK-1", "100.00", "10+ 95; 50+ 89.5")], { columns, header: true });
    expect((await applyImport(good)).report.counts).toMatchObject({ create: 1, error: 0 });
    const created = listEditableProductsByKeys(["BRK1"]).get("BRK1")!;
    expect(created.priceBreaks).toEqual([
      { minQuantity: 10, unitPriceCents: 95_00 },
      { minQuantity: 50, unitPriceCents: 89_50 },
    ]);
    const exported = await exportText();
    expect(exported.split("\n")[0]).toContain(",price,priceBreaks,");
    expect(exported).toContain(",100.00,10+ 95.00; 50+ 89.50,");
    const again = await checkImport(fileOf(exported));
    expect(again.counts.unchanged).toBe(rowCount(again));

    // A file from before the column keeps the product's breaks; an empty cell removes them.
    const older = columns.filter((name) => name !== "priceBreaks");
    const withoutColumn = stringify([{ ...row("BRK-1", "100.00", ""), name: "Renamed gauge" }], {
      columns: older,
      header: true,
    });
    expect((await applyImport(withoutColumn)).report.counts).toMatchObject({ update: 1, error: 0 });
    expect(getEditableProduct(created.id)).toMatchObject({ name: "Renamed gauge", priceBreaks: created.priceBreaks });
    const cleared = stringify([{ ...row("BRK-1", "100.00", ""), name: "Renamed gauge" }], { columns, header: true });
    const versionBefore = readContentVersions().catalog;
    expect((await applyImport(cleared)).report.counts).toMatchObject({ update: 1, error: 0 });
    expect(getEditableProduct(created.id)!.priceBreaks).toEqual([]);
    expect(readContentVersions().catalog).toBeGreaterThan(versionBefore);
  });

  it("refuses a file that is one endless line, and names at most 20 unknown columns", async () => {
    const endless = await checkImport(fileOf(`partNumber,name\n"${"x".repeat(300 * 1024)}`));
    expect(endless.fileErrors).toEqual([
      "The file is not valid CSV: the row at line 2 is over 262,144 characters long (a quote left open, or not a CSV file)",
    ]);
    const wide = await checkImport(
      fileOf(`${Array.from({ length: 500 }, (_, i) => `col${i}`).join(",")}\n${"x,".repeat(499)}x\n`),
    );
    expect(wide.fileErrors.filter((e) => e.startsWith("Unknown column"))).toHaveLength(20);
    expect(wide.fileErrors).toContain("and 480 more unknown columns");
  });

  it("refuses unknown and missing columns", async () => {
    const result = await checkImport(fileOf("partNumber,name,colour\nA-1,Thing,red\n"));
    expect(result.fileErrors).toEqual(
      expect.arrayContaining(['Missing column "manufacturer"', 'Unknown column "colour"']),
    );
  });
});
