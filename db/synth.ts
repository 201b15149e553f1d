/**
 * `npm run db:synth -- --products 100000 [--database data/synth-100k.db] [--seed 42]`
 * Builds a large synthetic catalog for benchmarks: the real seed catalog first, then products
 * modelled on it (same categories, spec keys and value ranges), deterministic for a given seed.
 * Category sizes are skewed as a distributor's are (valves and gauges by the ten thousand, CNC
 * lathes by the hundred): the category ranked r in CATEGORY_RANKING gets a share of 1 / r.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { snapshotFile } from "../app/catalog/catalog-index-snapshot.server";

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
for (const old of [file, `${file}-wal`, `${file}-shm`, snapshotFile(file)]) fs.rmSync(old, { force: true });
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
const batch = 5_000;
const series = ["Pro", "HD", "Max", "Eco", "Plus", "XL", "Compact", "Duty", "Prime", "Flex"];

// Most parts first: consumable, many-variant lines above the machines and systems.
const CATEGORY_RANKING = [
  "industrial-valves",
  "pressure-gauges",
  "centrifugal-pumps",
  "flow-meters",
  "ph-meters",
  "heat-exchangers",
  "conveyors",
  "ev-chargers",
  "analytical-balances",
  "air-compressors",
  "solar-inverters",
  "welding-machines",
  "battery-storage",
  "mixers",
  "filling-machines",
  "pasteurizers",
  "hydraulic-presses",
  "agricultural-machinery",
  "hydrogen-electrolyzers",
  "cnc-lathes",
];
const categorySlugs = [
  ...CATEGORY_RANKING.filter((slug) => templatesByCategory.has(slug)),
  ...[...templatesByCategory.keys()].filter((slug) => !CATEGORY_RANKING.includes(slug)),
];
// Running totals of the shares 1 / rank: a product's category is the first whose total passes a draw.
const cumulative: number[] = [];
for (let rank = 1, sum = 0; rank <= categorySlugs.length; rank++) cumulative.push((sum += 1 / rank));
const pickCategory = () => {
  const draw = random() * cumulative[cumulative.length - 1];
  return categorySlugs[cumulative.findIndex((upTo) => draw < upTo)];
};

/** Progress on stderr: a bar redrawn in place on a terminal, a line every 10% otherwise. */
function progress(done: number, elapsedMs: number) {
  const share = done / total;
  const left = share > 0 ? (elapsedMs / share - elapsedMs) / 1000 : 0;
  const text = `${Math.floor(share * 100)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} products, ${Math.round(elapsedMs / 1000)} s, about ${Math.round(left)} s left`;
  if (process.stderr.isTTY) {
    const width = 30;
    const filled = Math.round(share * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}\x1b[K`);
    if (done === total) process.stderr.write("\n");
  } else if (Math.floor(share * 10) !== Math.floor(((done - batch) / total) * 10) || done === total) {
    process.stderr.write(`${text}\n`);
  }
}

const started = performance.now();
for (let done = 0; done < total; done += batch) {
  db.transaction(() => {
    for (let i = done; i < Math.min(done + batch, total); i++) {
      const category = pickCategory();
      const template = pick(templatesByCategory.get(category)!);
      const specs: Record<string, number | string | string[]> = {};
      for (const [key, value] of Object.entries(template.specs)) {
        // A share stays a share: an efficiency of 99 % varied is at most 100 %.
        if (typeof value === "number")
          specs[key] = definitions.get(key)?.unit === "%" ? Math.min(vary(value), 100) : vary(value);
        else if (Array.isArray(value))
          specs[key] = enumValues
            .get(`${category}:${key}`)!
            .filter(() => random() < 0.5)
            .slice(0, 4);
        else specs[key] = pick(enumValues.get(`${category}:${key}`)!);
      }
      const model = `${pick(series)} ${100 + (i % 900)}`;
      // Listed at half to one and a half times the template's price, its breaks scaled alike; or by quote, without breaks.
      const scale = random() < 0.6 ? 0.5 + random() : null;
      createProduct(
        {
          ...template,
          partNumber: `SX${i.toString(36).toUpperCase().padStart(5, "0")}-${category.slice(0, 3).toUpperCase()}`,
          name: `${template.name.replace(/,.*$/, "")} ${model}`,
          priceCents: scale === null ? null : Math.round((template.priceCents ?? 500_000) * scale),
          priceBreaks:
            scale === null
              ? []
              : template.priceBreaks?.map((tier) => ({
                  ...tier,
                  unitPriceCents: Math.round(tier.unitPriceCents * scale),
                })),
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
  progress(Math.min(done + batch, total), performance.now() - started);
}
sqlite.pragma("optimize");
sqlite.exec("ANALYZE");
console.info(`${file}: ${total} synthetic products in ${((performance.now() - started) / 1000).toFixed(1)} s`);
sqlite.close();
