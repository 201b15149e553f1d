/**
 * `npx tsx tests/bench/import-under-load.ts [--rows 10000] [--catalog data/synth-100000.db]`
 * (after `npm run build`): the import scenario of `npm run test:reliability` at scale. A copy of
 * the catalog is served by a two-worker production server; the back office checks, then
 * imports, a file of `rows` new products while public pages, the health check and
 * add-to-quote-list are timed throughout. Prints each figure. The marks are the reliability run's
 * budgets (10,000 rows on the seed catalog; the dry run's grows with the rows). An import file
 * may be 100 MB: 100,000 rows of the synthetic catalog's export are 70 MB.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { importUnderLoad } from "../reliability/import";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "10000" },
    catalog: { type: "string", default: "data/synth-100000.db" },
  },
});
if (!fs.existsSync(args.catalog!)) throw new Error(`${args.catalog} not found: npm run db:synth -- --products 100000`);
const started = Date.now();
for (const row of await importUnderLoad({ rows: Number(args.rows), catalog: args.catalog }))
  console.info(
    `${row.pass ? "within" : "over  "} the reliability budget · ${row.check}: ${row.figure}${row.details ? ` (${row.details})` : ""}`,
  );
console.info(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(0);
