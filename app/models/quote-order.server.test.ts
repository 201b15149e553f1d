import { describe, expect, it } from "vitest";
import { products } from "../../db/schema";
import { db } from "~/lib/db.server";
import { createToken } from "~/lib/tokens.server";
import { acceptQuoteWithOrder } from "./quote-order.server";
import { addProductToQuoteList } from "./quote-list.server";
import { getQuoteRequestByToken, submitQuoteRequest } from "./quote-request.server";
import { sendRevision } from "./quote-revision.server";
import { createUser } from "./user.server";

const buyer = { company: "Big Plant Co", contactName: "Bo", email: "bo@plant.example", phone: "", country: "USA", deliveryLocation: "", incoterm: "" as const, neededBy: "", message: "" };

describe("accepting a quote above the card limit", () => {
  it("refuses card and changes nothing, and accepts invoice for the same total", async () => {
    const created = await createUser({ email: "sales-limit@ironaxis.test", name: "Sam", role: "sales", password: "a-long-password" });
    if (!created.ok) throw new Error("user not created");
    const product = db.select().from(products).limit(1).get()!;
    const { token: listToken } = addProductToQuoteList(undefined, product.id, 3) as { token: string };
    const submitted = submitQuoteRequest(listToken, { ...buyer, submissionKey: createToken() });
    if (!submitted.ok) throw new Error("request not submitted");
    const request = getQuoteRequestByToken(submitted.token)!;
    const lines = request.lines.map((line) => ({ requestLineId: line.id, quantity: line.quantity, unitPriceCents: 400_000_00, leadTimeWeeks: 6, included: "" }));
    sendRevision(request.id, { incoterm: "FCA", validUntil: "2099-12-31", paymentTerms: "card_or_invoice", notes: "", lines }, { id: created.id, email: "sales-limit@ironaxis.test", name: "Sam", role: "sales" });
    const revision = getQuoteRequestByToken(submitted.token)!.revisions[0];
    expect(revision.totalCents).toBe(1_200_000_00);

    expect(acceptQuoteWithOrder(submitted.token, revision.id, { method: "card", poNumber: "" })).toEqual({ ok: false, reason: "card-limit" });
    expect(getQuoteRequestByToken(submitted.token)).toMatchObject({ status: "quoted", acceptedRevisionId: null });

    expect(acceptQuoteWithOrder(submitted.token, revision.id, { method: "invoice", poNumber: "PO-9" })).toMatchObject({ ok: true, paymentMethod: "invoice" });
    expect(getQuoteRequestByToken(submitted.token)).toMatchObject({ status: "accepted", acceptedRevisionId: revision.id });
  });
});
