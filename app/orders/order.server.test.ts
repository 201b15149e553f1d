import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cartLines, orderLines, orders, products, taxExemptCertificates } from "~db/schema";
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
  // 1 lb a unit: freight to Houston, TX (zone 1) is $15.00 up to 10 lb.
  db.update(products).set({ priceCents, shippingWeight: 100 }).where(eq(products.id, product.id)).run();
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
    const { admin, companyId } = makeCompany("Big Buyer", { terms: "net60", creditLimitCents: 1_062_515_00 });
    const owner = ownerOf({ ...admin, companyId });
    const invoiced = createOrderFromCart(token, buyer, createToken(), "invoice", owner);
    if (!invoiced.ok) throw new Error("expected an order");
    // $1,000,000.00 of goods, $15.00 of freight and 6.25% Texas tax on the goods: the credit exactly.
    expect(getOrder(invoiced.orderId)).toMatchObject({
      totalCents: 1_062_515_00,
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
      // $150.00 less the first order's $100.00, $15.00 freight and $6.25 tax.
      message: "This order is over your company’s available credit of $28.75: pay by card or ask sales.",
    });
    expect(orderOf(key)).toBeUndefined();
    expect(getCart(second).lines).toHaveLength(1);
  });

  it("refuses card for a cart whose goods are within the card limit but not with freight and tax", () => {
    const { token } = cartOf(950_000_00, 1);
    const key = createToken();
    expect(createOrderFromCart(token, buyer, key, "card")).toEqual({ ok: false, reason: "card-limit" });
    expect(orderOf(key)).toBeUndefined();
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

describe("freight and sales tax on a cart order", () => {
  function heavyCart() {
    const { token, product } = cartOf(100_00, 2);
    db.update(products).set({ shippingWeight: 12_50 }).where(eq(products.id, product.id)).run();
    return { token, product };
  }
  const linesOf = (orderId: number) => db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all();

  it("adds a freight line by weight and state, not taxable, and the state's tax on the goods", () => {
    const { token } = heavyCart();
    const placed = createOrderFromCart(token, buyer, createToken(), "card", undefined, 247_50);
    if (!placed.ok) throw new Error("expected an order");
    const freight = linesOf(placed.orderId).find((line) => line.kind === "charge");
    expect(freight).toMatchObject({ name: "Freight, 25 lb to TX", quantity: 1, unitPriceCents: 35_00, taxable: false });
    expect(getOrder(placed.orderId)).toMatchObject({
      totalCents: 200_00 + 35_00 + 12_50,
      taxCents: 12_50,
      taxStatus: "estimated",
      taxRate: 6250,
      taxState: "TX",
      taxExemptionNumber: null,
    });
  });

  it("charges another zone's freight and rate for another state", () => {
    const { token } = heavyCart();
    const toOhio = { ...buyer, shippingAddress: "400 Lake Ave, Cleveland, Ohio 44114" };
    const placed = createOrderFromCart(token, toOhio, createToken(), "card");
    if (!placed.ok) throw new Error("expected an order");
    expect(getOrder(placed.orderId)).toMatchObject({
      taxState: "OH",
      taxCents: 11_50,
      totalCents: 200_00 + 69_00 + 11_50,
    });
  });

  it("writes nothing when the total is not the one the buyer reviewed, and keeps the cart", () => {
    const { token, product } = heavyCart();
    db.update(products).set({ priceCents: 101_00 }).where(eq(products.id, product.id)).run();
    const key = createToken();
    expect(createOrderFromCart(token, buyer, key, "card", undefined, 247_50)).toEqual({ ok: false, reason: "changed" });
    expect(orderOf(key)).toBeUndefined();
    expect(getCart(token).lines).toHaveLength(1);
  });

  it("refuses an address with no state and ZIP code", () => {
    const { token } = heavyCart();
    const key = createToken();
    const nowhere = { ...buyer, shippingAddress: "Dock 4, Main Street" };
    expect(createOrderFromCart(token, nowhere, key, "card")).toEqual({ ok: false, reason: "address" });
    expect(orderOf(key)).toBeUndefined();
  });

  it("is tax-exempt for a company with an approved certificate of the ship-to state", () => {
    const { token } = heavyCart();
    const { admin, companyId } = makeCompany("Exempt Freight Co");
    db.insert(taxExemptCertificates)
      .values({
        companyId,
        state: "approved",
        issuingState: "TX",
        certificateNumber: "TX-EX-4410",
        originalName: "cert.pdf",
        storedName: "cert-stored.pdf",
        contentType: "application/pdf",
        sizeBytes: 10,
        expiresOn: "2099-12-31",
      })
      .run();
    const placed = createOrderFromCart(token, buyer, createToken(), "card", ownerOf({ ...admin, companyId }));
    if (!placed.ok) throw new Error("expected an order");
    expect(getOrder(placed.orderId)).toMatchObject({
      taxCents: 0,
      taxStatus: "exempt",
      taxExemptionNumber: "TX-EX-4410",
      totalCents: 200_00 + 35_00,
    });
  });
});
