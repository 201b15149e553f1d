/**
 * Catalog filters as they live in the URL, shared by category and search pages:
 *   mfr=…            manufacturer (repeatable)
 *   <enum key>=…     an enum spec value (repeatable), e.g. material=316+stainless+steel
 *   <key>_min, <key>_max   a number spec range, in the spec's unit
 *   price=listed|quote, stock=in, lead=<max days>, sort=…, page=…
 */

export const SORTS = ["relevance", "name", "price-asc", "price-desc", "lead-time"] as const;
export type SortKey = (typeof SORTS)[number];

export const PAGE_SIZE = 24;
const MAX_VALUES_PER_FILTER = 50;
const MAX_VALUE_LENGTH = 200;
const MAX_PAGE = 10_000;

export type SpecKind = "number" | "enum";

export type CatalogFilters = {
  manufacturers: string[];
  enums: Record<string, string[]>;
  ranges: Record<string, { min?: number; max?: number }>;
  price?: "listed" | "quote";
  inStock: boolean;
  maxLeadDays?: number;
  sort: SortKey;
  page: number;
};

function values(params: URLSearchParams, name: string) {
  const unique = new Set<string>();
  for (const raw of params.getAll(name)) {
    const value = raw.trim().slice(0, MAX_VALUE_LENGTH);
    if (value) unique.add(value);
    if (unique.size >= MAX_VALUES_PER_FILTER) break;
  }
  return [...unique];
}

function finiteNumber(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export function parseCatalogFilters(
  params: URLSearchParams,
  specKinds: ReadonlyMap<string, SpecKind>,
  defaultSort: SortKey,
): CatalogFilters {
  const enums: CatalogFilters["enums"] = {};
  const ranges: CatalogFilters["ranges"] = {};
  for (const [key, kind] of specKinds) {
    if (kind === "enum") {
      const selected = values(params, key);
      if (selected.length) enums[key] = selected;
    } else {
      const min = finiteNumber(params.get(`${key}_min`));
      const max = finiteNumber(params.get(`${key}_max`));
      if (min !== undefined || max !== undefined) ranges[key] = { min, max };
    }
  }
  const price = params.get("price");
  const sort = params.get("sort");
  const lead = finiteNumber(params.get("lead"));
  const page = Math.trunc(finiteNumber(params.get("page")) ?? 1);
  return {
    manufacturers: values(params, "mfr"),
    enums,
    ranges,
    price: price === "listed" || price === "quote" ? price : undefined,
    inStock: params.get("stock") === "in",
    maxLeadDays: lead !== undefined && lead >= 0 ? Math.min(Math.trunc(lead), 3650) : undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : defaultSort,
    page: Math.min(Math.max(page, 1), MAX_PAGE),
  };
}

export function activeFilterCount(filters: CatalogFilters) {
  return (
    filters.manufacturers.length +
    Object.values(filters.enums).reduce((sum, list) => sum + list.length, 0) +
    Object.keys(filters.ranges).length +
    (filters.price ? 1 : 0) +
    (filters.inStock ? 1 : 0) +
    (filters.maxLeadDays !== undefined ? 1 : 0)
  );
}
