import { describe, expect, it } from "vitest";
import { writeTransaction } from "~/lib/db.server";
import {
  categoryConflicts,
  createCategory,
  deleteCategory,
  getCategory,
  getCategoryById,
  listCategoryTree,
  moveCategory,
  updateCategory,
} from "./category.server";

const idOf = (slug: string) => getCategory({ slug })!.category.id;
const childSlugs = (slug: string) => getCategory({ slug })!.category.children.map((c) => c.slug);

describe("category editing", () => {
  it("keeps the tree per catalog version, and a rolled-back write leaves nothing behind", () => {
    const first = listCategoryTree();
    expect(listCategoryTree()).toBe(first); // nothing changed: the same tree
    const parentId = idOf("food-processing-systems");
    expect(() =>
      writeTransaction(() => {
        createCategory({ name: "Rolled back", slug: "rolled-back", description: "", parentId });
        expect(childSlugs("food-processing-systems")).toContain("rolled-back"); // seen inside its transaction
        throw new Error("abandon");
      }),
    ).toThrow("abandon");
    // The next committed write gets the version the rolled-back one had: the tree follows it.
    writeTransaction(() => createCategory({ name: "Committed", slug: "committed-rig", description: "", parentId }));
    expect(childSlugs("food-processing-systems")).toContain("committed-rig");
    expect(childSlugs("food-processing-systems")).not.toContain("rolled-back");
    expect(listCategoryTree()).not.toBe(first);
  });

  it("creates at the end of its parent's list and reorders among siblings", () => {
    const machinery = idOf("machinery");
    const id = writeTransaction(() =>
      createCategory({ name: "Test rigs", slug: "test-rigs", description: "", parentId: machinery }),
    );
    expect(childSlugs("machinery").at(-1)).toBe("test-rigs");
    writeTransaction(() => moveCategory(id, "up"));
    expect(childSlugs("machinery").slice(-2)).toEqual(["test-rigs", "agricultural-machinery"]);
    expect(writeTransaction(() => moveCategory(idOf("cnc-lathes"), "up"))).toBe(false);
  });

  it("moves a category under another parent, never under itself or its own sub-category", () => {
    const instruments = idOf("instruments");
    expect(
      categoryConflicts({ name: "x", slug: "instruments", description: "", parentId: idOf("flow-meters") }, instruments)
        .parentId,
    ).toMatch(/cannot move under itself/);
    expect(categoryConflicts({ name: "x", slug: "pressure-gauges", description: "", parentId: null }).slug).toMatch(
      /already used/,
    );
    const id = idOf("ph-meters");
    writeTransaction(() =>
      updateCategory(id, {
        name: "pH and ORP meters",
        description: "Bench and handheld.",
        parentId: idOf("industrial-equipment"),
      }),
    );
    expect(getCategoryById(id)).toMatchObject({ name: "pH and ORP meters", parentId: idOf("industrial-equipment") });
    expect(childSlugs("industrial-equipment").at(-1)).toBe("ph-meters");
    expect(listCategoryTree()).toHaveLength(5);
  });

  it("refuses to delete a category that still has products or sub-categories", () => {
    expect(writeTransaction(() => deleteCategory(idOf("flow-meters")))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/still has \d+ products/),
    });
    expect(writeTransaction(() => deleteCategory(idOf("instruments")))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/sub-categor/),
    });
    const empty = writeTransaction(() =>
      createCategory({ name: "Empty", slug: "empty-test", description: "", parentId: null }),
    );
    expect(writeTransaction(() => deleteCategory(empty))).toEqual({ ok: true });
    expect(getCategoryById(empty)).toBeUndefined();
  });
});
