import { Worker } from "node:worker_threads";
import { preparedOnce, sqlite } from "~/lib/db.server";
import { readContentVersions } from "~/lib/content-version.server";
import {
  buildCatalogIndex,
  comparator,
  ORDER_NAMES,
  type CatalogIndex,
  type SortFields,
} from "./catalog-index-build.server";

import type { WorkerData, WorkerResult } from "./catalog-index.worker";

export type { CatalogIndex, SubtreeFacets } from "./catalog-index-build.server";

/*
 * Every process keeps its own catalog index (`catalog-index-build.server.ts`) and follows the
 * database: when `catalog_version` (bumped by triggers on every catalog write) moves, the writes
 * that keep every product's place (prices, stock, lead times, featured) are applied in place from
 * `catalog_index_changes`; any other write needs a whole build (ADR 38). A build that took long
 * runs in a worker thread while the previous index goes on answering, so no request waits behind
 * it and no page rendered meanwhile is kept (`staleIndexAnswers`). A process's first index is
 * the snapshot of the last build when there is one (`catalog-index-snapshot.server.ts`).
 */

let current: CatalogIndex | undefined;
/** When the last whole build finished, and how long it took in the thread that ran it. */
let builtAt = 0;
let lastBuildMs = 0;
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
const importRunning = preparedOnce(() =>
  sqlite
    .prepare(
      "SELECT 1 FROM catalog_imports WHERE status = 'running' AND updated_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 minutes') LIMIT 1",
    )
    .pluck(),
);

/**
 * How many times an index older than the catalog was handed out. A page whose render saw this
 * move (its own listing, or another's meanwhile) is not kept: it may list what is no longer so,
 * even if the index has caught up by the time the render ends.
 */
export const staleIndexAnswers = () => staleAnswers;

/** The ordinal of an active product, or -1. */
export function ordinalOf(index: CatalogIndex, id: number) {
  return id < index.ordinalById.length ? index.ordinalById[id] : -1;
}

/**
 * Called by a page before it lists products: brings the index up to the database without
 * blocking the event loop on a long build (`planBuild`). Then `getCatalogIndex` has it fresh, or
 * lists from the one before it, counted in `staleIndexAnswers`.
 */
export async function catalogIndexReady(): Promise<void> {
  if (caughtUp() || rebuildPostponed()) return;
  const plan = planBuild();
  if (plan === "here") return; // `getCatalogIndex` builds it, briefly
  const build = buildInWorker();
  if (plan === "wait") await build;
}

/**
 * The index to list from now: the catalog's own, caught up in place or built here; or the one
 * before it while a worker builds the next (or an import runs). A build planned for the
 * background never runs here, even when the catalog moved again after `catalogIndexReady`.
 */
export function getCatalogIndex(): CatalogIndex {
  if (caughtUp()) return current!;
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
 * itself; a longer one (and the first) in a worker thread, which the page waits for; a long one
 * in a worker thread while the index before it answers. Once a worker has failed, in the process.
 */
function planBuild(): "here" | "wait" | "background" {
  if (workerFailed) return "here";
  if (!current) return "wait";
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
  return index.version === readContentVersions().catalog || sqlite.transaction(() => appliedInPlaceOrDropped(index))();
}

/** True while an import runs and the index was built less than REBUILD_DURING_IMPORT_EVERY_MS ago. */
function rebuildPostponed() {
  return Boolean(current && performance.now() - builtAt < REBUILD_DURING_IMPORT_EVERY_MS && importRunning().get());
}

function adopt(index: CatalogIndex, buildMs: number) {
  // A build finished here while the worker ran may be the newer one.
  if (current && current.version > index.version) return;
  current = index;
  builtAt = performance.now();
  lastBuildMs = buildMs;
}

// The built server runs the compiled worker beside its bundle; the sources (tests, scripts) load
// the TypeScript through tsx's loader, registered in the thread first.
const WORKER = import.meta.url.endsWith(".ts")
  ? ([
      `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./catalog-index.worker.ts", import.meta.url).href)}); })`,
      { eval: true },
    ] as const)
  : ([new URL("./catalog-index.worker.js", import.meta.url), {}] as const);

/**
 * Starts a build in a worker thread unless one is running; settles once the index is handed over
 * (or the build failed), when the next build may start.
 */
function buildInWorker(): Promise<void> {
  if (building) return building;
  const workerData: WorkerData = { file: sqlite.name, fromSnapshot: !current };
  const worker = new Worker(WORKER[0], { ...WORKER[1], workerData });
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
 * At most this many changed products are applied in place: each costs a few moves of the sort
 * orders (a few ms at a million products), and a larger batch is an import's, rebuilt at once.
 */
const MAX_IN_PLACE = 500;

const changesSince = preparedOnce(() =>
  sqlite.prepare<[number], { seq: number; product_id: number }>(
    "SELECT seq, product_id FROM catalog_index_changes WHERE seq > ? ORDER BY seq",
  ),
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
