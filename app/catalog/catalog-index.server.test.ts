import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sqlite } from "~/lib/db.server";
import { buildCatalogIndexNow, getCatalogIndex, ordinalOf } from "./catalog-index.server";

const productIds = sqlite
  .prepare(
    "SELECT id FROM products WHERE status = 'active' AND id IN (SELECT product_id FROM product_specs) ORDER BY id",
  )
  .pluck()
  .all() as number[];
const product = fc.nat(productIds.length - 1).map((i) => productIds[i]);

/** Writes the index follows in place: a product keeps its name, category, manufacturer and status. */
const inPlaceEdit = fc.oneof(
  fc.record({ kind: fc.constant("price"), id: product, cents: fc.option(fc.integer({ min: 1, max: 9_000_000 })) }),
  fc.record({ kind: fc.constant("lead"), id: product, days: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant("stock"), id: product, on: fc.boolean() }),
  fc.record({ kind: fc.constant("featured"), id: product, on: fc.boolean() }),
  fc.record({ kind: fc.constant("summary"), id: product }),
  fc.record({ kind: fc.constant("breaks"), id: product, quantity: fc.integer({ min: 2, max: 500 }) }),
);
/** Writes that move products or their specs: the index is rebuilt. */
const reshapingEdit = fc.oneof(
  fc.record({ kind: fc.constant("rename"), id: product }),
  fc.record({ kind: fc.constant("spec"), id: product }),
  fc.record({ kind: fc.constant("move"), id: product }),
  fc.record({ kind: fc.constant("archive"), id: product }),
);
type Edit = typeof inPlaceEdit extends fc.Arbitrary<infer T> ? T : never;
type Reshape = typeof reshapingEdit extends fc.Arbitrary<infer T> ? T : never;

const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);

/** One write, in its own transaction as a back-office save is. True if it reshaped the catalog. */
function apply(edit: Edit | Reshape): boolean {
  return sqlite.transaction(() => {
    switch (edit.kind) {
      case "price":
        run("UPDATE products SET price_cents = ? WHERE id = ?", edit.cents, edit.id);
        return false;
      case "lead":
        run("UPDATE products SET lead_time_days = ? WHERE id = ?", edit.days, edit.id);
        return false;
      case "stock":
        run("UPDATE products SET in_stock = ? WHERE id = ?", Number(edit.on), edit.id);
        return false;
      case "featured":
        run("UPDATE products SET featured = ? WHERE id = ?", Number(edit.on), edit.id);
        return false;
      case "summary":
        run("UPDATE products SET summary = summary || '.' WHERE id = ?", edit.id);
        return false;
      case "breaks":
        run("DELETE FROM product_price_breaks WHERE product_id = ?", edit.id);
        run(
          "INSERT INTO product_price_breaks (product_id, min_quantity, unit_price_cents) VALUES (?, ?, 100)",
          edit.id,
          edit.quantity,
        );
        return false;
      case "rename":
        run("UPDATE products SET name = name || ' B' WHERE id = ?", edit.id);
        return true;
      case "spec":
        run(
          "UPDATE product_specs SET value_num = coalesce(value_num, 0) + 1 WHERE id = (SELECT min(id) FROM product_specs WHERE product_id = ?)",
          edit.id,
        );
        return true;
      case "move":
        run(
          "UPDATE products SET category_id = (SELECT id FROM categories WHERE id <> products.category_id AND parent_id IS NOT NULL ORDER BY id LIMIT 1) WHERE id = ?",
          edit.id,
        );
        return true;
      case "archive":
        // Archiving a product already archived changes nothing the index holds.
        return run("UPDATE products SET status = 'archived' WHERE id = ? AND status = 'active'", edit.id).changes > 0;
    }
  })();
}

describe("the catalog index, kept up to date in place", () => {
  it("equals a fresh build after any run of edits, and is rebuilt only when one reshaped the catalog", () => {
    let inPlace = 0;
    let rebuilt = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: inPlaceEdit, weight: 6 }, { arbitrary: reshapingEdit, weight: 1 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (edits) => {
          const before = getCatalogIndex();
          const reshaped = edits.map(apply).some(Boolean);
          const after = getCatalogIndex();
          expect(after).toEqual(buildCatalogIndexNow());
          if (reshaped) {
            expect(after).not.toBe(before);
            rebuilt++;
          } else {
            expect(after).toBe(before);
            inPlace++;
          }
        },
      ),
      { numRuns: 150 },
    );
    // Both ways were taken, many times.
    expect(inPlace).toBeGreaterThan(50);
    expect(rebuilt).toBeGreaterThan(10);
  });

  it("rebuilds when the change log no longer holds every change since its version", () => {
    const before = getCatalogIndex();
    const id = sqlite.prepare("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 1").pluck().get();
    sqlite.transaction(() => {
      run("UPDATE products SET price_cents = 12345 WHERE id = ?", id);
      run("DELETE FROM catalog_index_changes");
    })();
    const after = getCatalogIndex();
    expect(after).not.toBe(before);
    expect(after).toEqual(buildCatalogIndexNow());
    expect(after.price[ordinalOf(after, Number(id))]).toBe(12345);
  });
});
