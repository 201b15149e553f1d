import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sqlite } from "~/lib/db.server";
import { snapshotFile } from "./catalog-index-snapshot.server";

const snapshot = snapshotFile(sqlite.name);
const errors = vi.spyOn(console, "error");
afterEach(() => expect(errors).not.toHaveBeenCalled());

/** The catalog index module as a process starting now has it: no index yet. */
async function startProcess() {
  vi.resetModules();
  const catalogIndex = await import("./catalog-index.server");
  await catalogIndex.catalogIndexReady();
  return catalogIndex;
}
const snapshotWrite = () => fs.statSync(snapshot, { throwIfNoEntry: false })?.mtimeMs;
const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);

describe("the catalog index snapshot", () => {
  it("is written by a build, and a starting process loads it instead of building", async () => {
    fs.rmSync(snapshot, { force: true });
    const first = await startProcess();
    await vi.waitFor(() => expect(snapshotWrite()).toBeDefined()); // written after the hand-over
    const written = snapshotWrite();
    const second = await startProcess();
    expect(second.getCatalogIndex()).toEqual(first.buildCatalogIndexNow());
    expect(snapshotWrite()).toBe(written);
  });

  it("is written whole, and leaves no temporary file of a process stopped mid-write", async () => {
    const orphan = `${snapshot}.999999999.left-by-a-stopped-process`;
    const mine = `${snapshot}.${process.pid}.being-written`;
    fs.writeFileSync(orphan, "half");
    fs.writeFileSync(mine, "half");
    fs.rmSync(snapshot, { force: true });
    await startProcess();
    // Removed after the rename: this process's own temporary file stays.
    await vi.waitFor(() => expect(fs.existsSync(orphan)).toBe(false));
    expect(snapshotWrite()).toBeDefined();
    expect(fs.existsSync(mine)).toBe(true);
    fs.rmSync(mine);
  });

  it("is caught up from the change log after loading", async () => {
    await startProcess();
    await vi.waitFor(() => expect(snapshotWrite()).toBeDefined());
    const written = snapshotWrite();
    run("UPDATE products SET price_cents = 777 WHERE id = (SELECT min(id) FROM products WHERE status = 'active')");
    const next = await startProcess();
    expect(next.getCatalogIndex()).toEqual(next.buildCatalogIndexNow());
    expect(snapshotWrite()).toBe(written);
  });

  it("is not used when it is unreadable, ahead of the catalog, or from another history", async () => {
    const spoil = [
      () => fs.writeFileSync(snapshot, "not a snapshot"),
      () => run("UPDATE catalog_meta SET value = value - 1000 WHERE key = 'catalog_version'"),
      () =>
        run(
          "UPDATE catalog_index_changes SET product_id = product_id + 1 WHERE seq = (SELECT max(seq) FROM catalog_index_changes)",
        ),
    ];
    for (const [k, damage] of spoil.entries()) {
      // A structural write, so the snapshot's build is the newest and the log ends where it does.
      run("UPDATE categories SET name = name || ' B' WHERE id = (SELECT min(id) FROM categories)");
      await startProcess();
      await vi.waitFor(() => expect(snapshotWrite()).toBeDefined());
      damage();
      const damaged = snapshotWrite();
      const next = await startProcess();
      expect(next.getCatalogIndex(), `case ${k}`).toEqual(next.buildCatalogIndexNow());
      // Built, not loaded: the build writes the snapshot anew.
      await vi.waitFor(() => expect(snapshotWrite(), `case ${k}`).not.toBe(damaged));
    }
  });
});
