/** Articles per page of /news and /news/tags/:tag. */
export const NEWS_PAGE_SIZE = 10;

/** A page number from the URL: a positive whole number, else 1. */
export function pageFromUrl(params: URLSearchParams) {
  const page = Number(params.get("page") ?? 1);
  return Number.isSafeInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}
