/**
 * `npx tsx tests/bench/catalog-import.ts [--products 10000]`
 * Times the catalog CSV export, dry run and import on a synthetic catalog: a re-import of the
 * export (all unchanged), an import that renames every product (all updates), and an import of
 * the same rows under new part numbers (all creates). For each, the longest time the event loop
 * was blocked (what every other request on this worker waits at most), and how long the
 * catalog index takes to rebuild after a batch (what the first public page after it waits).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({ options: { products: { type: "string", default: "10000" } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ironaxis-import-bench-"));
const source = path.join(dir, "source.db");
execFileSync("npx", ["tsx", "db/synth.ts", "--products", args.products!, "--database", source], { stdio: "ignore" });

process.env.DATABASE_PATH = source;
const { readableStreamToString } = await import("@remix-run/node");
const { checkImport, exportCatalogCsv, startImport } = await import("~/catalog/catalog-import.server");
const { getCatalogIndex } = await import("~/catalog/catalog-index.server");
const { parse } = await import("csv-parse/sync");
const { stringify } = await import("csv-stringify/sync");

/** Runs `work`, with its duration and the longest stall of the event loop meanwhile (ms). */
const time = async <T>(work: () => Promise<T>): Promise<[T, number, number]> => {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  loop.disable();
  return [result, ms, Math.round(loop.max / 1e6)];
};
let files = 0;
/** The text as an uploaded file. */
const fileOf = (text: string) => {
  const file = path.join(dir, `${++files}.csv`);
  fs.writeFileSync(file, text);
  return file;
};
/** Applied to the end: the file checked again, then written. */
const applyImport = async (text: string) => {
  const start = startImport(fileOf(text), { fileName: "bench.csv", userId: null });
  if (!start.started) throw new Error("another import is running");
  const job = await start.finished;
  return { applied: job.status === "applied", counts: { created: job.created, updated: job.updated } };
};
const indexRebuildMs = () => {
  const started = performance.now();
  getCatalogIndex();
  return Math.round(performance.now() - started);
};

const exportStarted = performance.now();
const csv = await readableStreamToString(exportCatalogCsv());
const exportMs = Math.round(performance.now() - exportStarted);
const rows = csv.trimEnd().split("\n").length - 1;
const [unchanged, dryMs, dryStallMs] = await time(() => checkImport(fileOf(csv)));
// Every product renamed: the name is the second column, after a part number without commas.
const [header, ...lines] = csv.split("\n");
const renamed = [header, ...lines.map((line) => line.replace(/^([A-Z0-9][^,"]*,)("?)/, "$1$2Renamed "))].join("\n");
const [updates, updateDryMs, updateDryStallMs] = await time(() => checkImport(fileOf(renamed)));
const [updated, updateMs, updateStallMs] = await time(() => applyImport(renamed));
const indexMs = indexRebuildMs();
// The same products again under new part numbers, slugs left to be made: every row creates.
const records = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
const copies = stringify(
  records.map((r) => ({ ...r, partNumber: `NEW-${r.partNumber}`, slug: "" })),
  { header: true, columns: Object.keys(records[0]) },
);
const [creates, createDryMs, createDryStallMs] = await time(() => checkImport(fileOf(copies)));
const [created, createMs, createStallMs] = await time(() => applyImport(copies));
const indexAfterCreatesMs = indexRebuildMs();
console.info(
  JSON.stringify({
    rows,
    csvMB: +(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2),
    exportMs,
    dryRunUnchanged: { ms: dryMs, longestStallMs: dryStallMs, counts: unchanged.counts },
    dryRunUpdates: { ms: updateDryMs, longestStallMs: updateDryStallMs, counts: updates.counts },
    applyUpdates: { ms: updateMs, longestStallMs: updateStallMs, applied: updated.applied, counts: updated.counts },
    indexRebuildMs: indexMs,
    dryRunCreates: { ms: createDryMs, longestStallMs: createDryStallMs, counts: creates.counts },
    applyCreates: { ms: createMs, longestStallMs: createStallMs, applied: created.applied, counts: created.counts },
    indexRebuildAfterCreatesMs: indexAfterCreatesMs,
    loadAverage: (await import("node:os")).loadavg().map((n) => +n.toFixed(1)),
  }),
);
fs.rmSync(dir, { recursive: true, force: true });
