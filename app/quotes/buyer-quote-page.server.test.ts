import { describe, expect, it } from "vitest";
import { addAddress } from "~/accounts/address-book.server";
import { buyerQuotePage } from "./buyer-quote-page.server";
import { makeCompany, makeQuoteRequest } from "../../tests/support/factories";

const pageOf = (token: string, customer?: { id: number }) =>
  buyerQuotePage(token, new URL(`http://localhost/quotes/${token}`), customer)!;

describe("the addresses the accept forms start with", () => {
  const { admin } = makeCompany("Prefill Process");
  addAddress(admin, { label: "Old plant", kind: "shipping", address: "7 Old Mill Rd, Lafayette, LA 70501" });
  addAddress(admin, {
    label: "Plant 2",
    kind: "shipping",
    address: "Plant 2, 400 Industrial Pkwy, Baton Rouge, LA 70805",
    makeDefault: true,
  });
  addAddress(admin, { label: "Payables", kind: "billing", address: "Accounts payable, PO Box 9, Houston, TX 77001" });

  it("ship to the request's delivery location, and bill to the company's default billing address", () => {
    const { token } = makeQuoteRequest({ buyer: { deliveryLocation: "Port of New Orleans" }, clientIp: "10.89.0.1" });
    expect(pageOf(token, admin).addresses).toEqual({
      shippingAddress: "Port of New Orleans",
      billingAddress: "Accounts payable, PO Box 9, Houston, TX 77001",
    });
    expect(pageOf(token).addresses).toEqual({ shippingAddress: "Port of New Orleans", billingAddress: "" });
  });

  it("ship to the company's default shipping address when the request named no place, and are empty for a guest", () => {
    const { token } = makeQuoteRequest({ clientIp: "10.89.0.2" });
    expect(pageOf(token, admin).addresses).toEqual({
      shippingAddress: "Plant 2, 400 Industrial Pkwy, Baton Rouge, LA 70805",
      billingAddress: "Accounts payable, PO Box 9, Houston, TX 77001",
    });
    expect(pageOf(token).addresses).toEqual({ shippingAddress: "", billingAddress: "" });
  });
});
