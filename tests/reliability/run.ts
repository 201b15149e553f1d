/**
 * `npm run test:reliability`: load, faults and hostile traffic against real production servers
 * (`node build/server/index.js` on the current build), each test with its own database and port (3400–3499).
 * Prints a table of figures; exits non-zero when any figure misses its mark.
 * `-- --only kill9,backup` runs some of them.
 */
import { parseArgs } from "node:util";
import fs from "node:fs";
import { workDir } from "./harness";
import type { Figure } from "./figures";
import { concurrentQuoteRequests } from "./concurrency";
import { killDuringWrites } from "./kill9";
import { severalProcesses } from "./multi-process";
import { backupWhileWriting } from "./backup";
import { guessedTokens } from "./tokens";
import { gracefulShutdown, invalidEnvironment } from "./shutdown";
import { signInAttacks } from "./sign-in";
import { importUnderLoad } from "./import";
import { concurrentInvoiceOrders } from "./invoices";
import { webhookReplays } from "./webhook-replays";

const tests: Record<string, () => Promise<Figure[]>> = {
  concurrency: concurrentQuoteRequests,
  kill9: killDuringWrites,
  "multi-process": severalProcesses,
  backup: backupWhileWriting,
  tokens: guessedTokens,
  shutdown: gracefulShutdown,
  env: invalidEnvironment,
  "sign-in": signInAttacks,
  import: importUnderLoad,
  invoices: concurrentInvoiceOrders,
  "webhook-replays": webhookReplays,
};

const { values } = parseArgs({ options: { only: { type: "string" } } });
const chosen = values.only ? values.only.split(",") : Object.keys(tests);
const unknown = chosen.filter((name) => !tests[name]);
if (unknown.length) {
  console.error(`Unknown test(s): ${unknown.join(", ")}. Known: ${Object.keys(tests).join(", ")}`);
  process.exit(2);
}

const figures: Figure[] = [];
const started = Date.now();
for (const name of chosen) {
  const testStarted = Date.now();
  console.info(`\n▶ ${name}`);
  try {
    const rows = await tests[name]();
    for (const row of rows)
      console.info(
        `  ${row.pass ? "ok  " : "FAIL"} ${row.check}: ${row.figure}${row.details ? `\n       ${row.details}` : ""}`,
      );
    figures.push(...rows);
  } catch (error) {
    console.error(error);
    figures.push({ test: name, check: "ran to the end", figure: `crashed: ${(error as Error).message}`, pass: false });
  }
  console.info(`  (${((Date.now() - testStarted) / 1000).toFixed(1)} s)`);
}

const width = (key: keyof Figure) => Math.min(70, Math.max(key.length, ...figures.map((f) => String(f[key]).length)));
const [wt, wc, wf] = [width("test"), width("check"), width("figure")];
const row = (t: string, c: string, f: string, p: string) =>
  `| ${t.padEnd(wt)} | ${c.padEnd(wc)} | ${f.padEnd(wf)} | ${p.padEnd(4)} |`;
console.info(`\nReliability figures (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
console.info(row("test", "check", "figure", "pass"));
console.info(`|${"-".repeat(wt + 2)}|${"-".repeat(wc + 2)}|${"-".repeat(wf + 2)}|------|`);
for (const f of figures) console.info(row(f.test, f.check, f.figure, f.pass ? "yes" : "NO"));
const failed = figures.filter((f) => !f.pass).length;
if (failed) {
  console.error(`\n${failed} check(s) failed; server databases and logs kept in ${workDir}`);
  process.exit(1);
}
fs.rmSync(workDir, { recursive: true, force: true });
process.exit(0);
