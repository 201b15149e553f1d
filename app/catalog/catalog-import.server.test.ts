import { readableStreamToString } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { catalogColumns, fromSpreadsheetCell, toSpreadsheetCell } from "./catalog-csv.server";
import { checkImport, exportCatalogCsv, getImportJob, IMPORT_LIMITS, startImport } from "./catalog-import.server";
import { getEditableProduct, listEditableProductsByKeys } from "./product-admin.server";
import { loadSpecDefinitions } from "./product.server";
import { readContentVersions } from "~/lib/content-version.server";

const exportText = () => readableStreamToString(exportCatalogCsv());

/** Checks and applies a file to the end, as the back office does (which shows the progress meanwhile). */
async function applyImport(text: string) {
  const start = await startImport(text, { fileName: "test.csv", userId: null });
  if (!start.started) return { applied: false, report: start.report };
  const job = await start.finished;
  return { applied: job.status === "applied", report: start.report, job };
}

describe("catalog CSV import", () => {
  it("export then import of the same file changes nothing", async () => {
    const text = await exportText();
    const result = await checkImport(text);
    expect(result.fileErrors).toEqual([]);
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(result.rows.length);
    expect(result.rows.length).toBeGreaterThan(50);
    const before = readContentVersions().catalog;
    expect((await applyImport(text)).applied).toBe(true);
    expect(readContentVersions().catalog).toBe(before);
  });

  it("a file whose line breaks became CRLF (as the apply form sends it) is still unchanged", async () => {
    const text = await exportText();
    const withBreak = text.replace(/,"([^"\n]{20,}?)\. /, ',"$1.\n'); // a description with a line break inside quotes
    expect(withBreak).not.toBe(text);
    expect((await applyImport(withBreak)).report.counts).toMatchObject({ update: 1, error: 0 });
    const crlf = withBreak.replace(/\n/g, "\r\n");
    const result = await checkImport(crlf);
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(result.rows.length);
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
    const result = await checkImport(csv);
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
    const [first] = (await checkImport(text)).rows;
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
      [columns.find((c) => c.startsWith("spec:"))!]: "-40",
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
    const result = await checkImport(text);
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(result.rows.length);
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
    const result = await checkImport(csv);
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
    const presses = (prefix: string, count: number) =>
      stringify(
        Array.from({ length: count }, (_, i) => ({
          partNumber: `${prefix}-${i}`,
          name: `Batch press ${prefix} ${i}`,
          manufacturer: "Acme",
          category: "pressure-gauges",
          leadTimeDays: "5",
        })),
        { header: true, columns: columns() },
      );
    const ticks = async (until: () => boolean) => {
      while (!until()) await new Promise((resolve) => setImmediate(resolve));
    };

    it("writes whole products batch by batch, shows the rows written so far, and leaves the write lock and the event loop free between batches", async () => {
      IMPORT_LIMITS.BATCH_MAX_ROWS = 40;
      const start = await startImport(presses("BAT", 200), { fileName: "presses.csv", userId: null });
      if (!start.started) throw new Error("not started");
      expect(getImportJob(start.jobId)).toMatchObject({
        status: "running",
        rowsToWrite: 200,
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

    it("refuses a second import while one is being written", async () => {
      IMPORT_LIMITS.BATCH_MAX_ROWS = 10;
      const first = await startImport(presses("ONE", 50), { fileName: "one.csv", userId: null });
      const second = await startImport(presses("TWO", 5), { fileName: "two.csv", userId: null });
      expect(second).toMatchObject({ started: false, running: { fileName: "one.csv", status: "running" } });
      if (!first.started) throw new Error("not started");
      expect((await first.finished).status).toBe("applied");
      expect(listEditableProductsByKeys(["TWO0"]).size).toBe(0);
    });

    it("checks the file again when someone else changes the catalog meanwhile, and goes on when the rows still apply", async () => {
      IMPORT_LIMITS.BATCH_MAX_ROWS = 20;
      const start = await startImport(presses("GOON", 100), { fileName: "go-on.csv", userId: null });
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
      const start = await startImport(presses("CLASH", 100), { fileName: "clash.csv", userId: null });
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
        /1 row\(s\) no longer apply \(row 90: slug: "batch-press-clash-88-clash-88" is used by another product/,
      );
      expect(job.rowsWritten).toBeGreaterThan(0);
      expect(job.rowsWritten).toBeLessThan(100);
      const written = other.prepare("SELECT count(*) FROM products WHERE part_number LIKE 'CLASH-%'").pluck().get();
      expect(written).toBe(job.rowsWritten);
      // The same file checked again: what was written is unchanged, the clash is still reported.
      const again = await checkImport(presses("CLASH", 100));
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
    const checked = await checkImport(bad);
    expect(checked.rows.map((r) => [r.row, r.errors])).toEqual([
      [2, []],
      [3, ["priceBreaks: List the breaks from the smallest quantity up, each once"]],
      [4, ["priceBreaks: Each break's unit price must be below the unit price, $100.00"]],
      [5, ["priceBreaks: A product sold by quote has no price breaks: give it a price, or leave them empty"]],
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
    const again = await checkImport(exported);
    expect(again.counts.unchanged).toBe(again.rows.length);

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

  it("refuses unknown and missing columns", async () => {
    const result = await checkImport("partNumber,name,colour\nA-1,Thing,red\n");
    expect(result.fileErrors).toEqual(
      expect.arrayContaining(['Missing column "manufacturer"', 'Unknown column "colour"']),
    );
  });
});
