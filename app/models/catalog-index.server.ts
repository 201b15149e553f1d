import { sqlite } from "~/lib/db.server";
import { readContentVersions } from "./content-version.server";

/**
 * The active catalog held in typed arrays, so filtering and facet counting over a category of
 * tens of thousands of products is a loop over memory rather than a dozen GROUP BY queries.
 * Products are numbered by "ordinal" in name order. It is rebuilt when `catalog_version`
 * (bumped by triggers on every catalog write) moves, so every process follows the database.
 */
export type CatalogIndex = {
  version: number;
  size: number;
  ids: Int32Array;
  ordinalById: Map<number, number>;
  manufacturer: Int32Array;
  manufacturers: string[];
  /** Price in cents, NaN for "price on request". */
  price: Float64Array;
  leadTimeDays: Int32Array;
  inStock: Uint8Array;
  /** Specs of ordinal i are entries specStart[i] … specStart[i + 1] - 1. */
  specStart: Int32Array;
  specId: Int32Array;
  /** NaN for enum entries. */
  specNum: Float64Array;
  /** Index into `strings`, -1 for number entries. */
  specText: Int32Array;
  strings: string[];
  stringIndex: Map<string, number>;
  /** Ordinals of each category's whole subtree, ascending (so in name order). */
  subtree: Map<number, Int32Array>;
  /** Ordinals in the order of each sort other than name (name order is ordinal order). */
  orders: { relevance: Int32Array; "price-asc": Int32Array; "price-desc": Int32Array; "lead-time": Int32Array };
};

let current: CatalogIndex | undefined;

export function getCatalogIndex(): CatalogIndex {
  if (!current || current.version !== readContentVersions().catalog) {
    // One read transaction: the counts, rows and version all come from the same snapshot.
    current = sqlite.transaction(() => buildCatalogIndex(readContentVersions().catalog))();
  }
  return current;
}

type ProductRow = [id: number, categoryId: number, manufacturer: string, priceCents: number | null, leadTimeDays: number, inStock: number, featured: number];
type SpecRow = [productId: number, specId: number, valueNum: number | null, valueText: string | null];

function buildCatalogIndex(version: number): CatalogIndex {
  const size = Number(sqlite.prepare("SELECT count(*) FROM products WHERE status = 'active'").pluck().get());
  const ids = new Int32Array(size);
  const ordinalById = new Map<number, number>();
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
    ordinalById.set(id, ordinal);
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

  // Specs are read once into flat arrays, then grouped by ordinal with a counting sort.
  const rowCount = Number(sqlite.prepare("SELECT count(*) FROM product_specs").pluck().get());
  const rowOrdinal = new Int32Array(rowCount).fill(-1);
  const rowSpec = new Int32Array(rowCount);
  const rowNum = new Float64Array(rowCount);
  const rowText = new Int32Array(rowCount);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const specStart = new Int32Array(size + 1);
  let row = 0;
  const specRows = sqlite
    .prepare("SELECT product_id, spec_id, value_num, value_text FROM product_specs ORDER BY id")
    .raw()
    .iterate() as IterableIterator<SpecRow>;
  for (const [productId, spec, valueNum, valueText] of specRows) {
    const at = ordinalById.get(productId);
    if (at !== undefined) {
      rowOrdinal[row] = at;
      specStart[at + 1]++;
    }
    rowSpec[row] = spec;
    rowNum[row] = valueNum ?? Number.NaN;
    if (valueText === null) {
      rowText[row] = -1;
    } else {
      let index = stringIndex.get(valueText);
      if (index === undefined) {
        index = strings.push(valueText) - 1;
        stringIndex.set(valueText, index);
      }
      rowText[row] = index;
    }
    row++;
  }
  for (let i = 0; i < size; i++) specStart[i + 1] += specStart[i];
  const entries = specStart[size];
  const specId = new Int32Array(entries);
  const specNum = new Float64Array(entries);
  const specText = new Int32Array(entries);
  const fill = specStart.slice(0, size);
  for (let r = 0; r < row; r++) {
    const at = rowOrdinal[r];
    if (at === -1) continue;
    const e = fill[at]++;
    specId[e] = rowSpec[r];
    specNum[e] = rowNum[r];
    specText[e] = rowText[r];
  }

  // Each category's subtree: a product counts for its own category and every ancestor.
  const parents = new Map(
    (sqlite.prepare("SELECT id, parent_id FROM categories").raw().all() as [number, number | null][]).map(([id, parent]) => [id, parent]),
  );
  const members = new Map<number, number[]>([...parents.keys()].map((id) => [id, []]));
  for (let o = 0; o < size; o++) {
    for (let id: number | null | undefined = category[o]; id != null; id = parents.get(id)) {
      members.get(id)?.push(o);
    }
  }
  const subtree = new Map([...members].map(([id, list]) => [id, Int32Array.from(list)]));

  const sorted = (compare: (a: number, b: number) => number) =>
    Int32Array.from({ length: size }, (_, i) => i).sort(compare);
  const priceOrNull = (a: number, b: number, direction: 1 | -1) => {
    const pa = price[a];
    const pb = price[b];
    if (Number.isNaN(pa) || Number.isNaN(pb)) return Number(Number.isNaN(pa)) - Number(Number.isNaN(pb)) || a - b;
    return direction * (pa - pb) || a - b;
  };

  return {
    version,
    size,
    ids,
    ordinalById,
    manufacturer,
    manufacturers,
    price,
    leadTimeDays,
    inStock,
    specStart,
    specId,
    specNum,
    specText,
    strings,
    stringIndex,
    subtree,
    orders: {
      relevance: sorted((a, b) => featured[b] - featured[a] || inStock[b] - inStock[a] || a - b),
      "price-asc": sorted((a, b) => priceOrNull(a, b, 1)),
      "price-desc": sorted((a, b) => priceOrNull(a, b, -1)),
      "lead-time": sorted((a, b) => leadTimeDays[a] - leadTimeDays[b] || a - b),
    },
  };
}
