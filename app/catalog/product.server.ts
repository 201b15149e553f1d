import { and, asc, desc, eq, gte, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { categories, productSpecs, products, specDefinitions, type SpecDefinition } from "~db/schema";
import { db, inIdsPlaceholder, preparedOnce } from "~/lib/db.server";
import { noSlugMessage, pageSlug, partNumberKey } from "~/lib/slug";
import { priceBreaksOf, replacePriceBreaks } from "./price-breaks.server";
import { typedBreaks, type PriceBreak } from "~/lib/price-breaks";

/** The columns a product card or row needs; the image falls back to its category's drawing. */
const productSummaryColumns = {
  id: products.id,
  slug: products.slug,
  partNumber: products.partNumber,
  name: products.name,
  manufacturer: products.manufacturer,
  summary: products.summary,
  priceCents: products.priceCents,
  minOrderQty: products.minOrderQty,
  packSize: products.packSize,
  leadTimeDays: products.leadTimeDays,
  inStock: products.inStock,
  imagePath: sql<string>`coalesce(${products.imagePath}, '/images/categories/' || ${categories.slug} || '.svg')`,
  categorySlug: categories.slug,
  categoryName: categories.name,
};

export type ProductSummary = {
  id: number;
  slug: string;
  partNumber: string;
  name: string;
  manufacturer: string;
  summary: string;
  priceCents: number | null;
  minOrderQty: number;
  packSize: number;
  leadTimeDays: number;
  inStock: boolean;
  imagePath: string;
  categorySlug: string;
  categoryName: string;
  /** A signed-in buyer's company price, where it differs from the list price (never cached). */
  yourPriceCents?: number;
};

export type ProductSpec = {
  productId: number;
  key: string;
  label: string;
  unit: string | null;
  kind: "number" | "enum";
  value: number | string;
};

// The queries every catalog page runs are prepared once per process (ids are passed as one JSON
// array, so a list of any length is the same statement): building and preparing them on each
// request was about a tenth of an uncached product page.

const specsOfProducts = preparedOnce(() =>
  db
    .select({
      productId: productSpecs.productId,
      key: specDefinitions.key,
      label: specDefinitions.label,
      unit: specDefinitions.unit,
      kind: specDefinitions.kind,
      value: sql<number | string>`coalesce(${productSpecs.valueNum}, ${productSpecs.valueText})`,
    })
    .from(productSpecs)
    .innerJoin(specDefinitions, eq(specDefinitions.id, productSpecs.specId))
    .where(inIdsPlaceholder(productSpecs.productId))
    .orderBy(asc(specDefinitions.position), asc(specDefinitions.id), asc(productSpecs.id))
    .prepare(),
);

/** Specs of many products in one query, in vocabulary order; multi-valued enums come as rows. */
export function listSpecsForProducts(productIds: number[]): ProductSpec[] {
  if (productIds.length === 0) return [];
  return specsOfProducts().all({ ids: JSON.stringify(productIds) });
}

const productBySlug = preparedOnce(() =>
  db
    .select({
      ...productSummaryColumns,
      description: products.description,
      shippingWeight: products.shippingWeight,
      categoryId: products.categoryId,
      featured: products.featured,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.slug, sql.placeholder("slug")), eq(products.status, "active")))
    .prepare(),
);

export function getProduct({ slug }: { slug: string }) {
  const product = productBySlug().get({ slug });
  if (!product) return undefined;
  return { ...product, specs: listSpecsForProducts([product.id]) };
}

const neighbour = { id: products.id, priceCents: products.priceCents };
const inCategory = and(
  eq(products.categoryId, sql.placeholder("categoryId")),
  eq(products.status, "active"),
  ne(products.id, sql.placeholder("id")),
);
/** The nearest neighbours on one side of a price: `gte` and `asc` above it, `lt` and `desc` below. */
const byPrice = (side: typeof gte | typeof lt, order: typeof asc | typeof desc) =>
  db
    .select(neighbour)
    .from(products)
    .where(and(inCategory, side(products.priceCents, sql.placeholder("price"))))
    .orderBy(order(products.priceCents))
    .limit(sql.placeholder("limit"))
    .prepare();
const neighbours = preparedOnce(() => ({
  unpriced: db
    .select(neighbour)
    .from(products)
    .where(and(inCategory, isNull(products.priceCents)))
    .limit(sql.placeholder("limit"))
    .prepare(),
  above: byPrice(gte, asc),
  below: byPrice(lt, desc),
}));

/**
 * Same sub-category, closest in price first, so a buyer sees the neighbours of what they look
 * at: the nearest few above and below the price, each an index range scan, never a sort of the
 * whole category.
 */
export function listRelatedProducts(product: { id: number; categoryId: number; priceCents: number | null }, limit = 4) {
  const price = product.priceCents;
  const params = { categoryId: product.categoryId, id: product.id, limit, price };
  const candidates =
    price === null
      ? neighbours().unpriced.all(params)
      : [...neighbours().above.all(params), ...neighbours().below.all(params)];
  const nearest = candidates
    .sort(
      (a, b) =>
        Math.abs((a.priceCents ?? 0) - (price ?? 0)) - Math.abs((b.priceCents ?? 0) - (price ?? 0)) || a.id - b.id,
    )
    .slice(0, limit)
    .map((c) => c.id);
  return listProductsByIds(nearest);
}

export function listFeaturedProducts(limit = 8) {
  return db
    .select(productSummaryColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.featured, true), eq(products.status, "active")))
    .orderBy(asc(products.name))
    .limit(limit)
    .all();
}

/**
 * Products whose part number starts with `typed`, in any case and separator style, as a range of
 * the unique part-number index; undefined when `typed` holds no letter or digit.
 */
export function partNumberStartsWith(typed: string): SQL | undefined {
  const key = partNumberKey(typed);
  return key ? and(gte(products.partNumberKey, key), lt(products.partNumberKey, `${key}\u{10FFFF}`)) : undefined;
}

/**
 * Up to `limit` active products whose part number starts with `typed`, in part-number order: the
 * index's range reads no more rows than it answers (and the archived ones it passes).
 */
export function listProductsByPartNumberPrefix(typed: string, limit: number) {
  const startsWith = partNumberStartsWith(typed);
  if (!startsWith) return [];
  return db
    .select(productSummaryColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(startsWith, eq(products.status, "active")))
    .orderBy(asc(products.partNumberKey))
    .limit(limit)
    .all();
}

const productsByIds = preparedOnce(() => ({
  active: db
    .select(productSummaryColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(inIdsPlaceholder(products.id), eq(products.status, "active")))
    .prepare(),
  any: db
    .select(productSummaryColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(inIdsPlaceholder(products.id))
    .prepare(),
}));

/** Products in the order of `ids`; archived ones only when asked (a quote list keeps them). */
export function listProductsByIds(ids: number[], { includeArchived = false } = {}): ProductSummary[] {
  if (ids.length === 0) return [];
  const rows = (includeArchived ? productsByIds().any : productsByIds().active).all({ ids: JSON.stringify(ids) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const weightsByIds = preparedOnce(() =>
  db
    .select({ id: products.id, shippingWeight: products.shippingWeight })
    .from(products)
    .where(inIdsPlaceholder(products.id))
    .prepare(),
);

/** Each product's shipping weight (hundredths of a pound, null for none) by id: for freight. */
export function shippingWeightsOf(ids: number[]) {
  if (ids.length === 0) return new Map<number, number | null>();
  return new Map(
    weightsByIds()
      .all({ ids: JSON.stringify(ids) })
      .map((row) => [row.id, row.shippingWeight]),
  );
}

export function findProductByPartNumber(partNumber: string) {
  const key = partNumberKey(partNumber);
  if (!key) return undefined;
  return db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      partNumber: products.partNumber,
      minOrderQty: products.minOrderQty,
    })
    .from(products)
    .where(and(eq(products.partNumberKey, key), eq(products.status, "active")))
    .get();
}

export type ProductInput = {
  partNumber: string;
  name: string;
  /** Defaults to the name and part number made into a slug. */
  slug?: string;
  manufacturer: string;
  categoryId: number;
  summary: string;
  description: string;
  priceCents: number | null;
  /** Quantity breaks below the price; on update, undefined keeps the current ones. */
  priceBreaks?: readonly PriceBreak[];
  /** Hundredths of a pound per unit, packed; none: freight counts the default weight. */
  shippingWeight?: number | null;
  minOrderQty: number;
  packSize: number;
  leadTimeDays: number;
  inStock: boolean;
  featured?: boolean;
  status?: "active" | "archived";
  /** On update, undefined keeps the current image. */
  imagePath?: string | null;
  /** Keyed by spec key: a number for number specs, a string or strings for enum specs. */
  specs: Record<string, number | string | string[]>;
};

function specRows(input: ProductInput, definitions: ReadonlyMap<string, SpecDefinition>) {
  return Object.entries(input.specs).flatMap(([key, value]) => {
    const definition = definitions.get(key);
    if (!definition) throw new Error(`Unknown spec "${key}" on ${input.partNumber}`);
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => {
      if (definition.kind === "number" && typeof item !== "number") {
        throw new Error(`Spec "${key}" of ${input.partNumber} must be a number`);
      }
      return definition.kind === "number"
        ? { definition, valueNum: item as number, valueText: null }
        : { definition, valueNum: null, valueText: String(item) };
    });
  });
}

/** The product row as stored: derived columns (part-number key, spec words for search) included. */
function productRow(input: ProductInput, rows: ReturnType<typeof specRows>) {
  // Forms and the CSV import refuse such a product at the slug field first (parseProductFields).
  const slug = pageSlug(input.slug ?? "", `${input.name} ${input.partNumber}`);
  if (!slug) throw new Error(`Product ${input.partNumber}: ${noSlugMessage("name or part number")}`);
  return {
    slug,
    partNumber: input.partNumber,
    partNumberKey: partNumberKey(input.partNumber),
    name: input.name,
    manufacturer: input.manufacturer,
    categoryId: input.categoryId,
    summary: input.summary,
    description: input.description,
    priceCents: input.priceCents,
    shippingWeight: input.shippingWeight ?? null,
    minOrderQty: input.minOrderQty,
    packSize: input.packSize,
    leadTimeDays: input.leadTimeDays,
    inStock: input.inStock,
    featured: input.featured ?? false,
    status: input.status ?? "active",
    specText: rows
      .map(({ definition, valueNum, valueText }) => valueText ?? `${valueNum} ${definition.unit ?? ""}`.trim())
      .join(" "),
  };
}

// The write path of an import of ten thousand rows runs each statement thousands of times in
// one transaction, so each is prepared once: building and preparing the SQL was half the time
// the import held the write lock.
const placeholders = <T>(columns: string[]) =>
  Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)])) as T;
const byId = sql.placeholder("id");
const productWrites = preparedOnce(() => ({
  current: db.select().from(products).where(eq(products.id, byId)).prepare(),
  specs: db
    .select({ specId: productSpecs.specId, valueNum: productSpecs.valueNum, valueText: productSpecs.valueText })
    .from(productSpecs)
    .where(eq(productSpecs.productId, byId))
    .orderBy(asc(productSpecs.id))
    .prepare(),
  deleteSpecs: db.delete(productSpecs).where(eq(productSpecs.productId, byId)).prepare(),
  insertSpec: db
    .insert(productSpecs)
    .values(placeholders<typeof productSpecs.$inferInsert>(["productId", "specId", "valueNum", "valueText"]))
    .prepare(),
}));

// A product row's insert and update name the columns they write, which differ with what an edit
// changes: one statement per set of columns, the few sets in use kept.
const prepareInsert = (columns: string[]) =>
  db
    .insert(products)
    .values(placeholders<typeof products.$inferInsert>(columns))
    .returning({ id: products.id })
    .prepare();
const prepareUpdate = (columns: string[]) =>
  db
    .update(products)
    .set({
      ...placeholders<Partial<typeof products.$inferInsert>>(columns),
      updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
    })
    .where(eq(products.id, byId))
    .prepare();
const rowInserts = new LRUCache<string, ReturnType<typeof prepareInsert>>({ max: 8 });
const rowUpdates = new LRUCache<string, ReturnType<typeof prepareUpdate>>({ max: 64 });
function statementFor<T extends object>(
  cache: LRUCache<string, T>,
  columns: string[],
  prepare: (columns: string[]) => T,
) {
  const key = columns.join(",");
  const statement = cache.get(key) ?? prepare(columns);
  cache.set(key, statement);
  return statement;
}

function insertSpecs(productId: number, rows: ReturnType<typeof specRows>) {
  const { insertSpec } = productWrites();
  for (const { definition, valueNum, valueText } of rows)
    insertSpec.run({ productId, specId: definition.id, valueNum, valueText });
}

/**
 * Inserts a product and its specs. Call inside the caller's transaction: a product is never
 * half-written. `specText` is the words of the spec values, for full-text search.
 */
export function createProduct(input: ProductInput, definitions: ReadonlyMap<string, SpecDefinition>) {
  const rows = specRows(input, definitions);
  const row = { ...productRow(input, rows), imagePath: input.imagePath ?? null };
  const { id } = statementFor(rowInserts, Object.keys(row), prepareInsert).get(row)!;
  insertSpecs(id, rows);
  if (input.priceBreaks?.length) replacePriceBreaks(id, input.priceBreaks);
  return id;
}

/**
 * Rewrites a product and its specs the same way `createProduct` writes them; in the caller's
 * transaction. Only columns that change are written, so a price edit does not re-index the
 * product for search, and specs are rewritten only when they differ.
 */
export function updateProduct(id: number, input: ProductInput, definitions: ReadonlyMap<string, SpecDefinition>) {
  const rows = specRows(input, definitions);
  const writes = productWrites();
  const current = writes.current.get({ id });
  if (!current) throw new Error(`No product ${id} to update`);
  const next: Partial<typeof products.$inferInsert> = {
    ...productRow(input, rows),
    ...(input.imagePath !== undefined && { imagePath: input.imagePath }),
  };
  const changed = Object.fromEntries(
    Object.entries(next).filter(([column, value]) => current[column as keyof typeof current] !== value),
  );
  const stored = writes.specs.all({ id });
  const same =
    stored.length === rows.length &&
    stored.every(
      (row, i) =>
        row.specId === rows[i].definition.id &&
        row.valueNum === rows[i].valueNum &&
        row.valueText === rows[i].valueText,
    );
  const breaks = input.priceBreaks;
  const breaksChanged = breaks !== undefined && typedBreaks(priceBreaksOf([id]).get(id) ?? []) !== typedBreaks(breaks);
  if (breaksChanged) replacePriceBreaks(id, breaks);
  if (Object.keys(changed).length === 0 && same && !breaksChanged) return;
  // New breaks alone are an edit too: `updatedAt` moves with them.
  statementFor(rowUpdates, Object.keys(changed), prepareUpdate).run({ ...changed, id });
  if (same) return;
  writes.deleteSpecs.run({ id });
  insertSpecs(id, rows);
}

export function setProductStatus(id: number, status: "active" | "archived") {
  return (
    db
      .update(products)
      .set({ status, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(eq(products.id, id))
      .run().changes > 0
  );
}

/** The spec vocabulary by key, as the write functions want it. */
export function loadSpecDefinitions(): Map<string, SpecDefinition> {
  return new Map(
    db
      .select()
      .from(specDefinitions)
      .orderBy(asc(specDefinitions.position))
      .all()
      .map((d) => [d.key, d]),
  );
}
