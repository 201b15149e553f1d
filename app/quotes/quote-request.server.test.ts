import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails, type quoteEvents, type quoteRequestLines, quoteRequests } from "~db/schema";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { addFreeFormLine, addProductToQuoteList, getQuoteList } from "./quote-list.server";
import { getQuoteRequestByToken, submitQuoteRequest, withdrawQuoteRequest } from "./quote-request.server";
import {
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
  quoteBuyer,
  seededProduct,
} from "../../tests/support/factories";
import { env } from "~/lib/env.server";

const buyer = quoteBuyer({
  company: "Acme <Process>",
  deliveryLocation: "Houston, TX",
  incoterm: "DAP",
  message: "Please quote with certificates.",
});
const rows = (table: typeof quoteRequests | typeof outboxEmails | typeof quoteEvents | typeof quoteRequestLines) =>
  db.select({ n: count() }).from(table).get()!.n;

describe("submitQuoteRequest", () => {
  it("writes the request, a snapshot of each line, the first event and two e-mails in one go, once per form", () => {
    const product = seededProduct();
    const { token } = addProductToQuoteList(undefined, product.id, 5) as { token: string };
    addFreeFormLine(token, {
      description: "Kettle 500 L",
      quantity: 1,
      targetPriceCents: 900_000,
      requirements: [{ spec: "Capacity", value: "500 L", mustHave: true }],
      equivalentAccepted: true,
      note: "",
    });
    const before = { requests: rows(quoteRequests), emails: rows(outboxEmails) };
    const submissionKey = createToken();

    const first = submitQuoteRequest(token, { ...buyer, submissionKey });
    expect(first.ok && first.reference).toMatch(/^Q-\d{4}-\d{5}$/);
    const again = submitQuoteRequest(token, { ...buyer, submissionKey });
    expect(again.ok && again.repeated).toBe(true);
    expect(again.ok && again.token).toBe(first.ok && first.token);
    expect(rows(quoteRequests)).toBe(before.requests + 1);
    expect(rows(outboxEmails)).toBe(before.emails + 2);

    const request = getQuoteRequestByToken(first.ok ? first.token : "")!;
    expect(request.lines.map((l) => [l.name, l.partNumber, l.listPriceCents, l.quantity])).toEqual([
      [product.name, product.partNumber, product.priceCents, 5],
      ["Kettle 500 L", null, null, 1],
    ]);
    expect(request.events.map((e) => e.status)).toEqual(["received"]);
    expect(getQuoteList(token).lines).toEqual([]);

    const mails = db.select().from(outboxEmails).all().slice(-2);
    expect(mails[0].to).toBe(buyer.email);
    expect(mails[0].text).toContain(`/quotes/${first.ok ? first.token : ""}`);
    expect(mails[0].html).not.toContain("<Process>");
    expect(mails[1].subject).toContain(request.reference);
    // Only hashes of the key and the token are stored.
    const stored = db.select().from(quoteRequests).where(eq(quoteRequests.id, request.id)).get()!;
    expect(JSON.stringify(stored)).not.toContain(submissionKey);
    expect(JSON.stringify(stored)).not.toContain(first.ok ? first.token : "x");
  });

  it("confirms to the buyer everything they asked for: target prices, specs, notes, their details and files", () => {
    const { token } = addFreeFormLine(undefined, {
      description: "Kettle 500 L",
      quantity: 2,
      targetPriceCents: 925_000,
      requirements: [{ spec: "Supply", value: "480 V", mustHave: false }],
      equivalentAccepted: false,
      note: "Fits a 1.2 m door",
    });
    const details = { ...buyer, phone: "+1 504 555 0175", neededBy: "2099-03-31" };
    const file = { originalName: "layout.pdf", storedName: "x.pdf", contentType: "application/pdf", sizeBytes: 9 };
    const sent = submitQuoteRequest(token, { ...details, submissionKey: createToken() }, "unknown", [file]);
    expect(sent.ok).toBe(true);
    const [confirmation, toSales] = db.select().from(outboxEmails).all().slice(-2);
    expect(confirmation.to).toBe(buyer.email);
    // Sales reads the same, and where to answer it.
    const { id } = getQuoteRequestByToken(sent.ok ? sent.token : "")!;
    expect(toSales.text).toContain(`/admin/quotes/${id}`);
    expect(toSales.html).toContain(`/admin/quotes/${id}`);
    for (const body of [confirmation.text, confirmation.html, toSales.text, toSales.html]) {
      for (const asked of [
        "2 × Kettle 500 L (free-form)",
        "Target price: $9,250.00 each",
        "Supply: 480 V (nice to have)",
        "Exact match only",
        "Note: Fits a 1.2 m door",
        "Phone: +1 504 555 0175",
        "Delivery location: Houston, TX",
        "Preferred Incoterm: DAP",
        "Needed by: 2099-03-31",
        "Please quote with certificates.",
        "layout.pdf",
      ])
        expect(body).toContain(asked);
    }
  });

  it("refuses an empty list and writes nothing", () => {
    const before = rows(quoteRequests);
    expect(submitQuoteRequest(undefined, { ...buyer, submissionKey: createToken() })).toEqual({
      ok: false,
      reason: "empty",
    });
    expect(rows(quoteRequests)).toBe(before);
  });

  it("lets the buyer withdraw, before a quote or declining it, recording who and when and telling sales", async () => {
    const product = seededProduct();
    const { token } = addProductToQuoteList(undefined, product.id, 1) as { token: string };
    const result = submitQuoteRequest(token, { ...buyer, submissionKey: createToken() });
    const statusToken = result.ok ? result.token : "";
    expect(withdrawQuoteRequest(statusToken)).toBe(true);
    expect(withdrawQuoteRequest(statusToken)).toBe(false);
    const request = getQuoteRequestByToken(statusToken)!;
    expect(request.status).toBe("withdrawn");
    expect(request.events.map((e) => [e.status, e.actor])).toEqual([
      ["received", `buyer:${buyer.email}`],
      ["withdrawn", `buyer:${buyer.email}`],
    ]);
    expect(db.select().from(outboxEmails).all().at(-1)).toMatchObject({
      to: env.SALES_EMAIL,
      subject: `${buyer.company} withdrew ${request.reference}`,
    });

    // Quoted: withdrawing declines the quote in force; an accepted one cannot be.
    const quoted = makeQuoteRequest();
    const seller = await makeSalesUser();
    makeRevision(quoted.request, seller, { unitPriceCents: 100_00 });
    expect(withdrawQuoteRequest(quoted.token)).toBe(true);
    const declined = getQuoteRequestByToken(quoted.token)!;
    expect(declined.events.at(-1)).toMatchObject({ status: "withdrawn", note: "v1 declined" });
    const mail = db.select().from(outboxEmails).all().at(-1)!;
    expect(mail.subject).toBe(`${declined.company} withdrew ${declined.reference}, declining v1`);
    expect(mail.text).toContain(`/admin/quotes/${declined.id}`);
  });
});

describe("the request rate limit", () => {
  it("refuses the eleventh request from one address within an hour, and writes nothing for it", () => {
    const product = seededProduct();
    const send = (ip: string) => {
      const { token } = addProductToQuoteList(undefined, product.id, 1) as { token: string };
      return submitQuoteRequest(token, { ...buyer, submissionKey: createToken() }, ip);
    };
    for (let i = 0; i < 10; i++) expect(send("203.0.113.7").ok).toBe(true);
    const before = rows(quoteRequests);
    expect(send("203.0.113.7")).toEqual({ ok: false, reason: "rate-limited" });
    expect(rows(quoteRequests)).toBe(before);
    expect(send("198.51.100.9").ok).toBe(true);
  });
});
