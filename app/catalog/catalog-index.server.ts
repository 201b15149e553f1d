import { preparedOnce, sqlite } from "~/lib/db.server";
import { readContentVersions } from "~/lib/content-version.server";

/**
 * The active catalog held in typed arrays, so filtering and facet counting over a category of
 * tens of thousands of products is a loop over memory rather than a dozen GROUP BY queries.
 * Products are numbered by "ordinal" in name order. When `catalog_version` (bumped by triggers
 * on every catalog write) moves, the writes that keep every product's place (prices, stock, lead
 * times, featured) are applied in place from `catalog_index_changes`; any other write rebuilds
 * it (ADR 38). Either way every process follows the database.
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

let current: CatalogIndex | undefined;
let builtAt = 0;
let behind = false;

/**
 * While an import writes batch after batch, each moving `catalog_version`, the index is rebuilt
 * at most this often (a rebuild of a large catalog blocks the process for a few hundred ms):
 * listings and search may lag the import by this much. Any other change shows at once, and the
 * end of an import moves the version once more, so the finished catalog is always indexed.
 */
const REBUILD_DURING_IMPORT_EVERY_MS = 5_000;
const importRunning = preparedOnce(() =>
  sqlite
    .prepare(
      "SELECT 1 FROM catalog_imports WHERE status = 'running' AND updated_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 minutes') LIMIT 1",
    )
    .pluck(),
);

/** True while the index last served is older than the catalog (during an import): pages rendered from it are not kept. */
export const catalogIndexIsBehind = () => behind;

/** The ordinal of an active product, or -1. */
export function ordinalOf(index: CatalogIndex, id: number) {
  return id < index.ordinalById.length ? index.ordinalById[id] : -1;
}

export function getCatalogIndex(): CatalogIndex {
  if (!current || current.version !== readContentVersions().catalog) {
    // One read transaction: the changes (or the counts and rows) and the version all come from
    // the same snapshot.
    const index = current;
    if (index && sqlite.transaction(() => appliedInPlaceOrDropped(index))()) {
      behind = false;
      return index;
    }
    if (current && performance.now() - builtAt < REBUILD_DURING_IMPORT_EVERY_MS && importRunning().get()) {
      behind = true;
      return current;
    }
    current = sqlite.transaction(() => buildCatalogIndex(readContentVersions().catalog))();
    builtAt = performance.now();
    behind = false;
  }
  return current;
}

/** A fresh index of the catalog as it is now, built whole (what `getCatalogIndex` must equal). */
export function buildCatalogIndexNow(): CatalogIndex {
  return sqlite.transaction(() => buildCatalogIndex(readContentVersions().catalog))();
}

/**
 * At most this many changed products are applied in place: each costs a few moves of the sort
 * orders (a few ms at a million products), and a larger batch is an import's, rebuilt at once.
 */
const MAX_IN_PLACE = 500;

const changesSince = preparedOnce(() =>
  sqlite.prepare<[number], { seq: number; product_id: number }>(
    "SELECT seq, product_id FROM catalog_index_changes WHERE seq > ? ORDER BY seq",
  ),
);
const lastChangeSeq = preparedOnce(() =>
  sqlite.prepare("SELECT coalesce(max(seq), 0) FROM catalog_index_changes").pluck(),
);
const productFields = preparedOnce(() =>
  sqlite
    .prepare<[number], [priceCents: number | null, leadTimeDays: number, inStock: number, featured: number]>(
      "SELECT price_cents, lead_time_days, in_stock, featured FROM products WHERE id = ? AND status = 'active'",
    )
    .raw(),
);

/** `appliedInPlace`, or false with the index dropped if applying failed half-way. */
function appliedInPlaceOrDropped(index: CatalogIndex): boolean {
  try {
    return appliedInPlace(index);
  } catch (error) {
    // Half-applied: never served again. The build below starts from the database.
    current = undefined;
    console.error(error);
    return false;
  }
}

/**
 * Brings `index` up to the database's version in place when every write since its version is
 * one it can follow (ADR 38): as many `catalog_index_changes` rows as the version moved. Each
 * changed product's price, lead time, stock and featured flag are read again; its place in the
 * sort orders and its subtree's kept counts follow. False, untouched, when it must be rebuilt.
 */
function appliedInPlace(index: CatalogIndex): boolean {
  const version = readContentVersions().catalog;
  const changes = changesSince().all(index.changeSeq);
  if (changes.length !== version - index.version) return false;
  const ids = new Set(changes.map((change) => change.product_id));
  if (ids.size > MAX_IN_PLACE) return false;
  const updates: [ordinal: number, fields: SortFields][] = [];
  for (const id of ids) {
    const ordinal = ordinalOf(index, id);
    // Not in the index: archived before and after (a status change is not applied in place).
    if (ordinal === -1) continue;
    const row = productFields().get(id);
    if (!row) return false;
    const [priceCents, lead, stock, feature] = row;
    updates.push([ordinal, { price: priceCents ?? Number.NaN, leadTimeDays: lead, inStock: stock, featured: feature }]);
  }
  for (const [ordinal, fields] of updates) applyFields(index, ordinal, fields);
  index.version = version;
  index.changeSeq = changes.at(-1)?.seq ?? index.changeSeq;
  return true;
}

type OrderName = keyof CatalogIndex["orders"];
const ORDER_NAMES: OrderName[] = ["relevance", "price-asc", "price-desc", "lead-time"];
/** What the sort orders other than name compare: one product's fields, or the index's arrays. */
type SortFields = { price: number; leadTimeDays: number; inStock: number; featured: number };
type SortArrays = Pick<CatalogIndex, "price" | "leadTimeDays" | "inStock" | "featured">;

/**
 * Each sort order other than name as a comparison of two ordinals: relevance (featured, then
 * in stock), price either way ("price on request" last), lead time; name order breaks ties.
 */
function comparator({ price, leadTimeDays, inStock, featured }: SortArrays, order: OrderName) {
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

/** The first place in `order[0 … length)` whose ordinal does not sort before `ordinal`. */
function lowerBound(order: Int32Array, length: number, ordinal: number, compare: (a: number, b: number) => number) {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(order[middle], ordinal) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Gives `ordinal` new sort fields: its subtree's kept counts (listed, on request, in stock) and
 * its place in each order that compares a field that changed follow. An order is moved by one
 * shift of the entries between its old place and its new one.
 */
function applyFields(index: CatalogIndex, ordinal: number, next: SortFields) {
  const { price, leadTimeDays, inStock, featured, orders } = index;
  const changed = ORDER_NAMES.filter((name) =>
    name === "relevance"
      ? featured[ordinal] !== next.featured || inStock[ordinal] !== next.inStock
      : name === "lead-time"
        ? leadTimeDays[ordinal] !== next.leadTimeDays
        : !Object.is(price[ordinal], next.price),
  );
  const from = changed.map((name) => {
    const order = orders[name];
    const at = lowerBound(order, order.length, ordinal, comparator(index, name));
    if (order[at] !== ordinal)
      throw new Error(`catalog index: product ${index.ids[ordinal]} is not in the ${name} order`);
    return at;
  });
  const wasListed = !Number.isNaN(price[ordinal]);
  const isListed = !Number.isNaN(next.price);
  for (const id of index.ancestors.get(index.category[ordinal]) ?? []) {
    const kept = index.subtreeFacets.get(id);
    if (!kept) continue;
    if (wasListed !== isListed) {
      kept.listed += isListed ? 1 : -1;
      kept.quote += isListed ? -1 : 1;
    }
    kept.inStock += next.inStock - inStock[ordinal];
  }
  price[ordinal] = next.price;
  leadTimeDays[ordinal] = next.leadTimeDays;
  inStock[ordinal] = next.inStock;
  featured[ordinal] = next.featured;
  changed.forEach((name, k) => {
    const order = orders[name];
    const last = order.length - 1;
    order.copyWithin(from[k], from[k] + 1);
    const to = lowerBound(order, last, ordinal, comparator(index, name));
    order.copyWithin(to + 1, to, last);
    order[to] = ordinal;
    if (name === "relevance") {
      for (let r = Math.min(from[k], to); r <= Math.max(from[k], to); r++) index.relevanceRank[order[r]] = r;
    }
  });
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

function buildCatalogIndex(version: number): CatalogIndex {
  const changeSeq = Number(lastChangeSeq().get());
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
