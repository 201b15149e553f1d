import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, expectTypeOf, it } from "vitest";
import { outboxEmails, quoteInternalNotes } from "~db/schema";
import { signIn } from "~/admin/auth.server";
import { db } from "~/lib/db.server";
import { deliverDueEmails } from "~/lib/mailer.server";
import { invoiceDocument } from "~/orders/invoice-pdf.server";
import { creditNoteDocument } from "~/orders/credit-note-pdf.server";
import { quotationDocument, type QuotationBuyer, type renderQuotePdf } from "~/quotes/quote-pdf.server";
import type { getQuoteRequestByToken } from "~/quotes/quote-request.server";
import { postSalesMessage } from "~/quotes/quote-messages.server";
import { action as salesAction } from "./admin.quotes.$id";
import { loader as buyerPage } from "./quotes.$token";
import { loader as quotePdf } from "./quotes.$token_.quote[.]pdf";
import { makeQuoteRequest, makeRevision, makeSalesUser, uniqueEmail } from "../../tests/support/factories";
import { pdfPages } from "../../tests/support/pdf-text";

type SentMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer }[];
};

describe("internal notes never reach the buyer", () => {
  it("are in none of the buyer's page data, quote PDF or e-mails, sent before and after the note", async () => {
    const user = await makeSalesUser("Lee");
    const signedIn = await signIn(new Request("http://localhost/admin/login"), user, "/admin");
    const cookie = signedIn.headers.get("Set-Cookie")!.split(";")[0];
    const buyerEmail = uniqueEmail("leak");
    const { request, token } = makeQuoteRequest({ buyer: { email: buyerEmail }, clientIp: uniqueEmail("ip") });
    const marker = `INTERNAL-${crypto.randomBytes(6).toString("hex")}`;

    const posted = await salesAction({
      request: new Request(`http://localhost/admin/quotes/${request.id}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
        body: new URLSearchParams({
          intent: "internal-note",
          internalNote: `Margin is thin: ${marker}. Buyer pays late.`,
        }).toString(),
      }),
      params: { id: String(request.id) },
      context: { cspNonce: "test" },
    });
    expect((posted as Response).status).toBe(302);
    const stored = db.select().from(quoteInternalNotes).where(eq(quoteInternalNotes.requestId, request.id)).all();
    expect(stored.map((note) => note.body)).toEqual([expect.stringContaining(marker)]);

    // After the note: a revision, a reply, each e-mailed to the buyer.
    makeRevision(request, user, { unitPriceCents: 250_00 });
    expect(postSalesMessage(request.id, "We can ship in 6 weeks.", user)).toBe(true);

    // The buyer's page (as HTML and as `.data`, one loader), checked on its whole data.
    for (const url of [`http://localhost/quotes/${token}`, `http://localhost/quotes/${token}.data`]) {
      const loaded = (await buyerPage({
        request: new Request(url),
        params: { token },
        context: { cspNonce: "test" },
      })) as {
        data: unknown;
      };
      const shown = JSON.stringify(loaded.data);
      expect(shown).toContain(request.reference);
      expect(shown).toContain("We can ship in 6 weeks.");
      expect(shown).not.toContain(marker);
      expect(shown).not.toContain("Margin is thin");
    }

    // The quote PDF: its text, as a PDF reader reads it, has the quote and not the note.
    const response = (await quotePdf({
      request: new Request(`http://localhost/quotes/${token}/quote.pdf`),
      params: { token },
      context: { cspNonce: "test" },
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const text = (await pdfPages(new Uint8Array(await response.arrayBuffer()))).join("\n");
    expect(text).toContain(request.reference);
    expect(text).toContain("$250.00");
    expect(text).not.toContain(marker);
    // What the PDF is drawn from cannot carry notes: the buyer's fields, the revision, who sent it, the terms.
    expectTypeOf<keyof Parameters<typeof renderQuotePdf>[0]>().toEqualTypeOf<
      "buyer" | "revision" | "contact" | "termsMarkdown"
    >();
    expectTypeOf<keyof QuotationBuyer>().toEqualTypeOf<
      "reference" | "company" | "contactName" | "email" | "phone" | "country" | "deliveryLocation"
    >();
    type BuyerRequest = NonNullable<ReturnType<typeof getQuoteRequestByToken>>;
    expectTypeOf<BuyerRequest>().not.toHaveProperty("internalNotes");
    expectTypeOf<BuyerRequest>().not.toHaveProperty("ownerId");

    // Every e-mail to the buyer (received, v1 ready with its PDF, the reply), as it is sent.
    expect(db.select().from(outboxEmails).where(eq(outboxEmails.to, buyerEmail)).all()).toHaveLength(3);
    const sent: SentMail[] = [];
    await deliverDueEmails({ sendMail: async (mail: SentMail) => void sent.push(mail) } as never, {
      quotation: quotationDocument,
      invoice: invoiceDocument,
      credit_note: creditNoteDocument,
    });
    const toBuyer = sent.filter((mail) => mail.to === buyerEmail);
    expect(toBuyer).toHaveLength(3);
    const attachments = toBuyer.flatMap((mail) => mail.attachments);
    expect(attachments.map((file) => file.filename)).toEqual([`IronAxis-${request.reference}-v1.pdf`]);
    for (const mail of toBuyer) expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(marker);
    const attached = (await pdfPages(new Uint8Array(attachments[0].content))).join("\n");
    expect(attached).toContain(request.reference);
    expect(attached).not.toContain(marker);
  });
});
