import { readableStreamToString } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { catalogColumns, fromSpreadsheetCell, toSpreadsheetCell } from "~/lib/catalog-csv.server";
import { applyImport, checkImport, exportCatalogCsv } from "./catalog-import.server";
import { getEditableProduct, listEditableProductsByKeys } from "./product-admin.server";
import { loadSpecDefinitions } from "./product.server";
import { readContentVersions } from "./content-version.server";

const exportText = () => readableStreamToString(exportCatalogCsv());

describe("catalog CSV import", () => {
  it("export then import of the same file changes nothing", async () => {
    const text = await exportText();
    const result = checkImport(text);
    expect(result.fileErrors).toEqual([]);
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(result.rows.length);
    expect(result.rows.length).toBeGreaterThan(50);
    const before = readContentVersions().catalog;
    expect(applyImport(text).applied).toBe(true);
    expect(readContentVersions().catalog).toBe(before);
  });

  it("a file whose line breaks became CRLF (as the apply form sends it) is still unchanged", async () => {
    const text = await exportText();
    const withBreak = text.replace(/,"([^"\n]{20,}?)\. /, ',"$1.\n'); // a description with a line break inside quotes
    expect(withBreak).not.toBe(text);
    expect(applyImport(withBreak).report.counts).toMatchObject({ update: 1, error: 0 });
    const crlf = withBreak.replace(/\n/g, "\r\n");
    const result = checkImport(crlf);
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(result.rows.length);
  });

  it("reports every problem of every row by row number and writes nothing", async () => {
    const columns = catalogColumns([...loadSpecDefinitions().keys()]);
    const base = { manufacturer: "Acme", category: "pressure-gauges", leadTimeDays: "10", summary: "", description: "" };
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
    const result = checkImport(csv);
    expect(result.counts).toMatchObject({ create: 1, error: 3 });
    const byRow = new Map(result.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)!.action).toBe("create");
    expect(byRow.get(3)!.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^name: /), 'category: Unknown category "no-such-category"']));
    expect(byRow.get(4)!.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^spec:power: Power must be a number in kW/), expect.stringMatching(/^price: /)]));
    expect(byRow.get(5)!.errors).toContain("partNumber: duplicate of row 2");
    expect(applyImport(csv).applied).toBe(false);
    expect(readContentVersions().catalog).toBe(before);
    expect(listEditableProductsByKeys(["NEW1"]).size).toBe(0);
  });

  it("creates new rows and updates existing ones by part number in one go", async () => {
    const text = await exportText();
    const lines = text.split("\n");
    const header = lines[0];
    const [first] = checkImport(text).rows;
    const existing = listEditableProductsByKeys([first.partNumber.toUpperCase().replace(/[^A-Z0-9]/g, "")]).values().next().value!;
    const edited = text.replace(existing.name, `${existing.name} (2026 model)`);
    const columns = catalogColumns([...loadSpecDefinitions().keys()]);
    const extra = stringify([{ partNumber: "IMP-100", name: "Imported press", manufacturer: "Acme", category: "pressure-gauges", leadTimeDays: "5" }], { columns });
    const result = applyImport(`${edited.trimEnd()}\n${extra}`);
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
    expect(applyImport(stringify([hostile], { header: true, columns })).report.counts).toMatchObject({ create: 1, error: 0 });
    const text = await exportText();
    const line = text.split("\n").find((l) => l.startsWith("IMP-200,"))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""Gauge"")"`);
    expect(line).toContain(",'@Acme,");
    expect(line).toContain(",'+1 555 0100 for service,");
    expect(line).toMatch(/,-40(,|$)/);
    const result = checkImport(text);
    expect(result.counts.error).toBe(0);
    expect(result.counts.unchanged).toBe(result.rows.length);
    expect(listEditableProductsByKeys(["IMP200"]).get("IMP200")).toMatchObject({ name: hostile.name, manufacturer: "@Acme", summary: hostile.summary });
    // Text that itself starts with apostrophes round-trips too.
    for (const value of ["'=1+1", "''-x", "'plain", "-40", "-4.5", "-4e5", "=", "\tTabbed", "Gauge"]) {
      expect(fromSpreadsheetCell(toSpreadsheetCell(value))).toBe(value);
    }
  });

  it("reports a row whose product would have no web address at its slug, and writes nothing", () => {
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
    const result = checkImport(csv);
    const message = "slug: A web address needs letters a–z or digits: give a slug such as “bourdon-gauge-63-mm”, or leave the slug empty and use some in the name or part number";
    expect(result.rows.map((r) => [r.action, r.errors])).toEqual([
      ["error", [message]],
      ["error", [message]],
      ["create", []],
    ]);
    expect(applyImport(csv).applied).toBe(false);
    expect(readContentVersions().catalog).toBe(before);
    expect(listEditableProductsByKeys(["ISS", "JP3"]).size).toBe(0);
  });

  it("refuses unknown and missing columns", () => {
    const result = checkImport("partNumber,name,colour\nA-1,Thing,red\n");
    expect(result.fileErrors).toEqual(expect.arrayContaining(['Missing column "manufacturer"', 'Unknown column "colour"']));
  });
});
