import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArticleCard } from "~/components/article-card";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListingResults } from "~/components/listing-results";
import { parseCatalogFilters } from "~/lib/catalog-filters";
import { pageMeta } from "~/lib/seo";
import { getCategory } from "~/models/category.server";
import { listArticlesForCategory } from "~/models/news.server";
import { getListingPage } from "~/models/product-listing.server";
import { listSpecDefinitions, specKindsByKey } from "~/models/spec.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageMeta({
        title: data.category.name,
        description: data.category.description,
        path: `/categories/${data.category.slug}`,
        matches,
      })
    : [{ title: "Category not found · IronAxis" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = getCategory({ slug: params.slug ?? "" });
  if (!found) throw new Response("Category not found", { status: 404 });
  const specs = listSpecDefinitions();
  const filters = parseCatalogFilters(new URL(request.url).searchParams, specKindsByKey(specs), "relevance");
  const listing = getListingPage({ categoryId: found.category.id }, filters, specs);
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
                <img src={`/images/categories/${child.slug}.svg`} alt="" width={96} height={72} />
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
