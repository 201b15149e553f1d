import { data, redirect } from "@remix-run/node";
import { defaultBillingAddressFor, shippingAddressesFor } from "~/accounts/address-book.server";
import {
  discardFiles,
  discardUploads,
  FIELD_TOO_LONG,
  tooLongAt,
  readUpload,
  storeUpload,
  type StoredFile,
  type UploadedFile,
} from "~/lib/attachments.server";
import { MAX_ATTACHMENT_MB, MAX_ATTACHMENTS } from "~/lib/upload-limits";
import type { FormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, typedValues } from "~/lib/forms.server";
import { CARD_LIMIT_TEXT } from "~/lib/money";
import { readForm, sentAs } from "~/lib/request-body.server";
import { cardPaymentAvailable } from "~/orders/stripe.server";
import { canPayByCard, overCardLimit, payPeriodOver, startCheckout } from "~/orders/checkout.server";
import type { AddressFieldValues } from "~/orders/checkout-schema";
import { awaitsCardPayment } from "~/orders/order-lifecycle";
import { MESSAGE_FILES_FIELD } from "./quote-files";
import { filesRefused, quoteFileRule, takeQuoteFiles } from "./quote-files.server";
import { BUYER_QUOTE_INTENT as INTENT } from "./quote-intents";
import { acceptQuoteWithOrder, companyExemption, getQuoteOrder } from "./quote-order.server";
import { estimateTax } from "~/orders/sales-tax";
import { usRegionOf } from "~/lib/us-address";
import { quoteAllows } from "./quote-lifecycle";
import { getQuoteRequestByToken } from "./quote-request.server";
import { daysLeft, diffRevisions, quoteFacts, withDerivedExpiry } from "./quote-revision.server";
import { QuoteMessageForm } from "./quote-message-schema";
import { BuyerQuoteForm } from "./quote-status-schema";
import { listProductsByIds } from "~/catalog/product.server";
import type { SoldAs } from "~/lib/pack-quantity";
import { NO_SELECTION, readSelection } from "./quote-pricing";
import { MAX_LINE_QUANTITY } from "~/lib/quantity";

/**
 * What the accept forms' addresses start with: the request's delivery location, else the default
 * shipping address of the signed-in buyer's company; its default billing address (empty: bill to
 * the shipping address).
 */
function acceptAddresses(deliveryLocation: string, customer: { id: number } | undefined) {
  const saved = customer ? shippingAddressesFor(customer) : [];
  return {
    shippingAddress: deliveryLocation || (saved.find((address) => address.isDefault)?.address ?? ""),
    billingAddress: (customer && defaultBillingAddressFor(customer)) ?? "",
  };
}

/**
 * The sales tax the accept forms name for the shipping address they start with: its state's rate,
 * or the company's certificate for that state (as the acceptance will work it out); undefined
 * when the address names no state yet.
 */
function acceptTax(shippingAddress: string, companyId: number | null) {
  const shipTo = usRegionOf(shippingAddress);
  if (!shipTo) return undefined;
  const { rate, exemptionNumber } = estimateTax([], shipTo, companyExemption(companyId, new Date()));
  return { state: shipTo.state, rate: rate ?? 0, exemptionNumber };
}

/** How the catalog sells each product line of a revision (by position): its minimum order and packs. */
function soldAsOf(lines: readonly { position: number; productId: number | null }[]) {
  const ids = lines.flatMap((line) => (line.productId === null ? [] : [line.productId]));
  const products = new Map(listProductsByIds(ids, { includeArchived: true }).map((product) => [product.id, product]));
  const sold = new Map<number, SoldAs>();
  for (const line of lines) {
    const product = line.productId === null ? undefined : products.get(line.productId);
    if (product) sold.set(line.position, { minOrderQty: product.minOrderQty, packSize: product.packSize });
  }
  return sold;
}

/**
 * What the buyer's status page shows: the request with its current quote and what changed since
 * the one before, the order it became, and what the buyer may still do. Undefined for a token
 * that opens no request. `customer`: the signed-in buyer looking at it, if any.
 */
export function buyerQuotePage(token: string, url: URL, customer?: { id: number }) {
  const found = getQuoteRequestByToken(token);
  if (!found) return undefined;
  const request = withDerivedExpiry(found);
  const current = request.revisions.at(-1);
  const previous = request.revisions.at(-2);
  const order = getQuoteOrder(token, request);
  // The same facts the model's guards are given: the quote's validity, and money committed.
  const facts = quoteFacts(request.id, current?.validUntil);
  // The buyer's choices on the current version, sent by its "Recalculate" (a GET form).
  const addresses = acceptAddresses(request.deliveryLocation, customer);
  const chosen = current
    ? readSelection(current.lines, (name) => url.searchParams.get(name), MAX_LINE_QUANTITY, soldAsOf(current.lines))
    : { selection: NO_SELECTION, errors: {} };
  return {
    request,
    token,
    order: order && {
      reference: order.reference,
      status: order.status,
      paymentMethod: order.paymentMethod,
      url: `/orders/${order.token}`,
      payable: canPayByCard(order),
      payBy: order.payBy,
      lapsed: payPeriodOver(order),
      aboveCardLimit: overCardLimit(order),
    },
    cardAvailable: cardPaymentAvailable(),
    withdrawable: quoteAllows(request.status, "withdraw"),
    current,
    daysLeft: current ? daysLeft(current.validUntil) : undefined,
    changes: current && previous ? diffRevisions(previous, current) : [],
    decidable: current !== undefined && quoteAllows(request.status, "accept", facts),
    // After accepting, changes can still be asked for until money is committed.
    changeable: current !== undefined && quoteAllows(request.status, "request_changes", facts),
    constraints: constraintsOf(BuyerQuoteForm),
    selection: chosen.selection,
    selectionErrors: chosen.errors,
    addresses,
    tax: acceptTax(addresses.shippingAddress, request.companyId),
    // Words may be left out of a message that carries files.
    messageConstraints: constraintsOf(QuoteMessageForm),
  };
}

/** Why a quote could not be accepted, paid or changed, in the buyer's words. */
const DECISION_ERRORS = {
  superseded: "This version has been replaced by a newer one: review the current quote below.",
  expired: "This quote has expired. Ask sales for a new one below.",
  "not-open": "This quote can no longer be accepted or changed.",
  terms: "This quote’s payment terms do not allow that way of paying.",
  total: "This quote’s total is more than one order can hold: please write to sales below.",
  "card-limit": CARD_LIMIT_TEXT,
  nothing: "Choose at least one item of the quote to accept it.",
  member: "This is your company’s quote: sign in as one of its buyers to accept it.",
} as const;

/** A decision the quote no longer allows, said above the page. */
export const decisionRefused = (values: Record<string, string>, reason: keyof typeof DECISION_ERRORS, intent: string) =>
  invalid(formErrorResult(values, DECISION_ERRORS[reason], { intent }), 409);

/** A form the page did not accept: a field the buyer never sees (which version, how to pay) is said above the form. */
export function formNotAccepted(result: FormResult) {
  const { poNumber, body, shippingAddress, billingAddress, ...hidden } = result.fieldErrors;
  const atFields = Object.fromEntries(
    Object.entries({ poNumber, body, shippingAddress, billingAddress }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const formError = result.formError ?? Object.values(hidden)[0];
  return invalid({ ...result, fieldErrors: atFields, formError }, 400);
}

/** Sends the buyer to Stripe Checkout for the quote's order, or says clearly why not (and the order stays). */
export async function payByCard(orderId: number, orderToken: string, values: Record<string, string>, intent: string) {
  const started = await startCheckout(orderId, { orderToken });
  if (started.ok) throw redirect(started.url);
  return data<FormResult>(formErrorResult(values, started.message, { intent }), {
    status: started.reason === "stripe-error" ? 502 : 409,
  });
}

/** The PO document of an acceptance by invoice: one PDF, PNG or JPEG of at most 10 MB. */
const PO_DOCUMENT_RULE = {
  fileField: "poDocument",
  maxFiles: 1,
  kinds: ["pdf", "png", "jpg"],
  kindsText: "a PDF, PNG or JPEG file",
} as const;

/**
 * Two forms of the page may carry files: the accept-by-invoice form its PO document, and the
 * message form the buyer's drawings (as many and of the kinds a request takes); every other form
 * is small and url-encoded. `refused`: the answer to a body that could not be taken.
 */
export async function readDecisionForm(request: Request) {
  const none = { poDocument: undefined, files: [] as UploadedFile[] };
  if (!sentAs(request, "multipart/form-data")) return { ...none, form: await readForm(request), refused: undefined };
  const upload = await readUpload(request, [PO_DOCUMENT_RULE, quoteFileRule(MESSAGE_FILES_FIELD)]);
  const form = new URLSearchParams(upload.fields);
  const intent = form.get("intent");
  if (intent === INTENT.message) {
    const taken = takeQuoteFiles(upload, MESSAGE_FILES_FIELD);
    if (!taken.ok) return { ...none, form, refused: filesRefused(taken, INTENT.message, MESSAGE_FILES_FIELD) };
    return { ...none, form, files: taken.files, refused: undefined };
  }
  // Only those forms may post files here (a body refused before its first field says nothing yet).
  if (intent !== INTENT.accept && (upload.ok || form.has("intent"))) {
    if (upload.ok) discardUploads(upload.files);
    throw new Response("Unsupported form encoding", { status: 415 });
  }
  const refuse = (result: Omit<FormResult, "status" | "intent" | "values">, status: 400 | 413) =>
    invalid({ status: "error", intent: INTENT.accept, values: typedValues(form), ...result }, status);
  if (!upload.ok) {
    if (upload.problem === "unreadable") throw new Response("The form could not be read.", { status: 400 });
    const refused =
      upload.problem === "field"
        ? refuse({ fieldErrors: tooLongAt(upload.tooLong), formError: FIELD_TOO_LONG }, upload.status)
        : intent === null
          ? // Refused for its declared size before a field was read: which form it was is not known.
            refuse({ fieldErrors: {}, formError: UPLOAD_TOO_LARGE }, upload.status)
          : refuse({ fieldErrors: { poDocument: "The PO document must be at most 10 MB." } }, upload.status);
    return { ...none, form, refused };
  }
  const [poDocument, ...others] = upload.files.filter((file) => file.field === PO_DOCUMENT_RULE.fileField);
  discardUploads([...others, ...upload.files.filter((file) => file.field !== PO_DOCUMENT_RULE.fileField)]);
  const refused = upload.problems.length
    ? refuse({ fieldErrors: { poDocument: upload.problems.join(" ") } }, 400)
    : undefined;
  return { ...none, form, poDocument, refused };
}

const UPLOAD_TOO_LARGE = `The files are too large: a PO document may be at most ${MAX_ATTACHMENT_MB} MB, and a message may carry at most ${MAX_ATTACHMENTS} files of ${MAX_ATTACHMENT_MB} MB each.`;

/**
 * Accepts a version of the quote: the order is made in the same transaction, with the PO
 * document stored first and removed again if no new order takes it. Card orders go on to Stripe;
 * invoice orders, and orders waiting for approval, to their order page.
 */
export async function acceptQuote(
  token: string,
  {
    revisionId,
    method,
    poNumber,
    shippingAddress,
    billingAddress,
  }: { revisionId: number; method: "card" | "invoice"; poNumber: string } & AddressFieldValues,
  poDocument: Parameters<typeof storeUpload>[0] | undefined,
  form: URLSearchParams,
  values: Record<string, string>,
  acceptor: { id: number } | undefined,
) {
  // The alternatives, options and quantities the buyer chose; a revision never changes once sent.
  const lines = getQuoteRequestByToken(token)?.revisions.find((revision) => revision.id === revisionId)?.lines ?? [];
  const chosen = readSelection(lines, (name) => form.get(name), MAX_LINE_QUANTITY, soldAsOf(lines));
  if (Object.keys(chosen.errors).length)
    return invalid({ status: "error", intent: INTENT.accept, values, fieldErrors: chosen.errors }, 400);
  let stored: StoredFile | undefined;
  let accepted: ReturnType<typeof acceptQuoteWithOrder>;
  try {
    if (method === "invoice" && poDocument) stored = storeUpload(poDocument);
    accepted = acceptQuoteWithOrder(token, revisionId, {
      method,
      poNumber,
      poDocument: stored,
      selection: chosen.selection,
      addresses: { shippingAddress, billingAddress },
      acceptor,
    });
  } catch (error) {
    if (stored) discardFiles([stored]);
    throw error;
  }
  if (stored && (!accepted.ok || accepted.repeated)) discardFiles([stored]);
  if (!accepted.ok) return decisionRefused(values, accepted.reason, INTENT.accept);
  // An order waiting for the buyer's company to approve it is paid once approved, from its page.
  if (awaitsCardPayment(accepted.status, accepted.paymentMethod))
    return payByCard(accepted.orderId, accepted.token, values, INTENT.accept);
  throw redirect(`/orders/${accepted.token}`);
}
