import type { FormResult } from "~/lib/forms";
import { describe, expect, it } from "vitest";
import { createToken } from "~/lib/tokens.server";
import { action, loader } from "./checkout";
import { orderBuyer } from "../../tests/support/factories/buyers";

const form = (fields: Record<string, string>) =>
  new Request("http://localhost/checkout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
const fields = {
  ...orderBuyer({ shippingAddress: "1 Main St, Houston, TX 77002" }),
  paymentMethod: "card",
  submissionKey: createToken(),
};

// The unit-test environment has no STRIPE_SECRET_KEY: the site must still run and say so.
describe("checkout without Stripe keys", () => {
  it("shows card payment as unavailable and refuses it at the field", async () => {
    const page = await loader({
      request: new Request("http://localhost/checkout"),
      params: {},
      context: { cspNonce: "test" },
    });
    expect((page as unknown as { data: { cardPayment: boolean } }).data.cardPayment).toBe(false);
    const answer = (await action({ request: form(fields), params: {}, context: { cspNonce: "test" } })) as unknown as {
      init: { status: number };
      data: FormResult;
    };
    expect(answer.init.status).toBe(400);
    expect(answer.data.fieldErrors.paymentMethod).toBe(
      "Card payment is not available at the moment: choose pay by invoice.",
    );
    expect(answer.data.values.email).toBe("dana@acme.example");
  });

  it("asks for a PO number to pay by invoice", async () => {
    const answer = (await action({
      request: form({ ...fields, paymentMethod: "invoice" }),
      params: {},
      context: { cspNonce: "test" },
    })) as unknown as {
      data: FormResult;
    };
    expect(answer.data.fieldErrors.poNumber).toBe("Enter your purchase order number to pay by invoice");
  });
});
