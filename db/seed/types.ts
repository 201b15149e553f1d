/** Shapes of the hand-written seed catalog. */

export type SeedSpecDefinition = {
  key: string;
  label: string;
  /** Unit of a number spec, as shown to buyers ("kW", "bar", "m³/h"); null for enums. */
  unit: string | null;
  kind: "number" | "enum";
};

export type SeedCategory = {
  slug: string;
  name: string;
  description: string;
  children: { slug: string; name: string; description: string }[];
};

export type SeedProduct = {
  partNumber: string;
  name: string;
  manufacturer: string;
  /** Slug of a sub-category from categories.ts. */
  category: string;
  summary: string;
  description: string;
  /** List price in US cents, or null for "price on request". */
  priceCents: number | null;
  minOrderQty: number;
  packSize: number;
  leadTimeDays: number;
  inStock: boolean;
  featured?: boolean;
  /** Keyed by spec key: a number for number specs, a string or strings for enum specs. */
  specs: Record<string, number | string | string[]>;
};
