/**
 * `npm run db:restore -- <backup file>`: the restore drill. Stop the server first.
 *  1. the backup must pass `PRAGMA integrity_check` and `foreign_key_check`, or nothing changes;
 *  2. the current database (if any) is kept as data/backups/pre-restore-<time>.db;
 *  3. the backup is copied in place of DATABASE_PATH (stale -wal/-shm files removed) through a
 *     temporary file and a rename, and migrations newer than the backup are applied;
 *  Before step 3, the uploaded files saved beside it (`<backup>.uploads/`) are copied into
 *  UPLOAD_DIR (files already there whole are kept: their names are random and never reused);
 *  after it, any file the restored database refers to that is still missing is named.
 * Then start the server and check /healthz, a category, a product, search and a quote link.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { UPLOAD_DIR } from "../app/lib/attachments.server";
import { env } from "../app/lib/env.server";
import { backupDatabase, copyUploads, referencedUploads } from "./backup";
import { snapshotFile } from "../app/catalog/catalog-index-snapshot.server";

function check(file: string) {
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = backup.pragma("integrity_check", { simple: true });
    const foreignKeyProblems = (backup.pragma("foreign_key_check") as unknown[]).length;
    return { integrity, foreignKeyProblems };
  } finally {
    backup.close();
  }
}

const source = process.argv[2];
if (!source) {
  console.error("Usage: npm run db:restore -- <backup file>   (stop the server first)");
  process.exit(2);
}
try {
  const { integrity, foreignKeyProblems } = check(source);
  if (integrity !== "ok" || foreignKeyProblems > 0) {
    throw new Error(
      `${source} is damaged (integrity_check: ${integrity}; foreign key problems: ${foreignKeyProblems}); nothing was changed`,
    );
  }
  const target = env.DATABASE_PATH;
  if (fs.existsSync(target)) {
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d+Z$/, "Z");
    const kept = backupDatabase(
      target,
      path.join(path.dirname(path.resolve(target)), "backups", `pre-restore-${stamp}.db`),
      { uploads: false },
    );
    console.info(`The current database was kept as ${kept.file}.`);
  }
  const saved = `${source}.uploads`;
  if (fs.existsSync(saved))
    copyUploads(
      fs
        .readdirSync(saved, { recursive: true, encoding: "utf8" })
        .filter((name) => fs.statSync(path.join(saved, name)).isFile()),
      saved,
      UPLOAD_DIR,
    );
  const incoming = `${target}.restoring`;
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  fs.copyFileSync(source, incoming);
  // The catalog index snapshot is of the database replaced.
  for (const file of [`${target}-wal`, `${target}-shm`, snapshotFile(target)]) fs.rmSync(file, { force: true });
  fs.renameSync(incoming, target);
  // Bring an older backup up to the current schema (the same step as every start).
  const { db, sqlite } = await import("../app/lib/db.server");
  const { migrateDatabase } = await import("./migrate");
  migrateDatabase(db);
  const requests = (sqlite.prepare("SELECT count(*) AS n FROM quote_requests").get() as { n: number }).n;
  const files = referencedUploads(sqlite);
  sqlite.close();
  const stillMissing = files.filter((name) => !fs.existsSync(path.join(UPLOAD_DIR, name)));
  console.info(
    `Restored ${source} to ${target} (${requests} quote requests, ${files.length - stillMissing.length}/${files.length} uploaded files in ${UPLOAD_DIR}). Start the server and check /healthz.`,
  );
  if (stillMissing.length) console.warn(`Missing uploaded files: ${stillMissing.slice(0, 10).join(", ")}`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
