import type { FormResult } from "~/lib/forms";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "~db/schema";
import { signInCustomer } from "~/accounts/customer-session.server";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
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
type Answer = { init: { status: number } | null; data: FormResult };

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
      request: form({ ...invoiceFields(), email: over.email }, over.cookie),
      params: {},
      context,
    })) as unknown as Answer;
    expect(refused.init!.status).toBe(400);
    expect(refused.data.fieldErrors.paymentMethod).toBe(
      "This order is over your company’s available credit of $999.99: pay by card or ask sales.",
    );
    expect(refused.data.values.poNumber).toBe("PO-1");
    expect(ordersOf(over.email)).toHaveLength(0);

    const within = await companyBuyer("net30", 1_000_00);
    const placed = await action({
      request: form({ ...invoiceFields(), email: within.email }, within.cookie),
      params: {},
      context,
    }).catch((thrown: unknown) => thrown);
    expect((placed as Response).headers.get("Location")).toMatch(/^\/orders\/[A-Za-z0-9_-]{43}$/);
    expect(ordersOf(within.email)).toMatchObject([
      { status: "awaiting_payment", paymentMethod: "invoice", paymentTerms: "net30", totalCents: 1_000_00 },
    ]);
  });
});
