import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formatMoney } from "~/lib/money";
import { setProductPrice } from "./sales-price-list.server";
import { companies, customers, products } from "~db/schema";
import { db } from "~/lib/db.server";
import { getCart } from "~/orders/cart.server";
import { createOrderFromLines } from "~/orders/order.server";
import { getQuoteList } from "~/quotes/quote-list.server";
import { createToken } from "~/lib/tokens.server";
import type { Customer } from "./customer-session.server";
import { reorder } from "./reorder.server";

function buyerOf(companyName: string): Customer {
  const company = db.insert(companies).values({ name: companyName }).returning().get();
  const email = `${createToken().slice(0, 10).toLowerCase()}@reorder.example`;
  const customer = db
    .insert(customers)
    .values({ email, companyId: company.id, companyRole: "buyer" })
    .returning()
    .get();
  return { ...customer, companyName: company.name };
}

const priced = db
  .select({ id: products.id, name: products.name, partNumber: products.partNumber, priceCents: products.priceCents })
  .from(products)
  .where(
    and(
      isNotNull(products.priceCents),
      eq(products.status, "active"),
      eq(products.minOrderQty, 1),
      eq(products.packSize, 1),
    ),
  )
  .limit(2)
  .all();

function pastOrder(customer: Customer) {
  const [cheaper, same] = priced;
  return createOrderFromLines({
    kind: "cart",
    lines: [
      {
        productId: cheaper.id,
        partNumber: cheaper.partNumber,
        name: cheaper.name,
        quantity: 2,
        unitPriceCents: cheaper.priceCents! + 1_000,
      },
      {
        productId: same.id,
        partNumber: same.partNumber,
        name: same.name,
        quantity: 3,
        unitPriceCents: same.priceCents!,
      },
      { productId: null, partNumber: "OLD-1", name: "A valve we no longer list", quantity: 1, unitPriceCents: 5_000 },
    ],
    buyer: {
      company: customer.companyName!,
      contactName: "R. Buyer",
      email: customer.email,
      shippingAddress: "1 Dock St, Houston, TX",
      billingAddress: "1 Dock St, Houston, TX",
      poNumber: "",
    },
    submissionKey: createToken(),
    paymentMethod: "invoice",
    owner: { customerId: customer.id, companyId: customer.companyId },
  });
}

describe("reorder", () => {
  it("puts a past order into the cart at today's prices and says what changed", () => {
    const buyer = buyerOf("Reorder Works Inc");
    const order = pastOrder(buyer);
    const result = reorder(buyer, order.orderId, "cart", undefined);
    if (!result.ok) throw new Error("not found");
    expect(result).toMatchObject({ reference: order.reference, added: 2, of: 3 });
    const [cheaper, same] = priced;
    expect(result.changes).toEqual([
      expect.stringContaining(`${cheaper.partNumber}) is $`),
      "A valve we no longer list (OLD-1) is no longer in the catalog.",
    ]);
    const cart = getCart(result.token);
    expect(cart.lines.map((line) => [line.product.id, line.quantity])).toEqual([
      [cheaper.id, 2],
      [same.id, 3],
    ]);
  });

  it("says today's price as the company pays it", () => {
    const buyer = buyerOf("Reorder Prices Co");
    const order = pastOrder(buyer);
    const [cheaper, same] = priced;
    // The company now pays the old price for the first and less for the second.
    expect(setProductPrice(buyer.companyId!, cheaper.partNumber, cheaper.priceCents! + 1_000)).toEqual({ ok: true });
    expect(setProductPrice(buyer.companyId!, same.partNumber, same.priceCents! - 100)).toEqual({ ok: true });
    const result = reorder(buyer, order.orderId, "cart", undefined);
    if (!result.ok) throw new Error("not found");
    expect(result.changes).toEqual([
      `${same.name} (${same.partNumber}) is ${formatMoney(same.priceCents! - 100)} each today; it was ${formatMoney(same.priceCents!)} on ${order.reference}.`,
      "A valve we no longer list (OLD-1) is no longer in the catalog.",
    ]);
  });

  it("puts it into the quote list too, and a colleague's order is the company's", () => {
    const buyer = buyerOf("Reorder Colleagues Ltd");
    const colleague: Customer = { ...buyerOf("ignored"), companyId: buyer.companyId, companyName: buyer.companyName };
    const order = pastOrder(buyer);
    const result = reorder(colleague, order.orderId, "quote", undefined);
    if (!result.ok) throw new Error("not found");
    expect(result.added).toBe(2);
    expect(getQuoteList(result.token).lines).toHaveLength(2);
  });

  it("finds no order of another company, and writes nothing", () => {
    const owner = buyerOf("Owner Co");
    const stranger = buyerOf("Stranger Co");
    const order = pastOrder(owner);
    const token = createToken();
    expect(reorder(stranger, order.orderId, "cart", token)).toEqual({ ok: false });
    expect(getCart(token).lines).toEqual([]);
  });
});
