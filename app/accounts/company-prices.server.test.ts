import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { categories, orderLines, products } from "~db/schema";
import { makeCompany, makeCustomer, makeProduct, orderBuyer } from "../../tests/support/factories";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { addProductToCart, getCart } from "~/orders/cart.server";
import { createOrderFromCart } from "~/orders/order.server";
import { companyPrices, discounted, pricingFor, withYourPrices } from "./company-prices.server";
import {
  priceListOf,
  removeCategoryDiscount,
  removeProductPrice,
  setCategoryDiscount,
  setProductPrice,
} from "./sales-price-list.server";
import { ownerOf } from "./account-owner";

const categoryId = (slug: string) =>
  db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug)).get()!.id;

/** A $100.00 gauge (in Pressure gauges, under Instruments) with a part number of its own. */
function gauge(priceCents: number | null = 100_00) {
  const id = makeProduct({ priceCents });
  const product = db.select().from(products).where(eq(products.id, id)).get()!;
  return { ...product, categorySlug: "pressure-gauges" };
}

describe("discounted", () => {
  it("takes basis points off a price in whole cents, half a cent up", () => {
    expect(discounted(100_00, 1000)).toBe(90_00);
    expect(discounted(999, 1250)).toBe(874); // 874.125
    expect(discounted(1000, 3333)).toBe(667); // 666.7
    expect(discounted(1, 5000)).toBe(1); // 0.5
    expect(discounted(1_000_000_000, 1)).toBe(999_900_000);
  });
});

describe("company prices", () => {
  it("a fixed price wins, else the nearest category's discount, else the list price", () => {
    const { companyId } = makeCompany("Pricing Co");
    const item = gauge();
    const other = gauge(50_00);
    expect(pricingFor({ companyId })).toBeUndefined(); // no price list yet: list prices

    expect(setCategoryDiscount(companyId, categoryId("instruments"), 1000)).toEqual({ ok: true });
    expect(companyPrices(pricingFor({ companyId }), [item]).get(item.id)).toBe(90_00);
    expect(setCategoryDiscount(companyId, categoryId("pressure-gauges"), 2000)).toEqual({ ok: true });
    expect(companyPrices(pricingFor({ companyId }), [item, other])).toEqual(
      new Map([
        [item.id, 80_00],
        [other.id, 40_00],
      ]),
    );
    expect(setProductPrice(companyId, item.partNumber.toLowerCase(), 75_50)).toEqual({ ok: true });
    expect(companyPrices(pricingFor({ companyId }), [item, other]).get(item.id)).toBe(75_50);
    // Setting again changes, not adds.
    expect(setProductPrice(companyId, item.partNumber, 70_00)).toEqual({ ok: true });
    expect(setCategoryDiscount(companyId, categoryId("pressure-gauges"), 2500)).toEqual({ ok: true });
    expect(priceListOf(companyId).fixed).toEqual([expect.objectContaining({ productId: item.id, priceCents: 70_00 })]);
    expect(priceListOf(companyId).discounts.map((d) => [d.categoryName, d.basisPoints])).toEqual([
      ["Instruments", 1000],
      ["Pressure gauges", 2500],
    ]);

    removeProductPrice(companyId, item.id);
    removeCategoryDiscount(companyId, categoryId("pressure-gauges"));
    expect(companyPrices(pricingFor({ companyId }), [item]).get(item.id)).toBe(90_00);
    removeCategoryDiscount(companyId, categoryId("instruments"));
    expect(pricingFor({ companyId })).toBeUndefined();
  });

  it("is the company's own: a guest, a buyer outside it and another company pay list prices", () => {
    const { companyId } = makeCompany("Own Prices Co");
    const stranger = makeCompany("Stranger Co");
    const item = gauge();
    setCategoryDiscount(companyId, categoryId("instruments"), 1000);
    expect(pricingFor(undefined)).toBeUndefined();
    expect(pricingFor(makeCustomer())).toBeUndefined();
    expect(pricingFor({ companyId: stranger.companyId })).toBeUndefined();
    const priced = withYourPrices(pricingFor({ companyId }), [item]);
    expect(priced[0].yourPriceCents).toBe(90_00);
    expect(withYourPrices(undefined, [item])[0]).not.toHaveProperty("yourPriceCents");
  });

  it("leaves a product sold by quote alone, and refuses to fix its price or an unknown part number", () => {
    const { companyId } = makeCompany("Quote Only Co");
    const quoted = gauge(null);
    setCategoryDiscount(companyId, categoryId("pressure-gauges"), 1000);
    expect(companyPrices(pricingFor({ companyId }), [quoted]).size).toBe(0);
    expect(setProductPrice(companyId, quoted.partNumber, 10_00)).toMatchObject({ ok: false, field: "partNumber" });
    expect(setProductPrice(companyId, `NOPE-${createToken().slice(0, 6)}`, 10_00)).toMatchObject({
      ok: false,
      field: "partNumber",
    });
    expect(priceListOf(companyId).fixed).toEqual([]);
  });

  it("prices the cart and the order at the company's price", () => {
    const { admin, companyId } = makeCompany("Cart Prices Co");
    const item = gauge(40_00);
    setProductPrice(companyId, item.partNumber, 31_25);
    const added = addProductToCart(undefined, item.id, 4);
    expect(added.ok).toBe(true);
    expect(getCart(added.token).totalCents).toBe(160_00);
    const cart = getCart(added.token, pricingFor({ companyId }));
    expect(cart.lines.map((line) => [line.unitPriceCents, line.lineTotalCents])).toEqual([[31_25, 125_00]]);
    expect(cart.totalCents).toBe(125_00);

    const order = createOrderFromCart(
      added.token,
      orderBuyer(),
      createToken(),
      "card",
      ownerOf({ ...admin, companyId }),
    );
    expect(order).toMatchObject({ ok: true });
    const lines = db
      .select({ unit: orderLines.unitPriceCents })
      .from(orderLines)
      .where(and(eq(orderLines.orderId, (order as { orderId: number }).orderId), eq(orderLines.kind, "item")))
      .all();
    expect(lines).toEqual([{ unit: 31_25 }]);
  });
});
