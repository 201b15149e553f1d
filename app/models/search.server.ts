import type { SpecDefinition } from "../../db/schema";
import type { CatalogFilters } from "~/lib/catalog-filters";
import { partNumberKey } from "~/lib/slug";
import { getCatalogIndex } from "./catalog-index.server";
import { findProductByPartNumber, listProductsByIds } from "./product.server";
import { getListingPage, rankedMatchOrdinals } from "./product-listing.server";

const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 40;

/**
 * Turns whatever a buyer typed into safe FTS5 terms: words only (so quotes, operators and markup
 * are never syntax), each matched as a prefix so results come while typing. Input that looks
 * like a part number ("PG63-SS/16B": one "word" with separators and a digit) also yields its
 * normalised key, matched against the part-number column.
 */
function parseQuery(input: string) {
  const terms = [...new Set(input.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [])]
    .slice(0, MAX_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH).toLowerCase());
  if (terms.length === 0) return undefined;
  const words = terms.map((term) => `"${term}"*`).join(" AND ");
  const key = partNumberKey(input.slice(0, 200)).toLowerCase();
  // Typed as one code, without spaces ("iax-d", "pg63"): part numbers starting so come first.
  const codeLike = key.length >= 3 && (terms.length > 1 || /\d/.test(key)) && !/\s/.test(input.trim());
  // Only a code with separators and a digit also widens the match to its part-number key.
  const looksLikePartNumber = codeLike && terms.length > 1 && /\d/.test(key);
  return { words, partNumberKey: looksLikePartNumber ? key : undefined, codePrefix: codeLike ? key : undefined };
}

const matchOf = ({ words, partNumberKey }: NonNullable<ReturnType<typeof parseQuery>>) =>
  partNumberKey ? `(${words}) OR part_number_key : "${partNumberKey}"*` : words;

/** Everything the input matches, as one FTS5 query. */
export function buildMatchQuery(input: string): string | undefined {
  const query = parseQuery(input);
  return query && matchOf(query);
}

/**
 * A search as FTS5 queries: `match`, over everything indexed, for what it finds; and `tiers`,
 * best first, over the title index (name, part numbers, manufacturer), that order what it finds:
 * for input typed as one code, the part number typed exactly, then as a prefix; then every word
 * in the name, then in the title; matches in the summary and specs only come last. Within a tier
 * the catalog's own order holds (featured, in stock, name).
 */
export type SearchQuery = { match: string; tiers: string[] };

function buildSearchQuery(input: string): SearchQuery | undefined {
  const query = parseQuery(input);
  if (!query) return undefined;
  const key = query.codePrefix;
  return {
    match: matchOf(query),
    tiers: [
      ...(key ? [`part_number_key : "${key}"`, `part_number_key : "${key}"*`] : []),
      `name : (${query.words})`,
      query.words,
    ],
  };
}

/** An exact part number goes straight to its product, as a catalog counter clerk would. */
export function findExactPartNumber(input: string) {
  const trimmed = input.trim();
  if (trimmed.length < 3 || trimmed.length > 64 || !/\d/.test(trimmed)) return undefined;
  return findProductByPartNumber(trimmed);
}

export function searchProducts(input: string, filters: CatalogFilters, specs: SpecDefinition[]) {
  const search = buildSearchQuery(input);
  if (!search) return undefined;
  return getListingPage({ search }, filters, specs);
}

/** The best few matches for a search box that suggests as the buyer types. */
export function suggestProducts(input: string, limit = 8) {
  const search = buildSearchQuery(input);
  if (!search) return [];
  const index = getCatalogIndex();
  const ids = Array.from(rankedMatchOrdinals(index, search).subarray(0, limit), (ordinal) => index.ids[ordinal]);
  return listProductsByIds(ids).map(({ name, partNumber, slug }) => ({ name, partNumber, slug }));
}
