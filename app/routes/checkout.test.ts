import type { FormResult } from "~/lib/forms";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "~db/schema";
import { signInCustomer } from "~/accounts/customer-session.server";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { US_REGION_MESSAGE } from "~/lib/us-address";
import { REVIEW_FIRST_TEXT, type CheckoutReview } from "~/orders/checkout-fields";
import { cartCookie } from "~/orders/cart-cookie.server";
import { addProductToCart } from "~/orders/cart.server";
import { action, loader } from "./checkout";
import { orderBuyer } from "../../tests/support/factories/buyers";
import { makeCompany, makeProduct } from "../../tests/support/factories";

const form = (fields: Record<string, string>, cookie = "") =>
  new Request("http://localhost/checkout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
const fields = {
  ...orderBuyer({ shippingAddress: "1 Main St, Houston, TX 77002" }),
  paymentMethod: "card",
  submissionKey: createToken(),
};
const context = { cspNonce: "test" };
type Answer = { init: { status: number } | null; data: FormResult & { review?: CheckoutReview } };

// The unit-test environment has no STRIPE_SECRET_KEY: the site must still run and say so.
describe("checkout without Stripe keys", () => {
  it("shows card payment as unavailable and refuses it at the field", async () => {
    const page = await loader({ request: new Request("http://localhost/checkout"), params: {}, context });
    const loaded = (page as unknown as { data: { cardPayment: boolean; invoice: unknown } }).data;
    expect(loaded.cardPayment).toBe(false);
    expect(loaded.invoice).toBeNull();
    const answer = (await action({ request: form(fields), params: {}, context })) as unknown as Answer;
    expect(answer.init!.status).toBe(400);
    expect(answer.data.fieldErrors.paymentMethod).toBe(
      "Card payment is not available at the moment: try again later, or ask us for a quote.",
    );
    expect(answer.data.values.email).toBe("dana@acme.example");
  });
});

/** A signed-in buyer of a new company with `terms`, whose cart holds one $1,000.00 product: their cookies. */
async function companyBuyer(terms: "card" | "net30", creditLimitCents: number) {
  const { admin } = makeCompany(`Terms ${createToken().slice(0, 6)}`, { terms, creditLimitCents });
  const signedIn = await signInCustomer(new Request("http://localhost/sign-in"), () => admin.id, "/account");
  const session = signedIn!.headers.get("Set-Cookie")!.split(";")[0];
  const added = addProductToCart(undefined, makeProduct({ priceCents: 1_000_00 }), 1);
  if (!added.ok) throw new Error("not added");
  const cart = (await cartCookie.serialize(added.token)).split(";")[0];
  return { cookie: `${session}; ${cart}`, email: admin.email };
}

const invoiceFields = () => ({ ...fields, paymentMethod: "invoice", poNumber: "PO-1", submissionKey: createToken() });
const ordersOf = (email: string) => db.select().from(orders).where(eq(orders.email, email)).all();

describe("pay by invoice", () => {
  it("is refused at the field for a guest, before the PO number is asked for", async () => {
    const answer = (await action({
      request: form({ ...fields, paymentMethod: "invoice" }),
      params: {},
      context,
    })) as unknown as Answer;
    expect(answer.data.fieldErrors).toEqual({
      paymentMethod: "Invoice is for company accounts with payment terms: pay by card.",
    });
  });

  it("is refused at the field for a card-only company's buyer, and nothing is written", async () => {
    const { cookie, email } = await companyBuyer("card", 0);
    const page = await loader({
      request: new Request("http://localhost/checkout", { headers: { Cookie: cookie } }),
      params: {},
      context,
    });
    expect((page as unknown as { data: { invoice: unknown } }).data.invoice).toBeNull();
    const request = form({ ...invoiceFields(), email }, cookie);
    const answer = (await action({ request, params: {}, context })) as unknown as Answer;
    expect(answer.data.fieldErrors.paymentMethod).toBe(
      "Invoice is for company accounts with payment terms: pay by card.",
    );
    expect(ordersOf(email)).toHaveLength(0);
  });

  it("is offered with the terms within the available credit, refused over it, and the order keeps its terms", async () => {
    const over = await companyBuyer("net30", 999_99);
    const offer = await loader({
      request: new Request("http://localhost/checkout", { headers: { Cookie: over.cookie } }),
      params: {},
      context,
    });
    expect((offer as unknown as { data: { invoice: unknown } }).data.invoice).toEqual({
      offered: false,
      text: "This order is over your company’s available credit of $999.99: pay by card or ask sales.",
    });
    const refused = (await action({
      request: form({ ...invoiceFields(), email: over.email, intent: "review" }, over.cookie),
      params: {},
      context,
    })) as unknown as Answer;
    expect(refused.init!.status).toBe(400);
    expect(refused.data.fieldErrors.paymentMethod).toBe(
      "This order is over your company’s available credit of $999.99: pay by card or ask sales.",
    );
    expect(refused.data.values.poNumber).toBe("PO-1");
    expect(ordersOf(over.email)).toHaveLength(0);

    // $1,000.00 of goods, $15.00 of freight (10 lb, the default weight, to Texas) and $62.50 of tax.
    const within = await companyBuyer("net30", 1_077_50);
    const sent = { ...invoiceFields(), email: within.email };
    const reviewed = (await action({
      request: form({ ...sent, intent: "review" }, within.cookie),
      params: {},
      context,
    })) as unknown as Answer;
    expect(reviewed.data.review).toEqual({
      goodsCents: 1_000_00,
      freightCents: 15_00,
      freightText: "Freight to TX, 10 lb",
      taxCents: 62_50,
      taxText: "Sales tax TX 6.25%",
      totalCents: 1_077_50,
    });
    expect(ordersOf(within.email)).toHaveLength(0);
    const placed = await action({
      request: form({ ...sent, intent: "place", reviewedTotalCents: "107750" }, within.cookie),
      params: {},
      context,
    }).catch((thrown: unknown) => thrown);
    expect((placed as Response).headers.get("Location")).toMatch(/^\/orders\/[A-Za-z0-9_-]{43}$/);
    expect(ordersOf(within.email)).toMatchObject([
      { status: "awaiting_payment", paymentMethod: "invoice", paymentTerms: "net30", totalCents: 1_077_50 },
    ]);
  });
});

describe("the review before the order", () => {
  async function guestCart() {
    const added = addProductToCart(undefined, makeProduct({ priceCents: 40_00, shippingWeight: 2_50 }), 2);
    if (!added.ok) throw new Error("not added");
    return (await cartCookie.serialize(added.token)).split(";")[0];
  }
  const guest = (cookie: string, extra: Record<string, string>) =>
    action({
      request: form(
        { ...invoiceFields(), paymentMethod: "card", poNumber: "", email: "review@acme.example", ...extra },
        cookie,
      ),
      params: {},
      context,
    }) as unknown as Promise<Answer>;

  it("refuses an address without a state and ZIP code at the field, keeping what was typed", async () => {
    const answer = await guest(await guestCart(), { intent: "review", shippingAddress: "12 Dock Road, Houston" });
    expect(answer.init!.status).toBe(400);
    expect(answer.data.fieldErrors.shippingAddress).toBe(US_REGION_MESSAGE);
    expect(answer.data.values.shippingAddress).toBe("12 Dock Road, Houston");
  });

  it("asks for a review when the order is placed without one, and writes nothing", async () => {
    const buyer = await companyBuyer("net30", 10_000_00);
    const answer = (await action({
      request: form({ ...invoiceFields(), email: buyer.email, intent: "place" }, buyer.cookie),
      params: {},
      context,
    })) as unknown as Answer;
    expect(answer.data.formError).toBe(REVIEW_FIRST_TEXT);
    expect(answer.data.review).toMatchObject({ goodsCents: 1_000_00, totalCents: 1_077_50 });
    expect(ordersOf(buyer.email)).toHaveLength(0);
  });
});
