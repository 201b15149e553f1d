import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orderLines, orders, products } from "~db/schema";
import { db } from "~/lib/db.server";
import { addProductToCart, getCart, removeCartLine, updateCartLine } from "./cart.server";
import { createOrderFromCart } from "./order.server";
import { pricingFor, type CompanyPricing } from "~/accounts/company-prices.server";
import { removeProductPrice, setCategoryDiscount, setProductPrice } from "~/accounts/sales-price-list.server";
import { ownerOf } from "~/accounts/account-owner";
import { createToken } from "~/lib/tokens.server";
import { makeCompany, makeProduct, orderBuyer } from "../../tests/support/factories";

const listed = () =>
  db
    .select()
    .from(products)
    .where(and(isNotNull(products.priceCents), eq(products.packSize, 1), eq(products.minOrderQty, 1)))
    .limit(2)
    .all();

describe("cart", () => {
  it("adds list-priced products at our price, checks pack and minimum, and totals in cents", () => {
    const [a, b] = listed();
    const first = addProductToCart(undefined, a.id, 2);
    expect(first.ok).toBe(true);
    const token = first.token!;
    expect(addProductToCart(token, a.id, 1).ok).toBe(true); // the same product again raises the quantity
    addProductToCart(token, b.id, 1);
    const cart = getCart(token);
    expect(cart.lines.map((l) => [l.product.id, l.quantity])).toEqual([
      [a.id, 3],
      [b.id, 1],
    ]);
    expect(cart.totalCents).toBe(a.priceCents! * 3 + b.priceCents!);

    const packs = db.select().from(products).where(eq(products.partNumber, "GC-PG63-SS-16B")).get()!;
    expect(addProductToCart(token, packs.id, 15)).toMatchObject({ ok: false, reason: "quantity" });
    expect(updateCartLine(token, cart.lines[0].lineId, 0)).toMatchObject({ ok: false });
    expect(updateCartLine("x".repeat(43), cart.lines[0].lineId, 5)).toMatchObject({ ok: false }); // not this buyer's cart
    expect(removeCartLine(token, cart.lines[1].lineId)).toBe(true);
    expect(getCart(token).lines).toHaveLength(1);
  });

  it("refuses price-on-request products, and leaves out a line whose product lost its price", () => {
    const onRequest = db.select().from(products).where(isNull(products.priceCents)).get()!;
    expect(addProductToCart(undefined, onRequest.id, 1)).toMatchObject({ ok: false, reason: "unavailable" });
    const [product] = listed();
    const { token } = addProductToCart(undefined, product.id, 1);
    db.update(products).set({ priceCents: null }).where(eq(products.id, product.id)).run();
    expect(getCart(token)).toMatchObject({ lines: [], totalCents: 0, unavailable: 1 });
  });

  it("keeps the cart's total within what one order may be, at the quantity typed", () => {
    const [product] = listed();
    db.update(products).set({ priceCents: 10_000_000_00 }).where(eq(products.id, product.id)).run();
    const message = "An order can total at most $1,000,000,000.00: order fewer, or ask us for a quote";
    expect(addProductToCart(undefined, product.id, 101)).toMatchObject({ ok: false, reason: "quantity", message });
    const { token } = addProductToCart(undefined, product.id, 100);
    const cart = getCart(token);
    expect(cart.totalCents).toBe(1_000_000_000_00);
    expect(addProductToCart(token, product.id, 1)).toMatchObject({ ok: false, reason: "quantity", message });
    expect(updateCartLine(token, cart.lines[0].lineId, 101)).toEqual({ ok: false, message });
    expect(getCart(token).lines[0].quantity).toBe(100);
  });

  it("holds a line to the quantity limit however it is reached: adding again, or updating", () => {
    const [product] = listed();
    db.update(products).set({ priceCents: 1_00 }).where(eq(products.id, product.id)).run();
    const { token } = addProductToCart(undefined, product.id, 100_000);
    expect(addProductToCart(token, product.id, 100_000)).toEqual({
      ok: false,
      reason: "quantity",
      message: "At most 100,000 of one product per order line: there are already 100,000 in your cart",
      token,
    });
    expect(addProductToCart(token, product.id, 1)).toMatchObject({ ok: false, reason: "quantity" });
    const [line] = getCart(token).lines;
    expect(line.quantity).toBe(100_000);
    expect(updateCartLine(token, line.lineId, 100_001)).toEqual({
      ok: false,
      message: "Quantity must be at most 100,000",
    });
    expect(updateCartLine(token, line.lineId, 60_000)).toEqual({ ok: true });
    expect(addProductToCart(token, product.id, 40_000)).toMatchObject({ ok: true });
    expect(getCart(token).lines[0].quantity).toBe(100_000);
  });

  it("prices each line at the break its quantity reaches, names the next one, and the order charges the same", () => {
    const id = makeProduct({
      priceCents: 100_00,
      priceBreaks: [
        { minQuantity: 10, unitPriceCents: 95_00 },
        { minQuantity: 50, unitPriceCents: 89_50 },
      ],
    });
    const { token } = addProductToCart(undefined, id, 9);
    const at = (quantity: number, pricing?: CompanyPricing) => {
      const [line] = getCart(token, pricing).lines;
      if (line.quantity !== quantity) updateCartLine(token, line.lineId, quantity, pricing);
      const [now] = getCart(token, pricing).lines;
      return [now.unitPriceCents, now.lineTotalCents, now.nextBreak];
    };
    expect(at(9)).toEqual([100_00, 900_00, { quantity: 10, unitPriceCents: 95_00 }]);
    expect(at(10)).toEqual([95_00, 950_00, { quantity: 50, unitPriceCents: 89_50 }]);
    expect(at(50)).toEqual([89_50, 4_475_00, undefined]);

    // A company's discount comes off the break price; its fixed price wins over the breaks.
    const { admin, companyId } = makeCompany("Breaks Co");
    const categoryId = db.select({ id: products.categoryId }).from(products).where(eq(products.id, id)).get()!.id;
    setCategoryDiscount(companyId, categoryId, 1000);
    expect(at(50, pricingFor({ companyId }))).toEqual([80_55, 4_027_50, undefined]);
    expect(at(10, pricingFor({ companyId }))).toEqual([85_50, 855_00, { quantity: 50, unitPriceCents: 80_55 }]);
    const partNumber = db.select({ p: products.partNumber }).from(products).where(eq(products.id, id)).get()!.p;
    setProductPrice(companyId, partNumber, 97_00);
    expect(at(50, pricingFor({ companyId }))).toEqual([97_00, 4_850_00, undefined]);
    removeProductPrice(companyId, id);

    const cart = getCart(token, pricingFor({ companyId }));
    const order = createOrderFromCart(token, orderBuyer(), createToken(), "card", ownerOf({ ...admin, companyId }));
    expect(order).toMatchObject({ ok: true });
    const orderId = (order as { orderId: number }).orderId;
    const lines = db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all();
    const items = lines.filter((line) => line.kind === "item");
    expect(items.map((line) => [line.quantity, line.unitPriceCents])).toEqual([[50, 80_55]]);
    // The goods are the cart's; freight and tax come on top.
    const [freight] = lines.filter((line) => line.kind === "charge");
    const placed = db.select().from(orders).where(eq(orders.id, orderId)).get()!;
    expect(placed.totalCents).toBe(cart.totalCents + freight.unitPriceCents + placed.taxCents);
  });

  it("checks the cart's total at the break prices", () => {
    // 100,000 at $10,000,000.00 is over what an order may total; at the break's $1.00 it is not.
    const id = makeProduct({
      priceCents: 1_000_000_000,
      priceBreaks: [{ minQuantity: 100_000, unitPriceCents: 1_00 }],
    });
    expect(addProductToCart(undefined, id, 99_999)).toMatchObject({ ok: false, reason: "quantity" });
    expect(addProductToCart(undefined, id, 100_000)).toMatchObject({ ok: true });
  });
});
