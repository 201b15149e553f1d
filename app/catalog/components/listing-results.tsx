import { Link, useNavigation } from "@remix-run/react";
import { activeFilterCount, type CatalogFilters } from "~/catalog/catalog-filters";
import type { getListingPage } from "~/catalog/product-listing.server";
import { FacetPanel, RESULTS_ID } from "./facet-panel";
import { Pagination } from "~/components/pagination";
import { ProductTable } from "./product-table";
import { approximately, plural } from "~/lib/plural";

type Listing = ReturnType<typeof getListingPage>;

/** What a listing route gives `handle`: the skip link the root layout adds after "Skip to content". */
export const listingHandle = { skipLink: { href: `#${RESULTS_ID}`, label: "Skip to results" } };

/**
 * The shared body of category and search pages: filters beside a page of product rows (on a
 * phone, the rows first with the filters in a drawer above them).
 */
export function ListingResults({
  listing,
  filters,
  search,
  action,
  query,
  clearHref,
}: {
  listing: Listing;
  filters: CatalogFilters;
  search: URLSearchParams;
  action: string;
  query?: string;
  clearHref: string;
}) {
  const navigation = useNavigation();
  const updating = navigation.state === "loading" && navigation.location.pathname === action;
  const active = activeFilterCount(filters);
  return (
    <div className="listing">
      <aside className="listing__filters">
        <h2 className="visually-hidden">Filters</h2>
        <FacetPanel facets={listing.facets} filters={filters} query={query} action={action} />
      </aside>
      <section
        id={RESULTS_ID}
        tabIndex={-1}
        className="listing__results"
        aria-labelledby="results-heading"
        aria-busy={updating}
      >
        <div className="listing__summary">
          <h2 id="results-heading">
            {listing.estimatedTotal
              ? `About ${approximately(listing.total)} products`
              : plural(listing.total, "product")}
          </h2>
          {active ? (
            <p>
              {plural(active, "filter")} applied · <Link to={clearHref}>Clear all filters</Link>
            </p>
          ) : null}
          <p role="status" className="listing__updating">
            {updating ? "Updating results…" : ""}
          </p>
        </div>
        {listing.products.length ? (
          <ProductTable products={listing.products} />
        ) : (
          <div className="empty-state">
            <p>No products match these filters.</p>
            {active ? <Link to={clearHref}>Clear all filters</Link> : null}
          </div>
        )}
        <Pagination page={filters.page} total={listing.total} approximate={listing.estimatedTotal} search={search} />
      </section>
    </div>
  );
}
