import { describe, expect, it } from "vitest";
import { constraintsOf, parseForm } from "~/lib/forms.server";
import { AddressFields, CheckoutForm, checkoutBuyer, orderAddresses } from "./checkout-schema";
import { savedOrderOf } from "./checkout-fields";

const filled = {
  company: "Acme Process Ltd",
  contactName: "Dana Miller",
  email: "dana@acme.example",
  shippingAddress: "12 Refinery Road, Baton Rouge, LA 70801, USA",
  poNumber: "",
  paymentMethod: "card",
  submissionKey: "k".repeat(43),
};
const parse = (fields: Record<string, string>) => parseForm(CheckoutForm, new URLSearchParams(fields));

describe("the checkout form", () => {
  it("accepts a card order without a PO number", () => {
    expect(parse(filled)).toMatchObject({ status: "success", data: { paymentMethod: "card", poNumber: "" } });
  });

  it("asks for the PO number to pay by invoice, keeping what was typed", () => {
    expect(parse({ ...filled, paymentMethod: "invoice" })).toMatchObject({
      status: "error",
      fieldErrors: { poNumber: "Enter your purchase order number to pay by invoice" },
      values: { email: "dana@acme.example", paymentMethod: "invoice" },
    });
  });

  it("refuses control characters in what goes on the invoice, keeping what was typed", () => {
    expect(
      parse({ ...filled, company: "Acme\u0000 Ltd", shippingAddress: `${filled.shippingAddress}\u001b` }),
    ).toMatchObject({
      status: "error",
      fieldErrors: {
        company: "Remove the control characters from this text",
        shippingAddress: "Remove the control characters from this text",
      },
      values: { company: "Acme Ltd" },
    });
  });

  it("puts each message at its field", () => {
    const parsed = parse({ ...filled, company: " ", email: "", shippingAddress: "Dock 4", paymentMethod: "" });
    expect(parsed.status === "error" && parsed.fieldErrors).toEqual({
      company: "Enter your company name",
      email: "Enter an e-mail address like name@company.com",
      shippingAddress: "Enter the full shipping address",
      paymentMethod: "Choose how you will pay",
    });
  });

  it("refuses a form without its one-time key as expired", () => {
    expect(parse({ ...filled, submissionKey: "" })).toMatchObject({
      fieldErrors: { submissionKey: "The form expired: please send it again" },
    });
  });

  it("hands the page the same limits as the checks", () => {
    expect(constraintsOf(CheckoutForm)).toMatchObject({
      company: { required: true, maxLength: 200 },
      contactName: { required: true, maxLength: 200 },
      email: { required: true, maxLength: 254 },
      shippingAddress: { required: true, minLength: 10, maxLength: 1000 },
      poNumber: { maxLength: 100 },
    });
    expect(constraintsOf(CheckoutForm).poNumber?.required).toBeUndefined();
  });
});

describe("the billing address", () => {
  it("is the shipping address when left empty, else the one typed (at least a street and a city)", () => {
    const parsed = (fields: Record<string, string>) => {
      const result = parse({ ...filled, ...fields });
      return result.status === "success" ? checkoutBuyer(result.data) : result.fieldErrors;
    };
    expect(parsed({})).toMatchObject({
      billingAddress: filled.shippingAddress,
      shippingAddress: filled.shippingAddress,
    });
    expect(parsed({ billingAddress: " Accounts payable, PO Box 9, Houston, TX 77001 " })).toMatchObject({
      billingAddress: "Accounts payable, PO Box 9, Houston, TX 77001",
    });
    expect(parsed({ billingAddress: "PO Box 9" })).toEqual({
      billingAddress: "Enter the full billing address, or leave it empty to bill to the shipping address",
    });
  });
});

describe("the address fields, shared with accepting a quote", () => {
  it("check the addresses alone, and bill to the shipping address when the billing one is empty", () => {
    const parsed = AddressFields.safeParse({ shippingAddress: " 1 Main St, Houston, TX 77002 " });
    expect(parsed.success && orderAddresses(parsed.data)).toEqual({
      shippingAddress: "1 Main St, Houston, TX 77002",
      billingAddress: "1 Main St, Houston, TX 77002",
    });
    const refused = parseForm(AddressFields, new URLSearchParams({ shippingAddress: "", billingAddress: "Box 9" }));
    expect(refused.status === "error" && refused.fieldErrors).toEqual({
      shippingAddress: "Enter the full shipping address",
      billingAddress: "Enter the full billing address, or leave it empty to bill to the shipping address",
    });
  });
});

describe("an order saved before its card checkout failed", () => {
  const result = (values: Record<string, string>) => ({ status: "error" as const, fieldErrors: {}, values });

  it("is named by the values the server added", () => {
    expect(savedOrderOf(result({ orderReference: "O-2026-00012", orderToken: "t".repeat(43) }))).toEqual({
      reference: "O-2026-00012",
      token: "t".repeat(43),
    });
    expect(savedOrderOf(result({ orderReference: "O-2026-00012" }))).toBeUndefined();
    expect(savedOrderOf(undefined)).toBeUndefined();
  });
});
