import crypto from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { customers, orders, outboxEmails, quoteEvents, quoteRequests } from "~db/schema";
import type { StoredFile } from "~/lib/attachments.server";
import { db, writeTransaction } from "~/lib/db.server";
import { MAX_ORDER_TOTAL_CENTS, withinCardLimit } from "~/lib/money";
import { companyNetTerms } from "~/accounts/credit.server";
import { taxExemptionOf } from "~/accounts/tax-exemption.server";
import { companyRoleAllows } from "~/accounts/company-roles";
import { usRegionOf } from "~/lib/us-address";
import { estimateTax, type TaxExemption } from "~/orders/sales-tax";
import { allowsPayment } from "./quote-terms";
import { buyerDecisionEmail } from "./quote-emails.server";
import { nextQuoteStatus, quoteAllows, quoteStatusOn } from "./quote-lifecycle";
import { orderAddresses, type AddressFieldValues } from "~/orders/checkout-schema";
import { getOrder, getOrderByToken, insertOrder, orderToken } from "~/orders/order.server";
import { requestNewsRecipients } from "./quote-owner.server";
import { configure, type Selection } from "./quote-pricing";
import type { OrderStatus, PaymentMethod } from "~/orders/order-lifecycle";
import { getQuoteRequestByToken } from "./quote-request.server";
import { expireDueQuotes, todayUtc } from "./quote-revision.server";

/**
 * The order of an accepted revision has a submission key derived from the quote's private token:
 * accepting twice finds the same order, and the quote page can always find its order again
 * (the money link never gets lost), while the database holds only hashes of both links. A
 * revision accepted again after its order was cancelled (the buyer asked for changes, then took
 * it as it was) makes a new order: `round` counts the orders made of it before.
 */
function quoteOrderKey(quoteToken: string, revisionId: number, round: number) {
  const made = round === 0 ? `quote-order-${revisionId}` : `quote-order-${revisionId}-${round}`;
  return crypto.createHmac("sha256", quoteToken).update(made).digest("base64url");
}

/** How many orders have been made of revision `revisionId` of request `requestId`. */
function ordersMadeOf(requestId: number, revisionId: number) {
  return db
    .select({ made: count() })
    .from(orders)
    .where(and(eq(orders.quoteRequestId, requestId), eq(orders.quoteRevisionId, revisionId)))
    .get()!.made;
}

/** The order made when the buyer last accepted this request's accepted revision, if any. */
export function getQuoteOrder(quoteToken: string, request: { id: number; acceptedRevisionId: number | null }) {
  if (request.acceptedRevisionId === null) return undefined;
  const made = ordersMadeOf(request.id, request.acceptedRevisionId);
  if (made === 0) return undefined;
  const token = orderToken(quoteOrderKey(quoteToken, request.acceptedRevisionId, made - 1));
  const order = getOrderByToken(token);
  return order && { ...order, token };
}

/** The company's certificate in force on `now`, if any. */
export function companyExemption(companyId: number | null, now: Date): TaxExemption | null {
  if (companyId === null) return null;
  const exemption = taxExemptionOf(companyId, todayUtc(now));
  return exemption.exempt && exemption.certificate ? exemption.certificate : null;
}

type Acceptance =
  /** `repeated`: the same acceptance again (a double click), answered with the order it made. */
  | { ok: true; orderId: number; token: string; paymentMethod: PaymentMethod; status: OrderStatus; repeated: boolean }
  | {
      ok: false;
      reason: "superseded" | "expired" | "not-open" | "terms" | "total" | "card-limit" | "nothing" | "member";
    };

/** `person`, when they are one of the company's people now and their role may buy. */
function buyerOf(companyId: number, person: { id: number } | undefined) {
  if (!person) return undefined;
  const member = db
    .select({ id: customers.id, email: customers.email, name: customers.name, companyRole: customers.companyRole })
    .from(customers)
    .where(and(eq(customers.id, person.id), eq(customers.companyId, companyId)))
    .get();
  return member && companyRoleAllows(member.companyRole, "buy") ? member : undefined;
}

/**
 * The buyer accepts revision `revisionId` of their request, and the same transaction creates an
 * order for exactly its lines and total, shipped and billed where the buyer said, to be paid by
 * card (Stripe Checkout next) or by invoice against the buyer's PO. Only the current revision of
 * an open quote, on or before its last valid day, can be accepted; the check and the change are
 * one transaction, so two tabs cannot accept two revisions.
 */
export function acceptQuoteWithOrder(
  quoteToken: string,
  revisionId: number,
  payment: {
    method: PaymentMethod;
    poNumber: string;
    poDocument?: Pick<StoredFile, "originalName" | "storedName">;
    /** The alternatives, options and quantities chosen; as quoted without. */
    selection?: Selection;
    /** Where the order ships and is billed (an empty billing address: the shipping address). */
    addresses: AddressFieldValues;
    /** The signed-in buyer accepting, if any: a company's quote needs one of its people who may buy. */
    acceptor?: { id: number };
  },
  now = new Date(),
): Acceptance {
  return writeTransaction(() => {
    expireDueQuotes(now);
    const request = getQuoteRequestByToken(quoteToken);
    if (!request) return { ok: false, reason: "not-open" };
    // A company's quote binds the company: it is accepted by one of its people, whose spending
    // limit decides whether the order waits for an approver, and who owns the order (ADR 47).
    const member = request.companyId === null ? undefined : buyerOf(request.companyId, payment.acceptor);
    if (request.companyId !== null && !member) return { ok: false, reason: "member" };
    const revision = request.revisions.find((r) => r.id === revisionId);
    if (request.status === "accepted" && request.acceptedRevisionId === revisionId) {
      // The same acceptance sent twice (a double click): the order it made.
      const order = getQuoteOrder(quoteToken, request);
      if (order)
        return {
          ok: true,
          orderId: order.id,
          token: order.token,
          paymentMethod: order.paymentMethod,
          status: order.status,
          repeated: true,
        };
    }
    if (revision && !allowsPayment(revision.paymentTerms, payment.method)) return { ok: false, reason: "terms" };
    const configured = revision ? configure(revision.lines, payment.selection) : undefined;
    // The tax of where the order ships, or none on the company's certificate (checked in the same transaction).
    const tax = estimateTax(
      (configured?.lines ?? []).map((line) => ({
        ...line,
        taxable: revision!.lines.find((l) => l.position === line.position)?.taxable,
      })),
      usRegionOf(payment.addresses.shippingAddress),
      companyExemption(request.companyId, now),
    );
    const totalCents = (configured?.totalCents ?? 0) + tax.cents;
    if (configured && !configured.lines.some((line) => line.kind === "item")) return { ok: false, reason: "nothing" };
    if (totalCents > MAX_ORDER_TOTAL_CENTS) return { ok: false, reason: "total" };
    if (payment.method === "card" && !withinCardLimit(totalCents)) return { ok: false, reason: "card-limit" };
    const current = request.revisions.at(-1);
    if (!current) return { ok: false, reason: "not-open" };
    if (current.id !== revisionId) return { ok: false, reason: "superseded" };
    const facts = { today: todayUtc(now), validUntil: current.validUntil };
    if (!quoteAllows(request.status, "accept", facts))
      return { ok: false, reason: quoteStatusOn(request.status, facts) === "expired" ? "expired" : "not-open" };
    const at = now.toISOString();
    const status = nextQuoteStatus(request.status, "accept")!;
    db.update(quoteRequests)
      .set({ status, acceptedRevisionId: revisionId, updatedAt: at, buyerActivityAt: at })
      .where(eq(quoteRequests.id, request.id))
      .run();
    db.insert(quoteEvents)
      .values({
        requestId: request.id,
        status,
        actor: `buyer:${member?.email ?? request.email}`,
        note: `v${current.version} accepted`,
      })
      .run();
    const order = insertOrder({
      kind: "quote",
      // The lines as the buyer configured them: not quoted, not chosen and not ticked ones are not ordered.
      lines: configured!.lines.map((line) => {
        const quoted = current.lines.find((l) => l.position === line.position)!;
        return {
          productId: quoted.productId,
          partNumber: quoted.partNumber,
          name: quoted.name,
          quantity: line.quantity,
          unitPriceCents: line.unitPriceCents,
          kind: line.kind,
          taxable: quoted.taxable,
        };
      }),
      // The person who accepted a company's quote is the order's contact: its e-mails go to them.
      buyer: {
        company: request.company,
        contactName: member ? member.name || request.contactName : request.contactName,
        email: member?.email ?? request.email,
        ...orderAddresses(payment.addresses),
        poNumber: payment.poNumber,
      },
      submissionKey: quoteOrderKey(quoteToken, revisionId, ordersMadeOf(request.id, revisionId)),
      paymentMethod: payment.method,
      quoteRequestId: request.id,
      quoteRevisionId: revisionId,
      poDocument: payment.method === "invoice" ? payment.poDocument : undefined,
      // The order goes where its request is: the company's, placed by whoever accepted; else the same buyer's account.
      owner: { customerId: member?.id ?? request.customerId, companyId: request.companyId },
      // An invoice is due on the company's net terms, if it has them (else the default, Net 30).
      paymentTerms: payment.method === "invoice" ? companyNetTerms(request.companyId) : null,
      tax,
    });
    // Sales hears of it with the order it made, as of a buyer's request for changes.
    const email = buyerDecisionEmail(request, {
      version: current.version,
      accepted: true,
      order: getOrder(order.orderId)!,
    });
    db.insert(outboxEmails)
      .values(requestNewsRecipients(request.id, email.to).map((to) => ({ ...email, to })))
      .run();
    return {
      ok: true,
      orderId: order.orderId,
      token: order.token,
      paymentMethod: payment.method,
      status: order.status,
      repeated: order.repeated,
    };
  });
}
