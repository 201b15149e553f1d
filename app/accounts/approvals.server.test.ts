import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orderEvents, orders, outboxEmails, quoteRequests } from "~db/schema";
import { db } from "~/lib/db.server";
import { getOrder } from "~/orders/order.server";
import { taxLineText } from "~/orders/tax-line";
import { acceptQuoteWithOrder } from "~/quotes/quote-order.server";
import { getQuoteRequestByToken } from "~/quotes/quote-request.server";
import {
  acceptAddresses,
  addColleague,
  makeCompany,
  makeCustomer,
  makeOrder,
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
} from "../../tests/support/factories";
import { ownerOf } from "./account-owner";
import { ApprovalForm } from "./approval-schema";
import { approvalsWaitingFor, awaitingApproval, decideOrder } from "./approvals.server";
import { removeMember } from "./company.server";

/** What was e-mailed to `email` besides the invitation that put them in the company. */
const mailsTo = (email: string) =>
  db
    .select()
    .from(outboxEmails)
    .where(eq(outboxEmails.to, email))
    .all()
    .filter((mail) => !mail.subject.includes(" invites you to "));
const eventsOf = (orderId: number) => db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all();

/** A company with an admin, an approver and a buyer whose limit is $5,000. */
function team() {
  const { admin, companyId } = makeCompany("Gulf Coast Test");
  const approver = addColleague(admin, "approver", null);
  const buyer = addColleague(admin, "buyer", 5_000_00);
  return { admin, approver, buyer, companyId };
}

/** An order of `cents` for `person`, as the checkout makes it when they are signed in. */
function orderFor(
  person: { id: number; email: string; companyId: number | null },
  cents: number,
  paymentMethod: "card" | "invoice" = "card",
) {
  return makeOrder({
    paymentMethod,
    buyer: { email: person.email, contactName: "Maria Lopez", poNumber: "PO-7" },
    lines: [{ productId: null, partNumber: "GX-1", name: "Gauge", quantity: 1, unitPriceCents: cents }],
    owner: ownerOf(person),
  });
}

describe("an order over the buyer's spending limit", () => {
  it("waits for approval and tells the company's approvers, not the buyer; within the limit, or outside a company, it does not", () => {
    const { admin, approver, buyer } = team();
    const within = orderFor(buyer, 5_000_00);
    expect(getOrder(within.orderId)!.status).toBe("pending_payment");
    expect(mailsTo(approver.email)).toHaveLength(0);

    const over = orderFor(buyer, 500_001);
    expect(getOrder(over.orderId)!.status).toBe("awaiting_approval");
    expect(eventsOf(over.orderId)[0].note).toContain("over the buyer’s spending limit");
    for (const who of [approver, admin]) {
      const [mail] = mailsTo(who.email);
      expect(mail.subject).toBe(
        `Approval needed: order ${over.reference} from Maria Lopez (${buyer.email}), $5,000.01`,
      );
      expect(mail.text).toContain("over their spending limit of $5,000.00");
      expect(mail.text).toContain("/account/approvals");
    }
    expect(mailsTo(buyer.email)).toHaveLength(0);

    // An approver has no limit; a buyer outside any company is never held up.
    expect(getOrder(orderFor(approver, 900_000_00).orderId)!.status).toBe("pending_payment");
    const loner = makeCustomer("loner");
    expect(getOrder(orderFor(loner, 900_000_00).orderId)!.status).toBe("pending_payment");
  });

  it("sends no invoice before it is approved, and the invoice once it is", () => {
    const { approver, buyer } = team();
    const order = orderFor(buyer, 12_000_00, "invoice");
    expect(getOrder(order.orderId)!.status).toBe("awaiting_approval");
    expect(mailsTo(buyer.email)).toHaveLength(0);
    expect(decideOrder(approver, { intent: "approve", orderId: order.orderId, note: "" })).toEqual({ ok: true });
    expect(getOrder(order.orderId)!.status).toBe("awaiting_payment");
    const [invoice] = mailsTo(buyer.email);
    expect(invoice.subject).toMatch(new RegExp(`^Invoice INV-\\d{4}-\\d{6} for order ${order.reference}$`));
    expect(invoice.text).toContain(`/orders/${order.token}`);
  });
});

describe("the approvals list", () => {
  it("shows an order's tax line, which its total includes", () => {
    const { admin, buyer } = team();
    const order = orderFor(buyer, 5_030_00, "invoice");
    const tax = { taxCents: 303_13, taxStatus: "estimated" as const, taxRate: 6_250, taxState: "TX" };
    db.update(orders).set(tax).where(eq(orders.id, order.orderId)).run();
    const listed = awaitingApproval(admin)!.orders.find((waiting) => waiting.id === order.orderId)!;
    expect(listed).toMatchObject(tax);
    expect(taxLineText(listed)).toBe("Sales tax (TX 6.25%)");
  });
});

describe("an order waiting for approval whose buyer is removed from the company", () => {
  it("is still the admin's who removed them to approve, and its invoice goes to them, not to the buyer", () => {
    const { admin, buyer } = team();
    const order = orderFor(buyer, 8_900_00, "invoice");
    expect(removeMember(admin, buyer.id)).toEqual({ ok: true });
    expect(approvalsWaitingFor(admin)).toBe(1);
    expect(awaitingApproval(admin)?.orders.find((waiting) => waiting.id === order.orderId)).toMatchObject({
      mine: false,
      placedBy: buyer.name,
      email: admin.email,
    });
    expect(decideOrder(admin, { intent: "approve", orderId: order.orderId, note: "" })).toEqual({ ok: true });
    expect(mailsTo(buyer.email)).toHaveLength(0);
    expect(mailsTo(admin.email).map((mail) => mail.subject)).toContainEqual(
      expect.stringMatching(new RegExp(`^Invoice INV-\\d{4}-\\d{6} for order ${order.reference}$`)),
    );
  });
});

describe("deciding an order", () => {
  it("approved by an approver, a card order may be paid: the buyer is told, with the note, and a second decision is refused", () => {
    const { approver, buyer } = team();
    const order = orderFor(buyer, 7_500_00);
    expect(decideOrder(approver, { intent: "approve", orderId: order.orderId, note: "For the line 3 outage" })).toEqual(
      {
        ok: true,
      },
    );
    expect(getOrder(order.orderId)!.status).toBe("pending_payment");
    expect(eventsOf(order.orderId).at(-1)).toMatchObject({
      status: "pending_payment",
      actor: `approver:${approver.email}`,
      note: "Approved: For the line 3 outage",
    });
    const [mail] = mailsTo(buyer.email);
    expect(mail.subject).toBe(`Order ${order.reference} approved: pay by card`);
    expect(mail.text).toContain("For the line 3 outage");
    expect(mail.text).toContain(`/orders/${order.token}`);
    expect(decideOrder(approver, { intent: "decline", orderId: order.orderId, note: "Too late" })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(getOrder(order.orderId)!.status).toBe("pending_payment");
  });

  it("declined, with the reason required, the order is cancelled and the buyer has the note", () => {
    const { admin, buyer } = team();
    const order = orderFor(buyer, 9_000_00);
    expect(ApprovalForm.safeParse({ intent: "decline", orderId: String(order.orderId), note: "  " }).success).toBe(
      false,
    );
    expect(ApprovalForm.safeParse({ intent: "approve", orderId: String(order.orderId) }).success).toBe(true);
    expect(
      decideOrder(admin, { intent: "decline", orderId: order.orderId, note: "Use the framework agreement" }),
    ).toEqual({
      ok: true,
    });
    expect(getOrder(order.orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: expect.stringContaining("declined it: Use the framework agreement"),
    });
    const [mail] = mailsTo(buyer.email);
    expect(mail.subject).toBe(`Order ${order.reference} cancelled`);
    expect(mail.text).toContain("Use the framework agreement");
  });

  it("is refused to a buyer, to another company's approver and on one's own order, and nothing changes", () => {
    const { admin, approver, buyer } = team();
    const other = team();
    const order = orderFor(buyer, 6_000_00);
    const colleague = addColleague(admin, "buyer", 1_00);
    const own = orderFor(colleague, 2_00);
    const decide = (who: { id: number }, orderId: number) => decideOrder(who, { intent: "approve", orderId, note: "" });
    expect(decide(buyer, own.orderId)).toMatchObject({ ok: false, status: 403 });
    expect(decide(other.approver, order.orderId)).toMatchObject({ ok: false, status: 404 });
    expect(decide(other.admin, order.orderId)).toMatchObject({ ok: false, status: 404 });
    expect(decide(approver, 987_654_321)).toMatchObject({ ok: false, status: 404 });
    expect(decide(makeCustomer("stranger"), order.orderId)).toMatchObject({ ok: false, status: 403 });
    // An approver with a limit of their own waits for someone else.
    const limited = addColleague(admin, "approver", 1_00);
    const theirs = orderFor(limited, 3_00);
    expect(decide(limited, theirs.orderId)).toMatchObject({
      ok: false,
      status: 403,
      message: "Someone else at your company must approve your own order.",
    });
    for (const id of [order.orderId, own.orderId, theirs.orderId])
      expect(getOrder(id)!.status).toBe("awaiting_approval");
    expect(decide(approver, theirs.orderId)).toEqual({ ok: true });
  });

  it("of an accepted quote: declined, the quote goes back in review; past the quote's last valid day it cannot be approved", async () => {
    const { approver, buyer } = team();
    const sales = await makeSalesUser();
    const quote = (validUntil: string, method: "card" | "invoice" = "card") => {
      const submitted = makeQuoteRequest({ buyer: { email: buyer.email }, quantity: 1 });
      db.update(quoteRequests)
        .set({ customerId: buyer.id, companyId: buyer.companyId })
        .where(eq(quoteRequests.id, submitted.request.id))
        .run();
      const revision = makeRevision(submitted.request, sales, { unitPriceCents: 8_000_00, validUntil });
      const accepted = acceptQuoteWithOrder(submitted.token, revision.id, {
        addresses: acceptAddresses(),
        method,
        poNumber: "",
        acceptor: buyer,
      });
      if (!accepted.ok) throw new Error(accepted.reason);
      return { ...accepted, quoteToken: submitted.token };
    };
    const declined = quote("2099-12-31");
    expect(declined.status).toBe("awaiting_approval");
    expect(getQuoteRequestByToken(declined.quoteToken)!.status).toBe("accepted");
    decideOrder(approver, { intent: "decline", orderId: declined.orderId, note: "Wait for the Q3 budget" });
    expect(getQuoteRequestByToken(declined.quoteToken)).toMatchObject({
      status: "in_review",
      acceptedRevisionId: null,
    });

    const late = quote("2099-06-15");
    const approve = (now: Date) => decideOrder(approver, { intent: "approve", orderId: late.orderId, note: "" }, now);
    expect(approve(new Date("2099-06-16T00:00:00Z"))).toMatchObject({ ok: false, status: 409 });
    expect(approve(new Date("2099-06-15T23:59:00Z"))).toEqual({ ok: true });

    // An invoice order of a quote too: the approver is told the day, and cannot commit after it.
    const invoice = quote("2099-06-15", "invoice");
    expect(invoice.status).toBe("awaiting_approval");
    const listed = awaitingApproval(approver)!.orders.find((order) => order.id === invoice.orderId);
    expect(listed?.decideBy).toBe("2099-06-15");
    const approval = { intent: "approve", orderId: invoice.orderId, note: "" } as const;
    expect(decideOrder(approver, approval, new Date("2099-06-16T00:00:00Z"))).toMatchObject({ ok: false, status: 409 });
    expect(getOrder(invoice.orderId)!.status).toBe("awaiting_approval");
  });
});

describe("the approvals page", () => {
  it("lists the company's waiting orders with their lines, marks one's own, and counts what waits for each approver", () => {
    const { admin, approver, buyer } = team();
    const other = team();
    const first = orderFor(buyer, 6_000_00);
    const limited = addColleague(admin, "approver", 1_00);
    const theirs = orderFor(limited, 2_00);
    orderFor(other.buyer, 7_000_00);

    const page = awaitingApproval(approver)!;
    expect(page.canApprove).toBe(true);
    expect(page.orders.map((order) => order.reference)).toEqual([first.reference, theirs.reference]);
    expect(page.orders[0]).toMatchObject({
      totalCents: 6_000_00,
      spendingLimitCents: 5_000_00,
      mine: false,
      href: `/orders/${first.token}`,
      lines: [{ name: "Gauge", partNumber: "GX-1", quantity: 1, unitPriceCents: 6_000_00 }],
    });
    expect(awaitingApproval(limited)!.orders.find((order) => order.reference === theirs.reference)!.mine).toBe(true);
    expect(awaitingApproval(buyer)!.canApprove).toBe(false);
    expect(awaitingApproval(makeCustomer("loner"))).toBeUndefined();

    expect(approvalsWaitingFor(approver)).toBe(2);
    expect(approvalsWaitingFor(limited)).toBe(1);
    expect(approvalsWaitingFor(buyer)).toBe(0);
  });
});
