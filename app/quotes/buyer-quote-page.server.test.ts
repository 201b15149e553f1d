import { describe, expect, it } from "vitest";
import { addAddress } from "~/accounts/address-book.server";
import { buyerQuotePage } from "./buyer-quote-page.server";
import { taxExemptCertificates } from "~db/schema";
import { db } from "~/lib/db.server";
import { ownerOf } from "~/accounts/account-owner";
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

describe("the sales tax the accept forms name", () => {
  it("is the rate of the state the shipping address starts at, or none until it names one", () => {
    const { token } = makeQuoteRequest({
      buyer: { deliveryLocation: "12 Refinery Road, Baton Rouge, LA 70801" },
      clientIp: "10.89.0.3",
    });
    expect(pageOf(token).tax).toEqual({ state: "LA", rate: 5000, exemptionNumber: null });
    const { token: nowhere } = makeQuoteRequest({
      buyer: { deliveryLocation: "Port of New Orleans" },
      clientIp: "10.89.0.4",
    });
    expect(pageOf(nowhere).tax).toBeUndefined();
  });

  it("is the company's exemption in the state its certificate is from, and only there", () => {
    const { admin, companyId } = makeCompany("Exempt Accept Co");
    db.insert(taxExemptCertificates)
      .values({
        companyId,
        state: "approved",
        issuingState: "LA",
        certificateNumber: "LA-EX-77",
        originalName: "cert.pdf",
        storedName: "cert-accept.pdf",
        contentType: "application/pdf",
        sizeBytes: 10,
        expiresOn: "2099-12-31",
      })
      .run();
    const owner = ownerOf({ ...admin, companyId });
    const inState = makeQuoteRequest({
      buyer: { deliveryLocation: "12 Refinery Road, Baton Rouge, LA 70801" },
      clientIp: "10.89.0.5",
      owner,
    });
    expect(pageOf(inState.token, admin).tax).toEqual({ state: "LA", rate: 0, exemptionNumber: "LA-EX-77" });
    const elsewhere = makeQuoteRequest({
      buyer: { deliveryLocation: "1 Main St, Houston, TX 77002" },
      clientIp: "10.89.0.6",
      owner,
    });
    expect(pageOf(elsewhere.token, admin).tax).toEqual({ state: "TX", rate: 6250, exemptionNumber: null });
  });
});
