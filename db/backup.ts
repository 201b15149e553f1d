/**
 * `npm run db:backup [-- <file>]`: an online copy of the database, safe while the site writes.
 * `VACUUM INTO` reads one consistent snapshot (WAL readers never block writers, and unlike the
 * page-by-page backup API it does not restart when another process writes meanwhile). The copy
 * is written under a temporary name, checked with `PRAGMA integrity_check`, then renamed, so a
 * file that carries the final name is always a complete, checked backup.
 * Attachments live in UPLOAD_DIR, outside the database: copy that folder alongside.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "~/lib/env.server";

export function backupDatabase(source: string, target: string) {
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose another name`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const started = performance.now();
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    live.prepare("VACUUM INTO ?").run(partial);
  } finally {
    live.close();
  }
  const copy = new Database(partial, { readonly: true });
  const integrity = copy.pragma("integrity_check", { simple: true });
  const quoteRequests = (copy.prepare("SELECT count(*) AS n FROM quote_requests").get() as { n: number }).n;
  copy.close();
  if (integrity !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new Error(`backup failed integrity_check: ${integrity}`);
  }
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size, ms: Math.round(performance.now() - started), integrity, quoteRequests };
}

function timestampedName() {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return path.join("data", "backups", `ironaxis-${stamp}.db`);
}

if (import.meta.url === `file://${path.resolve(process.argv[1] ?? "")}`) {
  const target = process.argv[2] ?? timestampedName();
  try {
    const result = backupDatabase(env.DATABASE_PATH, target);
    console.info(`Backup of ${env.DATABASE_PATH} written to ${result.file}: ${result.bytes} bytes, integrity ${result.integrity}, ${result.quoteRequests} quote requests, ${result.ms} ms.`);
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
