// Test data written the way the site writes it: each factory calls the model function the site
// calls (submitQuoteRequest, sendRevision, createOrderFromLines, …), so rows, events and e-mails
// are what a real buyer or sales user would leave. For unit tests, which run beside the database.
import { eq } from "drizzle-orm";
import { categories, companies, customers, products, type CompanyRole } from "~db/schema";
import type { AccountOwner } from "~/accounts/account-owner";
import { acceptInvitation, createCompany, inviteColleague } from "~/accounts/company.server";
import type { CompanyPaymentTerms, NetTerms } from "~/accounts/payment-terms";
import { createUser, type SessionUser } from "~/admin/user.server";
import { createProduct, loadSpecDefinitions, type ProductInput } from "~/catalog/product.server";
import { db, writeTransaction } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { type PaymentMethod } from "~/orders/order-lifecycle";
import type { OrderTax } from "~/orders/sales-tax";
import { createOrderFromLines, type OrderBuyer, type OrderLineInput } from "~/orders/order.server";
import { getInvoiceAccount, recordInvoicePayment } from "~/orders/invoice.server";
import { addProductToQuoteList } from "~/quotes/quote-list.server";
import { getQuoteRequestByToken, submitQuoteRequest } from "~/quotes/quote-request.server";
import { listRevisions, sendRevision, type RevisionInput } from "~/quotes/quote-revision.server";
import { orderBuyer, quoteBuyer, uniqueEmail, type QuoteBuyer } from "./buyers";

export * from "./buyers";

/** The first product of the seed catalog: for tests that need any product at all. */
export const seededProduct = () => db.select().from(products).where(eq(products.status, "active")).limit(1).get()!;

/** A product as the back-office form sends it: a pressure gauge unless told otherwise. */
export function productFields(overrides: Partial<ProductInput> = {}): ProductInput {
  const { categoryId } = db
    .select({ categoryId: categories.id })
    .from(categories)
    .where(eq(categories.slug, "pressure-gauges"))
    .get()!;
  return {
    partNumber: `UT-${createToken().slice(0, 8)}`,
    name: "Test gauge",
    manufacturer: "Acme",
    categoryId,
    summary: "",
    description: "",
    priceCents: 1000,
    minOrderQty: 1,
    packSize: 1,
    leadTimeDays: 5,
    inStock: true,
    specs: {},
    ...overrides,
  };
}

/** Adds a product to the catalog as the back office does; returns its id. */
export function makeProduct(overrides: Partial<ProductInput> = {}) {
  const definitions = loadSpecDefinitions();
  return writeTransaction(() => createProduct(productFields(overrides), definitions));
}

/** A back-office user (sales unless said) with a unique e-mail; returns the user a signed-in session carries. */
export async function makeSalesUser(name = "Sam", role: SessionUser["role"] = "sales"): Promise<SessionUser> {
  const email = uniqueEmail(role, "ironaxis.test");
  const created = await createUser({ email, name, role, password: "a-long-password" });
  if (!created.ok) throw new Error("user not created");
  return { id: created.id, email, name, role };
}

/**
 * A buyer's quote request: the products go on a new quote list (each `quantity` times), and the
 * list is sent with the buyer's details. Returns the request as stored, its private link's token
 * and its reference.
 */
export function makeQuoteRequest({
  buyer = {},
  productIds = [seededProduct().id],
  quantity = 1,
  clientIp,
  owner,
}: {
  buyer?: Partial<QuoteBuyer>;
  productIds?: number[];
  quantity?: number;
  clientIp?: string;
  /** The signed-in buyer's account it goes into (`ownerOf`); a guest's request without. */
  owner?: AccountOwner;
} = {}) {
  let listToken: string | undefined;
  for (const productId of productIds) {
    const added = addProductToQuoteList(listToken, productId, quantity);
    if (!added.ok) throw new Error(`product ${productId} not added to the quote list`);
    listToken = added.token;
  }
  const fields = { ...quoteBuyer(buyer), submissionKey: createToken() };
  const submitted = submitQuoteRequest(listToken, fields, clientIp, [], owner);
  if (!submitted.ok) throw new Error(`request not submitted: ${submitted.reason}`);
  const request = getQuoteRequestByToken(submitted.token)!;
  return { request, token: submitted.token, reference: submitted.reference };
}

/** A quote request as `getQuoteRequestByToken` reads it. */
export type StoredRequest = ReturnType<typeof makeQuoteRequest>["request"];

/** An added line's fields beyond what it is and its price: goods, once, no choice for the buyer. */
export const ADDED_ITEM = {
  kind: "item",
  percentBp: null,
  alternativeTo: "",
  taxable: true,
  leadTimeWeeks: 2,
  included: "",
  costCents: null,
  priceBreaks: [],
  optional: false,
} as const;

/** Terms for a revision that prices every line of the request at `unitPriceCents`. */
export function revisionTerms(
  request: Pick<StoredRequest, "lines">,
  { unitPriceCents, validUntil = "2099-12-31", leadTimeWeeks = 6, costCents = null }: RevisionPrice,
): RevisionInput {
  return {
    incoterm: "FCA",
    incotermPlace: "Houston, TX",
    validUntil,
    paymentTerms: "card_or_invoice",
    notes: "",
    lines: request.lines.map((line) => ({
      requestLineId: line.id,
      quantity: line.quantity,
      unitPriceCents,
      leadTimeWeeks,
      included: "",
      costCents,
      notQuotedReason: "",
      priceBreaks: [],
      optional: false,
    })),
  };
}
type RevisionPrice = { unitPriceCents: number; validUntil?: string; leadTimeWeeks?: number; costCents?: number | null };

/** Sales sends a revision of the request (see `revisionTerms`); returns the revision as stored. */
export function makeRevision(request: Pick<StoredRequest, "id" | "lines">, user: SessionUser, price: RevisionPrice) {
  const sent = sendRevision(request.id, revisionTerms(request, price), user);
  if (!sent.ok) throw new Error(`revision not sent: ${sent.reason}`);
  return listRevisions(request.id).at(-1)!;
}

/** Two lines of our own prices: $420.00 of gauges and a $150.00 calibration. */
export const ORDER_LINES: OrderLineInput[] = [
  { productId: null, partNumber: "GC-1", name: "Gauge", quantity: 10, unitPriceCents: 4200 },
  { productId: null, partNumber: null, name: "Calibration", quantity: 1, unitPriceCents: 15000 },
];

/** An order placed from the cart (or a quote), with a fresh submission key. */
export function makeOrder({
  paymentMethod = "card",
  kind = "cart",
  lines = ORDER_LINES,
  buyer = {},
  owner,
  paymentTerms,
  tax,
}: {
  paymentMethod?: PaymentMethod;
  /** Its sales tax line; none without. */
  tax?: OrderTax;
  kind?: "cart" | "quote";
  lines?: OrderLineInput[];
  buyer?: Partial<OrderBuyer>;
  /** The signed-in buyer's account it goes into (`ownerOf`); a guest's order without. */
  owner?: AccountOwner;
  /** The net terms of an invoice order placed from a company's cart. */
  paymentTerms?: NetTerms;
} = {}) {
  return createOrderFromLines({
    paymentTerms,
    tax,
    kind,
    lines,
    buyer: orderBuyer(buyer),
    submissionKey: createToken(),
    paymentMethod,
    owner,
  });
}

/** Sales records the whole balance of an order's invoice as received today: the order becomes paid. */
export function payInvoiceInFull(orderId: number, actor = "sales:test") {
  const account = getInvoiceAccount(orderId);
  if (!account) throw new Error(`Order ${orderId} has no invoice`);
  return recordInvoicePayment(
    orderId,
    {
      amountCents: account.balanceCents,
      receivedOn: new Date().toISOString().slice(0, 10),
      method: "bank_transfer",
      reference: "",
    },
    actor,
  );
}

/** A buyer's account, as their first sign-in makes it. */
export function makeCustomer(name = "buyer") {
  return db
    .insert(customers)
    .values({ email: uniqueEmail(name), name })
    .returning()
    .get();
}

/**
 * A company as its first buyer creates it: they are its company admin. `terms` and
 * `creditLimitCents` are what sales would set on its back-office page (card only, no credit, unless told).
 */
export function makeCompany(
  name = "Acme Process",
  { terms = "card", creditLimitCents = 0 }: { terms?: CompanyPaymentTerms; creditLimitCents?: number } = {},
) {
  const admin = makeCustomer("admin");
  const created = createCompany(admin, name);
  if (!created.ok) throw new Error(created.message);
  db.update(companies).set({ paymentTerms: terms, creditLimitCents }).where(eq(companies.id, created.companyId)).run();
  return { admin, companyId: created.companyId };
}

/** A colleague invited by `admin` who accepted: in the company with `role` and `spendingLimitCents`. */
export function addColleague(
  admin: { id: number },
  role: CompanyRole = "buyer",
  spendingLimitCents: number | null = 5_000_00,
) {
  const someone = makeCustomer(role);
  const invited = inviteColleague(admin, { email: someone.email, role, spendingLimitCents });
  if (!invited.ok) throw new Error(invited.message);
  const accepted = acceptInvitation(someone, invited.token);
  if (!accepted.ok) throw new Error(accepted.message);
  return db.select().from(customers).where(eq(customers.id, someone.id)).get()!;
}
