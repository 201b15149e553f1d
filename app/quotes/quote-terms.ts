/** Words and rules of a quote's terms, for pages in the browser and the server alike: no zod or drizzle here. */

export const PAYMENT_TERMS = ["card", "invoice", "card_or_invoice"] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];

export const PAYMENT_TERMS_TEXT: Record<PaymentTerms, string> = {
  card_or_invoice: "Card, or invoice with PO",
  card: "Card only",
  invoice: "Invoice with PO only",
};
/** Whether a revision's payment terms let the buyer pay that way. */
export const allowsPayment = (terms: PaymentTerms, method: "card" | "invoice") =>
  terms === "card_or_invoice" || terms === method;

export const PAYMENT_TERMS_OPTIONS = PAYMENT_TERMS.map((terms) => [terms, PAYMENT_TERMS_TEXT[terms]] as const);

/** Field names of a revision line, by the request line it prices. */
export const lineField = (requestLineId: number, name: "qty" | "price" | "weeks" | "included") =>
  `line-${requestLineId}-${name}`;
