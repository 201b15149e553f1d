import { describe, expect, it } from "vitest";
import { cancelOrderBySales } from "~/orders/order.server";
import { getInvoiceAccount, recordInvoicePayment } from "~/orders/invoice.server";
import { creditInvoice } from "~/orders/refund.server";
import { addColleague, makeCompany, makeCustomer, makeOrder, payInvoiceInFull } from "../../tests/support/factories";
import { ownerOf } from "./account-owner";
import { companyCredit, customerCredit, invoiceChoice, invoiceOffer } from "./credit.server";

function orderFor(person: { id: number; companyId: number | null }, cents: number, paymentMethod: "card" | "invoice") {
  return makeOrder({
    paymentMethod,
    buyer: { poNumber: "PO-1" },
    lines: [{ productId: null, partNumber: "GX-1", name: "Gauge", quantity: 1, unitPriceCents: cents }],
    owner: ownerOf(person),
  });
}

describe("a company's credit", () => {
  it("is card only with no credit until sales sets terms; a guest and a buyer outside a company have none", () => {
    const { admin, companyId } = makeCompany("Card Co");
    expect(companyCredit(companyId)).toEqual({
      terms: "card",
      creditLimitCents: 0,
      openInvoiceCents: 0,
      availableCents: 0,
    });
    expect(customerCredit({ ...admin, companyId })?.terms).toBe("card");
    expect(customerCredit(undefined)).toBeUndefined();
    expect(customerCredit(makeCustomer("loner"))).toBeUndefined();
    expect(companyCredit(999_999_999)).toBeUndefined();
  });

  it("counts the company's invoice orders still owed, those awaiting approval too, and no others", () => {
    const { admin, companyId } = makeCompany("Net Co", { terms: "net30", creditLimitCents: 10_000_00 });
    const admin_ = { ...admin, companyId };
    const buyer = addColleague(admin, "buyer", 500_00);
    const open = orderFor(admin_, 1_000_00, "invoice"); // awaiting payment
    const paid = orderFor(admin_, 2_000_00, "invoice");
    const cancelled = orderFor(admin_, 3_000_00, "invoice");
    orderFor(admin_, 4_000_00, "card"); // a card order owes no invoice
    orderFor(buyer, 600_00, "invoice"); // over the buyer's limit: awaiting approval
    const other = makeCompany("Other Net Co", { terms: "net30", creditLimitCents: 10_000_00 });
    orderFor({ ...other.admin, companyId: other.companyId }, 5_000_00, "invoice");
    expect(payInvoiceInFull(paid.orderId).ok).toBe(true);
    expect(cancelOrderBySales(cancelled.orderId, "Not needed", "sales:test").ok).toBe(true);

    expect(companyCredit(companyId)).toEqual({
      terms: "net30",
      creditLimitCents: 10_000_00,
      openInvoiceCents: 1_600_00,
      availableCents: 8_400_00,
    });
    // A payment on part of an invoice frees that much credit.
    expect(
      recordInvoicePayment(
        open.orderId,
        { amountCents: 250_00, receivedOn: new Date().toISOString().slice(0, 10), method: "ach", reference: "" },
        "sales:test",
      ).ok,
    ).toBe(true);
    expect(companyCredit(companyId)).toMatchObject({ openInvoiceCents: 1_350_00, availableCents: 8_650_00 });
    // So does a credit note: the invoice owes that much less.
    expect(creditInvoice(open.orderId, { amountCents: 500_00, reason: "Price corrected" }, "sales:test").ok).toBe(true);
    expect(getInvoiceAccount(open.orderId)!.balanceCents).toBe(250_00);
    expect(companyCredit(companyId)).toMatchObject({ openInvoiceCents: 850_00, availableCents: 9_150_00 });
  });
});

describe("the invoice choice at checkout", () => {
  const net30 = {
    terms: "net30",
    creditLimitCents: 5_000_00,
    openInvoiceCents: 800_00,
    availableCents: 4_200_00,
  } as const;

  it("is offered to a company on net terms for an order within its available credit, with the terms said", () => {
    expect(invoiceChoice(net30, 4_200_00)).toEqual({ ok: true, terms: "net30" });
    expect(invoiceOffer(net30, 4_200_00)).toEqual({
      offered: true,
      text: "Invoice, Net 30 — $4,200.00 of credit available",
    });
  });

  it("is refused over the available credit, saying how much there is", () => {
    const over = "This order is over your company’s available credit of $4,200.00: pay by card or ask sales.";
    expect(invoiceChoice(net30, 4_200_01)).toEqual({ ok: false, reason: "credit", message: over });
    expect(invoiceOffer(net30, 4_200_01)).toEqual({ offered: false, text: over });
    // A limit lowered below what is owed leaves nothing, not a negative amount.
    const owing = { ...net30, availableCents: -100_00 };
    expect(invoiceChoice(owing, 1)).toMatchObject({ reason: "credit", message: expect.stringContaining("of $0.00:") });
  });

  it("is refused to a guest and to a company on card only, and not mentioned to them", () => {
    const refusal = {
      ok: false,
      reason: "terms",
      message: "Invoice is for company accounts with payment terms: pay by card.",
    };
    expect(invoiceChoice(undefined, 100)).toEqual(refusal);
    expect(invoiceChoice({ ...net30, terms: "card" }, 100)).toEqual(refusal);
    expect(invoiceOffer(undefined, 100)).toBeNull();
    expect(invoiceOffer({ ...net30, terms: "card" }, 100)).toBeNull();
  });
});
