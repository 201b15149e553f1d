/**
 * `npm run db:backup [-- <file>]`: an online copy of the database, safe while the site writes.
 * `VACUUM INTO` reads one consistent snapshot (WAL readers never block writers, and unlike the
 * page-by-page backup API it does not restart when another process writes meanwhile). The copy
 * is written under a temporary name, checked with `PRAGMA integrity_check`, then renamed, so a
 * file that carries the final name is always a complete, checked backup.
 * Uploaded files (quote attachments, PO documents, tax-exempt certificates, product pictures) live in UPLOAD_DIR, outside
 * the database: the ones the copy refers to are copied beside it, into `<backup>.uploads/`, before
 * the copy takes its final name. They are written once under random names and never rewritten; a
 * replaced product picture is deleted, so a file gone between the snapshot and the copy (or a
 * backup run with another UPLOAD_DIR than the server's) is named, and the command exits 1.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { UPLOAD_DIR } from "../app/lib/attachments.server";
import { env } from "../app/lib/env.server";

/** Every uploaded file a database refers to, as paths under UPLOAD_DIR. */
export function referencedUploads(database: Database.Database): string[] {
  const names = database
    .prepare(
      `SELECT stored_name FROM quote_attachments
       UNION SELECT po_attachment_stored_name FROM orders WHERE po_attachment_stored_name IS NOT NULL
       UNION SELECT stored_name FROM tax_exempt_certificates
       UNION SELECT 'products/' || substr(image_path, length('/product-images/') + 1) FROM products
        WHERE image_path LIKE '/product-images/%'`,
    )
    .pluck()
    .all() as string[];
  // Only plain names of ours: a path from the database never leaves UPLOAD_DIR.
  return names.filter((name) => /^(products\/)?[0-9a-f]{32}\.[a-z]{3,4}$/.test(name));
}

/**
 * Copies the named files from one upload folder to another, each through a temporary name and a
 * rename, so a file under its real name is always whole. One already there with the same size is
 * the same file (names are random and never reused) and is left. Returns the names missing at
 * the source.
 */
export function copyUploads(names: string[], from: string, to: string) {
  const missing: string[] = [];
  for (const name of names) {
    const source = path.join(from, name);
    const target = path.join(to, name);
    if (!fs.existsSync(source)) {
      missing.push(name);
      continue;
    }
    if (fs.existsSync(target) && fs.statSync(target).size === fs.statSync(source).size) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, `${target}.partial`);
    fs.renameSync(`${target}.partial`, target);
  }
  return missing;
}

/** `uploads: false` copies the database alone (the restore's copy of what it replaces: a restore adds files, never removes them). */
export function backupDatabase(source: string, target: string, { uploads: withUploads = true } = {}) {
  const uploads = `${target}.uploads`;
  if (fs.existsSync(target) || fs.existsSync(uploads)) throw new Error(`${target} already exists; choose another name`);
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
  if (integrity !== "ok") {
    copy.close();
    fs.rmSync(partial, { force: true });
    throw new Error(`backup failed integrity_check: ${integrity}`);
  }
  const quoteRequests = (copy.prepare("SELECT count(*) AS n FROM quote_requests").get() as { n: number }).n;
  const files = withUploads ? referencedUploads(copy) : [];
  copy.close();
  let missingUploads: string[] = [];
  if (withUploads) {
    const partialUploads = `${uploads}.partial`;
    fs.rmSync(partialUploads, { recursive: true, force: true });
    fs.mkdirSync(partialUploads, { recursive: true });
    missingUploads = copyUploads(files, UPLOAD_DIR, partialUploads);
    fs.renameSync(partialUploads, uploads);
  }
  fs.renameSync(partial, target);
  return {
    file: target,
    bytes: fs.statSync(target).size,
    ms: Math.round(performance.now() - started),
    integrity,
    quoteRequests,
    uploads: files.length - missingUploads.length,
    missingUploads,
  };
}

function timestampedName() {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return path.join("data", "backups", `ironaxis-${stamp}.db`);
}

if (import.meta.url === `file://${path.resolve(process.argv[1] ?? "")}`) {
  const target = process.argv[2] ?? timestampedName();
  try {
    const result = backupDatabase(env.DATABASE_PATH, target);
    console.info(
      `Backup of ${env.DATABASE_PATH} written to ${result.file}: ${result.bytes} bytes, integrity ${result.integrity}, ${result.quoteRequests} quote requests, ${result.uploads} uploaded files in ${result.file}.uploads, ${result.ms} ms.`,
    );
    if (result.missingUploads.length) {
      console.error(
        `${result.missingUploads.length} files the database refers to were not in ${UPLOAD_DIR} (is it the server's UPLOAD_DIR?): ${result.missingUploads.slice(0, 10).join(", ")}`,
      );
      process.exit(1);
    }
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
