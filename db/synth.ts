/**
 * `npm run db:synth -- --products 100000 [--database data/synth-100k.db] [--seed 42]`
 * Builds a large synthetic catalog for benchmarks: the real seed catalog first, then products
 * modelled on it (same categories, spec keys and value ranges), deterministic for a given seed.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    products: { type: "string", default: "100000" },
    database: { type: "string" },
    seed: { type: "string", default: "42" },
  },
});
const total = Number(args.products);
if (!Number.isSafeInteger(total) || total < 1) throw new Error("--products must be a positive whole number");
const file = args.database ?? `data/synth-${total}.db`;
fs.rmSync(file, { force: true });
fs.rmSync(`${file}-wal`, { force: true });
fs.rmSync(`${file}-shm`, { force: true });
process.env.DATABASE_PATH = file;

const { db, sqlite } = await import("../app/lib/db.server");
const { migrateDatabase } = await import("./migrate");
const { seedIfEmpty, seedProducts } = await import("./seed");
const { createProduct } = await import("../app/catalog/product.server");
const { seedShippingWeight } = await import("./seed/shipping-weight");
const { categories, specDefinitions } = await import("./schema");

migrateDatabase(db);
seedIfEmpty();
const categoryIds = new Map(
  db
    .select()
    .from(categories)
    .all()
    .map((c) => [c.slug, c.id]),
);
const definitions = new Map(
  db
    .select()
    .from(specDefinitions)
    .all()
    .map((d) => [d.key, d]),
);

// Deterministic pseudo-random numbers (mulberry32), so two runs build the same catalog.
let state = Number(args.seed) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
const vary = (value: number) => Math.round(value * (0.5 + random()) * 100) / 100;

const templatesByCategory = new Map<string, typeof seedProducts>();
for (const product of seedProducts) {
  templatesByCategory.set(product.category, [...(templatesByCategory.get(product.category) ?? []), product]);
}
const enumValues = new Map<string, string[]>();
for (const product of seedProducts) {
  for (const [key, value] of Object.entries(product.specs)) {
    if (typeof value === "number") continue;
    const bucket = `${product.category}:${key}`;
    enumValues.set(bucket, [
      ...new Set([...(enumValues.get(bucket) ?? []), ...(Array.isArray(value) ? value : [value])]),
    ]);
  }
}
const series = ["Pro", "HD", "Max", "Eco", "Plus", "XL", "Compact", "Duty", "Prime", "Flex"];
const categorySlugs = [...templatesByCategory.keys()];

const started = performance.now();
const batch = 5_000;
for (let done = 0; done < total; done += batch) {
  db.transaction(() => {
    for (let i = done; i < Math.min(done + batch, total); i++) {
      const category = categorySlugs[i % categorySlugs.length];
      const template = pick(templatesByCategory.get(category)!);
      const specs: Record<string, number | string | string[]> = {};
      for (const [key, value] of Object.entries(template.specs)) {
        if (typeof value === "number") specs[key] = vary(value);
        else if (Array.isArray(value))
          specs[key] = enumValues
            .get(`${category}:${key}`)!
            .filter(() => random() < 0.5)
            .slice(0, 4);
        else specs[key] = pick(enumValues.get(`${category}:${key}`)!);
      }
      const model = `${pick(series)} ${100 + (i % 900)}`;
      createProduct(
        {
          ...template,
          partNumber: `SX${i.toString(36).toUpperCase().padStart(5, "0")}-${category.slice(0, 3).toUpperCase()}`,
          name: `${template.name.replace(/,.*$/, "")} ${model}`,
          priceCents: random() < 0.6 ? Math.round((template.priceCents ?? 500_000) * (0.5 + random())) : null,
          leadTimeDays: Math.max(1, Math.round(template.leadTimeDays * (0.5 + random()))),
          inStock: random() < 0.4,
          featured: false,
          categoryId: categoryIds.get(category)!,
          specs,
          shippingWeight: seedShippingWeight({ ...template, specs }),
        },
        definitions,
      );
    }
  });
}
sqlite.pragma("optimize");
sqlite.exec("ANALYZE");
console.info(`${file}: ${total} synthetic products in ${((performance.now() - started) / 1000).toFixed(1)} s`);
sqlite.close();
