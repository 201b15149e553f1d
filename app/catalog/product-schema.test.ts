import { describe, expect, it } from "vitest";
import { INVISIBLE_MESSAGE } from "~/lib/plain-text";
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
      {
        ...valid,
        name: " ",
        category: "nope",
        price: "12.345",
        leadTimeDays: "two",
        minOrderQty: "0",
        slug: "Not A Slug",
        "spec:power": "1,5",
        inStock: "maybe",
      },
      vocabulary,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(
      ["category", "inStock", "leadTimeDays", "minOrderQty", "name", "price", "slug", "spec:power"].sort(),
    );
    expect(parsed.errors["spec:power"]).toBe("Power must be a number in kW");
    expect(parsed.errors.category).toBe('Unknown category "nope"');
    expect(parsed.errors.name).toBe("Enter the name");
  });

  it("refuses control characters in text fields and spec values, at each field", () => {
    const parsed = parseProductFields(
      { ...valid, name: "Gauge\u0000", description: "Dial\u001b[31m", "spec:certifications": "CE, U\u0007L" },
      vocabulary,
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        name: "Remove the control characters from this text",
        description: "Remove the control characters from this text",
        "spec:certifications": "Certifications: remove the control characters from this text",
      },
    });
    expect(parseProductFields({ ...valid, description: "Line one\nLine two\tTabbed" }, vocabulary).ok).toBe(true);
  });

  it("refuses a part number with a character that shows nothing: buyers copy and search it as they see it", () => {
    expect(parseProductFields({ ...valid, partNumber: "PG-63\u200B/16" }, vocabulary)).toEqual({
      ok: false,
      errors: { partNumber: INVISIBLE_MESSAGE },
    });
    expect(parseProductFields({ ...valid, partNumber: "PG 63\t16" }, vocabulary)).toEqual({
      ok: false,
      errors: { partNumber: "A part number is one line, without tabs" },
    });
    // A name of zero-width spaces is no name.
    expect(parseProductFields({ ...valid, name: "\u200B\u2060" }, vocabulary)).toMatchObject({
      ok: false,
      errors: { name: "Enter the name" },
    });
  });

  it("refuses a spec value no product can have, in the spec's own unit", () => {
    const specs: SpecVocabulary = [
      { key: "efficiency", label: "Efficiency", unit: "%", kind: "number" },
      { key: "max_temperature", label: "Max temperature", unit: "°C", kind: "number" },
      { key: "max_pressure", label: "Max pressure", unit: "bar", kind: "number" },
      { key: "weight", label: "Weight", unit: "kg", kind: "number" },
      { key: "voltage", label: "Voltage", unit: "V", kind: "number" },
    ];
    const withSpecs = (values: Record<string, string>) =>
      parseProductFields(
        { ...valid, "spec:power": "", "spec:certifications": "", ...values },
        { ...vocabulary, specs },
      );
    expect(
      withSpecs({
        "spec:efficiency": "150",
        "spec:max_temperature": "-500",
        "spec:max_pressure": "-2",
        "spec:weight": "-1",
      }),
    ).toEqual({
      ok: false,
      errors: {
        "spec:efficiency": "Efficiency cannot be above 100 %",
        "spec:max_temperature": "Max temperature is below absolute zero",
        "spec:max_pressure": "Max pressure is below a full vacuum (-1.01325 bar)",
        "spec:weight": "Weight cannot be below 0",
      },
    });
    // A vacuum gauge's −1 bar, −40 °C, and a telecom supply's −48 V are real.
    expect(
      withSpecs({
        "spec:efficiency": "100",
        "spec:max_temperature": "-40",
        "spec:max_pressure": "-1",
        "spec:voltage": "-48",
      }).ok,
    ).toBe(true);
  });

  it("refuses a list price of $0.00, which checkout would give away: a price not known is left empty", () => {
    for (const price of ["0", "0.00", "000"])
      expect(parseProductFields({ ...valid, price, priceBreaks: "" }, vocabulary)).toEqual({
        ok: false,
        errors: { price: "Price must be more than $0.00, or empty for quote only" },
      });
  });

  it("refuses a product that would have no web address, at the slug field, and keeps a slug typed for it", () => {
    const message =
      "A web address needs letters a–z or digits: give a slug such as “bourdon-gauge-63-mm”, or leave the slug empty and use some in the name or part number";
    const unnamed = { ...valid, name: "日本語", partNumber: "ıß" };
    expect(parseProductFields(unnamed, vocabulary)).toEqual({ ok: false, errors: { slug: message } });
    expect(parseProductFields({ ...unnamed, category: "nope" }, vocabulary)).toMatchObject({
      ok: false,
      errors: { slug: message, category: 'Unknown category "nope"' },
    });
    for (const slug of ["日本語", " - ", "ıß"])
      expect(parseProductFields({ ...valid, slug }, vocabulary)).toEqual({ ok: false, errors: { slug: message } });
    const named = parseProductFields({ ...unnamed, slug: "nihongo-gauge" }, vocabulary);
    expect(named.ok && named.product.slug).toBe("nihongo-gauge");
  });

  it("states the price limit at the field", () => {
    expect(parseProductFields({ ...valid, price: "10,000,000.01" }, vocabulary)).toEqual({
      ok: false,
      errors: { price: "Price must be at most $10,000,000.00" },
    });
    expect(parseProductFields({ ...valid, price: "999999999.99" }, vocabulary)).toEqual({
      ok: false,
      errors: { price: "Price must be at most $10,000,000.00" },
    });
    const top = parseProductFields({ ...valid, price: "$10,000,000.00" }, vocabulary);
    expect(top.ok && top.product.priceCents).toBe(1_000_000_000);
  });

  it("round-trips through the text form", () => {
    const parsed = parseProductFields(valid, vocabulary);
    if (!parsed.ok) throw new Error("expected valid");
    const fields = productToFields({
      ...parsed.product,
      categorySlug: "pressure-gauges",
      specs: { power: [0.75], certifications: ["CE", "UL"] },
    });
    const again = parseProductFields(fields, vocabulary);
    expect(again).toEqual(parsed);
  });

  it("reads quantity price breaks below the price, says at the field what is wrong, and types them back", () => {
    const withBreaks = (priceBreaks: string, price = valid.price) =>
      parseProductFields({ ...valid, price, priceBreaks }, vocabulary);
    const parsed = withBreaks("10+ 1,200; 50+ 1,150.25");
    expect(parsed).toMatchObject({
      ok: true,
      product: {
        priceBreaks: [
          { minQuantity: 10, unitPriceCents: 1_200_00 },
          { minQuantity: 50, unitPriceCents: 1_150_25 },
        ],
      },
    });
    expect(withBreaks("")).toMatchObject({ ok: true, product: { priceBreaks: [] } });
    expect(withBreaks("10+ cheaper")).toEqual({
      ok: false,
      errors: { priceBreaks: expect.stringContaining('"5+ 1,100.00; 10+ 995.00"') },
    });
    expect(withBreaks("10+ 1,300")).toEqual({
      ok: false,
      errors: { priceBreaks: "Each break's unit price must be below the unit price, $1,250.50" },
    });
    expect(withBreaks("10+ 1,200", "")).toEqual({
      ok: false,
      errors: { priceBreaks: "A product sold by quote has no price breaks: give it a price, or leave them empty" },
    });
    // A price that is not one is said at the price, not again at the breaks.
    expect(withBreaks("10+ 1,200", "abc")).toEqual({ ok: false, errors: { price: expect.any(String) } });
    if (!parsed.ok) throw new Error("parsed above");
    const fields = productToFields({ ...parsed.product, categorySlug: "pressure-gauges", specs: {} });
    expect(fields.priceBreaks).toBe("10+ 1200.00; 50+ 1150.25");
  });
});

describe("shipping weight", () => {
  const weightOf = (shippingWeight: string) => parseProductFields({ ...valid, shippingWeight }, vocabulary);

  it("reads pounds to the hundredth, empty as none, and writes them back as typed", () => {
    expect(weightOf("12.5")).toMatchObject({ ok: true, product: { shippingWeight: 12_50 } });
    expect(weightOf("1,200 lb")).toMatchObject({ ok: true, product: { shippingWeight: 1_200_00 } });
    expect(weightOf("")).toMatchObject({ ok: true, product: { shippingWeight: null } });
    const parsed = weightOf("0.25");
    if (!parsed.ok) throw new Error("expected a product");
    const fields = productToFields({ ...parsed.product, categorySlug: "pressure-gauges", specs: {} });
    expect(fields.shippingWeight).toBe("0.25");
  });

  it("refuses what is not a weight, at the field", () => {
    for (const typed of ["0", "12.505", "heavy", "-3", "600000"])
      expect(weightOf(typed)).toEqual({
        ok: false,
        errors: { shippingWeight: "Shipping weight must be pounds like 12.5, from 0.01 to 500,000 lb, or empty" },
      });
  });
});
