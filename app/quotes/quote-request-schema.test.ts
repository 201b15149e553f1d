import { describe, expect, it } from "vitest";
import { CheckoutForm } from "~/orders/checkout-schema";
import { QuoteRequestForm } from "./quote-request-schema";

const valid = {
  company: "Acme Process Ltd",
  contactName: "Dana Miller",
  email: "dana@acme-process.example",
  country: "United States",
  submissionKey: "k".repeat(43),
};

const errorsOf = (fields: Record<string, string>) => {
  const parsed = QuoteRequestForm.safeParse({ ...valid, ...fields });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message]));
};

describe("QuoteRequestForm", () => {
  it("accepts a plain request, with line breaks in the message", () => {
    expect(errorsOf({ message: "Line one\r\nLine two\twith a tab" })).toEqual({});
  });

  it("takes a one-letter company or contact name and says what is missing when there is none", () => {
    expect(errorsOf({ company: "X" })).toEqual({});
    expect(CheckoutForm.shape.company.safeParse("X").success).toBe(true);
    expect(errorsOf({ company: "  " })).toEqual({ company: "Enter your company name" });
    expect(errorsOf({ contactName: "Q" })).toEqual({});
    expect(errorsOf({ contactName: "" })).toEqual({ contactName: "Enter your name" });
  });

  it("refuses control characters in names and messages", () => {
    expect(errorsOf({ company: "\u0000\u0000" })).toHaveProperty("company");
    expect(errorsOf({ contactName: "Dana\u001b[31m" })).toHaveProperty("contactName");
    expect(errorsOf({ message: "hi\u0000" })).toHaveProperty("message");
  });

  it("refuses dates that do not exist, not only malformed ones", () => {
    const year = new Date().getUTCFullYear() + 1;
    expect(errorsOf({ neededBy: `${year}-03-31` })).toEqual({});
    expect(errorsOf({ neededBy: `${year}-02-31` })).toHaveProperty("neededBy");
    expect(errorsOf({ neededBy: `${year}-13-01` })).toHaveProperty("neededBy");
    expect(errorsOf({ neededBy: "tomorrow" })).toHaveProperty("neededBy");
  });
});
