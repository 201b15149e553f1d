import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pricingForRequest, withYourPrices } from "~/accounts/company-prices.server";
import { Link, useLoaderData } from "@remix-run/react";
import { ArticleCard } from "~/news/components/article-card";
import { ProductCard } from "~/catalog/components/product-card";
import { SearchForm } from "~/catalog/components/search-form";
import { COMPANY_BLURB } from "~/lib/company";
import { imageUrl, useImageVersions } from "~/catalog/image-url";
import { pageMeta } from "~/lib/seo";
import { listCategoryTree } from "~/catalog/category.server";
import { listLatestArticles } from "~/news/news.server";
import { listFeaturedProducts } from "~/catalog/product.server";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta({
    title: "IronAxis — industrial equipment, instruments and machinery",
    description: COMPANY_BLURB,
    path: "/",
    matches,
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const featured = withYourPrices(await pricingForRequest(request), listFeaturedProducts(8));
  return { categories: listCategoryTree(), featured, news: listLatestArticles(3) };
}

export default function Home() {
  const { categories, featured, news } = useLoaderData<typeof loader>();
  const images = useImageVersions();
  return (
    <>
      <section className="hero">
        <h1>Industrial equipment, instruments and machinery — specified, quoted and shipped</h1>
        <p>{COMPANY_BLURB}</p>
        <SearchForm id="home-search" landmark="Find a product" />
        <p className="hero__hint">
          Know the part number? Type it and go straight to the product. Need something engineered?{" "}
          <Link to="/quote">Request a quote</Link>.
        </p>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">Shop by category</h2>
        <ul className="category-grid">
          {categories.map((category) => (
            <li key={category.slug} className="category-tile">
              <img src={imageUrl(images, `/images/categories/${category.slug}.svg`)} alt="" width={240} height={180} />
              <h3>
                <Link to={`/categories/${category.slug}`} prefetch="intent">
                  {category.name}
                </Link>
              </h3>
              <ul>
                {category.children.map((child) => (
                  <li key={child.slug}>
                    <Link to={`/categories/${child.slug}`} prefetch="intent">
                      {child.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      {featured.length ? (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">Featured equipment</h2>
          <div className="card-grid">
            {featured.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </div>
        </section>
      ) : null}

      {news.length ? (
        <section aria-labelledby="news-heading">
          <h2 id="news-heading">Latest industry news</h2>
          <div className="news-list news-list--row">
            {news.map((article) => (
              <ArticleCard key={article.id} article={article} />
            ))}
          </div>
          <p>
            <Link to="/news" prefetch="intent">
              All industry news
            </Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
