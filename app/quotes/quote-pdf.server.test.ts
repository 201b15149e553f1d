import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails, products } from "~db/schema";
import { db } from "~/lib/db.server";
import { deliverDueEmails } from "~/lib/mailer.server";
import { makeQuoteRequest, makeRevision, makeSalesUser, uniqueEmail } from "../../tests/support/factories";
import { pdfPages } from "../../tests/support/pdf-text";
import { invoiceDocument } from "~/orders/invoice-pdf.server";
import { creditNoteDocument } from "~/orders/credit-note-pdf.server";
import { quotationDocument, quotationPdf } from "./quote-pdf.server";
import { getQuoteRequestById } from "./quote-request.server";
import { revisionAsked } from "./quote-revision.server";

/** A request for `count` catalog products from `company`, quoted once by a named sales user. */
async function quotedRequest(count: number, company = "Bayou Chemical Co") {
  const ids = db.select({ id: products.id }).from(products).where(eq(products.status, "active")).limit(count).all();
  const { request } = makeQuoteRequest({
    productIds: ids.map((row) => row.id),
    quantity: 2,
    clientIp: `10.9.${count}.${Math.floor(Math.random() * 250)}`,
    buyer: { company, phone: "+1 225 555 0100", email: uniqueEmail("buyer") },
  });
  const seller = await makeSalesUser("Dana Whitfield");
  const revision = makeRevision(request, seller, { unitPriceCents: 1234_56 });
  return { request: getQuoteRequestById(request.id)!, revision, seller };
}

describe("the quotation PDF", () => {
  it("has the seller block, the buyer, the price basis, an acceptance block and the terms, page N of M on every page", async () => {
    const { request, revision, seller } = await quotedRequest(30);
    const pdfBytes = await quotationPdf(request, revision);
    const pages = await pdfPages(pdfBytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
    const first = pages[0];
    for (const part of [
      `Quotation ${request.reference} — version 1`,
      "IronAxis, Inc.",
      "4810 Industrial Park Drive, Suite 200",
      "Houston, TX 77041",
      "+1 (713) 555-0142",
      `Sales contact: Dana Whitfield\n${seller.email}`,
      "Bayou Chemical Co",
      "+1 225 555 0100",
    ])
      expect(first).toContain(part);
    const all = pages.join("\n");
    expect(all).toContain("FCA Houston, TX — Incoterms 2020");
    expect(all).toContain("Purchase order number");
    expect(all).toContain("$74,073.60"); // 30 lines × 2 × $1,234.56
    const terms = pages.findIndex((text) => text.includes("Terms and conditions of sale"));
    expect(terms).toBeGreaterThan(0);
    const termsText = pages.slice(terms).join("\n");
    expect(termsText).toContain("1. Quotations and orders");
    expect(termsText).toContain('by IronAxis, Inc. ("IronAxis", "we")');
    // Markdown's marks are set as text, not printed.
    expect(termsText).not.toMatch(/\*\*|^##/m);
  });

  it("sets a name as typed in Greek or Cyrillic and the technical signs, which PDF's built-in fonts cannot", async () => {
    const company = "Ωmega Ελλάς · ООО «Кирилл» ≤ 16 bar → ±0.5 % ✓";
    const { request, revision } = await quotedRequest(1, company);
    const [first] = await pdfPages(await quotationPdf(request, revision));
    // As set in the buyer's column, which may wrap it.
    expect(first.replace(/\s+/g, " ")).toContain(company);
  });

  it("goes with the 'quote is ready' e-mail, rendered from the revision as it is sent", async () => {
    const { request, revision } = await quotedRequest(2);
    const queued = db
      .select()
      .from(outboxEmails)
      .where(and(eq(outboxEmails.to, request.email), eq(outboxEmails.attachmentKind, "quotation")))
      .orderBy(desc(outboxEmails.id))
      .get()!;
    expect(queued.attachmentId).toBe(revision.id);
    const sent: { to: string; attachments: { filename: string; content: Buffer; contentType: string }[] }[] = [];
    await deliverDueEmails({ sendMail: async (message: (typeof sent)[number]) => void sent.push(message) } as never, {
      quotation: quotationDocument,
      invoice: invoiceDocument,
      credit_note: creditNoteDocument,
    });
    const mail = sent.find((message) => message.to === request.email && message.attachments.length > 0)!;
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment.filename).toBe(`IronAxis-${request.reference}-v1.pdf`);
    expect(attachment.contentType).toBe("application/pdf");
    expect((await pdfPages(attachment.content))[0]).toContain(`Quotation ${request.reference} — version 1`);
  });

  it("a message whose document is gone is not sent without it", async () => {
    db.insert(outboxEmails)
      .values({
        to: "gone@example.test",
        subject: "s",
        text: "t",
        html: "h",
        attachmentKind: "quotation",
        attachmentId: 987_654_321,
      })
      .run();
    const sent: string[] = [];
    await deliverDueEmails({ sendMail: async (m: { to: string }) => void sent.push(m.to) } as never, {
      quotation: quotationDocument,
      invoice: invoiceDocument,
      credit_note: creditNoteDocument,
    });
    expect(sent).not.toContain("gone@example.test");
    const row = db.select().from(outboxEmails).where(eq(outboxEmails.to, "gone@example.test")).get()!;
    expect(row.lastError).toContain("no longer exists");
  });
});

describe("revisionAsked", () => {
  const revisions = [{ version: 1 }, { version: 2 }];
  const ask = (query: string) => revisionAsked(revisions, new URL(`http://x/q.pdf${query}`))?.version;
  it("gives the version asked for, the current one without a version, nothing for one the request lacks", () => {
    expect(ask("")).toBe(2);
    expect(ask("?version=1")).toBe(1);
    expect(ask("?version=2")).toBe(2);
    for (const bad of [
      "?version=3",
      "?version=0",
      "?version=01",
      "?version=1.0",
      "?version=abc",
      "?version=",
      "?version=-1",
    ])
      expect(ask(bad)).toBeUndefined();
  });
});
