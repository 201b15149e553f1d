import { readContentVersions } from "~/lib/content-version.server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sqlite } from "~/lib/db.server";
import {
  buildCatalogIndexNow,
  catalogIndexReady,
  getCatalogIndex,
  pagesCatalogVersion,
  rebuildTiming,
  staleIndexAnswers,
} from "./catalog-index.server";

const productId = Number(
  sqlite.prepare("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 1").pluck().get(),
);
/** A write the index cannot follow in place: it is built whole again. */
const renameCategory = () =>
  sqlite.prepare("UPDATE categories SET name = name || ' B' WHERE id = (SELECT min(id) FROM categories)").run();

// This file's module starts with no index, as a server process does. A failed worker is logged
// and its build done in the process instead, which would pass unseen: nothing may be logged.
const errors = vi.spyOn(console, "error");
afterEach(() => expect(errors).not.toHaveBeenCalled());

describe("catalog index builds in a worker thread", () => {
  it("builds the first index in a worker, which a listing waits for", async () => {
    await catalogIndexReady();
    expect(getCatalogIndex()).toEqual(buildCatalogIndexNow());
    expect(staleIndexAnswers()).toBe(0);
  });

  it("lists from the previous index, marked behind, while a long rebuild runs, then from the new one", async () => {
    // As on a large catalog: every rebuild goes to a worker and no listing waits for it.
    Object.assign(rebuildTiming, { hereUnderMs: 0, waitUnderMs: 0 });
    const before = getCatalogIndex();
    const stale = staleIndexAnswers();
    renameCategory();
    await catalogIndexReady();
    expect(getCatalogIndex()).toBe(before);
    expect(staleIndexAnswers()).toBe(stale + 1);
    // A price edit meanwhile cannot be applied to an index that misses the category's new name.
    sqlite.prepare("UPDATE products SET price_cents = 4321 WHERE id = ?").run(productId);
    expect(getCatalogIndex()).toBe(before);
    await vi.waitFor(() => expect(getCatalogIndex()).not.toBe(before), { timeout: 30_000, interval: 20 });
    // The worker's build may have started before the price edit: then it was applied in place.
    const after = staleIndexAnswers();
    expect(getCatalogIndex()).toEqual(buildCatalogIndexNow());
    expect(staleIndexAnswers()).toBe(after);
  });

  it("never builds a long rebuild in the process, even when the catalog moved after catalogIndexReady", async () => {
    Object.assign(rebuildTiming, { hereUnderMs: 0, waitUnderMs: 0 });
    await catalogIndexReady();
    const before = getCatalogIndex();
    renameCategory();
    expect(getCatalogIndex()).toBe(before);
    await vi.waitFor(() => expect(getCatalogIndex()).not.toBe(before), { timeout: 30_000, interval: 20 });
    expect(getCatalogIndex()).toEqual(buildCatalogIndexNow());
  });

  it("waits for a rebuild expected to be short, so a listing shows the change", async () => {
    Object.assign(rebuildTiming, { hereUnderMs: 0, waitUnderMs: 60_000 });
    const before = getCatalogIndex();
    renameCategory();
    await catalogIndexReady();
    const after = getCatalogIndex();
    expect(after).not.toBe(before);
    expect(after).toEqual(buildCatalogIndexNow());
  });

  it("while an import runs, no listing waits for a rebuild, even one expected to be short", async () => {
    Object.assign(rebuildTiming, { hereUnderMs: 0, waitUnderMs: 60_000 });
    const importId = sqlite
      .prepare("INSERT INTO catalog_imports (file_name, rows_to_write) VALUES ('bulk.csv', 100000)")
      .run().lastInsertRowid;
    // The index was built more than 5 s ago, so the import no longer postpones its rebuild.
    const now = performance.now.bind(performance);
    const later = vi.spyOn(performance, "now").mockImplementation(() => now() + 6_000);
    try {
      const before = getCatalogIndex();
      renameCategory();
      await catalogIndexReady();
      expect(getCatalogIndex()).toBe(before);
      await vi.waitFor(() => expect(getCatalogIndex()).not.toBe(before), { timeout: 30_000, interval: 20 });
    } finally {
      later.mockRestore();
      sqlite.prepare("UPDATE catalog_imports SET status = 'applied' WHERE id = ?").run(importId);
    }
    expect(getCatalogIndex()).toEqual(buildCatalogIndexNow());
  });

  it("while an import runs, follows the catalog at most once a second, and cached pages are keyed by what it lists", async () => {
    await catalogIndexReady();
    const importId = sqlite
      .prepare("INSERT INTO catalog_imports (file_name, rows_to_write) VALUES ('paced.csv', 100000)")
      .run().lastInsertRowid;
    const now = performance.now.bind(performance);
    let offset = 10_000; // well past the index's last catch-up
    const clock = vi.spyOn(performance, "now").mockImplementation(() => now() + offset);
    const priceEdit = (cents: number) =>
      sqlite.prepare("UPDATE products SET price_cents = ? WHERE id = ?").run(cents, productId);
    const catalogVersion = () => readContentVersions().catalog;
    try {
      const stale = staleIndexAnswers();
      priceEdit(1111);
      const index = getCatalogIndex(); // the last catch-up was long ago: it catches up now, in place
      expect(index.version).toBe(catalogVersion());
      const followed = index.version;

      priceEdit(2222);
      offset += 900;
      await catalogIndexReady();
      expect(getCatalogIndex()).toBe(index);
      expect(index.version).toBe(followed); // behind the catalog, by design
      expect(catalogVersion()).toBeGreaterThan(followed);
      expect(pagesCatalogVersion(catalogVersion())).toBe(followed);
      expect(staleIndexAnswers()).toBe(stale); // within the second it is used as it is, not counted behind

      offset += 200; // a second since it caught up
      expect(pagesCatalogVersion(catalogVersion())).toBe(catalogVersion());
      await catalogIndexReady();
      expect(getCatalogIndex()).toBe(index);
      expect(index.version).toBe(catalogVersion());

      // Once the import has ended, every change is followed at once again.
      sqlite.prepare("UPDATE catalog_imports SET status = 'applied' WHERE id = ?").run(importId);
      priceEdit(3333);
      expect(pagesCatalogVersion(catalogVersion())).toBe(catalogVersion());
      expect(getCatalogIndex().version).toBe(catalogVersion());
    } finally {
      clock.mockRestore();
      sqlite.prepare("UPDATE catalog_imports SET status = 'applied' WHERE id = ?").run(importId);
    }
    expect(getCatalogIndex()).toEqual(buildCatalogIndexNow());
  });
});
