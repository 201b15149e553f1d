import type { Database } from "better-sqlite3";
import { forEachRow } from "~/lib/each-row";

/**
 * The active catalog held in typed arrays, so filtering and facet counting over a category of
 * tens of thousands of products is a loop over memory rather than a dozen GROUP BY queries.
 * Each product has a "slot", the place of its fields in every per-product array, which it keeps
 * while it stays in the catalog: a build hands them out in name order, and a product added or
 * changed afterwards takes a new one at the end (the arrays have room; an archived product's
 * slot stays empty until the next build). Name order is an explicit order like the others. Built
 * whole here, in a worker thread (`catalog-index.worker.ts`) or in the process itself; kept up to
 * date by `catalog-index.server.ts`.
 */
export type CatalogIndex = {
  version: number;
  /** The last `catalog_index_changes` row this index reflects. */
  changeSeq: number;
  /** Products in the catalog: the length of each order. */
  size: number;
  /** Slots handed out: products are in slots 0 … slotCount - 1; the arrays have room for more. */
  slotCount: number;
  /** The product id in each slot, 0 for an empty one. */
  ids: Int32Array;
  /** The slot of each product id, -1 for archived ones: four bytes per id ever issued. */
  slotById: Int32Array;
  manufacturer: Int32Array;
  manufacturers: string[];
  /** Price in cents, NaN for "price on request". */
  price: Float64Array;
  leadTimeDays: Int32Array;
  inStock: Uint8Array;
  featured: Uint8Array;
  /** Each slot's category id, and each category's chain of ids up to its root. */
  category: Int32Array;
  ancestors: Map<number, number[]>;
  /** One more than the highest spec definition id: the stride of `enumKey`. */
  specSlots: number;
  /**
   * Enum spec values of slot s are entries enumStart[s] … enumEnd[s] - 1, each the key
   * `textIndex * specSlots + specId`: facet counting is one increment per entry. A changed
   * product's entries are written anew after the last used one (`enumUsed`).
   */
  enumStart: Int32Array;
  enumEnd: Int32Array;
  /** 16 bits while the keys leave room for `NEW_TEXTS_ROOM` more values (11 MB less at a million products), else 32. */
  enumKey: Uint16Array | Int32Array;
  enumUsed: number;
  /** Number spec values of slot s are entries numStart[s] … numEnd[s] - 1. */
  numStart: Int32Array;
  numEnd: Int32Array;
  /** 16 bits while spec ids fit (8 MB less at a million products), else 32. */
  numSpec: Uint16Array | Int32Array;
  numValue: Float64Array;
  numUsed: number;
  strings: string[];
  stringIndex: Map<string, number>;
  /** Slots of each category's whole subtree, in name order. */
  subtree: Map<number, Int32Array>;
  /** What an unfiltered listing of each category's subtree counts, kept so no page recounts it. */
  subtreeFacets: Map<number, SubtreeFacets>;
  /** Slots in name order (the first `size` entries), and each slot's place in it. */
  nameOrder: Int32Array;
  nameRank: Int32Array;
  /** Slots in the order of each other sort (the first `size` entries of each). */
  orders: { relevance: Int32Array; "price-asc": Int32Array; "price-desc": Int32Array; "lead-time": Int32Array };
  /**
   * Each active product's place in `orders.relevance`, by product id (as `slotById`): a search's
   * matches, a bitmap by id, are put in that order without finding their slots first.
   */
  relevanceRankById: Int32Array;
};

/**
 * The facet counts of every product in a subtree: enum values as `enumKey`s with their counts
 * (only those present), products per manufacturer, listed and quoted prices, and in stock; and
 * the lowest and highest value of each number spec (±Infinity: none), with how many values are
 * each (so a product leaving with one of several lowest values changes nothing to count again).
 */
export type SubtreeFacets = {
  enumKeys: Int32Array;
  enumCounts: Int32Array;
  manufacturerCounts: Int32Array;
  listed: number;
  quote: number;
  inStock: number;
} & Bounds;
type Bounds = { min: Float64Array; max: Float64Array; atMin: Int32Array; atMax: Int32Array };

/** Counts `value` of `spec` into a subtree's lowest and highest values. */
export function countBound(bounds: Bounds, spec: number, value: number) {
  if (value < bounds.min[spec]) [bounds.min[spec], bounds.atMin[spec]] = [value, 1];
  else if (value === bounds.min[spec]) bounds.atMin[spec]++;
  if (value > bounds.max[spec]) [bounds.max[spec], bounds.atMax[spec]] = [value, 1];
  else if (value === bounds.max[spec]) bounds.atMax[spec]++;
}

export type OrderName = keyof CatalogIndex["orders"];
export const ORDER_NAMES: OrderName[] = ["relevance", "price-asc", "price-desc", "lead-time"];
/** What the sort orders other than name compare: one product's fields, or the index's arrays. */
export type SortFields = { price: number; leadTimeDays: number; inStock: number; featured: number };
type SortArrays = Pick<CatalogIndex, "price" | "leadTimeDays" | "inStock" | "featured" | "nameRank">;

/**
 * Each sort order other than name as a comparison of two slots: relevance (featured, then in
 * stock), price either way ("price on request" last), lead time; name order breaks ties.
 */
export function comparator({ price, leadTimeDays, inStock, featured, nameRank }: SortArrays, order: OrderName) {
  const byName = (a: number, b: number) => nameRank[a] - nameRank[b];
  const byPrice = (a: number, b: number, direction: 1 | -1) => {
    const pa = price[a];
    const pb = price[b];
    if (Number.isNaN(pa) || Number.isNaN(pb))
      return Number(Number.isNaN(pa)) - Number(Number.isNaN(pb)) || byName(a, b);
    return direction * (pa - pb) || byName(a, b);
  };
  switch (order) {
    case "relevance":
      return (a: number, b: number) => featured[b] - featured[a] || inStock[b] - inStock[a] || byName(a, b);
    case "price-asc":
      return (a: number, b: number) => byPrice(a, b, 1);
    case "price-desc":
      return (a: number, b: number) => byPrice(a, b, -1);
    case "lead-time":
      return (a: number, b: number) => leadTimeDays[a] - leadTimeDays[b] || byName(a, b);
  }
}

/**
 * Room left in a fresh build for what changes after it: slots for new and changed products, and
 * spec entries for their values. When it runs out, the index is built whole again.
 */
export const roomFor = (used: number) => used + Math.max(1_024, Math.ceil(used / 32));

/** A Uint8Array, Int32Array or Float64Array of `length` starting with `from`'s entries. */
export function grown<T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(from: T, length: number): T {
  const next = new (from.constructor as new (length: number) => T)(length);
  next.set(from.subarray(0, Math.min(from.length, length)));
  return next;
}

/**
 * Spec values new to the index that it can take in place while its enum keys are 16 bits; one
 * more, and it is rebuilt (with 32-bit keys if they no longer fit).
 */
export const NEW_TEXTS_ROOM = 1024;

/** A product as the index reads it. */
export type ProductRow = [
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
  const slots = roomFor(size);
  const ids = new Int32Array(slots);
  const slotById = new Int32Array(roomFor(maxId + 1)).fill(-1);
  const manufacturer = new Int32Array(slots);
  const manufacturers: string[] = [];
  const manufacturerIndex = new Map<string, number>();
  const price = new Float64Array(slots);
  const leadTimeDays = new Int32Array(slots);
  const inStock = new Uint8Array(slots);
  const featured = new Uint8Array(slots);
  const category = new Int32Array(slots);
  // Slots are handed out in name order, so a fresh build's name order is 0, 1, 2, …
  let slot = 0;
  forEachRow<ProductRow>(
    sqlite,
    `SELECT id, category_id, manufacturer, price_cents, lead_time_days, in_stock, featured
     FROM products WHERE status = 'active' ORDER BY name, id`,
    ["id", "category_id", "manufacturer", "price_cents", "lead_time_days", "in_stock", "featured"],
    [],
    (id, categoryId, maker, priceCents, lead, stock, feature) => {
      ids[slot] = id;
      slotById[id] = slot;
      let makerIndex = manufacturerIndex.get(maker);
      if (makerIndex === undefined) {
        makerIndex = manufacturers.push(maker) - 1;
        manufacturerIndex.set(maker, makerIndex);
      }
      manufacturer[slot] = makerIndex;
      price[slot] = priceCents ?? Number.NaN;
      leadTimeDays[slot] = lead;
      inStock[slot] = stock;
      featured[slot] = feature;
      category[slot] = categoryId;
      slot++;
    },
  );

  // Specs are grouped by slot in two passes over the table, counting then filling, so no row is
  // held twice. Counted in the table's order: GROUP BY product_id walks its index and looks each
  // row up for its value (1M: 1.7 s, against 1.1 s).
  const specSlots = Number(sqlite.prepare("SELECT coalesce(max(id), 0) + 1 FROM spec_definitions").pluck().get());
  const enumEnd = new Int32Array(slots);
  const numEnd = new Int32Array(slots);
  forEachRow<[number, 0 | 1]>(
    sqlite,
    "SELECT product_id, value_text IS NULL AS number FROM product_specs",
    ["product_id", "number"],
    [],
    (productId, number) => {
      const at = productId <= maxId ? slotById[productId] : -1;
      if (at === -1) return;
      if (number) numEnd[at]++;
      else enumEnd[at]++;
    },
  );
  // Running totals: each slot's entries start where the one before it ends. Its end, set to its
  // start, is the cursor the fill moves on, so it ends where its entries do.
  const enumStart = new Int32Array(slots);
  const numStart = new Int32Array(slots);
  let enumUsed = 0;
  let numUsed = 0;
  for (let i = 0; i < slots; i++) {
    enumStart[i] = enumUsed;
    enumUsed += enumEnd[i];
    numStart[i] = numUsed;
    numUsed += numEnd[i];
  }
  enumEnd.set(enumStart);
  numEnd.set(numStart);
  // 16-bit keys while the values leave room for NEW_TEXTS_ROOM more, else 32: made 32-bit when a
  // value found passes that, so a million products' keys are never held twice (23 MB more).
  const narrow = (texts: number) => (texts + NEW_TEXTS_ROOM) * specSlots <= 1 << 16;
  let enumKey: Uint16Array | Int32Array = new (narrow(0) ? Uint16Array : Int32Array)(roomFor(enumUsed));
  const numSpec = new (specSlots <= 1 << 16 ? Uint16Array : Int32Array)(roomFor(numUsed));
  const numValue = new Float64Array(roomFor(numUsed));
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  forEachRow<SpecRow>(
    sqlite,
    "SELECT product_id, spec_id, value_num, value_text FROM product_specs ORDER BY id",
    ["product_id", "spec_id", "value_num", "value_text"],
    [],
    (productId, spec, valueNum, valueText) => {
      const at = productId <= maxId ? slotById[productId] : -1;
      if (at === -1) return;
      if (valueText === null) {
        const e = numEnd[at]++;
        numSpec[e] = spec;
        numValue[e] = valueNum ?? Number.NaN;
      } else {
        const text = stringNumber(strings, stringIndex, valueText);
        if (enumKey instanceof Uint16Array && !narrow(strings.length)) enumKey = Int32Array.from(enumKey);
        enumKey[enumEnd[at]++] = text * specSlots + spec;
      }
    },
  );

  // Each category's subtree: a product counts for its own category and every ancestor. Counted
  // first, then filled in slot order, so each list is in name order.
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

  const nameOrder = new Int32Array(slots);
  const nameRank = new Int32Array(slots);
  for (let i = 0; i < size; i++) nameOrder[i] = nameRank[i] = i;
  const index: CatalogIndex = {
    version,
    changeSeq,
    size,
    slotCount: size,
    ids,
    slotById,
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
    enumEnd,
    enumKey,
    enumUsed,
    numStart,
    numEnd,
    numSpec,
    numValue,
    numUsed,
    strings,
    stringIndex,
    subtree,
    subtreeFacets: new Map(),
    nameOrder,
    nameRank,
    orders: {
      relevance: new Int32Array(slots),
      "price-asc": new Int32Array(slots),
      "price-desc": new Int32Array(slots),
      "lead-time": new Int32Array(slots),
    },
    relevanceRankById: new Int32Array(slotById.length),
  };
  const enumTally = new Int32Array(specSlots * strings.length);
  for (const [id, slotsOf] of subtree) index.subtreeFacets.set(id, countSubtree(index, slotsOf, enumTally));
  for (const name of ORDER_NAMES) {
    const order = index.orders[name];
    order.set(nameOrder.subarray(0, size));
    order.subarray(0, size).sort(comparator(index, name));
  }
  rankRelevance(index, 0, size);
  return index;
}

/** The number of `text` among the index's strings, adding it if new. */
export function stringNumber(strings: string[], stringIndex: Map<string, number>, text: string) {
  let number = stringIndex.get(text);
  if (number === undefined) {
    number = strings.push(text) - 1;
    stringIndex.set(text, number);
  }
  return number;
}

/** `relevanceRankById` of the products at places `from` … `to` - 1 of the relevance order. */
export function rankRelevance(index: CatalogIndex, from: number, to: number) {
  const { orders, ids, relevanceRankById } = index;
  for (let r = from; r < to; r++) relevanceRankById[ids[orders.relevance[r]]] = r;
}

/**
 * The facet counts of `slots` (a subtree). `tally` is zeros of at least `specSlots × strings`
 * entries, and is left so.
 */
export function countSubtree(index: CatalogIndex, slots: Int32Array, tally: Int32Array): SubtreeFacets {
  const { enumStart, enumEnd, enumKey, numStart, numEnd, numSpec, numValue, price, specSlots } = index;
  const facets = {
    manufacturerCounts: new Int32Array(index.manufacturers.length),
    listed: 0,
    quote: 0,
    inStock: 0,
    min: new Float64Array(specSlots).fill(Infinity),
    max: new Float64Array(specSlots).fill(-Infinity),
    atMin: new Int32Array(specSlots),
    atMax: new Int32Array(specSlots),
  };
  let distinct = 0;
  for (const o of slots) {
    for (let e = enumStart[o]; e < enumEnd[o]; e++) if (tally[enumKey[e]]++ === 0) distinct++;
    facets.manufacturerCounts[index.manufacturer[o]]++;
    if (Number.isNaN(price[o])) facets.quote++;
    else facets.listed++;
    facets.inStock += index.inStock[o];
    for (let e = numStart[o]; e < numEnd[o]; e++) countBound(facets, numSpec[e], numValue[e]);
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
