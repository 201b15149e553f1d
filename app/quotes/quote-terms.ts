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
export const lineField = (
  requestLineId: number,
  name: "qty" | "price" | "weeks" | "included" | "cost" | "reason" | "breaks" | "optional",
) => `line-${requestLineId}-${name}`;

/** The Incoterm rules in which the named place is on the seller's side: where IronAxis hands over. */
const SELLER_PLACE_RULES = new Set(["EXW", "FCA", "FAS", "FOB"]);

/** Where IronAxis ships from: the named place of a quote "FCA Houston, TX" unless sales says otherwise. */
export const SHIPPING_POINT = "Houston, TX";

/**
 * The named place a new revision starts from: our shipping point for the rules that end at our
 * door or port, the buyer's delivery location for those that end at theirs.
 */
export const defaultIncotermPlace = (incoterm: string, deliveryLocation: string) =>
  SELLER_PLACE_RULES.has(incoterm) ? SHIPPING_POINT : deliveryLocation;

/** "DAP Baton Rouge, LA — Incoterms 2020": the rule, its named place and the edition. */
export const incotermText = ({ incoterm, incotermPlace }: { incoterm: string; incotermPlace: string }) =>
  `${incoterm}${incotermPlace ? ` ${incotermPlace}` : ""} — Incoterms 2020`;

/** How many lines sales may add to one revision besides the requested ones. */
export const MAX_ADDED_LINES = 10;

/** Field names of a line sales adds, by its slot (1 to `MAX_ADDED_LINES`). */
export const addedField = (
  slot: number,
  name:
    | "kind"
    | "part"
    | "name"
    | "qty"
    | "price"
    | "weeks"
    | "included"
    | "cost"
    | "breaks"
    | "optional"
    | "alt"
    | "taxable",
) => `added-${slot}-${name}`;

/** What an added line's "Alternative to" names: a requested line, or another added line. */
export const alternativeRef = {
  line: (requestLineId: number) => `line-${requestLineId}`,
  added: (slot: number) => `added-${slot}`,
};
