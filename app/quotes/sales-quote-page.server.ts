import { sentAs } from "~/lib/request-body.server";
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { companies } from "~db/schema";
import { actorNames, type SessionUser } from "~/admin/user.server";
import { db } from "~/lib/db.server";
import { discardUploads, readUpload } from "~/lib/attachments.server";
import { constraintsOf, invalid, parseForm } from "~/lib/forms.server";
import { listQuoteRequestOrders } from "~/orders/order.server";
import { isUnread } from "./quote-inbox.server";
import { getQuoteDraft } from "./quote-draft.server";
import { MESSAGE_FILES_FIELD } from "./quote-files";
import { filesRefused, quoteFileRule, takeQuoteFiles } from "./quote-files.server";
import { SALES_QUOTE_INTENT as INTENT } from "./quote-intents";
import { QuoteMessageForm } from "./quote-message-schema";
import { postSalesMessage, postWithFiles } from "./quote-messages.server";
import { getQuoteRequestById } from "./quote-request.server";
import { quoteAllows } from "./quote-lifecycle";
import { listInternalNotes, requestOwner, requestOwnerChoices } from "./quote-owner.server";
import { diffRevisions, revisionCosts, todayUtc, withDerivedExpiry } from "./quote-revision.server";
import { salesQuoteForm } from "./quote-revision-schema";
import {
  addedField,
  alternativeRef,
  defaultIncotermPlace,
  lineField,
  MAX_ADDED_LINES,
  type PaymentTerms,
} from "./quote-terms";
import { typedBreaks } from "~/lib/price-breaks";
import { buyerPricedProducts } from "~/accounts/company-prices.server";
import { buyerPriceAt, type BuyerPriced } from "~/accounts/unit-price";
import { formatMoney } from "~/lib/money";
import { percentText } from "./quote-pricing";
import { cardPaymentAvailable } from "~/orders/stripe.server";
import { hasNetTerms, netTermsText, type CompanyCredit, type CompanyPaymentTerms } from "~/accounts/payment-terms";
import { companyCredit } from "~/accounts/credit.server";

const withoutCheckboxes = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).filter(([name]) => !/-(optional|taxable)$/.test(name)));

/** A catalog price as sales reads it beside a line: "$84.00 each at 20 (list $89.00; 20+ 84.00; 50+ 79.00)". */
function catalogPriceText(product: BuyerPriced, quantity: number) {
  const at = buyerPriceAt(product, quantity);
  if (product.priceCents === null || at === null) return "Catalog: price on request";
  const whose = product.yourPriceCents === undefined ? "Catalog price" : "Company price";
  const breaks = product.priceBreaks.length ? `; ${typedBreaks(product.priceBreaks)}` : "";
  return `${whose} ${formatMoney(at)} each at ${quantity.toLocaleString("en-US")} (list ${formatMoney(product.priceCents)}${breaks})`;
}

/**
 * The payment terms the next revision's form starts with: the last revision's, else card only for
 * a company on card-only terms and either way for the rest. While the site takes no cards, none
 * rather than card only: sales chooses, since invoice terms would give credit nobody set.
 */
function paymentTermsToOffer(last: PaymentTerms | undefined, company: CompanyPaymentTerms | undefined, cards: boolean) {
  const terms = last ?? (company === "card" ? "card" : "card_or_invoice");
  return terms === "card" && !cards ? "" : terms;
}

/**
 * What sales' request page shows: the request (expiry shown from the dates: the page only
 * reads), its owner and sales' internal notes, its orders, who did what, what changed in the
 * last revision, and the next revision's form filled in from the last one, or from list prices
 * and lead times. Undefined for no such request.
 */
/**
 * What sales should know of the company's own terms when choosing a quote's: a quote offered on
 * invoice is payable by invoice whatever they are (its terms decide), so this is where the credit
 * left is weighed.
 */
function companyTermsText(name: string, credit: CompanyCredit) {
  if (!hasNetTerms(credit.terms))
    return `${name} is on card only: invoice terms here let it pay this quote by invoice.`;
  return `${name} is on ${netTermsText(credit.terms)}, with ${formatMoney(Math.max(0, credit.availableCents))} of its ${formatMoney(credit.creditLimitCents)} credit left: a quote on invoice terms is payable by invoice whatever it comes to.`;
}

export function salesQuotePage(id: number, cardPayments = cardPaymentAvailable()) {
  const found = getQuoteRequestById(id);
  if (!found) return undefined;
  const request = withDerivedExpiry(found);
  const latest = request.revisions.at(-1);
  const previous = request.revisions.at(-2);
  const today = todayUtc();
  const costs = revisionCosts(request.id);
  const company =
    request.companyId === null
      ? null
      : (db
          .select({ id: companies.id, name: companies.name, paymentTerms: companies.paymentTerms })
          .from(companies)
          .where(eq(companies.id, request.companyId))
          .get() ?? null);
  const credit = companyCredit(request.companyId);
  const incoterm = latest?.incoterm ?? (request.incoterm || "FCA");
  const defaults: Record<string, string> = {
    incoterm,
    incotermPlace: latest?.incotermPlace || defaultIncotermPlace(incoterm, request.deliveryLocation),
    validUntil: new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
    paymentTerms: paymentTermsToOffer(latest?.paymentTerms, company?.paymentTerms, cardPayments),
    notes: latest?.notes ?? "",
  };
  // The catalog's products today (lead times), priced as the request's company would pay in the cart.
  const catalog = buyerPricedProducts(
    request.companyId,
    request.lines.flatMap((line) => (line.productId ? [line.productId] : [])),
  );
  const catalogPrices: Record<number, string> = {};
  for (const line of request.lines) {
    const last = latest?.lines.find((l) => l.requestLineId === line.id);
    // A line last not quoted starts again from what was asked and the catalog's price to this
    // buyer: their price of one unit and their breaks, so the quantity asked for is priced as the
    // cart would price it.
    const quoted = last && last.quantity > 0 ? last : undefined;
    const product = line.productId ? catalog.get(line.productId) : undefined;
    const days = product?.leadTimeDays;
    if (product) catalogPrices[line.id] = catalogPriceText(product, line.quantity);
    const listed = product?.priceCents != null ? product : undefined;
    const price =
      quoted?.unitPriceCents ?? (listed ? (listed.yourPriceCents ?? listed.priceCents) : line.listPriceCents);
    defaults[lineField(line.id, "qty")] = String(quoted?.quantity ?? line.quantity);
    defaults[lineField(line.id, "price")] = price ? (price / 100).toFixed(2) : "";
    defaults[lineField(line.id, "weeks")] = String(
      quoted?.leadTimeWeeks ?? (days === undefined ? "" : Math.ceil(days / 7)),
    );
    defaults[lineField(line.id, "included")] = quoted?.included ?? "";
    const cost = quoted ? costs[quoted.id] : undefined;
    defaults[lineField(line.id, "cost")] = cost === undefined ? "" : (cost / 100).toFixed(2);
    defaults[lineField(line.id, "reason")] = last?.notQuotedReason ?? "";
    defaults[lineField(line.id, "breaks")] = typedBreaks(quoted?.priceBreaks ?? listed?.priceBreaks ?? []);
    defaults[lineField(line.id, "optional")] = quoted?.optional ? "1" : "";
  }
  // The lines sales added last time, in the rows for added lines, and room for more.
  const addedBefore = latest?.lines.filter((line) => line.requestLineId === null) ?? [];
  // An alternative names its line as the form does: a requested line, or the row it is typed in.
  const refOf = (position: number) => {
    const line = latest?.lines.find((l) => l.position === position);
    if (line?.requestLineId) return alternativeRef.line(line.requestLineId);
    const slot = addedBefore.findIndex((l) => l.position === position) + 1;
    return slot ? alternativeRef.added(slot) : "";
  };
  addedBefore.forEach((line, i) => {
    const slot = i + 1;
    defaults[addedField(slot, "kind")] = line.kind;
    defaults[addedField(slot, "part")] = line.partNumber ?? "";
    defaults[addedField(slot, "name")] = line.productId === null ? line.name : "";
    defaults[addedField(slot, "qty")] = String(line.quantity);
    defaults[addedField(slot, "price")] =
      line.percentBp !== null ? percentText(line.percentBp) : (line.unitPriceCents / 100).toFixed(2);
    defaults[addedField(slot, "breaks")] = typedBreaks(line.priceBreaks);
    defaults[addedField(slot, "alt")] = line.alternativeOf === null ? "" : refOf(line.alternativeOf);
    defaults[addedField(slot, "optional")] = line.optional ? "1" : "";
    defaults[addedField(slot, "taxable")] = line.kind === "charge" && line.taxable ? "1" : "";
    defaults[addedField(slot, "weeks")] = String(line.leadTimeWeeks);
    defaults[addedField(slot, "included")] = line.included;
    const cost = costs[line.id];
    defaults[addedField(slot, "cost")] = cost === undefined ? "" : (cost / 100).toFixed(2);
  });
  // A draft wins over what the last revision suggests: it is what sales typed.
  const draft = getQuoteDraft(request.id);
  return {
    request,
    catalogPrices,
    today,
    cardPayments,
    companyTerms: company && credit ? companyTermsText(company.name, credit) : undefined,
    // A box left unticked is not in a draft: its boxes are the draft's alone.
    defaults: draft ? { ...withoutCheckboxes(defaults), ...draft.fields } : defaults,
    draft: draft && {
      savedAt: draft.savedAt,
      savedBy: draft.savedBy,
      approval: draft.approval,
      approvalReasons: draft.approvalReasons.split("\n").filter(Boolean),
      approvalNote: draft.approvalNote,
    },
    addedSlots: Math.min(MAX_ADDED_LINES, Math.max(5, addedBefore.length + 2)),
    canQuote: quoteAllows(request.status, "send_revision"),
    canStartReview: quoteAllows(request.status, "review"),
    canDecline: quoteAllows(request.status, "decline"),
    unread: isUnread(request),
    company,
    costs,
    owner: requestOwner(request.ownerId),
    ownerChoices: requestOwnerChoices(),
    internalNotes: listInternalNotes(request.id),
    orders: listQuoteRequestOrders(request.id),
    actors: actorNames(
      request.events.map((event) => event.actor),
      request,
    ),
    changes: latest && previous ? diffRevisions(previous, latest) : [],
    constraints: constraintsOf(salesQuoteForm({ requestLineIds: request.lines.map((line) => line.id), today })),
    // Words may be left out of a message that carries files.
    messageConstraints: constraintsOf(QuoteMessageForm),
  };
}

/** Whether a post to sales' page is its one form that carries files: the message to the buyer. */
export const postsFiles = (request: Request) => sentAs(request, "multipart/form-data");

/**
 * Sales' message to the buyer with its files (as many and of the kinds a request takes): a
 * refused file is said at the file field with the words kept; words and files both missing, at
 * the words. The files are stored, and removed again if the message is not written.
 */
export async function postSalesMessageForm(request: Request, requestId: number, user: SessionUser) {
  const taken = takeQuoteFiles(await readUpload(request, quoteFileRule(MESSAGE_FILES_FIELD)), MESSAGE_FILES_FIELD);
  const files = taken.ok ? taken.files : [];
  try {
    if (taken.fields.intent !== INTENT.message && (taken.ok || "intent" in taken.fields))
      throw new Response("Unsupported form encoding", { status: 415 });
    if (!taken.ok) return filesRefused(taken, INTENT.message, MESSAGE_FILES_FIELD);
    const form = new URLSearchParams(taken.fields);
    const parsed = parseForm(QuoteMessageForm, form, { extra: { files: files.length } });
    if (parsed.status === "error") return invalid(parsed, 400);
    const body = parsed.data.body;
    if (!postWithFiles(files, (stored) => postSalesMessage(requestId, body, user, stored)))
      throw new Response("Not found", { status: 404 });
    return redirect(`/admin/quotes/${requestId}`);
  } finally {
    discardUploads(files); // those the message did not take
  }
}
