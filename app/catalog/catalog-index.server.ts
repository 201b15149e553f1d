import { preparedOnce, sqlite } from "~/lib/db.server";
import { readContentVersions } from "~/lib/content-version.server";
import { startWorker } from "~/lib/worker-thread.server";
import {
  buildCatalogIndex,
  comparator,
  grown,
  ORDER_NAMES,
  rankRelevance,
  stringNumber,
  countBound,
  type CatalogIndex,
  type ProductRow,
  type SortFields,
  type SubtreeFacets,
} from "./catalog-index-build.server";

import type { WorkerData, WorkerResult } from "./catalog-index.worker";

export type { CatalogIndex, SubtreeFacets } from "./catalog-index-build.server";

/*
 * Every process keeps its own catalog index (`catalog-index-build.server.ts`) and follows the
 * database: when `catalog_version` (bumped by triggers on every catalog write) moves, the changed
 * products named in `catalog_index_changes` are applied in place; a change to the category tree,
 * the spec vocabulary or the synonyms, or more changes than the index has room for, needs a whole
 * build (ADR 38). A build that took long
 * runs in a worker thread while the previous index goes on answering, so no request waits behind
 * it and no page rendered meanwhile is kept (`staleIndexAnswers`). While an import runs, the
 * index follows the catalog at most every IMPORT_PACE_MS, and cached pages follow the index
 * (`pagesCatalogVersion`). A process's first index is the snapshot of the last build when there
 * is one (`catalog-index-snapshot.server.ts`).
 */

let current: CatalogIndex | undefined;
/** When the last whole build finished, and how long it took in the thread that ran it. */
let builtAt = 0;
let lastBuildMs = 0;
/** When the index last caught up with the catalog, in place or by a build. */
let followedAt = 0;
let staleAnswers = 0;
/** A build running in a worker thread: settled when its index is adopted or it failed. */
let building: Promise<void> | undefined;
/** Set when a worker's build failed: from then on the process builds in itself, as it can. */
let workerFailed = false;

/**
 * A build that took under `hereUnderMs` runs in the process itself next time (starting a thread
 * costs about as much); one under `waitUnderMs` in a worker thread the page waits for; a longer
 * one while the index before it answers. Tests move them to take each path on a small catalog.
 */
export const rebuildTiming = { hereUnderMs: 50, waitUnderMs: 1_000 };

/**
 * While an import writes batch after batch, each moving `catalog_version`, the index is rebuilt
 * at most this often: listings and search may lag the import by this much. Any other change
 * shows as soon as it is built, and the end of an import moves the version once more, so the
 * finished catalog is always indexed.
 */
const REBUILD_DURING_IMPORT_EVERY_MS = 5_000;
/**
 * While an import runs, the index catches up with the catalog at most this often, and the page
 * cache keys public pages by the index's version meanwhile: an import moves `catalog_version`
 * with every batch, tens of times a second, and otherwise every public page was rendered again
 * for every request, each catching the index up by a batch (p99 of public pages 175 ms while
 * 100,000 rows went into a 100,000-product catalog, every server process's main thread busy).
 */
const IMPORT_PACE_MS = 1_000;
const importRunning = preparedOnce(() =>
  sqlite
    .prepare(
      "SELECT 1 FROM catalog_imports WHERE status = 'running' AND updated_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 minutes') LIMIT 1",
    )
    .pluck(),
);
/** True while a catalog import is being written. */
export const isImportRunning = () => importRunning().get() !== undefined;

/**
 * How many times an index older than the catalog was handed out. A page whose render saw this
 * move (its own listing, or another's meanwhile) is not kept: it may list what is no longer so,
 * even if the index has caught up by the time the render ends.
 */
export const staleIndexAnswers = () => staleAnswers;

/** The version of the index pages list from now (none before the first). */
export const listedCatalogVersion = () => current?.version;

/** The slot of an active product, or -1. */
export function slotOf(index: CatalogIndex, id: number) {
  return id < index.slotById.length ? index.slotById[id] : -1;
}

/**
 * Called by a page before it lists products: brings the index up to the database without
 * blocking the event loop on a long build (`planBuild`). Then `getCatalogIndex` has it fresh, or
 * lists from the one before it, counted in `staleIndexAnswers`.
 */
export async function catalogIndexReady(): Promise<void> {
  if (followsLater() || caughtUp() || rebuildPostponed()) return;
  const plan = planBuild();
  if (plan === "here") return; // `getCatalogIndex` builds it, briefly
  const build = buildInWorker();
  if (plan === "wait") await build;
}

/**
 * The index of the catalog as it is now, waiting for a build in a worker when one is needed
 * (where `getCatalogIndex` answers from the index before it meanwhile): for work that must see
 * every write so far, such as the search warm-up after an import. If the catalog keeps moving,
 * after three builds, the latest index.
 */
export async function caughtUpCatalogIndex(): Promise<CatalogIndex> {
  for (let builds = 0; builds < 3; builds++) {
    if (current && caughtUp()) return current;
    if (planBuild() === "here") break;
    await buildInWorker();
  }
  return getCatalogIndex();
}

/**
 * The index to list from now: the catalog's own, caught up in place or built here; or the one
 * before it while a worker builds the next (or an import runs). A build planned for the
 * background never runs here, even when the catalog moved again after `catalogIndexReady`.
 */
export function getCatalogIndex(): CatalogIndex {
  if (followsLater() || caughtUp()) return current!;
  const postponed = rebuildPostponed();
  if (current && !building && !postponed && planBuild() === "background") void buildInWorker();
  if (current && (building || postponed)) {
    staleAnswers++;
    return current;
  }
  const started = performance.now();
  adopt(buildCatalogIndexNow(), performance.now() - started);
  return current!;
}

/**
 * Where the next whole build runs, by how long the last one took: a short one in the process
 * itself; a longer one (and the first) in a worker thread, which the page waits for; a long one,
 * or any while an import runs, in a worker thread while the index before it answers. Once a
 * worker has failed, in the process.
 */
function planBuild(): "here" | "wait" | "background" {
  if (workerFailed) return "here";
  if (!current) return "wait";
  // Listings may lag a running import by REBUILD_DURING_IMPORT_EVERY_MS anyway: no page waits.
  if (importRunning().get()) return "background";
  if (lastBuildMs < rebuildTiming.hereUnderMs) return "here";
  return lastBuildMs < rebuildTiming.waitUnderMs ? "wait" : "background";
}

/** A fresh index of the catalog as it is now, built whole (what `getCatalogIndex` must equal). */
export function buildCatalogIndexNow(): CatalogIndex {
  return sqlite.transaction(() => buildCatalogIndex(sqlite))();
}

/**
 * True when the index matches the catalog's version, at once or after applying the changes
 * since it in place (one read transaction: the changes and the version come from one snapshot).
 */
function caughtUp(): boolean {
  const index = current;
  if (!index) return false;
  if (index.version === readContentVersions().catalog) return true;
  if (!sqlite.transaction(() => appliedInPlaceOrDropped(index))()) return false;
  followedAt = performance.now();
  return true;
}

/**
 * True while an import runs and the index caught up less than IMPORT_PACE_MS ago: it is used as
 * it is, however far the catalog has moved since. Reads the database only within that time.
 */
function followsLater() {
  return Boolean(
    current &&
    performance.now() - followedAt < IMPORT_PACE_MS &&
    current.version !== readContentVersions().catalog &&
    importRunning().get(),
  );
}

/**
 * The catalog version public pages are cached under: the database's, or while an import runs
 * and the index lags it by design (caught up less than IMPORT_PACE_MS ago, or being rebuilt),
 * the index's, which is what those pages list. So during an import a cached page is rendered
 * again about once a second instead of for every request, and shows the catalog as the index
 * has it: at most REBUILD_DURING_IMPORT_EVERY_MS behind the import.
 */
export function pagesCatalogVersion(catalog: number) {
  if (!current || current.version === catalog || !importRunning().get()) return catalog;
  const lags = performance.now() - followedAt < IMPORT_PACE_MS || building !== undefined || rebuildPostponed();
  return lags ? current.version : catalog;
}

/** True while an import runs and the index was built less than REBUILD_DURING_IMPORT_EVERY_MS ago. */
function rebuildPostponed() {
  return Boolean(current && performance.now() - builtAt < REBUILD_DURING_IMPORT_EVERY_MS && importRunning().get());
}

function adopt(index: CatalogIndex, buildMs: number) {
  // A build finished here while the worker ran may be the newer one.
  if (current && current.version > index.version) return;
  current = index;
  builtAt = followedAt = performance.now();
  lastBuildMs = buildMs;
}

/**
 * Starts a build in a worker thread unless one is running; settles once the index is handed over
 * (or the build failed), when the next build may start.
 */
function buildInWorker(): Promise<void> {
  if (building) return building;
  const workerData: WorkerData = { file: sqlite.name, fromSnapshot: !current };
  const worker = startWorker(import.meta.url, "catalog-index.worker", workerData);
  const done = new Promise<void>((resolve) => {
    const finish = () => {
      if (building === done) building = undefined;
      resolve();
    };
    worker.once("message", ({ index, buildMs }: WorkerResult) => {
      adopt(index, buildMs);
      finish();
    });
    // A failed build is logged, and the process builds in itself from then on.
    worker.once("error", (error: Error) => {
      workerFailed = true;
      console.error(JSON.stringify({ event: "catalog_index_build_failed", message: error.message }));
      finish();
    });
    worker.once("exit", finish);
  });
  building = done;
  return done;
}

/**
 * At most this many changed products are applied in place: a batch costs a few block copies of
 * the orders plus a name search and list moves per product, 19–41 ms for 100 new products at a
 * million (200, an import's batch: 26–54 ms). A larger one is an import's or a bulk edit's,
 * rebuilt in a worker thread when builds take long.
 */
const MAX_IN_PLACE = 100;

const changesSince = preparedOnce(() =>
  sqlite.prepare<[number], { seq: number; product_id: number }>(
    "SELECT seq, product_id FROM catalog_index_changes WHERE seq > ? ORDER BY seq",
  ),
);
/** A changed product as the index reads it, and its name (to find its neighbours in name order). */
type ChangedRow = [...ProductRow, name: string];
const activeProduct = preparedOnce(() =>
  sqlite
    .prepare<[number], ChangedRow>(
      `SELECT id, category_id, manufacturer, price_cents, lead_time_days, in_stock, featured, name
       FROM products WHERE id = ? AND status = 'active'`,
    )
    .raw(),
);
type SpecRow = [specId: number, valueNum: number | null, valueText: string | null];
const specsOf = preparedOnce(() =>
  sqlite
    .prepare<[number], SpecRow>(
      "SELECT spec_id, value_num, value_text FROM product_specs WHERE product_id = ? ORDER BY id",
    )
    .raw(),
);
const nameOf = preparedOnce(() => sqlite.prepare<[number], string>("SELECT name FROM products WHERE id = ?").pluck());

/** A product's id and its name as UTF-8 bytes. */
type Named = { id: number; bytes: Buffer };
const named = (id: number, name = nameOf().get(id)!): Named => ({ id, bytes: Buffer.from(name) });

/**
 * Name order as SQLite's `ORDER BY name, id` has it (the build's): names compared as UTF-8 bytes,
 * as the BINARY collation does, then ids.
 */
const byNameThenId = (a: Named, b: Named) => Buffer.compare(a.bytes, b.bytes) || a.id - b.id;

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

/** A changed product as it is now, to be put in a new slot: its fields, its specs and its name. */
type Arrival = Named & { row: ChangedRow; specs: SpecRow[] };

/**
 * Brings `index` up to the database's version in place when every write since its version is
 * one it can follow (ADR 38): as many `catalog_index_changes` rows as the version moved. Writes
 * to products, their specs and price breaks each log the product; the others (categories, spec
 * definitions, synonyms) move the version alone. A changed product that kept its place in name
 * order, its category, manufacturer and specs has its sort fields updated where it is
 * (`applyFields`); any other leaves its slot and, if still active, takes a new one (`reshape`).
 * False, untouched, when it must be rebuilt.
 */
function appliedInPlace(index: CatalogIndex): boolean {
  const version = readContentVersions().catalog;
  const changes = changesSince().all(index.changeSeq);
  if (changes.length !== version - index.version) return false;
  const ids = new Set(changes.map((change) => change.product_id));
  if (ids.size > MAX_IN_PLACE) return false;
  const updates: [slot: number, fields: SortFields][] = [];
  const leaving: number[] = [];
  const arriving: Arrival[] = [];
  for (const id of ids) {
    const slot = slotOf(index, id);
    const row = activeProduct().get(id);
    if (!row) {
      if (slot !== -1) leaving.push(slot);
      continue;
    }
    const specs = specsOf().all(id);
    const [, categoryId, , , , , , name] = row;
    if (!index.ancestors.has(categoryId) || specs.some(([spec]) => spec >= index.specSlots)) return false;
    if (slot !== -1 && keptItsPlace(index, slot, row, specs, ids)) {
      updates.push([slot, fieldsOf(row)]);
    } else {
      if (slot !== -1) leaving.push(slot);
      arriving.push({ ...named(id, name), row, specs });
    }
  }
  if (!roomFor(index, arriving)) return false;
  for (const [slot, fields] of updates) applyFields(index, slot, fields);
  if (leaving.length || arriving.length) reshape(index, leaving, arriving);
  index.version = version;
  index.changeSeq = changes.at(-1)?.seq ?? index.changeSeq;
  return true;
}

const fieldsOf = ([, , , priceCents, leadTimeDays, inStock, featured]: ChangedRow): SortFields => ({
  price: priceCents ?? Number.NaN,
  leadTimeDays,
  inStock,
  featured,
});

/**
 * True when the product in `slot` still has its category, manufacturer and specs, and its name
 * still sorts between its neighbours in the index, neither of which changed.
 */
function keptItsPlace(
  index: CatalogIndex,
  slot: number,
  [id, categoryId, maker, , , , , name]: ChangedRow,
  specs: SpecRow[],
  changed: Set<number>,
) {
  if (index.category[slot] !== categoryId || index.manufacturers[index.manufacturer[slot]] !== maker) return false;
  const rank = index.nameRank[slot];
  const sortsAfter = (at: number) => {
    if (at < 0 || at >= index.size) return at < 0;
    const neighbour = index.ids[index.nameOrder[at]];
    if (changed.has(neighbour)) return undefined;
    return byNameThenId(named(id, name), named(neighbour)) > 0;
  };
  if (sortsAfter(rank - 1) !== true || sortsAfter(rank + 1) !== false) return false;
  let e = index.enumStart[slot];
  let n = index.numStart[slot];
  for (const [spec, valueNum, valueText] of specs) {
    if (valueText === null) {
      if (n >= index.numEnd[slot] || index.numSpec[n] !== spec || !Object.is(index.numValue[n], valueNum ?? Number.NaN))
        return false;
      n++;
    } else {
      const text = index.stringIndex.get(valueText);
      if (text === undefined || e >= index.enumEnd[slot] || index.enumKey[e] !== text * index.specSlots + spec)
        return false;
      e++;
    }
  }
  return e === index.enumEnd[slot] && n === index.numEnd[slot];
}

/** True when the index has slots and spec entries left for `arriving`. */
function roomFor(index: CatalogIndex, arriving: Arrival[]) {
  let enums = 0;
  const newTexts = new Set<string>();
  for (const { specs } of arriving) {
    for (const [, , text] of specs) {
      if (text === null) continue;
      enums++;
      if (!index.stringIndex.has(text)) newTexts.add(text);
    }
  }
  const numbers = arriving.reduce((n, { specs }) => n + specs.length, 0) - enums;
  const keysFit =
    index.enumKey instanceof Int32Array || (index.strings.length + newTexts.size) * index.specSlots <= 1 << 16;
  return (
    keysFit &&
    index.slotCount + arriving.length <= index.ids.length &&
    index.enumUsed + enums <= index.enumKey.length &&
    index.numUsed + numbers <= index.numSpec.length
  );
}

/** The first place in `order[0 … length)` whose slot does not sort before `slot`. */
function lowerBound(order: Int32Array, length: number, slot: number, compare: (a: number, b: number) => number) {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(order[middle], slot) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Gives `slot` new sort fields: its subtree's kept counts (listed, on request, in stock) and its
 * place in each order that compares a field that changed follow. An order is moved by one shift
 * of the entries between its old place and its new one.
 */
function applyFields(index: CatalogIndex, slot: number, next: SortFields) {
  const { price, leadTimeDays, inStock, featured, orders, size } = index;
  const changed = ORDER_NAMES.filter((name) =>
    name === "relevance"
      ? featured[slot] !== next.featured || inStock[slot] !== next.inStock
      : name === "lead-time"
        ? leadTimeDays[slot] !== next.leadTimeDays
        : !Object.is(price[slot], next.price),
  );
  const from = changed.map((name) => {
    const order = orders[name];
    const at = lowerBound(order, size, slot, comparator(index, name));
    if (order[at] !== slot) throw new Error(`catalog index: product ${index.ids[slot]} is not in the ${name} order`);
    return at;
  });
  const wasListed = !Number.isNaN(price[slot]);
  const isListed = !Number.isNaN(next.price);
  for (const id of index.ancestors.get(index.category[slot]) ?? []) {
    const kept = index.subtreeFacets.get(id);
    if (!kept) continue;
    if (wasListed !== isListed) {
      kept.listed += isListed ? 1 : -1;
      kept.quote += isListed ? -1 : 1;
    }
    kept.inStock += next.inStock - inStock[slot];
  }
  price[slot] = next.price;
  leadTimeDays[slot] = next.leadTimeDays;
  inStock[slot] = next.inStock;
  featured[slot] = next.featured;
  changed.forEach((name, k) => {
    const order = orders[name];
    const last = size - 1;
    order.copyWithin(from[k], from[k] + 1, size);
    const to = lowerBound(order, last, slot, comparator(index, name));
    order.copyWithin(to + 1, to, last);
    order[to] = slot;
    if (name === "relevance") rankRelevance(index, Math.min(from[k], to), Math.max(from[k], to) + 1);
  });
}

/**
 * Takes the `leaving` slots out of the index and puts each of `arriving` in a new slot: out of
 * and into every order and subtree list, and their contributions out of and into the kept counts
 * of each subtree they are in. Places in the lists are found by binary search and the entries
 * between them moved as blocks, so a change costs a few block copies of the catalog's orders (a
 * millisecond or two at a million products) plus a little per product.
 */
function reshape(index: CatalogIndex, leaving: number[], arriving: Arrival[]) {
  // Name order by rank: the ranks as they were until they are renumbered below, then the new ones.
  const byName = (a: number, b: number) => index.nameRank[a] - index.nameRank[b];
  // Out: each leaving slot's place in every list, found while the lists and ranks are as they were.
  const leavingRanks = leaving.map((slot) => index.nameRank[slot]).sort((a, b) => a - b);
  const orderPlaces = ORDER_NAMES.map((name) =>
    placesIn(index.orders[name], index.size, leaving, comparator(index, name)),
  );
  const leavingFrom = new Map<number, number[]>();
  for (const slot of leaving) {
    for (const id of index.ancestors.get(index.category[slot]) ?? [])
      leavingFrom.set(id, [...(leavingFrom.get(id) ?? []), slot]);
  }
  const subtreePlaces = new Map(
    [...leavingFrom].map(([id, slots]) => {
      const list = index.subtree.get(id)!;
      return [id, placesIn(list, list.length, slots, byName)];
    }),
  );
  /** Subtrees whose lowest or highest value of a number spec may have left with a product. */
  const boundsLeft = new Map<number, Set<number>>();
  for (const slot of leaving) {
    for (const id of index.ancestors.get(index.category[slot]) ?? []) {
      const kept = index.subtreeFacets.get(id);
      if (!kept) continue;
      const specs = boundsLeft.get(id) ?? new Set<number>();
      boundsLeft.set(id, specs);
      countOut(index, kept, slot, (spec) => specs.add(spec));
    }
  }
  const size = removePlaces(index.nameOrder, index.size, leavingRanks);
  ORDER_NAMES.forEach((name, k) => removePlaces(index.orders[name], index.size, orderPlaces[k]));
  for (const slot of leaving) {
    index.slotById[index.ids[slot]] = -1;
    index.ids[slot] = 0;
    index.enumEnd[slot] = index.enumStart[slot];
    index.numEnd[slot] = index.numStart[slot];
  }

  // Into name order, found by comparing names with those of the products that stay (each read once;
  // arrivals in name order, each searching from where the one before it went); then into the other
  // orders and subtree lists by it.
  const inNameOrder = arriving.slice().sort(byNameThenId);
  const staying = new Map<number, Named>();
  const stayingAt = (place: number) => {
    const id = index.ids[index.nameOrder[place]];
    let found = staying.get(id);
    if (!found) staying.set(id, (found = named(id)));
    return found;
  };
  let low = 0;
  const at = inNameOrder.map((arrival) => {
    let high = size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byNameThenId(stayingAt(middle), arrival) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  });
  const arrived = inNameOrder.map((arrival) => placeInSlot(index, arrival));
  const placed = insertAt(index.nameOrder, size, at, arrived);
  const n = size + arrived.length;
  const [nameFrom, nameTo] = moved(leavingRanks, placed, n);
  for (let i = nameFrom; i < nameTo; i++) index.nameRank[index.nameOrder[i]] = i;
  index.size = n;
  ORDER_NAMES.forEach((name, k) => {
    const placed = insertSorted(index.orders[name], size, arrived, comparator(index, name));
    if (name === "relevance") rankRelevance(index, ...moved(orderPlaces[k], placed, n));
  });

  // Each subtree list a product left or joined, made again once: what stays, then what arrives.
  const arrivedIn = new Map<number, number[]>();
  for (const slot of arrived) {
    for (const id of index.ancestors.get(index.category[slot]) ?? [])
      arrivedIn.set(id, [...(arrivedIn.get(id) ?? []), slot]);
  }
  for (const id of new Set([...subtreePlaces.keys(), ...arrivedIn.keys()])) {
    const old = index.subtree.get(id) ?? new Int32Array(0);
    const places = subtreePlaces.get(id) ?? [];
    const slots = arrivedIn.get(id) ?? [];
    // As many leave as arrive (a rename, a spec edit): in place; otherwise into a list of the new length.
    const list = places.length === slots.length ? old : new Int32Array(old.length - places.length + slots.length);
    let to = 0;
    for (let k = 0, from = 0; k <= places.length; k++) {
      const end = places[k] ?? old.length;
      if (list === old) list.copyWithin(to, from, end);
      else list.set(old.subarray(from, end), to);
      to += end - from;
      from = end + 1;
    }
    insertSorted(list, to, slots, byName);
    index.subtree.set(id, list);
    const facets = index.subtreeFacets.get(id);
    if (facets) for (const slot of slots) countIn(index, facets, slot);
  }
  // A lowest or highest value that no product holds any more is found again, in each category
  // before its parent, which starts from its children's bounds.
  const deepestFirst = [...boundsLeft].sort(
    ([a], [b]) => index.ancestors.get(b)!.length - index.ancestors.get(a)!.length,
  );
  for (const [id, specs] of deepestFirst) {
    const facets = index.subtreeFacets.get(id)!;
    const lost = [...specs].filter((spec) => facets.atMin[spec] === 0 || facets.atMax[spec] === 0);
    if (lost.length) recountBounds(index, id, new Set(lost));
  }
}

/** Puts an arriving product's fields and spec entries in the next free slot. */
function placeInSlot(index: CatalogIndex, { id, row, specs }: Arrival) {
  const slot = index.slotCount++;
  const [, categoryId, maker] = row;
  const fields = fieldsOf(row);
  if (id >= index.slotById.length) {
    index.slotById = grown(index.slotById, id + 1 + (id >> 5)).fill(-1, index.slotById.length);
    index.relevanceRankById = grown(index.relevanceRankById, index.slotById.length);
  }
  index.ids[slot] = id;
  index.slotById[id] = slot;
  index.category[slot] = categoryId;
  index.manufacturer[slot] = manufacturerNumber(index, maker);
  index.price[slot] = fields.price;
  index.leadTimeDays[slot] = fields.leadTimeDays;
  index.inStock[slot] = fields.inStock;
  index.featured[slot] = fields.featured;
  index.enumStart[slot] = index.enumEnd[slot] = index.enumUsed;
  index.numStart[slot] = index.numEnd[slot] = index.numUsed;
  for (const [spec, valueNum, valueText] of specs) {
    if (valueText === null) {
      index.numSpec[index.numEnd[slot]] = spec;
      index.numValue[index.numEnd[slot]++] = valueNum ?? Number.NaN;
    } else {
      const text = stringNumber(index.strings, index.stringIndex, valueText);
      index.enumKey[index.enumEnd[slot]++] = text * index.specSlots + spec;
    }
  }
  index.enumUsed = index.enumEnd[slot];
  index.numUsed = index.numEnd[slot];
  return slot;
}

/** The places of `slots` in `list[0 … length)`, sorted by `compare`, ascending. */
function placesIn(list: Int32Array, length: number, slots: number[], compare: (a: number, b: number) => number) {
  return slots
    .map((slot) => {
      const at = lowerBound(list, length, slot, compare);
      if (list[at] !== slot) throw new Error(`catalog index: slot ${slot} is not where its order says`);
      return at;
    })
    .sort((a, b) => a - b);
}

/** Removes the entries at `places` (ascending) from `list[0 … length)`, moving the rest up as blocks; the new length. */
function removePlaces(list: Int32Array, length: number, places: number[]) {
  let to = places[0] ?? length;
  places.forEach((place, k) => {
    const end = places[k + 1] ?? length;
    list.copyWithin(to, place + 1, end);
    to += end - place - 1;
  });
  return to;
}

/**
 * Inserts `slots` into `list[0 … length)` (which has room), each before the entry at its place
 * in `at` (ascending, as places among the entries already there), moving entries down as blocks.
 */
function insertAt(list: Int32Array, length: number, at: number[], slots: number[]) {
  let end = length;
  for (let k = slots.length - 1; k >= 0; k--) {
    list.copyWithin(at[k] + k + 1, at[k], end);
    list[at[k] + k] = slots[k];
    end = at[k];
  }
  return at.map((place, k) => place + k);
}

/** Inserts `slots` into `list[0 … length)` (sorted by `compare`, with room) where they belong; their new places. */
function insertSorted(list: Int32Array, length: number, slots: number[], compare: (a: number, b: number) => number) {
  const sorted = slots.slice().sort(compare);
  return insertAt(
    list,
    length,
    sorted.map((slot) => lowerBound(list, length, slot, compare)),
    sorted,
  );
}

/**
 * The places of a list of `length` whose entry may have changed when entries at `removed` (old
 * places) went and entries came to `inserted` (new places), both ascending: from the first to the
 * last of them if as many came as went, otherwise to the end.
 */
function moved(removed: number[], inserted: number[], length: number): [from: number, to: number] {
  const from = Math.min(removed[0] ?? length, inserted[0] ?? length);
  if (removed.length !== inserted.length) return [from, length];
  return [from, Math.max(removed.at(-1) ?? -1, inserted.at(-1) ?? -1) + 1];
}

function manufacturerNumber(index: CatalogIndex, maker: string) {
  const number = index.manufacturers.indexOf(maker);
  return number === -1 ? index.manufacturers.push(maker) - 1 : number;
}

/** The place of `key` among a subtree's counted enum keys (ascending), or where it would go. */
function enumPlace(facets: SubtreeFacets, key: number) {
  let low = 0;
  let high = facets.enumKeys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (facets.enumKeys[middle] < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Takes the product in `slot` out of a subtree's kept counts; `boundLeaves` hears of each number
 * spec whose lowest or highest value it was the last to hold.
 */
function countOut(index: CatalogIndex, facets: SubtreeFacets, slot: number, boundLeaves: (spec: number) => void) {
  for (let e = index.enumStart[slot]; e < index.enumEnd[slot]; e++) {
    const at = enumPlace(facets, index.enumKey[e]);
    if (facets.enumKeys[at] !== index.enumKey[e]) throw new Error("catalog index: a spec value is not counted");
    facets.enumCounts[at]--;
  }
  facets.manufacturerCounts[index.manufacturer[slot]]--;
  if (Number.isNaN(index.price[slot])) facets.quote--;
  else facets.listed--;
  facets.inStock -= index.inStock[slot];
  for (let e = index.numStart[slot]; e < index.numEnd[slot]; e++) {
    const spec = index.numSpec[e];
    const value = index.numValue[e];
    if (value === facets.min[spec] && --facets.atMin[spec] === 0) boundLeaves(spec);
    if (value === facets.max[spec] && --facets.atMax[spec] === 0) boundLeaves(spec);
  }
}

/** Adds the product in `slot` to a subtree's kept counts. */
function countIn(index: CatalogIndex, facets: SubtreeFacets, slot: number) {
  const added = new Map<number, number>();
  for (let e = index.enumStart[slot]; e < index.enumEnd[slot]; e++) {
    const key = index.enumKey[e];
    const at = enumPlace(facets, key);
    if (facets.enumKeys[at] === key) facets.enumCounts[at]++;
    else added.set(key, (added.get(key) ?? 0) + 1);
  }
  if (added.size) {
    // Values the subtree had none of: its key and count lists are made again, longer.
    const keys = [...facets.enumKeys, ...added.keys()].sort((a, b) => a - b);
    const counts = keys.map((key) => added.get(key) ?? facets.enumCounts[enumPlace(facets, key)]);
    facets.enumKeys = Int32Array.from(keys);
    facets.enumCounts = Int32Array.from(counts);
  }
  const maker = index.manufacturer[slot];
  if (maker >= facets.manufacturerCounts.length)
    facets.manufacturerCounts = grown(facets.manufacturerCounts, maker + 1);
  facets.manufacturerCounts[maker]++;
  if (Number.isNaN(index.price[slot])) facets.quote++;
  else facets.listed++;
  facets.inStock += index.inStock[slot];
  for (let e = index.numStart[slot]; e < index.numEnd[slot]; e++)
    countBound(facets, index.numSpec[e], index.numValue[e]);
}

/**
 * The lowest and highest values of `specs` in a subtree, found again: from its child categories'
 * kept bounds (recounted first when they lost theirs too) and its own products' values. A product
 * is in one category, so a subtree's values are its children's and its own, and only the
 * category's own products are read: at a million products, none for a top-level category of
 * 444,000, where counting them all took 10–20 ms.
 */
function recountBounds(index: CatalogIndex, categoryId: number, specs: Set<number>) {
  const facets = index.subtreeFacets.get(categoryId)!;
  const { numStart, numEnd, numSpec, numValue, category } = index;
  const recounted = new Uint8Array(index.specSlots);
  for (const spec of specs) {
    recounted[spec] = 1;
    [facets.min[spec], facets.max[spec], facets.atMin[spec], facets.atMax[spec]] = [Infinity, -Infinity, 0, 0];
  }
  for (const [child, chain] of index.ancestors) {
    const kept = chain[1] === categoryId ? index.subtreeFacets.get(child) : undefined;
    if (!kept) continue;
    for (const spec of specs) {
      mergeBound(facets.min, facets.atMin, spec, kept.min[spec], kept.atMin[spec], -1);
      mergeBound(facets.max, facets.atMax, spec, kept.max[spec], kept.atMax[spec], 1);
    }
  }
  const slots = index.subtree.get(categoryId) ?? new Int32Array(0);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    if (category[slot] !== categoryId) continue;
    for (let e = numStart[slot]; e < numEnd[slot]; e++) {
      if (recounted[numSpec[e]] === 1) countBound(facets, numSpec[e], numValue[e]);
    }
  }
}

/** Takes `count` values of `value` into a lowest (`direction` -1) or highest (1) bound. */
function mergeBound(
  bound: Float64Array,
  at: Int32Array,
  spec: number,
  value: number,
  count: number,
  direction: -1 | 1,
) {
  if (count === 0) return;
  if (value === bound[spec]) at[spec] += count;
  else if (Math.sign(value - bound[spec]) === direction) [bound[spec], at[spec]] = [value, count];
}
