import crypto from "node:crypto";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import { describe, expect, expectTypeOf, it } from "vitest";
import { outboxEmails, quoteInternalNotes } from "~db/schema";
import { signIn } from "~/admin/auth.server";
import { db } from "~/lib/db.server";
import type { renderQuotePdf } from "~/quotes/quote-pdf.server";
import type { getQuoteRequestByToken } from "~/quotes/quote-request.server";
import { postSalesMessage } from "~/quotes/quote-revision.server";
import { action as salesAction } from "./admin.quotes.$id";
import { loader as buyerPage } from "./quotes.$token";
import { loader as quotePdf } from "./quotes.$token_.quote[.]pdf";
import { makeQuoteRequest, makeRevision, makeSalesUser, uniqueEmail } from "../../tests/support/factories";

/**
 * The text a PDF shows: each content stream inflated, and the strings of its text operators
 * (pdfkit writes them as hex, `<48656c6c6f> Tj` or in `[…] TJ` arrays) decoded and joined line by line.
 */
function pdfText(pdf: Buffer) {
  const latin1 = pdf.toString("latin1");
  const lines: string[] = [];
  // Each stream's bytes are as many as its dictionary's /Length says (compressed bytes may hold "endstream").
  for (const match of latin1.matchAll(/\/Length (\d+)\b[^]*?stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const raw = pdf.subarray(start, start + Number(match[1]));
    const compressed = /\/FlateDecode/.test(match[0]);
    const content = (compressed ? zlib.inflateSync(raw) : raw).toString("latin1");
    for (const operator of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
      const strings = (operator[1] ?? operator[2]).match(/<[0-9a-fA-F]*>/g) ?? [];
      lines.push(strings.map((hex) => Buffer.from(hex.slice(1, -1), "hex").toString("latin1")).join(""));
    }
  }
  return lines.join("\n");
}

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

    // The quote PDF: its text, read out of its compressed streams, has the quote and not the note.
    const response = (await quotePdf({
      request: new Request(`http://localhost/quotes/${token}/quote.pdf`),
      params: { token },
      context: { cspNonce: "test" },
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain(request.reference);
    expect(text).toContain("$250.00");
    expect(text).not.toContain(marker);
    // What the PDF is drawn from cannot carry notes: the buyer's view of a request and a revision.
    type PdfRequest = Parameters<typeof renderQuotePdf>[0];
    type BuyerRequest = NonNullable<ReturnType<typeof getQuoteRequestByToken>>;
    expectTypeOf<BuyerRequest>().toMatchTypeOf<PdfRequest>();
    expectTypeOf<BuyerRequest>().not.toHaveProperty("internalNotes");
    expectTypeOf<BuyerRequest>().not.toHaveProperty("ownerId");

    // Every e-mail to the buyer: received, v1 ready, the reply.
    const mails = db.select().from(outboxEmails).where(eq(outboxEmails.to, buyerEmail)).all();
    expect(mails).toHaveLength(3);
    for (const mail of mails) expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(marker);
  });
});
