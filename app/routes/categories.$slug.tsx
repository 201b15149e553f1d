import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pricingForRequest } from "~/accounts/company-prices.server";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArticleCard } from "~/news/components/article-card";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listingHandle, ListingResults } from "~/catalog/components/listing-results";
import { cleanListingUrl, parseCatalogFilters, pastLastPageUrl } from "~/catalog/catalog-filters";
import { pageMeta } from "~/lib/seo";
import { imageUrl, useImageVersions } from "~/catalog/image-url";
import { getCategory } from "~/catalog/category.server";
import { listArticlesForCategory } from "~/news/news.server";
import { getListingPage } from "~/catalog/product-listing.server";
import { catalogIndexReady } from "~/catalog/catalog-index.server";
import { listSpecDefinitions, specKindsByKey } from "~/catalog/spec.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageMeta({
        title: data.category.name,
        description: data.category.description,
        path: `/categories/${data.category.slug}`,
        matches,
      })
    : [{ title: "Category not found · IronAxis" }];

export const handle = listingHandle;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = getCategory({ slug: params.slug ?? "" });
  if (!found) throw new Response("Category not found", { status: 404 });
  const url = new URL(request.url);
  const clean = cleanListingUrl(url);
  if (clean) throw redirect(clean);
  const specs = listSpecDefinitions();
  const filters = parseCatalogFilters(url.searchParams, specKindsByKey(specs));
  await catalogIndexReady();
  const listing = getListingPage({ categoryId: found.category.id }, filters, specs, await pricingForRequest(request));
  const lastPage = pastLastPageUrl(url, filters.page, listing.total);
  if (lastPage) throw redirect(lastPage);
  const { category, trail } = found;
  return {
    category: { slug: category.slug, name: category.name, description: category.description },
    children: category.children.map(({ slug, name }) => ({ slug, name })),
    trail: trail.map(({ slug, name }) => ({ name, to: `/categories/${slug}` })),
    filters,
    listing,
    news: listArticlesForCategory(category.id),
  };
}

export default function CategoryPage() {
  const { category, children, trail, filters, listing, news } = useLoaderData<typeof loader>();
  const images = useImageVersions();
  const [search] = useSearchParams();
  return (
    <>
      <Breadcrumbs items={trail} />
      <header className="page-header">
        <h1>{category.name}</h1>
        <p>{category.description}</p>
      </header>
      {children.length ? (
        <nav aria-label={`${category.name} sub-categories`} className="subcategories">
          <ul>
            {children.map((child) => (
              <li key={child.slug}>
                <img src={imageUrl(images, `/images/categories/${child.slug}.svg`)} alt="" width={96} height={72} />
                <Link to={`/categories/${child.slug}`} prefetch="intent">
                  {child.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ListingResults
        listing={listing}
        filters={filters}
        search={search}
        action={`/categories/${category.slug}`}
        clearHref={`/categories/${category.slug}`}
      />
      {news.length ? (
        <section aria-labelledby="category-news" className="category-news">
          <h2 id="category-news">Industry news</h2>
          <div className="news-list news-list--row">
            {news.map((article) => (
              <ArticleCard key={article.id} article={article} />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
