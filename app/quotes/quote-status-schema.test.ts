import { describe, expect, it } from "vitest";
import { constraintsOf, parseForm } from "~/lib/forms.server";
import { INVISIBLE_MESSAGE, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { QuoteMessageForm } from "./quote-message-schema";
import { BuyerQuoteForm } from "./quote-status-schema";

const parse = (fields: Record<string, string>) => parseForm(BuyerQuoteForm, new URLSearchParams(fields));

describe("BuyerQuoteForm", () => {
  it("reads an acceptance by card without a PO number, and by invoice with one", () => {
    const addresses = { shippingAddress: "1 Main St, Houston, TX 77002" };
    expect(parse({ intent: "accept", revisionId: "7", method: "card", ...addresses })).toMatchObject({
      status: "success",
      data: { intent: "accept", revisionId: 7, method: "card", poNumber: "" },
    });
    expect(
      parse({ intent: "accept", revisionId: "7", method: "invoice", poNumber: " PO-1 ", ...addresses }),
    ).toMatchObject({
      status: "success",
      data: { method: "invoice", poNumber: "PO-1" },
    });
  });

  it("refuses a PO number with control or invisible characters in it, as the checkout does", () => {
    const accepting = {
      intent: "accept",
      revisionId: "7",
      method: "invoice",
      shippingAddress: "1 Main St, Houston, TX 77002",
    };
    expect(parse({ ...accepting, poNumber: "PO\u200B-1" })).toMatchObject({
      status: "error",
      fieldErrors: { poNumber: INVISIBLE_MESSAGE },
    });
    expect(parse({ ...accepting, poNumber: "PO\u0000-1" })).toMatchObject({
      status: "error",
      fieldErrors: { poNumber: PLAIN_TEXT_MESSAGE },
    });
  });

  it("asks for the shipping address and a full billing address, or none, with the checkout's messages", () => {
    const accepting = { intent: "accept", revisionId: "7", method: "card" };
    expect(parse({ ...accepting, shippingAddress: "", billingAddress: "PO Box 9" })).toMatchObject({
      status: "error",
      intent: "accept",
      fieldErrors: {
        shippingAddress: "Enter the full shipping address",
        billingAddress: "Enter the full billing address, or leave it empty to bill to the shipping address",
      },
      values: { billingAddress: "PO Box 9" },
    });
    expect(
      parse({ ...accepting, shippingAddress: " 1 Main St, Houston, TX 77002 ", billingAddress: "  " }),
    ).toMatchObject({
      status: "success",
      data: { shippingAddress: "1 Main St, Houston, TX 77002", billingAddress: "" },
    });
  });

  it("asks for the shipping address of a form sent from a page that had no address fields", () => {
    expect(parse({ intent: "accept", revisionId: "7", method: "card" })).toMatchObject({
      fieldErrors: { shippingAddress: "Enter the full shipping address" },
    });
  });

  it("asks for the PO number at its field when paying by invoice", () => {
    const addresses = { shippingAddress: "1 Main St, Houston, TX 77002" };
    expect(parse({ intent: "accept", revisionId: "7", method: "invoice", poNumber: "  ", ...addresses })).toMatchObject(
      {
        status: "error",
        intent: "accept",
        fieldErrors: { poNumber: "Enter your purchase order (PO) number" },
      },
    );
  });

  it("says what is wrong with a message or a request for changes, for the form that sent it", () => {
    for (const [intent, empty] of [
      ["message", "Write a message or attach a file"],
      ["request-changes", "Write a message first"],
    ]) {
      expect(parse({ intent, body: "   " })).toMatchObject({ intent, fieldErrors: { body: empty } });
      expect(parse({ intent })).toMatchObject({ intent, fieldErrors: { body: empty } });
      expect(parse({ intent, body: "x".repeat(5001) })).toMatchObject({
        fieldErrors: { body: "Keep the message under 5,000 characters" },
      });
    }
  });

  it("takes a message of files only, counted by the action", () => {
    const files = (body: string, count: number) =>
      parseForm(BuyerQuoteForm, new URLSearchParams({ intent: "message", body }), { extra: { files: count } });
    expect(files(" ", 2)).toMatchObject({ status: "success", data: { intent: "message", body: "", files: 2 } });
    expect(files("", 0)).toMatchObject({ fieldErrors: { body: "Write a message or attach a file" } });
    // So the message field is not required in the browser either.
    expect(constraintsOf(QuoteMessageForm).body).toEqual({ maxLength: 5000 });
  });

  it("refuses a form the page does not have as a whole-form error", () => {
    const parsed = parse({ intent: "delete" });
    expect(parsed.status).toBe("error");
    expect(parsed.status === "error" && parsed.formError).toBeTruthy();
  });

  it("gives the page the limits of its fields", () => {
    expect(constraintsOf(BuyerQuoteForm)).toMatchObject({
      poNumber: { maxLength: 100 },
      body: { required: true, maxLength: 5000 },
      shippingAddress: { required: true, minLength: 10, maxLength: 1000 },
      billingAddress: { maxLength: 1000 },
    });
  });
});
