import { describe, expect, it } from "vitest";
import type { SpecVocabulary } from "./product-fields";
import { parseProductFields, productToFields } from "./product-schema";

const specs: SpecVocabulary = [
  { key: "power", label: "Power", unit: "kW", kind: "number" },
  { key: "certifications", label: "Certifications", unit: null, kind: "enum" },
];
const vocabulary = { specs, categoryIds: new Map([["pressure-gauges", 7]]) };
const valid = {
  partNumber: "PG-63/16",
  name: "Bourdon gauge 63 mm",
  manufacturer: "Acme",
  category: "pressure-gauges",
  leadTimeDays: "10",
  price: "1,250.5",
  inStock: "yes",
  "spec:power": "0.75",
  "spec:certifications": "CE, UL, CE",
};

describe("product fields", () => {
  it("turns text fields into a product: cents, booleans, typed specs, a slug from name and part number", () => {
    const parsed = parseProductFields(valid, vocabulary);
    expect(parsed).toEqual({
      ok: true,
      product: expect.objectContaining({
        categoryId: 7,
        priceCents: 125050,
        inStock: true,
        featured: false,
        minOrderQty: 1,
        packSize: 1,
        status: "active",
        slug: "bourdon-gauge-63-mm-pg-63-16",
        specs: { power: 0.75, certifications: ["CE", "UL"] },
      }),
    });
  });

  it("an empty price means quote only", () => {
    const parsed = parseProductFields({ ...valid, price: "" }, vocabulary);
    expect(parsed.ok && parsed.product.priceCents).toBeNull();
  });

  it("gives a message per field", () => {
    const parsed = parseProductFields(
      { ...valid, name: " ", category: "nope", price: "12.345", leadTimeDays: "two", minOrderQty: "0", slug: "Not A Slug", "spec:power": "1,5", inStock: "maybe" },
      vocabulary,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(["category", "inStock", "leadTimeDays", "minOrderQty", "name", "price", "slug", "spec:power"].sort());
    expect(parsed.errors["spec:power"]).toBe("Power must be a number in kW");
    expect(parsed.errors.category).toBe('Unknown category "nope"');
    expect(parsed.errors.name).toBe("Enter the name");
  });

  it("round-trips through the text form", () => {
    const parsed = parseProductFields(valid, vocabulary);
    if (!parsed.ok) throw new Error("expected valid");
    const fields = productToFields({ ...parsed.product, categorySlug: "pressure-gauges", specs: { power: [0.75], certifications: ["CE", "UL"] } });
    const again = parseProductFields(fields, vocabulary);
    expect(again).toEqual(parsed);
  });
});
