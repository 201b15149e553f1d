import { asc, count, eq } from "drizzle-orm";
import { categories, products } from "~db/schema";
import { db } from "~/lib/db.server";
import { listAllPublishedArticles } from "~/news/news.server";
import { listSitemapSitePages } from "~/content/site-page.server";

/** Search engines read at most 50,000 URLs per sitemap file; parts stay well below. */
export const SITEMAP_PART_SIZE = 40_000;

export type SitemapEntry = { path: string; lastmod?: string };

export function countSitemapProducts() {
  return db.select({ n: count() }).from(products).where(eq(products.status, "active")).get()?.n ?? 0;
}

/** Pages that are not products: home, categories, the news section and its articles, the site's own pages. */
export function listSitemapPages(): SitemapEntry[] {
  const categoryRows = db
    .select({ slug: categories.slug, updatedAt: categories.updatedAt })
    .from(categories)
    .orderBy(asc(categories.id))
    .all();
  // Every article (the file stays under the 50,000 URLs a sitemap may hold with a few hundred categories).
  const articles = listAllPublishedArticles(SITEMAP_PART_SIZE);
  return [
    { path: "/" },
    ...categoryRows.map((c) => ({ path: `/categories/${c.slug}`, lastmod: c.updatedAt.slice(0, 10) })),
    { path: "/news", lastmod: articles[0]?.publishedOn },
    ...articles.map((a) => ({ path: `/news/${a.slug}`, lastmod: a.updatedAt.slice(0, 10) })),
    ...listSitemapSitePages(),
  ];
}

/** One part of the product URLs, in id order. */
export function listSitemapProducts(part: number): SitemapEntry[] {
  return db
    .select({ slug: products.slug, updatedAt: products.updatedAt })
    .from(products)
    .where(eq(products.status, "active"))
    .orderBy(asc(products.id))
    .limit(SITEMAP_PART_SIZE)
    .offset((part - 1) * SITEMAP_PART_SIZE)
    .all()
    .map((p) => ({ path: `/products/${p.slug}`, lastmod: p.updatedAt.slice(0, 10) }));
}
