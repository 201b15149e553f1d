import { describe, expect, it } from "vitest";
import { products } from "~db/schema";
import { db } from "~/lib/db.server";
import { pdfPages } from "../../tests/support/pdf-text";
import { renderDatasheet } from "./datasheet.server";
import { storeProductImage } from "./product-images.server";
import { getProduct } from "./product.server";
import { formatSpecValueBothSystems } from "./units";

/** A seeded product with a spec in kW: its datasheet shows horsepower too. */
function productWithPower() {
  for (const { slug } of db.select({ slug: products.slug }).from(products).all()) {
    const product = getProduct({ slug })!;
    if (product.specs.some((spec) => spec.unit === "kW")) return { ...product, priceBreaks: [] };
  }
  throw new Error("no seeded product has a spec in kW");
}

// A 2 × 2 red PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==",
  "base64",
);

describe("the datasheet", () => {
  it("gives each measured spec in metric and U.S. customary units, page N of M on every page", async () => {
    const product = productWithPower();
    const pages = await pdfPages(await renderDatasheet(product, "https://ironaxis.test/p"));
    const text = pages.join("\n");
    const power = product.specs.find((spec) => spec.unit === "kW")!;
    expect(text).toContain(formatSpecValueBothSystems(power.value, power.unit, power.key));
    expect(text).toMatch(/ kW \([\d.,]+ (hp|Btu\/h)\)/);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it("carries the product's uploaded picture", async () => {
    const product = productWithPower();
    const withPicture = { ...product, imagePath: storeProductImage(PNG, "png") };
    const pdf = await renderDatasheet(withPicture, "https://ironaxis.test/p");
    // An image object's dictionary is plain text in the file, its pixels compressed after it.
    const images = pdf.toString("latin1").match(/\/Type \/XObject\s*\/Subtype \/Image[^>]*/g) ?? [];
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/\/Width 2\b[\s\S]*\/Height 2\b/);
    const without = await renderDatasheet(
      { ...product, imagePath: "/product-images/none.webp" },
      "https://ironaxis.test/p",
    );
    expect(without.toString("latin1")).not.toContain("/Subtype /Image");
  });

  it("gives the list price with its quantity breaks", async () => {
    const product = {
      ...productWithPower(),
      priceCents: 89_00,
      priceBreaks: [
        { minQuantity: 20, unitPriceCents: 84_00 },
        { minQuantity: 50, unitPriceCents: 79_00 },
      ],
    };
    const text = (await pdfPages(await renderDatasheet(product, "https://ironaxis.test/p"))).join("\n");
    expect(text.replace(/\s+/g, " ")).toContain("$89.00 per unit (USD); 20+ at $84.00, 50+ at $79.00");
  });
});
