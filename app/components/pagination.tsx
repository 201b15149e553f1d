import { Link } from "@remix-run/react";
import { PAGE_SIZE } from "~/catalog/catalog-filters";
import { approximately } from "~/lib/plural";

export function Pagination({
  page,
  total,
  search,
  pageSize = PAGE_SIZE,
  param = "page",
  label = "Pages",
  approximate = false,
}: {
  page: number;
  /** How many items in all; estimated when `approximate`, so the number of pages is shown as "about". */
  total: number;
  approximate?: boolean;
  search: URLSearchParams;
  pageSize?: number;
  /** The query parameter that holds the page, for a page with two lists. */
  param?: string;
  label?: string;
}) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const href = (target: number) => {
    const next = new URLSearchParams(search);
    if (target === 1) next.delete(param);
    else next.set(param, String(target));
    const query = next.toString();
    return query ? `?${query}` : "?";
  };
  return (
    <nav aria-label={label} className="pagination">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" prefetch="intent">
          ← Previous
        </Link>
      ) : null}
      <span>
        Page {page} of {approximate ? `about ${approximately(pages)}` : pages}
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next" prefetch="intent">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
