import { sql, type SQL } from "drizzle-orm";
import type { SpecDefinition } from "../../db/schema";
import { PAGE_SIZE, type CatalogFilters, type SortKey } from "~/lib/catalog-filters";
import { db } from "~/lib/db.server";
import { listSpecsForProducts, type ProductSpec, type ProductSummary } from "./product.server";

/** What a listing is drawn from: a category subtree, or the matches of a full-text query. */
export type ListingScope = { categoryIds: number[] } | { match: string };

export type EnumFacet = {
  key: string;
  label: string;
  values: { value: string; count: number; selected: boolean }[];
};
export type RangeFacet = {
  key: string;
  label: string;
  unit: string | null;
  min: number;
  max: number;
  selected: { min?: number; max?: number };
};
export type Facets = {
  manufacturers: { value: string; count: number; selected: boolean }[];
  enums: EnumFacet[];
  ranges: RangeFacet[];
  price: { listed: number; quote: number };
  inStock: number;
};

type Condition = { facet: string; clause: SQL };

const SUMMARY_COLUMNS = sql.raw(`p.id, p.slug, p.part_number AS partNumber, p.name, p.manufacturer, p.summary,
  p.price_cents AS priceCents, p.min_order_qty AS minOrderQty, p.pack_size AS packSize,
  p.lead_time_days AS leadTimeDays, p.in_stock AS inStock,
  coalesce(p.image_path, '/images/categories/' || c.slug || '.svg') AS imagePath,
  c.slug AS categorySlug, c.name AS categoryName`);

// Weights of name, part_number, part_number_key, manufacturer, summary, spec_text.
const RANK = sql.raw("bm25(products_fts, 10.0, 8.0, 8.0, 4.0, 2.0, 1.0)");

function scopeParts(scope: ListingScope) {
  if ("match" in scope) {
    return {
      from: sql.raw("products_fts JOIN products p ON p.id = products_fts.rowid"),
      where: sql`products_fts MATCH ${scope.match} AND p.status = 'active'`,
    };
  }
  return {
    from: sql.raw("products p"),
    where: sql`p.category_id IN ${scope.categoryIds} AND p.status = 'active'`,
  };
}

function filterConditions(filters: CatalogFilters, specsByKey: ReadonlyMap<string, SpecDefinition>): Condition[] {
  const conditions: Condition[] = [];
  if (filters.manufacturers.length) {
    conditions.push({ facet: "mfr", clause: sql`p.manufacturer IN ${filters.manufacturers}` });
  }
  for (const [key, selected] of Object.entries(filters.enums)) {
    const spec = specsByKey.get(key);
    if (!spec) continue;
    conditions.push({
      facet: key,
      clause: sql`p.id IN (SELECT product_id FROM product_specs WHERE spec_id = ${spec.id} AND value_text IN ${selected})`,
    });
  }
  for (const [key, { min, max }] of Object.entries(filters.ranges)) {
    const spec = specsByKey.get(key);
    if (!spec) continue;
    conditions.push({
      facet: key,
      clause: sql`p.id IN (SELECT product_id FROM product_specs WHERE spec_id = ${spec.id}
        AND value_num >= ${min ?? -1e308} AND value_num <= ${max ?? 1e308})`,
    });
  }
  if (filters.price === "listed") conditions.push({ facet: "price", clause: sql`p.price_cents IS NOT NULL` });
  if (filters.price === "quote") conditions.push({ facet: "price", clause: sql`p.price_cents IS NULL` });
  if (filters.inStock) conditions.push({ facet: "stock", clause: sql`p.in_stock = 1` });
  if (filters.maxLeadDays !== undefined) {
    conditions.push({ facet: "stock", clause: sql`p.lead_time_days <= ${filters.maxLeadDays}` });
  }
  return conditions;
}

function whereAll(base: SQL, conditions: Condition[], except?: string) {
  const clauses = [base, ...conditions.filter((c) => c.facet !== except).map((c) => c.clause)];
  return sql.join(clauses, sql` AND `);
}

function orderBy(sort: SortKey, scope: ListingScope) {
  switch (sort) {
    case "name":
      return sql`p.name, p.id`;
    case "price-asc":
      return sql`p.price_cents IS NULL, p.price_cents, p.name`;
    case "price-desc":
      return sql`p.price_cents IS NULL, p.price_cents DESC, p.name`;
    case "lead-time":
      return sql`p.lead_time_days, p.name`;
    case "relevance":
      return "match" in scope ? sql`${RANK}, p.id` : sql`p.featured DESC, p.in_stock DESC, p.name, p.id`;
  }
}

/**
 * One page of products with their total and the facets a buyer can still narrow by. Facet counts
 * are disjunctive: each facet is counted under every filter except its own, so ticking a second
 * manufacturer shows what it would add.
 */
export function listProducts(
  scope: ListingScope,
  filters: CatalogFilters,
  specs: SpecDefinition[],
): { products: ProductSummary[]; total: number; facets: Facets } {
  const specsByKey = new Map(specs.map((spec) => [spec.key, spec]));
  const specsById = new Map(specs.map((spec) => [spec.id, spec]));
  const { from, where } = scopeParts(scope);
  const conditions = filterConditions(filters, specsByKey);
  const filteredIds = (except?: string) => sql`SELECT p.id FROM ${from} WHERE ${whereAll(where, conditions, except)}`;

  const products = db
    .all<ProductSummary>(
      sql`SELECT ${SUMMARY_COLUMNS} FROM ${from} JOIN categories c ON c.id = p.category_id
        WHERE ${whereAll(where, conditions)}
        ORDER BY ${orderBy(filters.sort, scope)}
        LIMIT ${PAGE_SIZE} OFFSET ${(filters.page - 1) * PAGE_SIZE}`,
    )
    .map((row) => ({ ...row, inStock: Boolean(row.inStock) }));
  const { total } = db.get<{ total: number }>(
    sql`SELECT count(*) AS total FROM ${from} WHERE ${whereAll(where, conditions)}`,
  );

  const specScope = "categoryIds" in scope ? sql`ps.category_id IN ${scope.categoryIds} AND ` : sql``;

  // Enum counts: one query for facets without a selection, one per facet that has one.
  const selectedEnumIds = Object.keys(filters.enums).flatMap((key) => specsByKey.get(key)?.id ?? []);
  const enumCounts = db.all<{ specId: number; value: string; count: number }>(
    sql`SELECT ps.spec_id AS specId, ps.value_text AS value, count(*) AS count FROM product_specs ps
      WHERE ${specScope} ps.value_text IS NOT NULL
        ${selectedEnumIds.length ? sql`AND ps.spec_id NOT IN ${selectedEnumIds}` : sql``}
        AND ps.product_id IN (${filteredIds()})
      GROUP BY ps.spec_id, ps.value_text`,
  );
  for (const specId of selectedEnumIds) {
    enumCounts.push(
      ...db.all<{ specId: number; value: string; count: number }>(
        sql`SELECT ps.spec_id AS specId, ps.value_text AS value, count(*) AS count FROM product_specs ps
          WHERE ${specScope} ps.spec_id = ${specId}
            AND ps.product_id IN (${filteredIds(specsById.get(specId)?.key)})
          GROUP BY ps.value_text`,
      ),
    );
  }

  const bounds = db.all<{ specId: number; min: number; max: number }>(
    sql`SELECT ps.spec_id AS specId, min(ps.value_num) AS min, max(ps.value_num) AS max FROM product_specs ps
      WHERE ${specScope} ps.value_num IS NOT NULL
        ${"match" in scope ? sql`AND ps.product_id IN (SELECT p.id FROM ${from} WHERE ${where})` : sql``}
      GROUP BY ps.spec_id`,
  );

  const manufacturers = db.all<{ value: string; count: number }>(
    sql`SELECT p.manufacturer AS value, count(*) AS count FROM ${from}
      WHERE ${whereAll(where, conditions, "mfr")} GROUP BY p.manufacturer ORDER BY p.manufacturer`,
  );
  const price = db.get<{ listed: number | null; quote: number | null }>(
    sql`SELECT sum(p.price_cents IS NOT NULL) AS listed, sum(p.price_cents IS NULL) AS quote FROM ${from}
      WHERE ${whereAll(where, conditions, "price")}`,
  );
  const stock = db.get<{ inStock: number | null }>(
    sql`SELECT sum(p.in_stock) AS inStock FROM ${from} WHERE ${whereAll(where, conditions, "stock")}`,
  );

  return {
    products,
    total,
    facets: {
      manufacturers: manufacturers.map((m) => ({ ...m, selected: filters.manufacturers.includes(m.value) })),
      enums: buildEnumFacets(enumCounts, specs, filters),
      ranges: bounds
        .flatMap(({ specId, min, max }) => {
          const spec = specsById.get(specId);
          const selected = spec ? filters.ranges[spec.key] : undefined;
          if (!spec || (min === max && !selected)) return [];
          return [{ key: spec.key, label: spec.label, unit: spec.unit, min, max, selected: selected ?? {}, position: spec.position }];
        })
        .sort((a, b) => a.position - b.position)
        .map(({ position: _position, ...facet }) => facet),
      price: { listed: price.listed ?? 0, quote: price.quote ?? 0 },
      inStock: stock.inStock ?? 0,
    },
  };
}

function buildEnumFacets(
  counts: { specId: number; value: string; count: number }[],
  specs: SpecDefinition[],
  filters: CatalogFilters,
): EnumFacet[] {
  return specs.flatMap((spec) => {
    if (spec.kind !== "enum") return [];
    const selected = filters.enums[spec.key] ?? [];
    const values = counts
      .filter((row) => row.specId === spec.id)
      .map((row) => ({ value: row.value, count: row.count, selected: selected.includes(row.value) }));
    // A selected value that no longer matches anything still shows, so it can be unticked.
    for (const value of selected) {
      if (!values.some((v) => v.value === value)) values.push({ value, count: 0, selected: true });
    }
    if (values.length < 2 && selected.length === 0) return [];
    values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return [{ key: spec.key, label: spec.label, values }];
  });
}

/** Everything a category or search page lists: the parsed filters, a page of products and their specs. */
export function getListingPage(
  scope: ListingScope,
  filters: CatalogFilters,
  specs: SpecDefinition[],
) {
  const listing = listProducts(scope, filters, specs);
  const specsByProduct: Record<number, ProductSpec[]> = {};
  for (const spec of listSpecsForProducts(listing.products.map((p) => p.id))) {
    (specsByProduct[spec.productId] ??= []).push(spec);
  }
  return { ...listing, specsByProduct };
}
