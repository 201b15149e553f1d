import { createReadableStreamFromReadable } from "@remix-run/node";
import { catalogColumns, csvStream, readCsv } from "~/lib/catalog-csv.server";
import { writeTransaction } from "~/lib/db.server";
import { hasErrors, type ImportAction, type ImportReport, type ImportRow } from "~/lib/import-report";
import { specField } from "~/lib/product-fields";
import { parseProductFields, productToFields, type ProductFields } from "~/lib/product-schema";
import { partNumberKey } from "~/lib/slug";
import { readContentVersions } from "./content-version.server";
import { iterateEditableProducts, listCategoryChoices, listEditableProductsByKeys, listPartKeysBySlugs } from "./product-admin.server";
import { createProduct, loadSpecDefinitions, updateProduct } from "./product.server";

type Planned = ImportRow & { product?: ProductFields; existingId?: number };

const REQUIRED_COLUMNS = ["partNumber", "name", "manufacturer", "category", "leadTimeDays"];

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
function planImport(text: string): { fileErrors: string[]; rows: Planned[] } {
  const read = readCsv(text);
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
  const existing = listEditableProductsByKeys([...new Set(rows.map((r) => partNumberKey(r.values.partNumber ?? "")).filter(Boolean))]);
  const absentSpecs = [...definitions.keys()].map(specField).filter((name) => !header.includes(name));
  const firstRowOfKey = new Map<string, number>();
  const firstRowOfSlug = new Map<string, number>();
  const reparse = (fields: Record<string, string>) => {
    const again = parseProductFields(fields, vocabulary);
    return again.ok ? again.product : undefined;
  };
  const planned: Planned[] = rows.map(({ row, values, fieldCount }) => {
    const key = partNumberKey(values.partNumber ?? "");
    const current = key ? existing.get(key) : undefined;
    const currentFields = current ? productToFields(current) : undefined;
    // A spec column left out of the file keeps what the product has; a blank cell clears it.
    const merged = currentFields ? { ...Object.fromEntries(absentSpecs.map((name) => [name, currentFields[name] ?? ""])), ...values } : values;
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
    const same = currentFields && (sameText(merged, currentFields) || canonical(parsed.product) === canonical(reparse(currentFields)));
    return { row, partNumber, action: current ? (same ? "unchanged" : "update") : "create", errors, product: parsed.product, existingId: current?.id };
  });

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
export function checkImport(text: string): ImportReport {
  const started = performance.now();
  return report(planImport(text), started);
}

/**
 * Applies every row in one transaction: either the whole file is applied or, if any row has a
 * problem, nothing is. The file is checked before taking the write lock, and checked again
 * inside it only if the catalog changed meanwhile (catalog_version moved), so other writers
 * wait for the writes alone.
 */
export function applyImport(text: string): { applied: boolean; report: ImportReport } {
  const started = performance.now();
  const checkedAt = readContentVersions().catalog;
  const checked = planImport(text);
  return writeTransaction(() => {
    const plan = readContentVersions().catalog === checkedAt ? checked : planImport(text);
    const result = report(plan, started);
    if (hasErrors(result)) return { applied: false, report: result };
    const definitions = loadSpecDefinitions();
    for (const row of plan.rows) {
      if (row.action === "create") createProduct(row.product!, definitions);
      else if (row.action === "update") updateProduct(row.existingId!, row.product!, definitions);
    }
    return { applied: true, report: { ...result, ms: Math.round(performance.now() - started) } };
  });
}

/** The whole catalog, archived products included, as CSV streamed in batches. */
export function exportCatalogCsv() {
  const columns = catalogColumns([...loadSpecDefinitions().keys()]);
  const rows = (function* () {
    for (const product of iterateEditableProducts()) yield productToFields(product);
  })();
  return createReadableStreamFromReadable(csvStream(columns, rows));
}
