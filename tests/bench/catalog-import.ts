/**
 * `npx tsx tests/bench/catalog-import.ts [--products 10000]`
 * Times the catalog CSV export, dry run and import on a synthetic catalog: a re-import of the
 * export (all unchanged), an import that renames every product (all updates), and an import of
 * the same rows under new part numbers (all creates).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({ options: { products: { type: "string", default: "10000" } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ironaxis-import-bench-"));
const source = path.join(dir, "source.db");
execFileSync("npx", ["tsx", "db/synth.ts", "--products", args.products!, "--database", source], { stdio: "ignore" });

process.env.DATABASE_PATH = source;
const { readableStreamToString } = await import("@remix-run/node");
const { applyImport, checkImport, exportCatalogCsv } = await import("~/models/catalog-import.server");
const { parse } = await import("csv-parse/sync");
const { stringify } = await import("csv-stringify/sync");

const time = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, Math.round(performance.now() - started)];
};

const exportStarted = performance.now();
const csv = await readableStreamToString(exportCatalogCsv());
const exportMs = Math.round(performance.now() - exportStarted);
const rows = csv.trimEnd().split("\n").length - 1;
const [unchanged, dryMs] = time(() => checkImport(csv));
// Every product renamed: the name is the second column, after a part number without commas.
const [header, ...lines] = csv.split("\n");
const renamed = [header, ...lines.map((line) => line.replace(/^([A-Z0-9][^,"]*,)("?)/, "$1$2Renamed "))].join("\n");
const [updates, updateDryMs] = time(() => checkImport(renamed));
const [updated, updateMs] = time(() => applyImport(renamed));
// The same products again under new part numbers, slugs left to be made: every row creates.
const records = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
const copies = stringify(records.map((r) => ({ ...r, partNumber: `NEW-${r.partNumber}`, slug: "" })), { header: true, columns: Object.keys(records[0]) });
const [creates, createDryMs] = time(() => checkImport(copies));
const [created, createMs] = time(() => applyImport(copies));
console.info(
  JSON.stringify({
    rows,
    csvMB: +(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2),
    exportMs,
    dryRunUnchanged: { ms: dryMs, counts: unchanged.counts },
    dryRunUpdates: { ms: updateDryMs, counts: updates.counts },
    applyUpdates: { ms: updateMs, applied: updated.applied, counts: updated.report.counts },
    dryRunCreates: { ms: createDryMs, counts: creates.counts },
    applyCreates: { ms: createMs, applied: created.applied, counts: created.report.counts },
    loadAverage: (await import("node:os")).loadavg().map((n) => +n.toFixed(1)),
  }),
);
fs.rmSync(dir, { recursive: true, force: true });
