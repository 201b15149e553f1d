import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms.server";
import { makeQuoteRequest, makeSalesUser, revisionTerms } from "../../tests/support/factories";
import { getQuoteDraft, saveQuoteDraft } from "./quote-draft.server";
import { declineRequest, sendRevision } from "./quote-revision.server";
import { salesQuoteForm } from "./quote-revision-schema";
import { salesQuotePage } from "./sales-quote-page.server";
import { withdrawQuoteRequest } from "./quote-request.server";

let ip = 0;
const newRequest = () => makeQuoteRequest({ clientIp: `10.66.0.${++ip}` }).request;

describe("a revision's draft", () => {
  it("keeps only the next revision's fields, as typed", () => {
    const parsed = parseForm(
      salesQuoteForm({ requestLineIds: [7], today: "2030-01-01" }),
      new URLSearchParams({
        intent: "save-draft",
        "line-7-price": "not a price yet",
        "added-1-name": "Crating",
        notes: "Half done",
        body: "a message field",
        "line-7-evil": "x",
      }),
    );
    expect(parsed.status === "success" && parsed.data.intent === "save-draft" && parsed.data.fields).toEqual({
      "line-7-price": "not a price yet",
      "added-1-name": "Crating",
      notes: "Half done",
    });
  });

  it("fills the form where sales left it, by whom and when, until the revision is sent", async () => {
    const user = await makeSalesUser("Dora Draft");
    const request = newRequest();
    const line = request.lines[0].id;
    expect(saveQuoteDraft(request.id, { [`line-${line}-price`]: "1,111.00", notes: "First go" }, user)).toBe(true);
    expect(saveQuoteDraft(request.id, { [`line-${line}-price`]: "2,222.00", notes: "Second go" }, user)).toBe(true);
    const page = salesQuotePage(request.id)!;
    expect(page.defaults).toMatchObject({ [`line-${line}-price`]: "2,222.00", notes: "Second go", incoterm: "FCA" });
    expect(page.draft).toMatchObject({ savedBy: "Dora Draft" });

    expect(sendRevision(request.id, revisionTerms(request, { unitPriceCents: 2222_00 }), user)).toMatchObject({
      ok: true,
    });
    expect(getQuoteDraft(request.id)).toBeUndefined();
    expect(salesQuotePage(request.id)!.defaults.notes).toBe("");
  });

  it("is not kept for a request that can no longer be quoted: one the buyer withdrew", async () => {
    const user = await makeSalesUser();
    const submitted = makeQuoteRequest({ clientIp: `10.66.0.${++ip}` });
    expect(withdrawQuoteRequest(submitted.token)).toBe(true);
    expect(saveQuoteDraft(submitted.request.id, { notes: "Too late" }, user)).toBe(false);
    expect(getQuoteDraft(submitted.request.id)).toBeUndefined();
  });

  it("is kept, and sent, for a request sales declined: the decline undone by a quote", async () => {
    const user = await makeSalesUser();
    const request = newRequest();
    expect(declineRequest(request.id, "Not our line", user)).toBe(true);
    expect(saveQuoteDraft(request.id, { notes: "We can after all" }, user)).toBe(true);
    expect(sendRevision(request.id, revisionTerms(request, { unitPriceCents: 50_00 }), user)).toMatchObject({
      ok: true,
    });
    expect(salesQuotePage(request.id)!.request.status).toBe("quoted");
  });
});
