import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pricingForRequest } from "~/accounts/company-prices.server";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RESULTS_ID } from "~/catalog/components/facet-panel";
import { listingHandle, ListingResults } from "~/catalog/components/listing-results";
import { SearchForm } from "~/catalog/components/search-form";
import { activeFilterCount, cleanListingUrl, parseCatalogFilters, pastLastPageUrl } from "~/catalog/catalog-filters";
import { pageMeta } from "~/lib/seo";
import { listCategoryTree } from "~/catalog/category.server";
import { findExactPartNumber, isOnlyCommonWords, readSearchAhead, searchProducts } from "~/catalog/search.server";
import { catalogIndexReady } from "~/catalog/catalog-index.server";
import { listSpecDefinitions, specKindsByKey } from "~/catalog/spec.server";
import { queryText } from "~/lib/plain-text";

const MAX_QUERY_LENGTH = 200;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageMeta({
    title: data?.query ? `Search: ${data.query}` : "Search the catalog",
    description: "Search IronAxis' catalog by part number, product name, manufacturer or specification.",
    path: "/search",
    matches,
  }),
  { name: "robots", content: "noindex" },
];

export const handle = listingHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const clean = cleanListingUrl(url);
  if (clean) throw redirect(clean);
  const params = url.searchParams;
  const query = queryText(params.get("q"), MAX_QUERY_LENGTH);
  if (query && !params.has("page")) {
    const exact = findExactPartNumber(query);
    if (exact) throw redirect(`/products/${exact.slug}`);
  }
  const specs = listSpecDefinitions();
  const filters = parseCatalogFilters(params, specKindsByKey(specs));
  if (query) {
    await catalogIndexReady();
    await readSearchAhead(query);
  }
  const listing = query ? searchProducts(query, filters, specs, await pricingForRequest(request)) : undefined;
  const lastPage = listing && pastLastPageUrl(url, filters.page, listing.total);
  if (lastPage) throw redirect(lastPage);
  const categories = listing?.total ? [] : listCategoryTree().map(({ slug, name }) => ({ slug, name }));
  const didYouMean = listing?.didYouMean ?? null;
  const onlyCommonWords = query !== "" && !listing && isOnlyCommonWords(query);
  return { query, filters, listing: listing ?? null, categories, didYouMean, onlyCommonWords };
}

export default function SearchPage() {
  const { query, filters, listing, categories, didYouMean, onlyCommonWords } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const filtered = activeFilterCount(filters) > 0;
  return (
    <>
      <header className="page-header">
        <h1>{query ? <>Results for “{query}”</> : "Search the catalog"}</h1>
        <SearchForm id="search-page-input" defaultValue={query} landmark="Search again" />
        {didYouMean ? (
          <p className="did-you-mean">
            Nothing matches “{query}” as typed; these match “{didYouMean}”. Did you mean{" "}
            <Link to={`/search?q=${encodeURIComponent(didYouMean)}`}>{didYouMean}</Link>?
          </p>
        ) : null}
      </header>
      {listing && listing.total > 0 ? (
        <ListingResults
          listing={listing}
          filters={filters}
          search={search}
          action="/search"
          query={query}
          clearHref={`/search?q=${encodeURIComponent(query)}`}
        />
      ) : (
        <section id={RESULTS_ID} className="empty-state" aria-live="polite">
          {onlyCommonWords ? (
            <p>
              “{query}” holds only common words such as “a”, “the” or “of”, which every product has: type what the
              product is, a spec or a part number.
            </p>
          ) : query ? (
            <p>
              No products match “{query}”{filtered ? " with these filters" : ""}.
            </p>
          ) : null}
          {filtered ? (
            <p>
              <Link to={`/search?q=${encodeURIComponent(query)}`}>Search again without filters</Link>
            </p>
          ) : null}
          <ul className="tips">
            <li>Type a part number (for example the code on a nameplate) to go straight to the product.</li>
            <li>Search by what it is and what matters: “316 pressure gauge”, “ATEX flow meter”, “LFP 200 kWh”.</li>
            <li>
              Can’t find it? <Link to="/quote">Ask us for a quote</Link> with a description: we source beyond the
              catalog.
            </li>
          </ul>
          {categories.length ? (
            <>
              <h2>Browse by category</h2>
              <ul className="inline-list">
                {categories.map((category) => (
                  <li key={category.slug}>
                    <Link to={`/categories/${category.slug}`} prefetch="intent">
                      {category.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
