import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checkoutSessions, orderEvents, orders, outboxEmails, products, quoteEvents } from "~db/schema";
import { ORDER_STATUSES, payByPassed } from "~/orders/order-lifecycle";
import fc from "fast-check";
import { canPayByCard, payPeriodOver, sessionExpiry } from "~/orders/checkout.server";
import {
  canCancel,
  cancelOrderBySales,
  getOrder,
  getOrderLines,
  lapseUnpaidQuoteOrders,
  payByOf,
} from "~/orders/order.server";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { preTaxCents } from "~/orders/tax-line";
import { acceptQuoteWithOrder, getQuoteOrder } from "./quote-order.server";
import { getQuoteRequestByToken } from "./quote-request.server";
import {
  acceptAddresses,
  addColleague,
  ADDED_ITEM,
  makeCompany,
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
  revisionTerms,
} from "../../tests/support/factories";
import { pdfPages } from "../../tests/support/pdf-text";
import { quotationPdf } from "./quote-pdf.server";
import { diffRevisions, requestChanges, sendRevision } from "./quote-revision.server";

describe("accepting a company's quote", () => {
  it("takes one of the company's people: the order is theirs, waits on their limit, and names them", async () => {
    const sales = await makeSalesUser();
    const { admin, companyId } = makeCompany("Acceptor Co", { terms: "net30", creditLimitCents: 1_000_000_00 });
    const limited = addColleague(admin, "buyer", 5_000_00);
    const outsider = makeCompany("Elsewhere Co").admin;
    // The company admin asked (no limit); a colleague with a $5,000 limit accepts $24,000.
    const submitted = makeQuoteRequest({ owner: { customerId: admin.id, companyId }, quantity: 2 });
    const revision = makeRevision(submitted.request, sales, { unitPriceCents: 12_000_00 });
    const accept = (acceptor?: { id: number }) =>
      acceptQuoteWithOrder(submitted.token, revision.id, {
        method: "invoice",
        poNumber: "PO-24K",
        addresses: acceptAddresses(),
        acceptor,
      });
    expect(accept()).toEqual({ ok: false, reason: "member" });
    expect(accept(outsider)).toEqual({ ok: false, reason: "member" });
    expect(getQuoteRequestByToken(submitted.token)!.status).toBe("quoted");

    const accepted = accept(limited);
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(accepted.status).toBe("awaiting_approval");
    expect(getOrder(accepted.orderId)).toMatchObject({ customerId: limited.id, companyId, email: limited.email });
    const events = db.select().from(quoteEvents).where(eq(quoteEvents.requestId, submitted.request.id)).all();
    expect(events.at(-1)).toMatchObject({ status: "accepted", actor: `buyer:${limited.email}` });
  });
});

describe("accepting a quote above the card limit", () => {
  it("refuses card and changes nothing, and accepts invoice for the same total", async () => {
    const user = await makeSalesUser();
    const submitted = makeQuoteRequest({ quantity: 3 });
    const revision = makeRevision(submitted.request, user, { unitPriceCents: 400_000_00 });
    expect(revision.totalCents).toBe(1_200_000_00);

    expect(
      acceptQuoteWithOrder(submitted.token, revision.id, {
        addresses: acceptAddresses(),
        method: "card",
        poNumber: "",
      }),
    ).toEqual({
      ok: false,
      reason: "card-limit",
    });
    expect(getQuoteRequestByToken(submitted.token)).toMatchObject({ status: "quoted", acceptedRevisionId: null });

    expect(
      acceptQuoteWithOrder(submitted.token, revision.id, {
        addresses: acceptAddresses(),
        method: "invoice",
        poNumber: "PO-9",
      }),
    ).toMatchObject({
      ok: true,
      paymentMethod: "invoice",
    });
    expect(getQuoteRequestByToken(submitted.token)).toMatchObject({
      status: "accepted",
      acceptedRevisionId: revision.id,
    });
  });
});

describe("the addresses of a quote's order", () => {
  it("are the ones the buyer gave when accepting, in place of the request's delivery location", async () => {
    const user = await makeSalesUser();
    const submitted = makeQuoteRequest({
      buyer: { deliveryLocation: "Port of New Orleans" },
      clientIp: "10.88.1.1",
    });
    const revision = makeRevision(submitted.request, user, { unitPriceCents: 1_000_00 });
    const addresses = acceptAddresses({
      shippingAddress: "Dock 4, 2200 Tchoupitoulas St, New Orleans, LA 70130",
      billingAddress: "Accounts payable, PO Box 9, Houston, TX 77001",
    });
    const accepted = acceptQuoteWithOrder(submitted.token, revision.id, {
      method: "invoice",
      poNumber: "PO-A",
      addresses,
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(getOrder(accepted.orderId)).toMatchObject(addresses);
  });

  it("bill to the shipping address when no billing address is given", async () => {
    const user = await makeSalesUser();
    const submitted = makeQuoteRequest({ clientIp: "10.88.1.2" });
    const revision = makeRevision(submitted.request, user, { unitPriceCents: 1_000_00 });
    const shippingAddress = "12 Refinery Road, Baton Rouge, LA 70801";
    const accepted = acceptQuoteWithOrder(submitted.token, revision.id, {
      method: "card",
      poNumber: "",
      addresses: acceptAddresses({ shippingAddress, billingAddress: "" }),
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(getOrder(accepted.orderId)).toMatchObject({ shippingAddress, billingAddress: shippingAddress });
  });

  it("are not written when the acceptance is refused", async () => {
    const user = await makeSalesUser();
    const submitted = makeQuoteRequest({ clientIp: "10.88.1.3" });
    const revision = makeRevision(submitted.request, user, { unitPriceCents: 1_000_00 });
    const before = db.select({ id: orders.id }).from(orders).all().length;
    expect(
      acceptQuoteWithOrder(submitted.token, revision.id + 1_000, {
        method: "card",
        poNumber: "",
        addresses: acceptAddresses(),
      }),
    ).toMatchObject({ ok: false });
    expect(db.select({ id: orders.id }).from(orders).all()).toHaveLength(before);
  });
});

async function acceptedByCard(validUntil: string, clientIp?: string) {
  const user = await makeSalesUser();
  const email = `buyer-${createToken().slice(0, 8)}@plant.example`;
  const submitted = makeQuoteRequest({ buyer: { email }, quantity: 2, clientIp });
  const revision = makeRevision(submitted.request, user, { unitPriceCents: 1_000_00, validUntil });
  const accepted = acceptQuoteWithOrder(submitted.token, revision.id, {
    addresses: acceptAddresses(),
    method: "card",
    poNumber: "",
  });
  if (!accepted.ok) throw new Error("not accepted");
  return { ...accepted, email, requestId: submitted.request.id, quoteToken: submitted.token };
}

const mailsTo = (email: string) => db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all();

describe("the pay link of an accepted quote", () => {
  it("lapses after the quote's last valid day (UTC): no new checkout, and the timer cancels the order and expires the quote", async () => {
    const order = await acceptedByCard("2099-06-15");
    const placed = { ...getOrder(order.orderId)!, payBy: payByOf(getOrder(order.orderId)!) };
    expect(placed.payBy).toBe("2099-06-15");
    expect(canPayByCard(placed, new Date("2099-06-15T23:59:59Z"))).toBe(true);
    expect(canPayByCard(placed, new Date("2099-06-16T00:00:00Z"))).toBe(false);
    expect(payPeriodOver(placed, new Date("2099-06-16T00:00:00Z"))).toBe(true);
    expect(payByPassed({ payBy: null, today: "2199-01-01" })).toBe(false); // cart orders have no pay-by day
    // The Stripe page lapses with it, within the 30 minutes to 24 hours Stripe allows.
    const now = Date.parse("2099-06-15T12:00:00Z");
    expect(sessionExpiry("2099-06-15", now)).toBe(Date.parse("2099-06-16T00:00:00Z") / 1000);
    expect(sessionExpiry("2099-06-15", Date.parse("2099-06-15T23:50:00Z"))).toBe(
      Date.parse("2099-06-16T00:31:00Z") / 1000,
    );
    expect(sessionExpiry(null, now)).toBe(now / 1000 + 24 * 3600);
    // Within Stripe's bounds from any instant; the same for two requests a moment apart, mostly.
    fc.assert(
      fc.property(
        fc.integer({ min: now, max: now + 86_400_000 }),
        fc.option(fc.constant("2099-06-16")),
        (at, payBy) => {
          const expiry = sessionExpiry(payBy, at) * 1000;
          expect(expiry).toBeGreaterThanOrEqual(at + 30 * 60_000);
          expect(expiry).toBeLessThanOrEqual(at + 24 * 3_600_000);
        },
      ),
    );
    expect(sessionExpiry(null, now + 1_000)).toBe(sessionExpiry(null, now + 599_000));

    expect(lapseUnpaidQuoteOrders(new Date("2099-06-15T23:59:59Z"))).toEqual([]);
    expect(getOrder(order.orderId)!.status).toBe("pending_payment");
    lapseUnpaidQuoteOrders(new Date("2099-06-16T00:00:30Z"));
    expect(getOrder(order.orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: expect.stringContaining("valid until 2099-06-15"),
    });
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, order.orderId)).all().at(-1)).toMatchObject({
      status: "cancelled",
      actor: "system",
    });
    expect(getQuoteRequestByToken(order.quoteToken)).toMatchObject({ status: "expired", acceptedRevisionId: null });
    const told = mailsTo(order.email).at(-1)!;
    expect(told.subject).toMatch(/^Order O-\d{4}-\d{5} cancelled$/);
    expect(told.text).toContain(`/orders/${order.token}`);
    expect(lapseUnpaidQuoteOrders(new Date("2099-06-17T00:00:00Z"))).toEqual([]); // once
  });
});

describe("an invoice order of a quote", () => {
  it("lapses while it waits for approval past the quote's last valid day, and not once it is invoiced", async () => {
    const user = await makeSalesUser();
    const placed = [];
    for (const status of ["awaiting_approval", "awaiting_payment"] as const) {
      const submitted = makeQuoteRequest({ quantity: 1 });
      const revision = makeRevision(submitted.request, user, { unitPriceCents: 900_00, validUntil: "2099-03-31" });
      const accepted = acceptQuoteWithOrder(submitted.token, revision.id, {
        addresses: acceptAddresses(),
        method: "invoice",
        poNumber: "PO-7",
      });
      if (!accepted.ok) throw new Error("not accepted");
      db.update(orders).set({ status }).where(eq(orders.id, accepted.orderId)).run();
      expect(payByOf(getOrder(accepted.orderId)!)).toBe("2099-03-31");
      placed.push({ ...accepted, quoteToken: submitted.token });
    }
    const [waiting, invoiced] = placed;
    expect(lapseUnpaidQuoteOrders(new Date("2099-03-31T23:59:59Z"))).toEqual([]);
    expect(getOrder(waiting.orderId)!.status).toBe("awaiting_approval");
    lapseUnpaidQuoteOrders(new Date("2099-04-01T00:00:00Z"));
    expect(getOrder(waiting.orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: "The quote was valid until 2099-03-31 and the order was not approved by then.",
    });
    expect(getQuoteRequestByToken(waiting.quoteToken)).toMatchObject({ status: "expired" });
    expect(getOrder(invoiced.orderId)!.status).toBe("awaiting_payment");
  });
});

describe("a buyer asking for changes to a quote they accepted", () => {
  it("cancels its unpaid order and expires its payment page, so nothing is paid or approved while the quote changes", async () => {
    const order = await acceptedByCard("2099-06-15", "10.88.2.1");
    db.insert(checkoutSessions)
      .values({ orderId: order.orderId, stripeSessionId: "cs_test_changes_asked", url: "https://checkout.example/1" })
      .run();
    const other = await acceptedByCard("2099-06-15", "10.88.2.2");
    expect(requestChanges(order.requestId, "Can you do three weeks' lead time?")).toEqual({
      ok: true,
      staleSessions: ["cs_test_changes_asked"],
    });
    const cancelled = getOrder(order.orderId)!;
    expect(cancelled.status).toBe("cancelled");
    expect(canPayByCard({ ...cancelled, payBy: payByOf(cancelled) })).toBe(false);
    expect(db.select().from(checkoutSessions).where(eq(checkoutSessions.orderId, order.orderId)).get()?.status).toBe(
      "expired",
    );
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, order.orderId)).all().at(-1)).toMatchObject({
      status: "cancelled",
      actor: `buyer:${order.email}`,
      note: "The buyer asked for changes to the quote",
    });
    expect(getQuoteRequestByToken(order.quoteToken)).toMatchObject({
      status: "changes_requested",
      acceptedRevisionId: null,
    });
    // Another request's order is left alone.
    expect(getOrder(other.orderId)!.status).toBe("pending_payment");
  });

  it("gets a new order, as now chosen, when the same revision is accepted again", async () => {
    const order = await acceptedByCard("2099-06-15", "10.88.2.3");
    requestChanges(order.requestId, "Invoice us instead, to our Albany plant");
    const revisionId = getOrder(order.orderId)!.quoteRevisionId!;
    const addresses = acceptAddresses({ shippingAddress: "1 Main St, Albany, NY 12207" });
    const again = acceptQuoteWithOrder(order.quoteToken, revisionId, {
      addresses,
      method: "invoice",
      poNumber: "PO-77",
    });
    if (!again.ok) throw new Error(again.reason);
    expect(again).toMatchObject({ repeated: false, paymentMethod: "invoice", status: "awaiting_payment" });
    expect(again.orderId).not.toBe(order.orderId);
    expect(getOrder(again.orderId)).toMatchObject({ poNumber: "PO-77", shippingAddress: addresses.shippingAddress });
    expect(getOrder(order.orderId)!.status).toBe("cancelled");
    // The quote page finds the new order; a double click finds it again.
    const quote = getQuoteRequestByToken(order.quoteToken)!;
    expect(getQuoteOrder(order.quoteToken, quote)).toMatchObject({ id: again.orderId, token: again.token });
    expect(
      acceptQuoteWithOrder(order.quoteToken, revisionId, { addresses, method: "invoice", poNumber: "PO-77" }),
    ).toMatchObject({ ok: true, orderId: again.orderId, repeated: true });
  });
});

describe("sales cancelling an order", () => {
  it("cancels an unpaid order with the reason, records who, tells the buyer with their link, and puts the quote back in review", async () => {
    const order = await acceptedByCard("2099-12-31");
    const cancelled = cancelOrderBySales(order.orderId, "Superseded by PO 4471 by phone", "sales:sam@ironaxis.test");
    expect(cancelled).toEqual({ ok: true, staleSessions: [] });
    expect(getOrder(order.orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: "Superseded by PO 4471 by phone",
    });
    const event = db.select().from(orderEvents).where(eq(orderEvents.orderId, order.orderId)).all().at(-1)!;
    expect(event).toMatchObject({
      status: "cancelled",
      actor: "sales:sam@ironaxis.test",
      note: "Superseded by PO 4471 by phone",
    });
    expect(event.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const mail = mailsTo(order.email).at(-1)!;
    expect(mail.text).toContain("Superseded by PO 4471 by phone");
    expect(mail.text).toContain(`/orders/${order.token}`);
    expect(mail.html).toContain(`/orders/${order.token}"`);
    expect(getQuoteRequestByToken(order.quoteToken)).toMatchObject({ status: "in_review", acceptedRevisionId: null });
    expect(cancelOrderBySales(order.orderId, "again", "sales:sam@ironaxis.test")).toEqual({
      ok: false,
      shipped: false,
      paidInPart: false,
    });
  });

  it("refuses a paid order, or one whose payment is under way or being checked", async () => {
    for (const status of ["paid", "processing", "flagged"] as const) {
      const order = await acceptedByCard("2099-12-31");
      db.update(orders).set({ status }).where(eq(orders.id, order.orderId)).run();
      const mails = mailsTo(order.email).length;
      expect(cancelOrderBySales(order.orderId, "No longer needed", "sales:sam@ironaxis.test")).toEqual({
        ok: false,
        shipped: false,
        paidInPart: false,
      });
      expect(getOrder(order.orderId)!.status).toBe(status);
      expect(mailsTo(order.email)).toHaveLength(mails);
    }
    expect([...ORDER_STATUSES].filter((status) => canCancel(status, { shipped: false, paidInPart: false }))).toEqual([
      "awaiting_approval",
      "pending_payment",
      "awaiting_payment",
      "payment_failed",
    ]);
  });
});

describe("a requested line sales does not quote", () => {
  it("shows its reason, is left out of the order and its total, and changes as a whole between revisions", async () => {
    const user = await makeSalesUser();
    const ids = db.select({ id: products.id }).from(products).limit(2).all();
    const { request, token } = makeQuoteRequest({
      productIds: ids.map((p) => p.id),
      quantity: 2,
      clientIp: "10.88.0.1",
    });
    const [kept, dropped] = request.lines;
    const terms = revisionTerms(request, { unitPriceCents: 500_00 });
    const v1 = sendRevision(request.id, terms, user);
    expect(v1).toMatchObject({ ok: true });
    const notQuoted = {
      ...terms,
      lines: [
        terms.lines[0],
        { ...terms.lines[1], quantity: 0, unitPriceCents: 0, notQuotedReason: "Discontinued by the maker" },
      ],
    };
    expect(sendRevision(request.id, notQuoted, user)).toMatchObject({ ok: true, version: 2 });
    const stored = getQuoteRequestByToken(token)!;
    const v2 = stored.revisions[1];
    expect(v2.totalCents).toBe(2 * 500_00);
    expect(v2.lines.map((line) => [line.requestLineId, line.quantity, line.notQuotedReason])).toEqual([
      [kept.id, 2, ""],
      [dropped.id, 0, "Discontinued by the maker"],
    ]);
    expect(diffRevisions(stored.revisions[0], v2)).toContainEqual({
      field: `${dropped.name} (${dropped.partNumber})`,
      from: "2 × $500.00",
      to: "not quoted (Discontinued by the maker)",
    });
    const pdf = (await pdfPages(await quotationPdf(stored, v2))).join("\n");
    expect(pdf).toContain("Not quoted: Discontinued by the maker");

    const accepted = acceptQuoteWithOrder(token, v2.id, {
      addresses: acceptAddresses(),
      method: "invoice",
      poNumber: "PO-1",
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    // The lines' total, and the tax of where it ships (Houston, TX: 6.25%) on top.
    expect(preTaxCents(getOrder(accepted.orderId)!)).toBe(v2.totalCents);
    expect(getOrderLines(accepted.orderId).map((line) => [line.partNumber, line.quantity])).toEqual([
      [kept.partNumber, 2],
    ]);
  });
});

describe("lines sales adds to a quote", () => {
  it("say when a charge becomes taxable or stops being so, between revisions", async () => {
    const user = await makeSalesUser();
    const { request, token } = makeQuoteRequest({ clientIp: "10.62.0.1" });
    const terms = revisionTerms(request, { unitPriceCents: 1000_00 });
    const freight = {
      ...ADDED_ITEM,
      priceBreaks: [],
      slot: 1,
      partNumber: "",
      name: "Freight",
      quantity: 1,
      unitPriceCents: 450_00,
      kind: "charge" as const,
      taxable: false,
    };
    expect(sendRevision(request.id, { ...terms, added: [freight] }, user)).toMatchObject({ ok: true });
    expect(sendRevision(request.id, { ...terms, added: [{ ...freight, taxable: true }] }, user)).toMatchObject({
      ok: true,
    });
    const [v1, v2] = getQuoteRequestByToken(token)!.revisions;
    expect(diffRevisions(v1, v2)).toContainEqual({ field: "Freight: taxable", from: "no", to: "yes" });
  });

  it("are a catalog product by part number or sales' own line, priced into the total and the order", async () => {
    const user = await makeSalesUser();
    const [asked, extra] = db.select().from(products).limit(2).all();
    const { request, token } = makeQuoteRequest({ productIds: [asked.id], quantity: 1, clientIp: "10.88.0.2" });
    const terms = revisionTerms(request, { unitPriceCents: 1000_00 });
    const line = { ...ADDED_ITEM, priceBreaks: [] };
    const unknown = {
      ...terms,
      added: [{ slot: 2, partNumber: "NO-SUCH-PART", name: "", quantity: 1, unitPriceCents: 1, ...line }],
    };
    expect(sendRevision(request.id, unknown, user)).toMatchObject({ ok: false, reason: "part", field: "added-2-part" });
    expect(getQuoteRequestByToken(token)!.revisions).toEqual([]);

    const added = [
      { slot: 1, partNumber: extra.partNumber.toLowerCase(), name: "", quantity: 2, unitPriceCents: 300_00, ...line },
      { slot: 2, partNumber: "", name: "Freight to Baton Rouge, LA", quantity: 1, unitPriceCents: 450_00, ...line },
    ];
    expect(sendRevision(request.id, { ...terms, added }, user)).toMatchObject({ ok: true, version: 1 });
    const [v1] = getQuoteRequestByToken(token)!.revisions;
    expect(v1.totalCents).toBe(1000_00 + 2 * 300_00 + 450_00);
    expect(v1.lines.map((l) => [l.requestLineId, l.productId, l.partNumber, l.name, l.position])).toEqual([
      [request.lines[0].id, asked.id, asked.partNumber, asked.name, 0],
      [null, extra.id, extra.partNumber, extra.name, 1],
      [null, null, null, "Freight to Baton Rouge, LA", 2],
    ]);
    // v2 drops the freight and changes the added product's price: said line by line.
    expect(
      sendRevision(request.id, { ...terms, added: [{ ...added[0], unitPriceCents: 280_00 }] }, user),
    ).toMatchObject({
      ok: true,
    });
    const [, v2] = getQuoteRequestByToken(token)!.revisions;
    expect(diffRevisions(v1, v2)).toEqual(
      expect.arrayContaining([
        { field: `${extra.name} (${extra.partNumber}): unit price`, from: "$300.00", to: "$280.00" },
        { field: "Freight to Baton Rouge, LA", from: "1 × $450.00", to: "removed" },
      ]),
    );

    const accepted = acceptQuoteWithOrder(token, v2.id, {
      addresses: acceptAddresses(),
      method: "invoice",
      poNumber: "PO-2",
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    // The lines' total, and the tax of where it ships (Houston, TX: 6.25%) on top.
    expect(preTaxCents(getOrder(accepted.orderId)!)).toBe(v2.totalCents);
    expect(getOrderLines(accepted.orderId).map((l) => [l.name, l.quantity, l.unitPriceCents])).toEqual([
      [asked.name, 1, 1000_00],
      [extra.name, 2, 280_00],
    ]);
  });
});

describe("a quote the buyer configures", () => {
  it("orders exactly the alternatives, options, quantities, charges and discount chosen, at the total accepted", async () => {
    const user = await makeSalesUser();
    const [asked] = db.select().from(products).limit(1).all();
    const { request, token } = makeQuoteRequest({ productIds: [asked.id], quantity: 4, clientIp: "10.88.0.3" });
    const terms = revisionTerms(request, { unitPriceCents: 1_200_00 });
    const lines = [{ ...terms.lines[0], priceBreaks: [{ minQuantity: 5, unitPriceCents: 1_100_00 }] }];
    const line = { ...ADDED_ITEM, priceBreaks: [] };
    const added = [
      { ...line, slot: 1, partNumber: "", name: "Pump, cast iron", quantity: 1, unitPriceCents: 9_000_00 },
      {
        ...line,
        slot: 2,
        partNumber: "",
        name: "Pump, stainless",
        quantity: 1,
        unitPriceCents: 11_000_00,
        alternativeTo: "added-1",
      },
      { ...line, slot: 3, partNumber: "", name: "Spare seal kit", quantity: 2, unitPriceCents: 150_00, optional: true },
      {
        ...line,
        slot: 4,
        kind: "charge" as const,
        partNumber: "",
        name: "Freight",
        quantity: 1,
        unitPriceCents: 450_00,
        taxable: false,
      },
      {
        ...line,
        slot: 5,
        kind: "discount" as const,
        partNumber: "",
        name: "Project discount",
        quantity: 1,
        unitPriceCents: 0,
        percentBp: 500,
      },
    ];
    expect(sendRevision(request.id, { ...terms, lines, added }, user)).toMatchObject({ ok: true });
    const [v1] = getQuoteRequestByToken(token)!.revisions;
    // As quoted: 4 × 1,200 + 9,000 = 13,800 of goods, 5% off = 690, freight 450.
    expect(v1.totalCents).toBe(13_560_00);
    expect(v1.lines.map((l) => [l.position, l.kind, l.optional, l.alternativeOf, l.taxable])).toEqual([
      [0, "item", false, null, true],
      [1, "item", false, null, true],
      [2, "item", false, 1, true],
      [3, "item", true, null, true],
      [4, "charge", false, null, false],
      [5, "discount", false, null, true],
    ]);

    // 5 units at the break, the stainless pump, the seals: 5,500 + 11,000 + 300 = 16,800 of goods.
    const selection = { picks: { 1: 2 }, options: [3], quantities: { 0: 5 } };
    const accepted = acceptQuoteWithOrder(token, v1.id, {
      addresses: acceptAddresses(),
      method: "invoice",
      poNumber: "PO-3",
      selection,
    });
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(preTaxCents(getOrder(accepted.orderId)!)).toBe(16_800_00 + 450_00 - 840_00);
    expect(getOrder(accepted.orderId)).toMatchObject({ taxStatus: "estimated", taxState: "TX", taxRate: 6250 });
    expect(
      getOrderLines(accepted.orderId).map((l) => [l.name, l.kind, l.quantity, l.unitPriceCents, l.taxable]),
    ).toEqual([
      [asked.name, "item", 5, 1_100_00, true],
      ["Pump, stainless", "item", 1, 11_000_00, true],
      ["Spare seal kit", "item", 2, 150_00, true],
      ["Freight", "charge", 1, 450_00, false],
      ["Project discount", "discount", 1, -840_00, true],
    ]);
    // The same acceptance again finds the same order, whatever it says it chose.
    expect(
      acceptQuoteWithOrder(token, v1.id, { addresses: acceptAddresses(), method: "invoice", poNumber: "PO-3" }),
    ).toMatchObject({
      ok: true,
      orderId: accepted.orderId,
      repeated: true,
    });
  });

  it("cannot be accepted with nothing but charges", async () => {
    const user = await makeSalesUser();
    const [asked] = db.select().from(products).limit(1).all();
    const { request, token } = makeQuoteRequest({ productIds: [asked.id], quantity: 1, clientIp: "10.88.0.4" });
    const terms = revisionTerms(request, { unitPriceCents: 100_00 });
    const lines = [{ ...terms.lines[0], optional: true }];
    const freight = {
      ...ADDED_ITEM,
      priceBreaks: [],
      slot: 1,
      kind: "charge" as const,
      partNumber: "",
      name: "Freight",
      quantity: 1,
      unitPriceCents: 50_00,
    };
    expect(sendRevision(request.id, { ...terms, lines, added: [freight] }, user)).toMatchObject({ ok: true });
    const [v1] = getQuoteRequestByToken(token)!.revisions;
    expect(
      acceptQuoteWithOrder(token, v1.id, { addresses: acceptAddresses(), method: "invoice", poNumber: "PO-4" }),
    ).toEqual({
      ok: false,
      reason: "nothing",
    });
    expect(
      acceptQuoteWithOrder(token, v1.id, {
        addresses: acceptAddresses(),
        method: "invoice",
        poNumber: "PO-4",
        selection: { picks: {}, options: [0], quantities: {} },
      }),
    ).toMatchObject({ ok: true });
  });
});
