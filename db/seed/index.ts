import { count } from "drizzle-orm";
import { categories, products, specDefinitions } from "../schema";
import { seedCategories } from "./categories";
import { products as foodProducts } from "./products/food-processing-systems";
import { products as industrialProducts } from "./products/industrial-equipment";
import { products as instrumentProducts } from "./products/instruments";
import { products as machineryProducts } from "./products/machinery";
import { products as energyProducts } from "./products/new-energy-solutions";
import { seedSpecDefinitions } from "./spec-definitions";
import { seedShippingWeight } from "./shipping-weight";
import type { SeedProduct } from "./types";
import { db, writeTransaction } from "../../app/lib/db.server";
import { createArticle } from "../../app/news/news.server";
import { createProduct } from "../../app/catalog/product.server";
import { seedArticles } from "./news";
import { seedSitePages } from "./pages";
import { insertMissingSitePages } from "../../app/content/site-page.server";

export const seedProducts: SeedProduct[] = [
  ...industrialProducts,
  ...instrumentProducts,
  ...machineryProducts,
  ...foodProducts,
  ...energyProducts,
];

/** Writes the categories and spec vocabulary; returns what products need to refer to them. */
export function seedVocabulary() {
  const categoryIds = new Map<string, number>();
  seedCategories.forEach((top, position) => {
    const { id } = db
      .insert(categories)
      .values({ slug: top.slug, name: top.name, description: top.description, position })
      .returning({ id: categories.id })
      .get();
    categoryIds.set(top.slug, id);
    top.children.forEach((child, childPosition) => {
      const row = db
        .insert(categories)
        .values({ ...child, parentId: id, position: childPosition })
        .returning({ id: categories.id })
        .get();
      categoryIds.set(child.slug, row.id);
    });
  });
  const definitions = db
    .insert(specDefinitions)
    .values(seedSpecDefinitions.map((spec, position) => ({ ...spec, position })))
    .returning()
    .all();
  return { categoryIds, definitions: new Map(definitions.map((d) => [d.key, d])) };
}

/**
 * Seeds the hand-written catalog into an empty database; a database with data is left alone. The
 * site's own pages are added wherever one is missing (a database made before they existed gets
 * them), and a page sales has edited is never overwritten.
 */
export function seedIfEmpty(): { seeded: boolean; products: number } {
  return writeTransaction(() => {
    insertMissingSitePages(seedSitePages);
    const [{ value: existing }] = db.select({ value: count() }).from(categories).all();
    if (existing > 0) {
      const [{ value }] = db.select({ value: count() }).from(products).all();
      return { seeded: false, products: value };
    }
    const { categoryIds, definitions } = seedVocabulary();
    for (const product of seedProducts) {
      const categoryId = categoryIds.get(product.category);
      if (!categoryId) throw new Error(`Unknown category "${product.category}" on ${product.partNumber}`);
      createProduct({ ...product, shippingWeight: seedShippingWeight(product), categoryId }, definitions);
    }
    for (const { categories: slugs, ...article } of seedArticles) {
      createArticle({ ...article, status: "published", categoryIds: slugs.map((slug) => categoryIds.get(slug)!) });
    }
    return { seeded: true, products: seedProducts.length };
  });
}
