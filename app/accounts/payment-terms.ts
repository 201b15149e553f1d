/**
 * A company's payment terms, as sales sets them: card only (the default), or invoice on net terms
 * within a credit limit. Words and rules for pages and servers alike: no zod or drizzle here.
 * (A quote's own terms, set per quote, are `~/quotes/quote-terms`.)
 */
/** The terms an invoice order is placed on. */
export const NET_TERMS = ["net15", "net30", "net60"] as const;
export type NetTerms = (typeof NET_TERMS)[number];
export const COMPANY_PAYMENT_TERMS = ["card", ...NET_TERMS] as const;
export type CompanyPaymentTerms = (typeof COMPANY_PAYMENT_TERMS)[number];

/** The terms of an invoice order that has none of its own (a guest's, or a quote's). */
export const DEFAULT_NET_TERMS: NetTerms = "net30";

/** Days from the invoice to its due date. */
export const NET_TERMS_DAYS: Record<NetTerms, number> = { net15: 15, net30: 30, net60: 60 };

export const hasNetTerms = (terms: CompanyPaymentTerms): terms is NetTerms => terms !== "card";

/** "Net 30": on the order page and in its e-mail. */
export const netTermsText = (terms: NetTerms) => `Net ${NET_TERMS_DAYS[terms]}`;

export const COMPANY_PAYMENT_TERMS_LABEL: Record<CompanyPaymentTerms, string> = {
  card: "Card only",
  net15: `Invoice, ${netTermsText("net15")}`,
  net30: `Invoice, ${netTermsText("net30")}`,
  net60: `Invoice, ${netTermsText("net60")}`,
};

export const COMPANY_PAYMENT_TERMS_OPTIONS = COMPANY_PAYMENT_TERMS.map(
  (terms) => [terms, COMPANY_PAYMENT_TERMS_LABEL[terms]] as const,
);

/** The largest credit limit sales may give: the largest order total, $1,000,000,000.00. */
export const MAX_CREDIT_LIMIT_DOLLARS = 1_000_000_000;

/** A company's terms and what its invoice orders not yet paid leave of its credit limit. */
export type CompanyCredit = {
  terms: CompanyPaymentTerms;
  creditLimitCents: number;
  /** Invoice orders placed and not yet paid or cancelled (those waiting for approval too). */
  openInvoiceCents: number;
  /** The limit less the open invoices; negative when sales lowered the limit below them. */
  availableCents: number;
};
