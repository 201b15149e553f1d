import { slugify } from "~/lib/slug";

/** A tag as an editor wrote it ("LNG", "Central Asia") and its address (/news/tags/central-asia). */
export type ArticleTag = { slug: string; label: string };

/** The tag of `typed`: its words as written, spaces evened out, and their slug. */
export function articleTag(typed: string): ArticleTag {
  const label = typed.trim().replace(/\s+/g, " ");
  return { slug: slugify(label), label };
}

/** Articles per page of /news and /news/tags/:tag. */
export const NEWS_PAGE_SIZE = 10;

/** A page number from the URL: a positive whole number, else 1. */
export function pageFromUrl(params: URLSearchParams) {
  const page = Number(params.get("page") ?? 1);
  return Number.isSafeInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}
