/**
 * Catalog filters as they live in the URL, shared by category and search pages:
 *   mfr=…            manufacturer (repeatable)
 *   <enum key>=…     an enum spec value (repeatable), e.g. material=316+stainless+steel
 *   <key>_min, <key>_max   a number spec range, in the spec's unit
 *   price=listed|quote, stock=in, lead=<max days>, sort=…, page=…
 * A filter URL carries only what was chosen: no empty values, no default sort, no page 1.
 */

export const SORTS = ["relevance", "name", "price-asc", "price-desc", "lead-time"] as const;
export type SortKey = (typeof SORTS)[number];
export const DEFAULT_SORT: SortKey = "relevance";

export const PAGE_SIZE = 24;
const MAX_VALUES_PER_FILTER = 50;
const MAX_VALUE_LENGTH = 200;
const MAX_PAGE = 10_000;

export type SpecKind = "number" | "enum";

export type NumberRange = { min?: number; max?: number };

export type CatalogFilters = {
  manufacturers: string[];
  enums: Record<string, string[]>;
  ranges: Record<string, NumberRange>;
  /**
   * Ranges not applied because they cannot match (minimum above maximum, or not a number), as typed, with why
   * and, when only one of the two is wrong, which.
   */
  invalidRanges: Record<string, NumberRange & { message: string; bound?: "min" | "max" }>;
  price?: "listed" | "quote";
  inStock: boolean;
  maxLeadDays?: number;
  sort: SortKey;
  page: number;
};

export const RANGE_ORDER_MESSAGE = "The minimum is higher than the maximum: lower it or raise the maximum.";
/** A range bound that is not a number (a number field cannot hold one: a link or a typed URL can). */
export const notANumberMessage = (typed: string) =>
  `“${[...typed.trim()].slice(0, 40).join("")}” is not a number: type one, like 10 or 2.5.`;

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
  defaultSort: SortKey = DEFAULT_SORT,
): CatalogFilters {
  const enums: CatalogFilters["enums"] = {};
  const ranges: CatalogFilters["ranges"] = {};
  const invalidRanges: CatalogFilters["invalidRanges"] = {};
  for (const [key, kind] of specKinds) {
    if (kind === "enum") {
      const selected = values(params, key);
      if (selected.length) enums[key] = selected;
    } else {
      const [minTyped, maxTyped] = [params.get(`${key}_min`), params.get(`${key}_max`)];
      const [min, max] = [finiteNumber(minTyped), finiteNumber(maxTyped)];
      const notANumber = [minTyped, maxTyped].findIndex((typed, i) => typed?.trim() && [min, max][i] === undefined);
      if (notANumber >= 0) {
        const bound = notANumber === 0 ? "min" : "max";
        invalidRanges[key] = { min, max, message: notANumberMessage([minTyped, maxTyped][notANumber]!), bound };
      } else if (min !== undefined && max !== undefined && min > max) {
        invalidRanges[key] = { min, max, message: RANGE_ORDER_MESSAGE };
      } else if (min !== undefined || max !== undefined) {
        ranges[key] = { min, max };
      }
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
    invalidRanges,
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

/** The parameters worth keeping in a filter URL: none empty, no default sort, no page 1. */
export function cleanListingParams(entries: Iterable<[string, FormDataEntryValue]>): URLSearchParams {
  const clean = new URLSearchParams();
  for (const [name, value] of entries) {
    if (typeof value !== "string" || value.trim() === "") continue;
    if ((name === "sort" && value === DEFAULT_SORT) || (name === "page" && value.trim() === "1")) continue;
    clean.append(name, value);
  }
  return clean;
}

const withQuery = (pathname: string, params: URLSearchParams) => {
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
};

/** Where a listing URL with parameters not worth keeping belongs, or null when it is clean. */
export function cleanListingUrl(url: URL): string | null {
  const clean = cleanListingParams(url.searchParams);
  return [...clean.keys()].length === [...url.searchParams.keys()].length ? null : withQuery(url.pathname, clean);
}

/** How many pages `total` products fill (one, even when there are none). */
export function pageCount(total: number, pageSize = PAGE_SIZE) {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The last page's URL when `page` is past it, or null. */
export function pastLastPageUrl(url: URL, page: number, total: number, pageSize = PAGE_SIZE): string | null {
  const last = pageCount(total, pageSize);
  if (page <= last) return null;
  const params = new URLSearchParams(url.searchParams);
  if (last === 1) params.delete("page");
  else params.set("page", String(last));
  return withQuery(url.pathname, params);
}
