import { plural } from "~/lib/plural";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { catalogImportChecks, catalogImports, catalogMeta } from "~db/schema";
import { catalogColumns, CsvError, csvStream, readCsvChunks, type CsvRow } from "./catalog-csv.server";
import { db, withBusyTimeout, writeTransaction } from "~/lib/db.server";
import { hasErrors, REPORT_ROWS, type ImportAction, type ImportReport, type ImportRow } from "./import-report";
import { UPLOAD_DIR, type ReceivedFile } from "~/lib/multipart.server";
import { specField } from "./product-fields";
import { parseProductFields, productToFields, type ProductFields } from "./product-schema";
import { partNumberKey } from "~/lib/slug";
import { readContentVersions } from "~/lib/content-version.server";
import {
  type EditableProduct,
  iterateEditableProducts,
  listCategoryChoices,
  listEditableProductsByKeys,
  listPartKeysBySlugs,
} from "./product-admin.server";
import { createProduct, loadSpecDefinitions, updateProduct } from "./product.server";
import { warmUpSearchAfterImport } from "./search.server";

type Planned = ImportRow & { product?: ProductFields; existingId?: number };

const REQUIRED_COLUMNS = ["partNumber", "name", "manufacturer", "category", "leadTimeDays"];

/**
 * An import writes in batches, one transaction each, and lets other requests run between them:
 * a batch ends after BATCH_MS of writing or BATCH_MAX_ROWS rows, whichever comes first, so this
 * worker's event loop is not held up for longer than that (other processes: see LOCK_GAP_MS).
 * After each batch the loop is left free for as long as the batch took. A request takes a dozen
 * turns of the loop (middleware, loaders, the streamed render): when only one ran between two
 * batches of 50 ms, public pages had a p99 of 428 ms while 10,000 rows went into a catalog of
 * 100,000 (`tests/bench/import-under-load.ts`); with batches of 10 ms and as long free after
 * each, 127 ms, for an import that takes 23 s instead of 9.
 * The file is read and checked PLAN_CHUNK_ROWS rows at a time, with as long free after each; the
 * check before writing records how far it has read (the progress page's first bar) at most every
 * CHECK_PROGRESS_MS.
 */
export const IMPORT_LIMITS = { BATCH_MS: 10, BATCH_MAX_ROWS: 200, PLAN_CHUNK_ROWS: 250, CHECK_PROGRESS_MS: 500 };
/** How long a batch waits for the write lock before it gives way and tries again. */
const BATCH_LOCK_WAIT_MS = 100;
/**
 * A writer in another process (another server worker) that finds the lock taken waits in SQLite's
 * busy handler, which tries again up to 100 ms apart and would rarely land in the instant between
 * two batches. So before the first batch, and after every WRITE_SPAN_MS of writing, the import
 * leaves the lock free for LOCK_GAP_MS, longer than that interval: such a writer waits at most
 * about WRITE_SPAN_MS + LOCK_GAP_MS, well within its busy timeout, for an import ~20% slower.
 */
const WRITE_SPAN_MS = 500;
const LOCK_GAP_MS = 150;
/** An import that found the lock taken for this long in all stops, and says so. */
const LOCK_GIVE_UP_MS = 60_000;
/** A running import whose row has not moved for this long belongs to a process that stopped. */
const INTERRUPTED_AFTER_MS = 120_000;
/** A chunk whose batches keep finding the catalog changed by someone else is planned again; at most this often in a row. */
const MAX_RECHECKS = 5;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The time a row is written, as the schema's defaults write it. */
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * A checked file waits here, under a random name, for the person who checked it to apply it:
 * the apply form names it instead of sending the file again. It is removed once applied, or
 * after STAGED_FOR_MS if it never is.
 */
const STAGED_DIR = path.join(UPLOAD_DIR, "imports");
const STAGED_NAME = /^[0-9a-f]{32}$/;
const STAGED_FOR_MS = 24 * 60 * 60 * 1000;

/** Keeps a checked upload for applying; returns its name for the apply form. */
export function stageImportFile(received: Pick<ReceivedFile, "path">) {
  fs.mkdirSync(STAGED_DIR, { recursive: true });
  for (const name of fs.readdirSync(STAGED_DIR)) {
    const file = path.join(STAGED_DIR, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STAGED_FOR_MS) fs.rmSync(file, { force: true });
  }
  const name = crypto.randomBytes(16).toString("hex");
  fs.renameSync(received.path, path.join(STAGED_DIR, name));
  return name;
}

/** The file a `stageImportFile` name stands for, if it is still there. */
export function stagedImportFile(name: string) {
  if (!STAGED_NAME.test(name)) return undefined;
  const file = path.join(STAGED_DIR, name);
  return fs.existsSync(file) ? file : undefined;
}

/** The same product, field for field, whichever way it was written (specs in key order). */
function canonical(product: ProductFields | undefined) {
  if (!product) return undefined;
  const specs = Object.keys(product.specs)
    .sort()
    .map((key) => [key, product.specs[key]]);
  return JSON.stringify({ ...product, specs });
}

/** Every field as the export writes it: the common case of a re-imported export, without parsing twice. */
function sameText(values: Record<string, string>, current: Record<string, string>) {
  for (const name of new Set([...Object.keys(values), ...Object.keys(current)])) {
    if ((values[name] ?? "").trim() !== (current[name] ?? "")) return false;
  }
  return true;
}

/** Unknown columns named one by one; a header of thousands (not a catalog file) gets the rest counted. */
const LISTED_COLUMNS = 20;

/** What is wrong with a file's header as a whole: nothing of it is read further if anything is. */
function headerErrors(header: string[], specKeys: string[]) {
  const known = new Set(catalogColumns(specKeys));
  const unknown = header.filter((name) => !known.has(name));
  return [
    ...REQUIRED_COLUMNS.filter((name) => !header.includes(name)).map((name) => `Missing column "${name}"`),
    ...unknown.slice(0, LISTED_COLUMNS).map((name) => `Unknown column "${name.slice(0, 60)}"`),
    ...(unknown.length > LISTED_COLUMNS ? [`and ${unknown.length - LISTED_COLUMNS} more unknown columns`] : []),
    ...header.filter((name, i) => header.indexOf(name) !== i).map((name) => `Column "${name}" appears twice`),
  ];
}

/**
 * Plans a file's rows chunk by chunk against the catalog as it is now, without writing: whether
 * each row creates a product, updates the one with its part number, or changes nothing, and every
 * problem of every row. Part numbers and slugs seen in earlier chunks are remembered, so a
 * duplicate anywhere in the file is found; planning a row again (after the catalog changed) is
 * not a duplicate of itself.
 */
function planner(header: string[]) {
  const definitions = loadSpecDefinitions();
  const vocabulary = { specs: [...definitions.values()], categoryIds: listCategoryChoices().idsBySlug };
  // A file written before products had price breaks or weights keeps theirs, like a spec column it leaves out.
  const absentColumns = [...[...definitions.keys()].map(specField), "priceBreaks", "shippingWeight"].filter(
    (name) => !header.includes(name),
  );
  const firstRowOfKey = new Map<string, number>();
  const firstRowOfSlug = new Map<string, number>();
  const reparse = (fields: Record<string, string>) => {
    const again = parseProductFields(fields, vocabulary);
    return again.ok ? again.product : undefined;
  };
  const firstOf = (seen: Map<string, number>, value: string, row: number) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, row);
    return first === row ? undefined : first;
  };

  function planRow({ row, values, fieldCount }: CsvRow, existing: Map<string, EditableProduct>): Planned {
    const key = partNumberKey(values.partNumber ?? "");
    const current = key ? existing.get(key) : undefined;
    const currentFields = current ? productToFields(current) : undefined;
    // A spec (or breaks) column left out of the file keeps what the product has; a blank cell clears it.
    const merged = currentFields
      ? { ...Object.fromEntries(absentColumns.map((name) => [name, currentFields[name] ?? ""])), ...values }
      : values;
    const parsed = parseProductFields(merged, vocabulary);
    const errors = parsed.ok ? [] : Object.entries(parsed.errors).map(([field, message]) => `${field}: ${message}`);
    if (fieldCount !== header.length) errors.unshift(`has ${fieldCount} fields, the header has ${header.length}`);
    const keyFirst = key ? firstOf(firstRowOfKey, key, row) : undefined;
    if (keyFirst !== undefined) errors.push(`partNumber: duplicate of row ${keyFirst}`);
    const slugFirst = parsed.ok ? firstOf(firstRowOfSlug, parsed.product.slug, row) : undefined;
    if (slugFirst !== undefined && parsed.ok) errors.push(`slug: "${parsed.product.slug}" is also on row ${slugFirst}`);
    const partNumber = (values.partNumber ?? "").trim().slice(0, 64);
    if (errors.length || !parsed.ok) return { row, partNumber, action: "error", errors };
    const same =
      currentFields &&
      (sameText(merged, currentFields) || canonical(parsed.product) === canonical(reparse(currentFields)));
    return {
      row,
      partNumber,
      action: current ? (same ? "unchanged" : "update") : "create",
      errors,
      product: parsed.product,
      existingId: current?.id,
    };
  }

  return {
    definitions,
    plan(rows: CsvRow[]): Planned[] {
      const keys = new Set(rows.map((r) => partNumberKey(r.values.partNumber ?? "")).filter(Boolean));
      const existing = listEditableProductsByKeys([...keys]);
      const planned = rows.map((row) => planRow(row, existing));
      // A slug already used by another product is refused (swapping slugs takes two imports).
      const owners = listPartKeysBySlugs(planned.flatMap((p) => (p.product ? [p.product.slug] : [])));
      for (const plan of planned) {
        if (!plan.product) continue;
        const owner = owners.get(plan.product.slug);
        if (owner && owner !== partNumberKey(plan.product.partNumber)) {
          plan.errors.push(`slug: "${plan.product.slug}" is used by another product (${owner})`);
          plan.action = "error";
        }
      }
      return planned;
    },
  };
}

/**
 * The dry run, and the check before applying: reads the whole file and checks every row against
 * the catalog as it is now, writing nothing. Gives the counts of what an import would do, and the
 * rows a report lists (REPORT_ROWS of them at most, rows with errors first). Only a chunk of the
 * file is held at a time, whatever its size; `onRead` hears how far it has read.
 */
export async function checkImport(file: string, onRead?: (bytesRead: number) => void): Promise<ImportReport> {
  const started = performance.now();
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  const errors: ImportRow[] = [];
  const changes: ImportRow[] = [];
  const report = (fileErrors: string[]): ImportReport => ({
    fileErrors,
    rows: fileErrors.length ? [] : [...errors, ...changes].slice(0, REPORT_ROWS),
    counts: fileErrors.length ? { create: 0, update: 0, unchanged: 0, error: 0 } : counts,
    ms: Math.round(performance.now() - started),
  });
  let rows: ReturnType<typeof planner> | undefined;
  try {
    for await (const chunk of readCsvChunks(file, IMPORT_LIMITS.PLAN_CHUNK_ROWS)) {
      const chunkStarted = performance.now();
      if (!rows) {
        const wrong = headerErrors(chunk.header, [...loadSpecDefinitions().keys()]);
        if (wrong.length) return report(wrong);
        rows = planner(chunk.header);
      }
      for (const { row, partNumber, action, errors: problems } of rows.plan(chunk.rows)) {
        counts[action]++;
        const listed = action === "error" ? errors : action === "unchanged" ? undefined : changes;
        if (listed && listed.length < REPORT_ROWS) listed.push({ row, partNumber, action, errors: problems });
      }
      onRead?.(chunk.bytesRead);
      await pause(performance.now() - chunkStarted);
    }
  } catch (error) {
    if (error instanceof CsvError) return report([`The file is not valid CSV: ${error.message}`]);
    throw error;
  }
  return report(Object.values(counts).some(Boolean) ? [] : ["The file has no product rows"]);
}

/** `record(bytesRead)` at most every CHECK_PROGRESS_MS, the first time at once: a check's progress, for a page's bar. */
function everyCheckProgress(record: (bytesRead: number) => void) {
  let lastRecorded = -Infinity;
  return (bytesRead: number) => {
    if (performance.now() - lastRecorded < IMPORT_LIMITS.CHECK_PROGRESS_MS) return;
    lastRecorded = performance.now();
    record(bytesRead);
  };
}

const CHECK_TOKEN = /^[0-9a-f]{32}$/;
/** The token a dry run's form carries, under which the check's progress is kept while it runs. */
export const newCheckToken = () => crypto.randomBytes(16).toString("hex");

/** How long a dry run's progress write waits for the write lock (held by an import, say) before it is skipped. */
const PROGRESS_LOCK_WAIT_MS = 20;

/**
 * The dry run: `checkImport`, with how far it has read kept under `token` while it runs (when it
 * is one), which the page polls for its bar (`importCheckProgress`). The progress is only shown:
 * a write of it that finds the write lock taken for PROGRESS_LOCK_WAIT_MS is skipped, and the
 * check goes on (a longer wait would hold this worker's event loop).
 */
export async function dryRunImport(file: string, token: string | undefined): Promise<ImportReport> {
  if (!token || !CHECK_TOKEN.test(token)) return checkImport(file);
  const bestEffort = (write: () => void) => {
    try {
      withBusyTimeout(PROGRESS_LOCK_WAIT_MS, () => writeTransaction(write));
    } catch (error) {
      if (!(error instanceof Response)) throw error;
    }
  };
  const fileBytes = fs.statSync(file).size;
  bestEffort(() => {
    db.delete(catalogImportChecks)
      .where(lt(catalogImportChecks.updatedAt, new Date(Date.now() - STAGED_FOR_MS).toISOString()))
      .run();
    db.insert(catalogImportChecks)
      .values({ token, fileBytes })
      .onConflictDoUpdate({ target: catalogImportChecks.token, set: { fileBytes, checkedBytes: 0, updatedAt: now } })
      .run();
  });
  const progress = (checkedBytes: number) =>
    bestEffort(() =>
      db
        .update(catalogImportChecks)
        .set({ checkedBytes, updatedAt: now })
        .where(eq(catalogImportChecks.token, token))
        .run(),
    );
  try {
    return await checkImport(file, everyCheckProgress(progress));
  } finally {
    bestEffort(() => db.delete(catalogImportChecks).where(eq(catalogImportChecks.token, token)).run());
  }
}

/** How far the dry run under `token` has read, while it runs. */
export function importCheckProgress(token: string) {
  if (!CHECK_TOKEN.test(token)) return undefined;
  return db
    .select({ fileBytes: catalogImportChecks.fileBytes, checkedBytes: catalogImportChecks.checkedBytes })
    .from(catalogImportChecks)
    .where(eq(catalogImportChecks.token, token))
    .get();
}

export type ImportJob = typeof catalogImports.$inferSelect & {
  /** Still marked running, but its process has not written for minutes: it will not finish. */
  interrupted: boolean;
};

export function getImportJob(id: number): ImportJob | undefined {
  const job = db.select().from(catalogImports).where(eq(catalogImports.id, id)).get();
  return (
    job && {
      ...job,
      interrupted: job.status === "running" && Date.now() - Date.parse(job.updatedAt) > INTERRUPTED_AFTER_MS,
    }
  );
}

/** The import being applied now, if any (one at a time: two would keep re-checking each other). */
function runningImport() {
  const job = db
    .select({ id: catalogImports.id })
    .from(catalogImports)
    .where(eq(catalogImports.status, "running"))
    .orderBy(desc(catalogImports.id))
    .get();
  const found = job && getImportJob(job.id);
  return found && !found.interrupted ? found : undefined;
}

export type StartedImport =
  { started: true; jobId: number; finished: Promise<ImportJob> } | { started: false; running: ImportJob };

/**
 * Starts applying a checked file in the background, unless another import is being applied, and
 * then takes the file over (it is removed when the import ends). The job row shows the progress to the
 * person importing, from any worker: first the file checked again against the catalog as it is
 * now (if a row no longer applies, nothing is written and the job says which), then the rows
 * written. The file is read a chunk at a time in both passes. Each batch is a set of whole
 * products written in one transaction, so a product is never half-written; the catalog shows the
 * import's products arriving batch by batch. A batch that finds the catalog changed by someone
 * else since its rows were planned writes nothing; its rows are planned again against the new
 * catalog (rows already written now count as unchanged) and the import goes on, or stops at the
 * rows that became wrong. Applying the same file again after a stop writes only what is missing.
 * Once it has written, it starts the search warm-up for the catalog it wrote.
 */
export function startImport(file: string, by: { fileName: string; userId: number | null }): StartedImport {
  const job = writeTransaction((): { running: ImportJob } | { id: number } => {
    const running = runningImport();
    if (running) return { running };
    const row = db
      .insert(catalogImports)
      .values({ fileName: by.fileName, fileBytes: fs.statSync(file).size, rowsToWrite: 0, startedBy: by.userId })
      .returning({ id: catalogImports.id })
      .get();
    return { id: row.id };
  });
  if ("running" in job) return { started: false, running: job.running };
  const finished = applyFile(job.id, file)
    .catch((error: unknown) => {
      console.error(
        JSON.stringify({
          event: "catalog_import_failed",
          job: job.id,
          message: error instanceof Error ? error.message : String(error),
        }),
      );
      try {
        finishJob(
          job.id,
          "stopped",
          "The import stopped on an unexpected error. Check the file again and apply it: rows already written show as unchanged.",
        );
      } catch {
        // The database is unreachable: the job shows as interrupted once its row stops moving.
      }
    })
    .then(() => {
      fs.rmSync(file, { force: true });
      const ended = getImportJob(job.id)!;
      // The search warm-up for what it wrote, here where it can be stored (ADR 39).
      if (ended.rowsWritten > 0) void warmUpSearchAfterImport();
      return ended;
    });
  return { started: true, jobId: job.id, finished };
}

/**
 * Ends the import and, if it wrote anything, moves catalog_version with it: processes that indexed the catalog less
 * often while the import ran (catalog-index.server.ts) index the final catalog on their next page.
 */
function finishJob(id: number, status: "applied" | "stopped", message: string | null) {
  writeTransaction(() => {
    db.update(catalogImports)
      .set({
        status,
        message,
        updatedAt: now,
        finishedAt: now,
      })
      .where(and(eq(catalogImports.id, id), eq(catalogImports.status, "running")))
      .run();
    const { rowsWritten } = db
      .select({ rowsWritten: catalogImports.rowsWritten })
      .from(catalogImports)
      .where(eq(catalogImports.id, id))
      .get()!;
    if (rowsWritten > 0)
      db.update(catalogMeta)
        .set({ value: sql`${catalogMeta.value} + 1` })
        .where(eq(catalogMeta.key, "catalog_version"))
        .run();
  });
}

function updateJob(
  id: number,
  values: Partial<Pick<typeof catalogImports.$inferInsert, "checkedBytes" | "rowsToWrite" | "unchanged">>,
) {
  writeTransaction(() =>
    db
      .update(catalogImports)
      .set({ ...values, updatedAt: now })
      .where(eq(catalogImports.id, id))
      .run(),
  );
}

/** What a job says of rows that do not apply: how many, and the first few. */
function problemsOf(rows: ImportRow[], count: number) {
  const listed = rows
    .filter((row) => row.errors.length > 0)
    .slice(0, 5)
    .map((row) => `row ${row.row}: ${row.errors.join("; ")}`)
    .join(" · ");
  return `${plural(count, "row")} no longer ${count === 1 ? "applies" : "apply"} (${listed})`;
}

/** One transaction: whole products from the front of `pending`, until the batch's time or row limit. */
function writeBatch(
  jobId: number,
  pending: Planned[],
  expectedVersion: number,
  definitions: ReturnType<typeof loadSpecDefinitions>,
) {
  return withBusyTimeout(BATCH_LOCK_WAIT_MS, () =>
    writeTransaction(() => {
      if (readContentVersions().catalog !== expectedVersion) return { changed: true as const };
      const started = performance.now();
      let written = 0;
      let created = 0;
      while (
        written < pending.length &&
        written < IMPORT_LIMITS.BATCH_MAX_ROWS &&
        (written === 0 || performance.now() - started < IMPORT_LIMITS.BATCH_MS)
      ) {
        const row = pending[written++];
        if (row.action === "create") {
          createProduct(row.product!, definitions);
          created++;
        } else updateProduct(row.existingId!, row.product!, definitions);
      }
      db.update(catalogImports)
        .set({
          rowsWritten: sql`${catalogImports.rowsWritten} + ${written}`,
          created: sql`${catalogImports.created} + ${created}`,
          updated: sql`${catalogImports.updated} + ${written - created}`,
          updatedAt: now,
        })
        .where(eq(catalogImports.id, jobId))
        .run();
      return { changed: false as const, written, version: readContentVersions().catalog };
    }),
  );
}

async function applyFile(jobId: number, file: string) {
  // First pass: the whole file checked again, nothing written if a row no longer applies.
  const checked = await checkImport(
    file,
    everyCheckProgress((checkedBytes) => updateJob(jobId, { checkedBytes })),
  );
  if (hasErrors(checked)) {
    const why = checked.fileErrors.length
      ? checked.fileErrors.join("; ")
      : problemsOf(checked.rows, checked.counts.error);
    return finishJob(jobId, "stopped", `The catalog changed since the file was checked: ${why}. Check the file again.`);
  }
  const { create, update, unchanged } = checked.counts;
  updateJob(jobId, { checkedBytes: fs.statSync(file).size, rowsToWrite: create + update, unchanged });

  // Second pass: each chunk planned against the catalog as it is then, and written in batches.
  let waitedMs = 0;
  let lastGap = -Infinity;
  let busyFrom = performance.now();
  /** Leaves this worker's event loop (and, now and then, the write lock) free for as long as it was kept busy. */
  const giveWay = async () => {
    if (performance.now() - lastGap >= WRITE_SPAN_MS) {
      await pause(LOCK_GAP_MS);
      lastGap = performance.now();
    } else await pause(performance.now() - busyFrom);
    busyFrom = performance.now();
  };
  let rows: ReturnType<typeof planner> | undefined;
  for await (const chunk of readCsvChunks(file, IMPORT_LIMITS.PLAN_CHUNK_ROWS)) {
    rows ??= planner(chunk.header);
    let unwritten = chunk.rows;
    for (let rechecks = 0; unwritten.length;) {
      const version = readContentVersions().catalog;
      const planned = rows.plan(unwritten);
      const problems = planned.filter((row) => row.action === "error");
      if (problems.length)
        return finishJob(
          jobId,
          "stopped",
          `The catalog changed while the import was written and ${problemsOf(problems, problems.length)}. Check the file again.`,
        );
      let pending = planned.filter((row) => row.action === "create" || row.action === "update");
      let expectedVersion = version;
      while (pending.length) {
        await giveWay();
        let outcome: ReturnType<typeof writeBatch>;
        try {
          outcome = writeBatch(jobId, pending, expectedVersion, rows.definitions);
        } catch (error) {
          if (!(error instanceof Response && error.status === 503)) throw error;
          // Another writer holds the lock: give way to it and to this worker's requests, then retry.
          waitedMs += BATCH_LOCK_WAIT_MS * 2;
          if (waitedMs > LOCK_GIVE_UP_MS)
            return finishJob(
              jobId,
              "stopped",
              "The database stayed busy for a minute; the import stopped. Check the file again and apply it to write the rest: rows already written show as unchanged.",
            );
          await pause(BATCH_LOCK_WAIT_MS);
          continue;
        }
        if (outcome.changed) break;
        pending = pending.slice(outcome.written);
        expectedVersion = outcome.version;
        waitedMs = 0;
        rechecks = 0;
      }
      if (!pending.length) break;
      // Someone else changed the catalog: the rows not yet written are planned again.
      if (++rechecks > MAX_RECHECKS)
        return finishJob(
          jobId,
          "stopped",
          "The catalog kept changing while the import was written; it stopped. Check the file again and apply it to write the rest: rows already written show as unchanged.",
        );
      const left = new Set(pending.map((row) => row.row));
      unwritten = unwritten.filter((row) => left.has(row.row));
    }
  }
  finishJob(jobId, "applied", null);
}

/** The whole catalog, archived products included, as CSV streamed in batches. */
export function exportCatalogCsv() {
  const columns = catalogColumns([...loadSpecDefinitions().keys()]);
  const rows = (function* () {
    for (const product of iterateEditableProducts()) yield productToFields(product);
  })();
  return createReadableStreamFromReadable(csvStream(columns, rows));
}
