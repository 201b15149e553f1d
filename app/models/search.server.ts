import type { SpecDefinition } from "../../db/schema";
import type { CatalogFilters } from "~/lib/catalog-filters";
import { partNumberKey } from "~/lib/slug";
import { getCatalogIndex } from "./catalog-index.server";
import { findProductByPartNumber, listProductsByIds } from "./product.server";
import { getListingPage, rankedMatchOrdinals } from "./product-listing.server";

const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 40;

/**
 * Turns whatever a buyer typed into a safe FTS5 query: words only (so quotes, operators and
 * markup are never syntax), each matched as a prefix so results come while typing. Input that
 * looks like a part number also matches the normalised part-number column as a prefix.
 */
export function buildMatchQuery(input: string): string | undefined {
  const terms = [...new Set(input.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [])]
    .slice(0, MAX_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH).toLowerCase());
  if (terms.length === 0) return undefined;
  const words = terms.map((term) => `"${term}"*`).join(" AND ");
  const key = partNumberKey(input.slice(0, 200));
  // One "word" with separators and a digit, as "PG63-SS/16B" is typed.
  const looksLikePartNumber = terms.length > 1 && key.length >= 3 && /\d/.test(key) && !/\s/.test(input.trim());
  return looksLikePartNumber ? `(${words}) OR part_number_key : "${key.toLowerCase()}"*` : words;
}

/** An exact part number goes straight to its product, as a catalog counter clerk would. */
export function findExactPartNumber(input: string) {
  const trimmed = input.trim();
  if (trimmed.length < 3 || trimmed.length > 64 || !/\d/.test(trimmed)) return undefined;
  return findProductByPartNumber(trimmed);
}

export function searchProducts(input: string, filters: CatalogFilters, specs: SpecDefinition[]) {
  const match = buildMatchQuery(input);
  if (!match) return undefined;
  return getListingPage({ match }, filters, specs);
}

/** The best few matches for a search box that suggests as the buyer types. */
export function suggestProducts(input: string, limit = 8) {
  const match = buildMatchQuery(input);
  if (!match) return [];
  const index = getCatalogIndex();
  const ids = Array.from(rankedMatchOrdinals(index, match).subarray(0, limit), (ordinal) => index.ids[ordinal]);
  return listProductsByIds(ids).map(({ name, partNumber, slug }) => ({ name, partNumber, slug }));
}
