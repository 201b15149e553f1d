import type { ProductInput } from "../../app/catalog/product.server";

/** Shapes of the hand-written seed catalog. */

export type SeedSpecDefinition = {
  key: string;
  label: string;
  /** Unit of a number spec, as shown to buyers ("kW", "bar", "m³/h"); null for enums. */
  unit: string | null;
  kind: "number" | "enum";
  /** Several values per product, of which a filter wants all that are ticked. */
  matchAll?: boolean;
};

export type SeedCategory = {
  slug: string;
  name: string;
  description: string;
  children: { slug: string; name: string; description: string }[];
};

/** A product as the seed writes it: a category slug instead of an id. */
export type SeedProduct = Omit<ProductInput, "categoryId" | "imagePath"> & {
  /** Slug of a sub-category from categories.ts. */
  category: string;
};
