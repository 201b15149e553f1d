import { Link } from "@remix-run/react";
import { activeFilterCount, type CatalogFilters } from "~/lib/catalog-filters";
import type { getListingPage } from "~/models/product-listing.server";
import { FacetPanel } from "./facet-panel";
import { Pagination } from "./pagination";
import { ProductTable } from "./product-table";

type Listing = ReturnType<typeof getListingPage>;

/** The shared body of category and search pages: filters beside a page of product rows. */
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
  const active = activeFilterCount(filters);
  return (
    <div className="listing">
      <aside className="listing__filters">
        <h2 className="visually-hidden">Filters</h2>
        <FacetPanel facets={listing.facets} filters={filters} query={query} action={action} />
      </aside>
      <section className="listing__results" aria-labelledby="results-heading">
        <div className="listing__summary">
          <h2 id="results-heading">
            {listing.total.toLocaleString("en-US")} {listing.total === 1 ? "product" : "products"}
          </h2>
          {active ? (
            <p>
              {active} {active === 1 ? "filter" : "filters"} applied · <Link to={clearHref}>Clear all filters</Link>
            </p>
          ) : null}
        </div>
        {listing.products.length ? (
          <ProductTable products={listing.products} specsByProduct={listing.specsByProduct} />
        ) : (
          <div className="empty-state">
            <p>No products match these filters.</p>
            {active ? <Link to={clearHref}>Clear all filters</Link> : null}
          </div>
        )}
        <Pagination page={filters.page} total={listing.total} search={search} />
      </section>
    </div>
  );
}
