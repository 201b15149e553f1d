import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { companies, customers, orders, outboxEmails, quoteRequests } from "~db/schema";
import { setUserDisabled } from "~/admin/user.server";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { listInbox } from "~/quotes/quote-inbox.server";
import { postBuyerMessage } from "~/quotes/quote-request.server";
import { listOrders } from "~/orders/order-list.server";
import { creditInvoice } from "~/orders/refund.server";
import {
  makeOrder,
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
  payInvoiceInFull,
  uniqueEmail,
} from "../../tests/support/factories";
import {
  companyFilter,
  listCompanies,
  salesCompanyPage,
  setAccountOwner,
  setPaymentTerms,
} from "./sales-companies.server";
import { salesRecipient } from "./sales-recipient.server";

function makeCompany(name: string, peopleCount = 1) {
  const { id } = db.insert(companies).values({ name }).returning().get();
  for (let i = 0; i < peopleCount; i++)
    db.insert(customers)
      .values({ email: uniqueEmail("person"), companyId: id, companyRole: i ? "buyer" : "company_admin" })
      .run();
  return id;
}

const intoCompany = (companyId: number, requestIds: number[], orderIds: number[]) => {
  if (requestIds.length) db.update(quoteRequests).set({ companyId }).where(inArray(quoteRequests.id, requestIds)).run();
  if (orderIds.length) db.update(orders).set({ companyId }).where(inArray(orders.id, orderIds)).run();
};

describe("companies in the back office", () => {
  it("lists companies whose name starts with the search, in any case, with their counts", () => {
    const tag = uniqueEmail("x").slice(2, 10);
    const first = makeCompany(`Zeta ${tag} Foods`, 3);
    const second = makeCompany(`zeta ${tag} Energy`);
    makeCompany(`Other zeta ${tag}`);
    const { request } = makeQuoteRequest();
    const order = makeOrder();
    intoCompany(first, [request.id], [order.orderId]);

    const found = listCompanies({ q: `ZETA ${tag}`, page: 1 });
    expect(found.total).toBe(2);
    expect(found.companies.map((c) => c.id)).toEqual([second, first]);
    expect(found.companies[1]).toMatchObject({ people: 3, requests: 1, orders: 1 });
    expect(found.companies[0]).toMatchObject({ people: 1, requests: 0, orders: 0 });
    expect(listCompanies({ q: `%${tag}`, page: 1 }).total).toBe(0);
  });

  it("sums the current revisions of quoted requests and what the paid orders kept", async () => {
    const sales = await makeSalesUser();
    const companyId = makeCompany("Value Co", 2);
    const quoted = makeQuoteRequest({ quantity: 2 }).request;
    makeRevision(quoted, sales, { unitPriceCents: 100_00 });
    makeRevision(quoted, sales, { unitPriceCents: 150_00 }); // current: $300.00
    const expired = makeQuoteRequest({ quantity: 1 }).request;
    makeRevision(expired, sales, { unitPriceCents: 999_00, validUntil: "2020-01-01" });
    const unanswered = makeQuoteRequest().request;
    const paid = makeOrder({ paymentMethod: "invoice" });
    payInvoiceInFull(paid.orderId);
    const unpaid = makeOrder({ paymentMethod: "invoice" });
    // Paid after a $70.00 credit note: it kept $500.00.
    const credited = makeOrder({ paymentMethod: "invoice" });
    expect(creditInvoice(credited.orderId, { amountCents: 70_00, reason: "Price corrected" }, "sales:test").ok).toBe(
      true,
    );
    payInvoiceInFull(credited.orderId);
    intoCompany(companyId, [quoted.id, expired.id, unanswered.id], [paid.orderId, unpaid.orderId, credited.orderId]);

    const page = salesCompanyPage(companyId)!;
    expect(page.people).toHaveLength(2);
    expect(page.requestCount).toBe(3);
    expect(page.openQuoteCents).toBe(300_00);
    expect(page.lifetimeCents).toBe(570_00 + 500_00);
    expect(page.orderCount).toBe(3);
    expect(page.requests.find((r) => r.id === quoted.id)).toMatchObject({ status: "quoted", totalCents: 300_00 });
    expect(page.requests.find((r) => r.id === expired.id)?.status).toBe("expired");
    expect(page.requests.find((r) => r.id === unanswered.id)?.totalCents).toBeNull();
    expect(salesCompanyPage(10 ** 9)).toBeUndefined();
    expect(db.select().from(orders).where(eq(orders.id, paid.orderId)).get()!.status).toBe("paid");
  });
});

describe("a company's whole history in the back office's lists", () => {
  it("narrows the inbox and the orders list to one company; an id of no company to nothing", () => {
    const company = makeCompany(`History ${uniqueEmail("x").slice(2, 10)}`);
    // A client address of this test's own, so the other tests' requests do not rate-limit these.
    const clientIp = uniqueEmail("history-test");
    const requests = Array.from({ length: 3 }, () => makeQuoteRequest({ clientIp }).request.id);
    const companyOrders = Array.from({ length: 2 }, () => makeOrder().orderId);
    makeQuoteRequest({ clientIp });
    makeOrder();
    intoCompany(company, requests, companyOrders);

    const filter = companyFilter(String(company))!;
    expect(filter).toEqual({ id: company, name: expect.stringMatching(/^History /) });
    const inbox = listInbox({ view: "all", q: "", page: 1, companyId: filter.id });
    expect(inbox.total).toBe(3);
    expect(inbox.rows.map((row) => row.id).sort()).toEqual([...requests].sort());
    const listed = listOrders({ companyId: filter.id });
    expect(listed.total).toBe(2);
    expect(listed.orders.map((order) => order.id).sort()).toEqual([...companyOrders].sort());

    expect(companyFilter(null)).toBeUndefined();
    for (const param of ["999999999", "abc", "-1", "1.5"]) {
      const none = companyFilter(param)!;
      expect(listInbox({ view: "all", q: "", page: 1, companyId: none.id }).total, param).toBe(0);
      expect(listOrders({ companyId: none.id }).total, param).toBe(0);
    }
  });
});

describe("a company's account owner", () => {
  const mailsTo = (email: string) => db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all();

  it("hears of the company's new requests and its buyers' messages; without one, or once disabled, the shared sales address does", async () => {
    const owner = await makeSalesUser("Olivia");
    const companyId = makeCompany(`Owned ${uniqueEmail("o").slice(2, 10)}`);
    expect(setAccountOwner(companyId, owner.id)).toBe(true);
    expect(salesCompanyPage(companyId)!.company.accountOwnerId).toBe(owner.id);
    expect(salesCompanyPage(companyId)!.owners.map((user) => user.id)).toContain(owner.id);

    const { request, token } = makeQuoteRequest({ owner: { customerId: null, companyId } });
    expect(mailsTo(owner.email).map((mail) => mail.subject)).toEqual([expect.stringContaining(request.reference)]);
    expect(postBuyerMessage(token, "Can you do 4 weeks?")).toBe(true);
    expect(mailsTo(owner.email)).toHaveLength(2);
    expect(salesRecipient(null)).toBe(env.SALES_EMAIL);

    setUserDisabled(owner.id, true);
    expect(salesRecipient(companyId)).toBe(env.SALES_EMAIL);
    expect(setAccountOwner(companyId, owner.id)).toBe(false);
    expect(setAccountOwner(987_654_321, null)).toBe(false);
    expect(setAccountOwner(companyId, null)).toBe(true);
    expect(salesRecipient(companyId)).toBe(env.SALES_EMAIL);
  });

  it("finds the companies' requests in the inbox under 'my accounts', and only those", async () => {
    const owner = await makeSalesUser("Oscar");
    const mine = makeCompany(`Mine ${uniqueEmail("m").slice(2, 10)}`);
    const theirs = makeCompany(`Theirs ${uniqueEmail("t").slice(2, 10)}`);
    setAccountOwner(mine, owner.id);
    const ours = makeQuoteRequest({ owner: { customerId: null, companyId: mine } }).request;
    makeQuoteRequest({ owner: { customerId: null, companyId: theirs } });
    makeQuoteRequest();
    const listed = listInbox({ view: "all", q: "", page: 1, ownerId: owner.id });
    expect(listed.rows.map((row) => row.reference)).toEqual([ours.reference]);
    expect(listed.total).toBe(1);
  });

  it("sets the company's payment terms and credit limit, and shows what its open invoices leave", () => {
    const companyId = makeCompany(`Terms ${uniqueEmail("t").slice(2, 10)}`);
    expect(salesCompanyPage(companyId)!.credit).toMatchObject({ terms: "card", creditLimitCents: 0 });
    expect(setPaymentTerms(companyId, "net30", 1_000_00)).toBe(true);
    const { orderId } = makeOrder({ paymentMethod: "invoice", buyer: { poNumber: "PO-9" } });
    intoCompany(companyId, [], [orderId]);
    expect(salesCompanyPage(companyId)!.credit).toEqual({
      terms: "net30",
      creditLimitCents: 1_000_00,
      openInvoiceCents: 570_00,
      availableCents: 430_00,
    });
    expect(setPaymentTerms(987_654_321, "net15", 100)).toBe(false);
  });
});
