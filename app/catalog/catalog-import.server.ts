import { createReadableStreamFromReadable } from "@remix-run/node";
import { and, desc, eq, sql } from "drizzle-orm";
import { catalogImports, catalogMeta } from "~db/schema";
import { catalogColumns, csvStream, readCsv } from "./catalog-csv.server";
import { db, withBusyTimeout, writeTransaction } from "~/lib/db.server";
import { hasErrors, type ImportAction, type ImportReport, type ImportRow } from "./import-report";
import { specField } from "./product-fields";
import { parseProductFields, productToFields, type ProductFields } from "./product-schema";
import { partNumberKey } from "~/lib/slug";
import { readContentVersions } from "~/lib/content-version.server";
import {
  iterateEditableProducts,
  listCategoryChoices,
  listEditableProductsByKeys,
  listPartKeysBySlugs,
} from "./product-admin.server";
import { createProduct, loadSpecDefinitions, updateProduct } from "./product.server";

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
 * Checking a file does the same every PLAN_CHUNK_ROWS rows.
 */
export const IMPORT_LIMITS = { BATCH_MS: 10, BATCH_MAX_ROWS: 200, PLAN_CHUNK_ROWS: 250 };
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
/** Another writer changing the catalog meanwhile makes the import check the file again; at most this often. */
const MAX_RECHECKS = 5;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

/**
 * Checks every row of a catalog CSV against the catalog as it is now, without writing:
 * whether each row creates a product, updates the one with its part number, or changes
 * nothing, and every problem of every row.
 */
async function planImport(text: string): Promise<{ fileErrors: string[]; rows: Planned[] }> {
  const read = await readCsv(text);
  if (!read.ok) return { fileErrors: [read.error], rows: [] };
  const { header, rows } = read.table;
  const definitions = loadSpecDefinitions();
  const known = new Set(catalogColumns([...definitions.keys()]));
  const fileErrors = [
    ...REQUIRED_COLUMNS.filter((name) => !header.includes(name)).map((name) => `Missing column "${name}"`),
    ...header.filter((name) => !known.has(name)).map((name) => `Unknown column "${name.slice(0, 60)}"`),
    ...header.filter((name, i) => header.indexOf(name) !== i).map((name) => `Column "${name}" appears twice`),
  ];
  if (rows.length === 0) fileErrors.push("The file has no product rows");
  if (fileErrors.length) return { fileErrors, rows: [] };

  const vocabulary = { specs: [...definitions.values()], categoryIds: listCategoryChoices().idsBySlug };
  const existing = listEditableProductsByKeys([
    ...new Set(rows.map((r) => partNumberKey(r.values.partNumber ?? "")).filter(Boolean)),
  ]);
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
  const planned: Planned[] = [];
  let chunkStarted = performance.now();
  for (const { row, values, fieldCount } of rows) {
    if (planned.length % IMPORT_LIMITS.PLAN_CHUNK_ROWS === IMPORT_LIMITS.PLAN_CHUNK_ROWS - 1) {
      await pause(performance.now() - chunkStarted);
      chunkStarted = performance.now();
    }
    planned.push(planRow(row, values, fieldCount));
  }
  function planRow(row: number, values: Record<string, string>, fieldCount: number): Planned {
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
    if (key) {
      const first = firstRowOfKey.get(key);
      if (first !== undefined) errors.push(`partNumber: duplicate of row ${first}`);
      else firstRowOfKey.set(key, row);
    }
    if (parsed.ok) {
      const first = firstRowOfSlug.get(parsed.product.slug);
      if (first !== undefined) errors.push(`slug: "${parsed.product.slug}" is also on row ${first}`);
      else firstRowOfSlug.set(parsed.product.slug, row);
    }
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
  return { fileErrors, rows: planned };
}

function report(plan: { fileErrors: string[]; rows: Planned[] }, started: number): ImportReport {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of plan.rows) counts[row.action]++;
  return {
    fileErrors: plan.fileErrors,
    rows: plan.rows.map(({ row, partNumber, action, errors }) => ({ row, partNumber, action, errors })),
    counts,
    ms: Math.round(performance.now() - started),
  };
}

/** The dry run: what an import of this file would do. Writes nothing. */
export async function checkImport(text: string): Promise<ImportReport> {
  const started = performance.now();
  return report(await planImport(text), started);
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
  | { started: true; jobId: number; report: ImportReport; finished: Promise<ImportJob> }
  | { started: false; report: ImportReport; running?: ImportJob };

/**
 * Checks the file and, if every row is good, starts applying it in the background: the job row
 * it returns shows the progress (rows written so far) to the person importing, from any worker.
 * Each batch is a set of whole products written in one transaction, so a product is never
 * half-written; the catalog shows the import's products arriving batch by batch. A batch that
 * finds the catalog changed by someone else since the file was checked writes nothing; the file
 * is checked again against the new catalog (rows already written now count as unchanged) and the
 * import goes on, or stops with the rows that became wrong. Re-applying the same file after a
 * stop writes only what is still missing.
 */
export async function startImport(
  text: string,
  by: { fileName: string; userId: number | null },
): Promise<StartedImport> {
  const started = performance.now();
  const checkedAt = readContentVersions().catalog;
  const plan = await planImport(text);
  const checked = report(plan, started);
  if (hasErrors(checked)) return { started: false, report: checked };
  const { create, update, unchanged } = checked.counts;
  const job = writeTransaction(() => {
    const running = runningImport();
    if (running) return { running };
    const row = db
      .insert(catalogImports)
      .values({ fileName: by.fileName, rowsToWrite: create + update, unchanged, startedBy: by.userId })
      .returning({ id: catalogImports.id })
      .get();
    return { id: row.id };
  });
  if ("running" in job) return { started: false, report: checked, running: job.running };
  const finished = applyInBatches(job.id, text, plan, checkedAt)
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
    .then(() => getImportJob(job.id)!);
  return { started: true, jobId: job.id, report: checked, finished };
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
        updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
        finishedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
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

/** One transaction: whole products from the front of `pending`, until the batch's time or row limit. */
function writeBatch(jobId: number, pending: Planned[], expectedVersion: number) {
  return withBusyTimeout(BATCH_LOCK_WAIT_MS, () =>
    writeTransaction(() => {
      if (readContentVersions().catalog !== expectedVersion) return { changed: true as const };
      const definitions = loadSpecDefinitions();
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
          updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
        })
        .where(eq(catalogImports.id, jobId))
        .run();
      return { changed: false as const, written, version: readContentVersions().catalog };
    }),
  );
}

async function applyInBatches(
  jobId: number,
  text: string,
  plan: { fileErrors: string[]; rows: Planned[] },
  checkedAt: number,
) {
  let pending = plan.rows.filter((row) => row.action === "create" || row.action === "update");
  let expectedVersion = checkedAt;
  let rechecks = 0;
  let waitedMs = 0;
  let lastGap = -Infinity;
  let lastBatchMs = 0;
  while (pending.length) {
    // Between batches (and before the first, so the request that started the import answers
    // first) this worker serves its other requests and other processes may take the lock.
    if (performance.now() - lastGap >= WRITE_SPAN_MS) {
      await pause(LOCK_GAP_MS);
      lastGap = performance.now();
    } else await pause(lastBatchMs);
    let outcome: ReturnType<typeof writeBatch>;
    const batchStarted = performance.now();
    try {
      outcome = writeBatch(jobId, pending, expectedVersion);
      lastBatchMs = performance.now() - batchStarted;
    } catch (error) {
      if (!(error instanceof Response && error.status === 503)) throw error;
      // Another writer holds the lock: give way to it and to this worker's requests, then retry.
      waitedMs += BATCH_LOCK_WAIT_MS * 2;
      if (waitedMs > LOCK_GIVE_UP_MS)
        return finishJob(
          jobId,
          "stopped",
          "The database stayed busy for a minute; the import stopped. Apply the file again to write the rest: rows already written show as unchanged.",
        );
      await pause(BATCH_LOCK_WAIT_MS);
      continue;
    }
    if (outcome.changed) {
      if (++rechecks > MAX_RECHECKS)
        return finishJob(
          jobId,
          "stopped",
          "The catalog kept changing while the import was written; it stopped. Apply the file again to write the rest: rows already written show as unchanged.",
        );
      expectedVersion = readContentVersions().catalog;
      const again = await planImport(text);
      const problems = again.rows.filter((row) => row.action === "error");
      if (problems.length) {
        const listed = problems
          .slice(0, 5)
          .map((row) => `row ${row.row}: ${row.errors.join("; ")}`)
          .join(" · ");
        return finishJob(
          jobId,
          "stopped",
          `The catalog changed while the import was written and ${problems.length} row(s) no longer apply (${listed}). Check the file again.`,
        );
      }
      pending = again.rows.filter((row) => row.action === "create" || row.action === "update");
      continue;
    }
    pending = pending.slice(outcome.written);
    expectedVersion = outcome.version;
    waitedMs = 0;
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
