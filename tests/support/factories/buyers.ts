// What a buyer types into the site's forms: plain data with no database behind it, so unit tests,
// Playwright specs and the reliability suite can all use it. Pass only what a test is about.
import crypto from "node:crypto";
import type { OrderBuyer } from "~/orders/order.server";
import type { QuoteRequestFields } from "~/quotes/quote-request-schema";

/** The buyer's part of a quote request, as `submitQuoteRequest` takes it (without the form's key). */
export type QuoteBuyer = Omit<QuoteRequestFields, "submissionKey" | "formStartedAt" | "website">;

/** An e-mail address no other test uses: for finding this test's rows and messages. */
export const uniqueEmail = (name: string, domain = "buyer.example") =>
  `${name}-${crypto.randomBytes(4).toString("hex")}@${domain}`;

export function quoteBuyer(overrides: Partial<QuoteBuyer> = {}): QuoteBuyer {
  return {
    company: "Acme Process Ltd",
    contactName: "Dana Miller",
    email: "dana@acme.example",
    phone: "",
    country: "United States",
    deliveryLocation: "",
    incoterm: "",
    neededBy: "",
    message: "",
    ...overrides,
  };
}

export function orderBuyer(overrides: Partial<OrderBuyer> = {}): OrderBuyer {
  return {
    company: "Acme Process Ltd",
    contactName: "Dana Miller",
    email: "dana@acme.example",
    shippingAddress: "1 Main St, Houston, TX 77002",
    billingAddress: "Accounts payable, PO Box 77, Houston, TX",
    poNumber: "",
    ...overrides,
  };
}

/** The addresses a buyer gives when accepting a quote (no billing address: billed at the shipping one). */
export function acceptAddresses(overrides: Partial<Pick<OrderBuyer, "shippingAddress" | "billingAddress">> = {}) {
  return { shippingAddress: "1 Main St, Houston, TX 77002", billingAddress: "", ...overrides };
}

/**
 * The request form as a browser posts it to `/quote`: the intent, the buyer's fields and the
 * empty honeypot. Add the key and signed start the page gave (`readRequestForm`, or its inputs).
 */
export function requestFormFields(
  overrides: Partial<Record<"company" | "contactName" | "email" | "country" | "website", string>> = {},
) {
  const { company, contactName, email, country } = quoteBuyer();
  return { intent: "submit-request", company, contactName, email, country, website: "", ...overrides };
}
