import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { categories, productSpecs, products, specDefinitions } from "~db/schema";
import { ADMIN_PRODUCT_PAGE_SIZE } from "~/admin/back-office";
import { db } from "~/lib/db.server";
import type { ProductFields } from "./product-schema";
import { withPriceBreaks } from "./price-breaks.server";
import type { PriceBreak } from "~/lib/price-breaks";
import { partNumberKey } from "~/lib/slug";
import { categorySubtreeIds } from "./category.server";
import { partNumberStartsWith } from "./product.server";
import { buildMatchQuery } from "./search.server";

export type ProductStatusFilter = "all" | "active" | "archived";

/**
 * The back-office product list: optionally words (full-text index) or a part-number prefix
 * (unique index on the key), a category subtree (category index), a status; recently edited first (updated_at index).
 */
export function listAdminProducts({
  q,
  categoryId,
  status,
  page,
}: {
  q: string;
  categoryId?: number;
  status: ProductStatusFilter;
  page: number;
}) {
  const conditions: SQL[] = [];
  const term = q.trim();
  if (term) {
    const match = buildMatchQuery(term);
    const byKey = partNumberStartsWith(term);
    const byWords = match
      ? sql`${products.id} in (select rowid from products_fts where products_fts match ${match})`
      : undefined;
    const either = or(byKey, byWords);
    if (either) conditions.push(either);
    else conditions.push(sql`0`);
  }
  // A category means it and everything below it, as on the public category page.
  if (categoryId) conditions.push(inArray(products.categoryId, [...categorySubtreeIds(categoryId)]));
  if (status !== "all") conditions.push(eq(products.status, status));
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(products).where(where).get()!.n;
  const rows = db
    .select({
      id: products.id,
      slug: products.slug,
      partNumber: products.partNumber,
      name: products.name,
      manufacturer: products.manufacturer,
      priceCents: products.priceCents,
      status: products.status,
      updatedAt: products.updatedAt,
      categoryName: categories.name,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(where)
    .orderBy(desc(products.updatedAt), desc(products.id))
    .limit(ADMIN_PRODUCT_PAGE_SIZE)
    .offset((page - 1) * ADMIN_PRODUCT_PAGE_SIZE)
    .all();
  return { rows, total };
}

const editableColumns = {
  id: products.id,
  partNumber: products.partNumber,
  partNumberKey: products.partNumberKey,
  name: products.name,
  slug: products.slug,
  manufacturer: products.manufacturer,
  categoryId: products.categoryId,
  categorySlug: categories.slug,
  summary: products.summary,
  description: products.description,
  priceCents: products.priceCents,
  shippingWeight: products.shippingWeight,
  minOrderQty: products.minOrderQty,
  packSize: products.packSize,
  leadTimeDays: products.leadTimeDays,
  inStock: products.inStock,
  featured: products.featured,
  status: products.status,
  imagePath: products.imagePath,
  updatedAt: products.updatedAt,
};

export type EditableProduct = Omit<ProductFields, "specs"> & {
  id: number;
  partNumberKey: string;
  categorySlug: string;
  imagePath: string | null;
  updatedAt: string;
  /** Values of each spec in stored order (several for multi-valued enums). */
  specs: Record<string, (number | string)[]>;
};

/** The rows with their specs and their price breaks: one query for each. */
function withSpecs<T extends { id: number }>(
  rows: T[],
): (T & { specs: Record<string, (number | string)[]>; priceBreaks: PriceBreak[] })[] {
  if (rows.length === 0) return [];
  const specs = db
    .select({
      productId: productSpecs.productId,
      key: specDefinitions.key,
      valueNum: productSpecs.valueNum,
      valueText: productSpecs.valueText,
    })
    .from(productSpecs)
    .innerJoin(specDefinitions, eq(specDefinitions.id, productSpecs.specId))
    .where(
      inArray(
        productSpecs.productId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(productSpecs.id))
    .all();
  const byProduct = new Map<number, Record<string, (number | string)[]>>();
  for (const spec of specs) {
    const record = byProduct.get(spec.productId) ?? {};
    (record[spec.key] ??= []).push(spec.valueNum ?? spec.valueText ?? "");
    byProduct.set(spec.productId, record);
  }
  return withPriceBreaks(rows.map((row) => ({ ...row, specs: byProduct.get(row.id) ?? {} })));
}

/** A product with everything the edit form shows, archived or not. */
export function getEditableProduct(id: number): EditableProduct | undefined {
  if (!Number.isSafeInteger(id)) return undefined;
  const row = db
    .select(editableColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, id))
    .get();
  return row ? withSpecs([row])[0] : undefined;
}

/** Products by part-number key, for matching CSV rows (in chunks: SQLite caps bound variables). */
export function listEditableProductsByKeys(keys: string[]): Map<string, EditableProduct> {
  const found = new Map<string, EditableProduct>();
  for (let at = 0; at < keys.length; at += 500) {
    const rows = db
      .select(editableColumns)
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(inArray(products.partNumberKey, keys.slice(at, at + 500)))
      .all();
    for (const product of withSpecs(rows)) found.set(product.partNumberKey, product);
  }
  return found;
}

/** Every product, a page at a time in id order, for the CSV export. */
export function* iterateEditableProducts(batch = 1000): Generator<EditableProduct> {
  for (let after = 0; ;) {
    const rows = db
      .select(editableColumns)
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(sql`${products.id} > ${after}`)
      .orderBy(asc(products.id))
      .limit(batch)
      .all();
    if (rows.length === 0) return;
    yield* withSpecs(rows);
    after = rows[rows.length - 1].id;
  }
}

/** Field errors for a part number or slug already used by another product. */
export function productConflicts(product: Pick<ProductFields, "partNumber" | "slug">, exceptId?: number) {
  const errors: Record<string, string> = {};
  const other = exceptId ? ne(products.id, exceptId) : undefined;
  const samePart = db
    .select({ partNumber: products.partNumber, name: products.name })
    .from(products)
    .where(and(eq(products.partNumberKey, partNumberKey(product.partNumber)), other))
    .get();
  if (samePart) errors.partNumber = `Part number already used by ${samePart.partNumber} (${samePart.name})`;
  const sameSlug = db
    .select({ name: products.name })
    .from(products)
    .where(and(eq(products.slug, product.slug), other))
    .get();
  if (sameSlug) errors.slug = `Slug already used by ${sameSlug.name}`;
  return errors;
}

/** Category slugs to ids, and the tree as indented select options. */
export function listCategoryChoices() {
  const rows = db
    .select({ id: categories.id, slug: categories.slug, name: categories.name, parentId: categories.parentId })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name))
    .all();
  const options: { id: number; slug: string; label: string; depth: number }[] = [];
  const visit = (parentId: number | null, depth: number) => {
    for (const row of rows.filter((r) => r.parentId === parentId)) {
      options.push({ id: row.id, slug: row.slug, label: `${"— ".repeat(depth)}${row.name}`, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return { options, idsBySlug: new Map(rows.map((row) => [row.slug, row.id])) };
}

/** Which part-number key owns each of these slugs, for slug clashes in an import. */
export function listPartKeysBySlugs(slugs: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let at = 0; at < slugs.length; at += 500) {
    const rows = db
      .select({ slug: products.slug, key: products.partNumberKey })
      .from(products)
      .where(inArray(products.slug, slugs.slice(at, at + 500)))
      .all();
    for (const row of rows) found.set(row.slug, row.key);
  }
  return found;
}
