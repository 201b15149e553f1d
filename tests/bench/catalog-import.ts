/**
 * `npx tsx tests/bench/catalog-import.ts [--products 10000]`
 * Times the catalog CSV export, dry run and import on a synthetic catalog: a re-import of the
 * export (all unchanged), an import that renames every product (all updates), and an import of
 * the same file into a freshly seeded database (all creates).
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
console.info(
  JSON.stringify({
    rows,
    csvMB: +(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2),
    exportMs,
    dryRunUnchanged: { ms: dryMs, counts: unchanged.counts },
    dryRunUpdates: { ms: updateDryMs, counts: updates.counts },
    applyUpdates: { ms: updateMs, applied: updated.applied, counts: updated.report.counts, fileErrors: updated.report.fileErrors.slice(0, 3) },
  }),
);
fs.rmSync(dir, { recursive: true, force: true });
