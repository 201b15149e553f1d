import { describe, expect, it } from "vitest";
import { sqlite, writeTransaction } from "~/lib/db.server";
import { readContentVersions } from "~/lib/content-version.server";
import { getEditableProduct } from "./product-admin.server";
import { createProduct, loadSpecDefinitions, updateProduct } from "./product.server";
import { productFields } from "../../tests/support/factories";

const definitions = loadSpecDefinitions();
const base = productFields({
  partNumber: "UT-100",
  imagePath: "/product-images/0123456789abcdef0123456789abcdef.png",
  specs: { material: ["Brass"] },
});
const ftsIds = (match: string) =>
  sqlite.prepare("SELECT rowid FROM products_fts WHERE products_fts MATCH ?").pluck().all(match);

describe("updateProduct", () => {
  it("rewrites derived columns and specs like create, keeps the image unless given, and skips a no-op", () => {
    const id = writeTransaction(() => createProduct(base, definitions));
    writeTransaction(() =>
      updateProduct(
        id,
        { ...base, partNumber: "ut-200/b", imagePath: undefined, specs: { material: ["Stainless steel"] } },
        definitions,
      ),
    );
    const product = getEditableProduct(id)!;
    expect(product).toMatchObject({
      partNumber: "ut-200/b",
      partNumberKey: "UT200B",
      imagePath: base.imagePath,
      specs: { material: ["Stainless steel"] },
    });
    expect(ftsIds('"stainless"')).toContain(id);
    expect(ftsIds('"brass"')).not.toContain(id);

    const before = readContentVersions().catalog;
    writeTransaction(() =>
      updateProduct(
        id,
        { ...base, partNumber: "ut-200/b", imagePath: undefined, specs: { material: ["Stainless steel"] } },
        definitions,
      ),
    );
    expect(readContentVersions().catalog).toBe(before);
  });
});

describe("createProduct", () => {
  it("refuses a product that would have no web address and writes nothing", () => {
    const before = sqlite.prepare("SELECT count(*) FROM products").pluck().get();
    expect(() =>
      writeTransaction(() => createProduct({ ...base, partNumber: "ıß", name: "日本語" }, definitions)),
    ).toThrow(/A web address needs letters a–z or digits/);
    expect(sqlite.prepare("SELECT count(*) FROM products").pluck().get()).toBe(before);
  });
});
