import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cartLines, orders, products } from "~db/schema";
import { db } from "~/lib/db.server";
import { createToken, hashToken } from "~/lib/tokens.server";
import { addProductToCart, getCart } from "./cart.server";
import { canPayByCard, overCardLimit } from "./checkout.server";
import { createOrderFromCart, createOrderFromLines, getOrder } from "./order.server";
import { ownerOf } from "~/accounts/account-owner";
import { makeCompany, orderBuyer } from "../../tests/support/factories";

const buyer = orderBuyer({ poNumber: "PO-1" });
const orderOf = (submissionKey: string) =>
  db
    .select()
    .from(orders)
    .where(eq(orders.submissionKey, hashToken(submissionKey)))
    .get();

function cartOf(priceCents: number, quantity: number) {
  const product = db
    .select()
    .from(products)
    .where(and(isNotNull(products.priceCents), eq(products.packSize, 1), eq(products.minOrderQty, 1)))
    .get()!;
  db.update(products).set({ priceCents }).where(eq(products.id, product.id)).run();
  const added = addProductToCart(undefined, product.id, quantity);
  if (!added.ok) throw new Error("not added");
  return { token: added.token, product };
}

describe("order totals and card payment", () => {
  it("offers card payment up to $999,999.99 only", () => {
    const order = { paymentMethod: "card" as const, status: "pending_payment" as const };
    expect(canPayByCard({ ...order, totalCents: 99_999_999 })).toBe(true);
    expect(overCardLimit({ ...order, totalCents: 99_999_999 })).toBe(false);
    expect(canPayByCard({ ...order, totalCents: 100_000_000 })).toBe(false);
    expect(overCardLimit({ ...order, totalCents: 100_000_000 })).toBe(true);
    expect(
      overCardLimit({ ...order, paymentMethod: "invoice", status: "awaiting_payment", totalCents: 100_000_000 }),
    ).toBe(false);
  });

  it("refuses card for a cart above the card limit and keeps the cart; invoice on the company's terms makes the order", () => {
    const { token } = cartOf(500_000_00, 2);
    const cardKey = createToken();
    expect(createOrderFromCart(token, buyer, cardKey, "card")).toEqual({ ok: false, reason: "card-limit" });
    expect(orderOf(cardKey)).toBeUndefined();
    expect(getCart(token).lines).toHaveLength(1);
    // Invoice is for a company on net terms, within its credit.
    const guestKey = createToken();
    expect(createOrderFromCart(token, buyer, guestKey, "invoice")).toMatchObject({ ok: false, reason: "invoice" });
    expect(orderOf(guestKey)).toBeUndefined();
    const { admin, companyId } = makeCompany("Big Buyer", { terms: "net60", creditLimitCents: 1_000_000_00 });
    const owner = ownerOf({ ...admin, companyId });
    const invoiced = createOrderFromCart(token, buyer, createToken(), "invoice", owner);
    if (!invoiced.ok) throw new Error("expected an order");
    expect(getOrder(invoiced.orderId)).toMatchObject({
      totalCents: 1_000_000_00,
      paymentMethod: "invoice",
      paymentTerms: "net60",
      status: "awaiting_payment",
    });
  });

  it("lets two checkouts of one company spend its last credit once: the second is refused over what is left", () => {
    const { admin, companyId } = makeCompany("Tight Credit", { terms: "net15", creditLimitCents: 150_00 });
    const owner = ownerOf({ ...admin, companyId });
    const first = cartOf(100_00, 1).token;
    const second = cartOf(100_00, 1).token;
    expect(createOrderFromCart(first, buyer, createToken(), "invoice", owner)).toMatchObject({ ok: true });
    const key = createToken();
    expect(createOrderFromCart(second, buyer, key, "invoice", owner)).toEqual({
      ok: false,
      reason: "invoice",
      message: "This order is over your company’s available credit of $50.00: pay by card or ask sales.",
    });
    expect(orderOf(key)).toBeUndefined();
    expect(getCart(second).lines).toHaveLength(1);
  });

  it("refuses a cart whose prices rose above what one order may be since it was filled", () => {
    const { token, product } = cartOf(10_000_000_00, 100);
    db.update(products).set({ priceCents: 10_000_000_01 }).where(eq(products.id, product.id)).run();
    const key = createToken();
    expect(createOrderFromCart(token, buyer, key, "invoice")).toEqual({ ok: false, reason: "total" });
    expect(orderOf(key)).toBeUndefined();
  });

  it("refuses a cart line over the quantity limit at checkout, however it got there", () => {
    const { token } = cartOf(1_00, 100_000);
    db.update(cartLines).set({ quantity: 300_000 }).run();
    const key = createToken();
    expect(createOrderFromCart(token, buyer, key, "invoice")).toEqual({ ok: false, reason: "quantity" });
    expect(orderOf(key)).toBeUndefined();
    expect(getCart(token).lines).toHaveLength(1);
  });

  it("never writes a card order Stripe could not charge", () => {
    const key = createToken();
    const lines = [{ productId: null, partNumber: null, name: "Skid", quantity: 1, unitPriceCents: 100_000_000 }];
    expect(() =>
      createOrderFromLines({ kind: "quote", lines, buyer, submissionKey: key, paymentMethod: "card" }),
    ).toThrow();
    expect(orderOf(key)).toBeUndefined();
  });
});
