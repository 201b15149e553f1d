import type { Database } from "better-sqlite3";

/**
 * The active catalog held in typed arrays, so filtering and facet counting over a category of
 * tens of thousands of products is a loop over memory rather than a dozen GROUP BY queries.
 * Products are numbered by "ordinal" in name order. Built whole here, in a worker thread
 * (`catalog-index.worker.ts`) or in the process itself; kept up to date by
 * `catalog-index.server.ts`.
 */
export type CatalogIndex = {
  version: number;
  /** The last `catalog_index_changes` row this index reflects. */
  changeSeq: number;
  size: number;
  ids: Int32Array;
  /** Ordinal of each product id, -1 for archived ones: four bytes per id ever issued. */
  ordinalById: Int32Array;
  manufacturer: Int32Array;
  manufacturers: string[];
  /** Price in cents, NaN for "price on request". */
  price: Float64Array;
  leadTimeDays: Int32Array;
  inStock: Uint8Array;
  featured: Uint8Array;
  /** Each ordinal's category id, and each category's chain of ids up to its root. */
  category: Int32Array;
  ancestors: Map<number, number[]>;
  /** One more than the highest spec definition id: the stride of `enumKey`. */
  specSlots: number;
  /**
   * Enum spec values of ordinal i are entries enumStart[i] … enumStart[i + 1] - 1, each the key
   * `textIndex * specSlots + specId`: facet counting is one increment per entry.
   */
  enumStart: Int32Array;
  enumKey: Int32Array;
  /** Number spec values of ordinal i are entries numStart[i] … numStart[i + 1] - 1. */
  numStart: Int32Array;
  numSpec: Int32Array;
  numValue: Float64Array;
  strings: string[];
  stringIndex: Map<string, number>;
  /** Ordinals of each category's whole subtree, ascending (so in name order). */
  subtree: Map<number, Int32Array>;
  /** What an unfiltered listing of each category's subtree counts, kept so no page recounts it. */
  subtreeFacets: Map<number, SubtreeFacets>;
  /** Ordinals in the order of each sort other than name (name order is ordinal order). */
  orders: { relevance: Int32Array; "price-asc": Int32Array; "price-desc": Int32Array; "lead-time": Int32Array };
  /** Each ordinal's place in `orders.relevance`. */
  relevanceRank: Int32Array;
};

/**
 * The facet counts of every product in a subtree: enum values as `enumKey`s with their counts
 * (only those present), products per manufacturer, listed and quoted prices, and in stock; and
 * the lowest and highest value of each number spec (±Infinity: none).
 */
export type SubtreeFacets = {
  enumKeys: Int32Array;
  enumCounts: Int32Array;
  manufacturerCounts: Int32Array;
  listed: number;
  quote: number;
  inStock: number;
  min: Float64Array;
  max: Float64Array;
};

export type OrderName = keyof CatalogIndex["orders"];
export const ORDER_NAMES: OrderName[] = ["relevance", "price-asc", "price-desc", "lead-time"];
/** What the sort orders other than name compare: one product's fields, or the index's arrays. */
export type SortFields = { price: number; leadTimeDays: number; inStock: number; featured: number };
type SortArrays = Pick<CatalogIndex, "price" | "leadTimeDays" | "inStock" | "featured">;

/**
 * Each sort order other than name as a comparison of two ordinals: relevance (featured, then
 * in stock), price either way ("price on request" last), lead time; name order breaks ties.
 */
export function comparator({ price, leadTimeDays, inStock, featured }: SortArrays, order: OrderName) {
  const byPrice = (a: number, b: number, direction: 1 | -1) => {
    const pa = price[a];
    const pb = price[b];
    if (Number.isNaN(pa) || Number.isNaN(pb)) return Number(Number.isNaN(pa)) - Number(Number.isNaN(pb)) || a - b;
    return direction * (pa - pb) || a - b;
  };
  switch (order) {
    case "relevance":
      return (a: number, b: number) => featured[b] - featured[a] || inStock[b] - inStock[a] || a - b;
    case "price-asc":
      return (a: number, b: number) => byPrice(a, b, 1);
    case "price-desc":
      return (a: number, b: number) => byPrice(a, b, -1);
    case "lead-time":
      return (a: number, b: number) => leadTimeDays[a] - leadTimeDays[b] || a - b;
  }
}

type ProductRow = [
  id: number,
  categoryId: number,
  manufacturer: string,
  priceCents: number | null,
  leadTimeDays: number,
  inStock: number,
  featured: number,
];
type SpecRow = [productId: number, specId: number, valueNum: number | null, valueText: string | null];

/** The catalog's version: bumped by triggers on every catalog write. */
export const catalogVersion = (sqlite: Database) =>
  Number(
    sqlite.prepare("SELECT coalesce(max(value), 0) FROM catalog_meta WHERE key = 'catalog_version'").pluck().get(),
  );

/**
 * The whole index of the catalog as `database` holds it. Run it in a read transaction, so every
 * query below (and the version and change sequence it is tagged with) sees the same snapshot.
 */
export function buildCatalogIndex(sqlite: Database): CatalogIndex {
  const version = catalogVersion(sqlite);
  const changeSeq = Number(sqlite.prepare("SELECT coalesce(max(seq), 0) FROM catalog_index_changes").pluck().get());
  const size = Number(sqlite.prepare("SELECT count(*) FROM products WHERE status = 'active'").pluck().get());
  const maxId = Number(sqlite.prepare("SELECT coalesce(max(id), 0) FROM products").pluck().get());
  const ids = new Int32Array(size);
  const ordinalById = new Int32Array(maxId + 1).fill(-1);
  const manufacturer = new Int32Array(size);
  const manufacturers: string[] = [];
  const manufacturerIndex = new Map<string, number>();
  const price = new Float64Array(size);
  const leadTimeDays = new Int32Array(size);
  const inStock = new Uint8Array(size);
  const featured = new Uint8Array(size);
  const category = new Int32Array(size);
  let ordinal = 0;
  const products = sqlite
    .prepare(
      `SELECT id, category_id, manufacturer, price_cents, lead_time_days, in_stock, featured
       FROM products WHERE status = 'active' ORDER BY name, id`,
    )
    .raw()
    .iterate() as IterableIterator<ProductRow>;
  for (const [id, categoryId, maker, priceCents, lead, stock, feature] of products) {
    ids[ordinal] = id;
    ordinalById[id] = ordinal;
    let makerIndex = manufacturerIndex.get(maker);
    if (makerIndex === undefined) {
      makerIndex = manufacturers.push(maker) - 1;
      manufacturerIndex.set(maker, makerIndex);
    }
    manufacturer[ordinal] = makerIndex;
    price[ordinal] = priceCents ?? Number.NaN;
    leadTimeDays[ordinal] = lead;
    inStock[ordinal] = stock;
    featured[ordinal] = feature;
    category[ordinal] = categoryId;
    ordinal++;
  }

  // Specs are grouped by ordinal in two passes, counting then filling, so no row is held twice.
  const specSlots = Number(sqlite.prepare("SELECT coalesce(max(id), 0) + 1 FROM spec_definitions").pluck().get());
  const enumStart = new Int32Array(size + 1);
  const numStart = new Int32Array(size + 1);
  const counts = sqlite
    .prepare(
      "SELECT product_id, count(value_text), count(*) - count(value_text) FROM product_specs GROUP BY product_id",
    )
    .raw()
    .iterate() as IterableIterator<[number, number, number]>;
  for (const [productId, enums, numbers] of counts) {
    const at = productId <= maxId ? ordinalById[productId] : -1;
    if (at === -1) continue;
    enumStart[at + 1] = enums;
    numStart[at + 1] = numbers;
  }
  for (let i = 0; i < size; i++) {
    enumStart[i + 1] += enumStart[i];
    numStart[i + 1] += numStart[i];
  }
  const enumKey = new Int32Array(enumStart[size]);
  const numSpec = new Int32Array(numStart[size]);
  const numValue = new Float64Array(numStart[size]);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const enumFill = enumStart.slice(0, size);
  const numFill = numStart.slice(0, size);
  const specRows = sqlite
    .prepare("SELECT product_id, spec_id, value_num, value_text FROM product_specs ORDER BY id")
    .raw()
    .iterate() as IterableIterator<SpecRow>;
  for (const [productId, spec, valueNum, valueText] of specRows) {
    const at = productId <= maxId ? ordinalById[productId] : -1;
    if (at === -1) continue;
    if (valueText === null) {
      const e = numFill[at]++;
      numSpec[e] = spec;
      numValue[e] = valueNum ?? Number.NaN;
    } else {
      let text = stringIndex.get(valueText);
      if (text === undefined) {
        text = strings.push(valueText) - 1;
        stringIndex.set(valueText, text);
      }
      enumKey[enumFill[at]++] = text * specSlots + spec;
    }
  }

  // Each category's subtree: a product counts for its own category and every ancestor. Counted
  // first, then filled in ordinal order, so each list is ascending (name order).
  const parents = new Map(
    (sqlite.prepare("SELECT id, parent_id FROM categories").raw().all() as [number, number | null][]).map(
      ([id, parent]) => [id, parent],
    ),
  );
  const subtreeSize = new Map<number, number>([...parents.keys()].map((id) => [id, 0]));
  const ancestorsOf = (id: number) => {
    const chain: number[] = [];
    for (let at: number | null | undefined = id; at != null && !chain.includes(at); at = parents.get(at))
      chain.push(at);
    return chain;
  };
  const chains = new Map([...parents.keys()].map((id) => [id, ancestorsOf(id)]));
  for (let o = 0; o < size; o++)
    for (const id of chains.get(category[o]) ?? []) subtreeSize.set(id, subtreeSize.get(id)! + 1);
  const subtree = new Map([...subtreeSize].map(([id, n]) => [id, new Int32Array(n)]));
  const filled = new Map([...parents.keys()].map((id) => [id, 0]));
  for (let o = 0; o < size; o++) {
    for (const id of chains.get(category[o]) ?? []) {
      const at = filled.get(id)!;
      subtree.get(id)![at] = o;
      filled.set(id, at + 1);
    }
  }
  function countSubtree(ordinals: Int32Array, tally: Int32Array): SubtreeFacets {
    const facets = {
      manufacturerCounts: new Int32Array(manufacturers.length),
      listed: 0,
      quote: 0,
      inStock: 0,
      min: new Float64Array(specSlots).fill(Infinity),
      max: new Float64Array(specSlots).fill(-Infinity),
    };
    let distinct = 0;
    for (const o of ordinals) {
      for (let e = enumStart[o]; e < enumStart[o + 1]; e++) if (tally[enumKey[e]]++ === 0) distinct++;
      facets.manufacturerCounts[manufacturer[o]]++;
      if (Number.isNaN(price[o])) facets.quote++;
      else facets.listed++;
      facets.inStock += inStock[o];
      for (let e = numStart[o]; e < numStart[o + 1]; e++) {
        const spec = numSpec[e];
        if (numValue[e] < facets.min[spec]) facets.min[spec] = numValue[e];
        if (numValue[e] > facets.max[spec]) facets.max[spec] = numValue[e];
      }
    }
    const enumKeys = new Int32Array(distinct);
    const enumCounts = new Int32Array(distinct);
    for (let key = 0, at = 0; at < distinct; key++) {
      if (tally[key] === 0) continue;
      enumKeys[at] = key;
      enumCounts[at++] = tally[key];
      tally[key] = 0;
    }
    return { ...facets, enumKeys, enumCounts };
  }
  const enumTally = new Int32Array(specSlots * strings.length);
  const subtreeFacets = new Map([...subtree].map(([id, ordinals]) => [id, countSubtree(ordinals, enumTally)]));

  const arrays = { price, leadTimeDays, inStock, featured };
  const sorted = (order: OrderName) => Int32Array.from({ length: size }, (_, i) => i).sort(comparator(arrays, order));
  const relevance = sorted("relevance");
  const relevanceRank = new Int32Array(size);
  relevance.forEach((ordinal, rank) => (relevanceRank[ordinal] = rank));

  return {
    version,
    changeSeq,
    size,
    ids,
    ordinalById,
    manufacturer,
    manufacturers,
    price,
    leadTimeDays,
    inStock,
    featured,
    category,
    ancestors: chains,
    specSlots,
    enumStart,
    enumKey,
    numStart,
    numSpec,
    numValue,
    strings,
    stringIndex,
    subtree,
    subtreeFacets,
    orders: {
      relevance,
      "price-asc": sorted("price-asc"),
      "price-desc": sorted("price-desc"),
      "lead-time": sorted("lead-time"),
    },
    relevanceRank,
  };
}

/** Every buffer under `index`, once each: what a worker hands over without copying. */
export function buffersOf(index: CatalogIndex): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (value: unknown) => {
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
    else if (value instanceof Map) value.forEach(visit);
    else if (value && typeof value === "object" && !Array.isArray(value)) Object.values(value).forEach(visit);
  };
  visit(index);
  return [...buffers];
}
