import { and, count, eq } from "drizzle-orm";
import fc from "fast-check";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { checkoutSessions, orderEvents, taxExemptCertificates } from "~db/schema";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { US_STATE_CODES, type UsState } from "~/lib/us-address";
import { acceptQuoteWithOrder } from "~/quotes/quote-order.server";
import {
  acceptAddresses,
  makeCompany,
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
  ORDER_LINES,
  orderBuyer,
} from "../../tests/support/factories";
import { emulatedTax } from "../../tests/support/stripe-tax-emulation";
import { getInvoiceAccount } from "./invoice.server";
import { createOrderFromLines, getOrder, getOrderLines, type OrderLineInput } from "./order.server";
import { confirmOrderTax } from "./order-tax.server";
import { receiveStripeWebhook } from "./payment.server";
import { recordRefund } from "./refund.server";
import { estimateTax, type OrderTax } from "./sales-tax";
import { checkoutLineItems } from "./tax-line";

const SECRET = "whsec_unit_test";
const ZIP = "77002";

function deliver(type: string, session: Record<string, unknown>) {
  const payload = JSON.stringify({
    id: `evt_${createToken().slice(0, 20)}`,
    object: "event",
    type,
    data: { object: { object: "checkout.session", currency: "usd", metadata: {}, ...session } },
  });
  return receiveStripeWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }), SECRET);
}

/** An order of `lines` shipped to `state`, placed as checkout places it: with the estimate of where it ships. */
function orderTo(
  lines: OrderLineInput[],
  state: UsState,
  { paymentMethod = "card", tax }: { paymentMethod?: "card" | "invoice"; tax?: OrderTax } = {},
) {
  const placed = createOrderFromLines({
    kind: "cart",
    lines,
    buyer: orderBuyer({ shippingAddress: `1 Plant Road\nSomewhere, ${state} ${ZIP}` }),
    submissionKey: createToken(),
    paymentMethod,
    tax: tax ?? estimateTax(lines, { state, zip: ZIP }),
  });
  const sessionId = `cs_test_${placed.orderId}_${createToken().slice(0, 8)}`;
  db.insert(checkoutSessions).values({ orderId: placed.orderId, stripeSessionId: sessionId, url: "https://x" }).run();
  return { orderId: placed.orderId, sessionId };
}

/** What the Stripe emulator's session comes to for the order, as `startCheckout` sends it (ADR 34). */
function emulatedSession(orderId: number, state: UsState, exempt = false) {
  const lines = getOrderLines(orderId);
  const items = checkoutLineItems(lines, "usd", true).map((item) => ({
    amount: item.price_data.unit_amount * item.quantity,
    taxable: !("tax_code" in item.price_data.product_data),
  }));
  const subtotal = items.reduce((sum, item) => sum + item.amount, 0);
  const discount = Math.min(
    subtotal,
    -lines.reduce((sum, line) => sum + Math.min(0, line.unitPriceCents * line.quantity), 0),
  );
  const tax = emulatedTax(items, discount, { state, exempt });
  return { amount_total: subtotal - discount + tax, total_details: { amount_tax: tax } };
}

const paid = (sessionId: string, amounts: { amount_total: number; total_details: { amount_tax: number } }) =>
  deliver("checkout.session.completed", {
    id: sessionId,
    status: "complete",
    payment_status: "paid",
    payment_intent: `pi_${createToken().slice(0, 16)}`,
    ...amounts,
  });

const cartLine = fc.record({
  kind: fc.constantFrom("item" as const, "charge" as const),
  quantity: fc.integer({ min: 1, max: 40 }),
  unitPriceCents: fc.integer({ min: 1, max: 2_500_00 }),
  taxable: fc.boolean(),
});

describe("a card order paid through Stripe Tax", () => {
  it("records what Stripe charged: invoice total = lines + charges + tax − credit notes, and the receipt is the amount charged", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(cartLine, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...US_STATE_CODES),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        async (drawn, state, discountPercent, refundPercent) => {
          const lines: OrderLineInput[] = drawn.map((line, i) => ({
            productId: null,
            partNumber: line.kind === "item" ? `P-${i}` : null,
            name: line.kind === "item" ? `Item ${i}` : `Charge ${i}`,
            quantity: line.quantity,
            unitPriceCents: line.unitPriceCents,
            kind: line.kind,
            taxable: line.kind === "item" ? true : line.taxable,
          }));
          const goods = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
          const discount = Math.floor((goods * discountPercent) / 200); // up to half
          if (discount > 0)
            lines.push({
              productId: null,
              partNumber: null,
              name: "Discount",
              quantity: 1,
              unitPriceCents: -discount,
              kind: "discount",
              taxable: true,
            });
          const { orderId, sessionId } = orderTo(lines, state);
          const session = emulatedSession(orderId, state);
          const answer = await paid(sessionId, session);
          expect(JSON.parse(answer.body).result).toBe("paid");

          const order = getOrder(orderId)!;
          const account = getInvoiceAccount(orderId)!;
          const linesAndCharges = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
          expect(order.taxCents).toBe(session.total_details.amount_tax);
          expect(order.taxStatus).toBe("charged");
          expect(order.totalCents).toBe(session.amount_total);
          expect(account.invoice.totalCents).toBe(session.amount_total);
          expect(account.invoice.totalCents).toBe(linesAndCharges + order.taxCents);
          expect(account.paidCents).toBe(session.amount_total);

          const refund = Math.floor((session.amount_total * refundPercent) / 100);
          if (refund > 0)
            expect(
              recordRefund({
                id: `re_${createToken().slice(0, 16)}`,
                amount: refund,
                paymentIntentId: order.stripePaymentIntentId!,
              }).ok,
            ).toBe(true);
          const after = getInvoiceAccount(orderId)!;
          expect(after.creditedCents).toBe(refund);
          expect(after.paidCents - after.refundedCents).toBe(linesAndCharges + order.taxCents - after.creditedCents);
          expect(after.balanceCents).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("charges the estimate when all is taxable and no coupon meets a non-taxable charge", () => {
    const { orderId } = orderTo(ORDER_LINES, "TX");
    expect(emulatedSession(orderId, "TX").total_details.amount_tax).toBe(getOrder(orderId)!.taxCents);
    expect(getOrder(orderId)!.taxCents).toBe(3563); // 6.25% of $570.00
  });

  it("takes another tax than the estimate as paid, keeping the state and dropping the rate", async () => {
    const { orderId, sessionId } = orderTo(ORDER_LINES, "TX");
    const answer = await paid(sessionId, { amount_total: 57000 + 4703, total_details: { amount_tax: 4703 } });
    expect(JSON.parse(answer.body).result).toBe("paid");
    expect(getOrder(orderId)).toMatchObject({
      status: "paid",
      taxCents: 4703,
      taxStatus: "charged",
      taxRate: null,
      taxState: "TX",
      totalCents: 61703,
    });
    expect(getInvoiceAccount(orderId)!.invoice.totalCents).toBe(61703);
    const note = db
      .select({ note: orderEvents.note })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, "paid")))
      .get()!.note;
    expect(note).toContain("tax $47.03 by Stripe Tax");
  });

  it("flags another amount before tax, whatever the tax", async () => {
    const { orderId, sessionId } = orderTo(ORDER_LINES, "TX");
    const answer = await paid(sessionId, { amount_total: 56000 + 3563, total_details: { amount_tax: 3563 } });
    expect(JSON.parse(answer.body).result).toBe("flagged");
    expect(getOrder(orderId)).toMatchObject({ status: "flagged", taxStatus: "estimated", totalCents: 60563 });
    expect(getOrder(orderId)!.flaggedReason).toContain("(before tax: $560.00 and $570.00)");
  });

  it("keeps an exempt order's line when Stripe adds no tax", async () => {
    const exempt: OrderTax = { cents: 0, status: "exempt", rate: 0, state: "TX", exemptionNumber: "01-234567" };
    const { orderId, sessionId } = orderTo(ORDER_LINES, "TX", { tax: exempt });
    expect(emulatedSession(orderId, "TX", true).total_details.amount_tax).toBe(0);
    await paid(sessionId, emulatedSession(orderId, "TX", true));
    expect(getOrder(orderId)).toMatchObject({
      status: "paid",
      taxStatus: "exempt",
      taxExemptionNumber: "01-234567",
      totalCents: 57000,
    });
  });
});

describe("a quote accepted as an order", () => {
  it("carries the ship-to state's estimate, or none on the company's certificate for that state", async () => {
    const sales = await makeSalesUser();
    const quoted = makeQuoteRequest({ quantity: 2 });
    const revision = makeRevision(quoted.request, sales, { unitPriceCents: 1_000_00 });
    const accepted = acceptQuoteWithOrder(quoted.token, revision.id, {
      method: "card",
      poNumber: "",
      addresses: acceptAddresses({ shippingAddress: "400 Main Street\nHouston, TX 77002" }),
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(getOrder(accepted.orderId)).toMatchObject({
      taxStatus: "estimated",
      taxState: "TX",
      taxRate: 6250,
      taxCents: 12500,
      totalCents: 212500,
    });

    const { admin, companyId } = makeCompany("Exempt Process");
    db.insert(taxExemptCertificates)
      .values({
        companyId,
        state: "approved",
        issuingState: "TX",
        certificateNumber: "01-234567",
        originalName: "cert.pdf",
        storedName: "cert.pdf",
        contentType: "application/pdf",
        sizeBytes: 10,
        expiresOn: "2099-12-31",
      })
      .run();
    const exempt = makeQuoteRequest({ owner: { customerId: admin.id, companyId } });
    const exemptRevision = makeRevision(exempt.request, sales, { unitPriceCents: 1_000_00 });
    const exemptOrder = acceptQuoteWithOrder(exempt.token, exemptRevision.id, {
      method: "card",
      poNumber: "",
      addresses: acceptAddresses(),
      acceptor: admin,
    });
    if (!exemptOrder.ok) throw new Error(exemptOrder.reason);
    expect(getOrder(exemptOrder.orderId)).toMatchObject({
      taxStatus: "exempt",
      taxCents: 0,
      taxExemptionNumber: "01-234567",
      totalCents: 100000,
    });

    const nowhere = makeQuoteRequest();
    const nowhereRevision = makeRevision(nowhere.request, sales, { unitPriceCents: 1_000_00 });
    const untaxed = acceptQuoteWithOrder(nowhere.token, nowhereRevision.id, {
      method: "card",
      poNumber: "",
      addresses: acceptAddresses({ shippingAddress: "Port of New Orleans, berth 12" }),
    });
    if (!untaxed.ok) throw new Error(untaxed.reason);
    expect(getOrder(untaxed.orderId)).toMatchObject({ taxStatus: "none", taxCents: 0, totalCents: 100000 });
  });
});

describe("confirming an invoice order's tax line", () => {
  it("moves the estimate to confirmed once, with who in the timeline, and the amounts unchanged", () => {
    const { orderId } = orderTo(ORDER_LINES, "MN", { paymentMethod: "invoice" });
    const before = getOrder(orderId)!;
    expect(before).toMatchObject({ status: "awaiting_payment", taxStatus: "estimated", taxCents: 3919 });
    expect(confirmOrderTax(orderId, "sales:sam@ironaxis.test")).toBe(true);
    expect(confirmOrderTax(orderId, "sales:sam@ironaxis.test")).toBe(false);
    expect(getOrder(orderId)).toMatchObject({ taxStatus: "confirmed", taxCents: 3919, totalCents: before.totalCents });
    expect(getInvoiceAccount(orderId)!.invoice.totalCents).toBe(before.totalCents);
    const events = db
      .select({ actor: orderEvents.actor, note: orderEvents.note })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.actor, "sales:sam@ironaxis.test")))
      .all();
    expect(events).toEqual([
      { actor: "sales:sam@ironaxis.test", note: "Tax line confirmed: Sales tax (MN 6.875%) $39.19" },
    ]);
  });

  it("is refused on a card order and on an order without an estimate", () => {
    const card = orderTo(ORDER_LINES, "MN");
    expect(confirmOrderTax(card.orderId, "sales:x")).toBe(false);
    const none = orderTo(ORDER_LINES, "MN", {
      paymentMethod: "invoice",
      tax: { cents: 0, status: "none", rate: null, state: null, exemptionNumber: null },
    });
    expect(confirmOrderTax(none.orderId, "sales:x")).toBe(false);
    expect(db.select({ n: count() }).from(orderEvents).where(eq(orderEvents.actor, "sales:x")).get()!.n).toBe(0);
  });
});
