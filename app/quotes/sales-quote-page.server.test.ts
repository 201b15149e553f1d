import { describe, expect, it } from "vitest";
import { setCategoryDiscount } from "~/accounts/sales-price-list.server";
import { configure } from "~/quotes/quote-pricing";
import { parsePriceBreaks } from "~/lib/price-breaks";
import { makeCompany, makeProduct, makeQuoteRequest, productFields } from "../../tests/support/factories";
import { addProductToQuoteList, getQuoteList } from "./quote-list.server";
import { salesQuotePage } from "./sales-quote-page.server";

const breaks = [
  { minQuantity: 20, unitPriceCents: 84_00 },
  { minQuantity: 50, unitPriceCents: 79_00 },
];

/** What the first revision's form prices a request's line at, as sent unchanged. */
function formPrice(requestId: number) {
  const page = salesQuotePage(requestId)!;
  const line = page.request.lines[0];
  const unitPriceCents = Math.round(Number(page.defaults[`line-${line.id}-price`]) * 100);
  const priceBreaks = parsePriceBreaks(page.defaults[`line-${line.id}-breaks`]);
  const [priced] = configure([
    {
      position: 0,
      kind: "item",
      quantity: line.quantity,
      unitPriceCents,
      percentBp: null,
      priceBreaks: priceBreaks.ok ? priceBreaks.breaks : [],
      optional: false,
      alternativeOf: null,
      taxable: true,
    },
  ]).lines;
  return { unitPriceCents: priced.unitPriceCents, catalog: page.catalogPrices[line.id] };
}

describe("sales' first revision of a request", () => {
  it("starts from what the cart asks the buyer at the quantity: the break reached, and the company's price list", () => {
    const { categoryId } = productFields();
    const productId = makeProduct({ priceCents: 89_00, priceBreaks: breaks });

    const guest = makeQuoteRequest({ productIds: [productId], quantity: 20 }).request;
    expect(formPrice(guest.id)).toEqual({
      unitPriceCents: 84_00,
      catalog: "Catalog price $84.00 each at 20 (list $89.00; 20+ 84.00; 50+ 79.00)",
    });

    const { admin, companyId } = makeCompany();
    setCategoryDiscount(companyId, categoryId, 1_000);
    const owner = { customerId: admin.id, companyId };
    const theirs = makeQuoteRequest({ productIds: [productId], quantity: 20, owner }).request;
    // 10% off: 89.00 → 80.10 for one, 84.00 → 75.60 at 20, 79.00 → 71.10 at 50.
    expect(formPrice(theirs.id)).toEqual({
      unitPriceCents: 75_60,
      catalog: "Company price $75.60 each at 20 (list $89.00; 20+ 75.60; 50+ 71.10)",
    });
  });

  it("is what the buyer's quote list showed them before they sent it", () => {
    const { categoryId } = productFields();
    const productId = makeProduct({ priceCents: 89_00, priceBreaks: breaks });
    const { companyId } = makeCompany();
    setCategoryDiscount(companyId, categoryId, 1_000);
    const { token } = addProductToQuoteList(undefined, productId, 50);
    expect(getQuoteList(token).lines.map((line) => line.unitPriceCents)).toEqual([79_00]);
    expect(getQuoteList(token, companyId).lines.map((line) => line.unitPriceCents)).toEqual([71_10]);
    const { request } = makeQuoteRequest({ productIds: [productId], quantity: 50 });
    expect(formPrice(request.id).unitPriceCents).toBe(79_00);
  });
});

describe("the first revision's payment terms", () => {
  it("are card only for a company on card terms, either way on net terms, and none chosen while cards are off", () => {
    const productId = makeProduct({ priceCents: 89_00 });
    const termsOf = (terms: "card" | "net30", cards: boolean) => {
      const { admin, companyId } = makeCompany("Acme Process", {
        terms,
        creditLimitCents: terms === "card" ? 0 : 10_000_00,
      });
      const { request } = makeQuoteRequest({ productIds: [productId], owner: { customerId: admin.id, companyId } });
      return salesQuotePage(request.id, cards)!.defaults.paymentTerms;
    };
    expect(termsOf("card", true)).toBe("card");
    expect(termsOf("net30", true)).toBe("card_or_invoice");
    // Not invoice: that would give credit nobody set.
    expect(termsOf("card", false)).toBe("");
    expect(termsOf("net30", false)).toBe("card_or_invoice");
  });

  it("come with the company's own terms and credit left, which a quote on invoice terms does not check", () => {
    const productId = makeProduct({ priceCents: 89_00 });
    const termsText = (terms: "card" | "net30") => {
      const { admin, companyId } = makeCompany("Delta Process", {
        terms,
        creditLimitCents: terms === "card" ? 0 : 50_000_00,
      });
      const { request } = makeQuoteRequest({ productIds: [productId], owner: { customerId: admin.id, companyId } });
      return salesQuotePage(request.id)!.companyTerms;
    };
    expect(termsText("net30")).toBe(
      "Delta Process is on Net 30, with $50,000.00 of its $50,000.00 credit left: a quote on invoice terms is payable by invoice whatever it comes to.",
    );
    expect(termsText("card")).toBe(
      "Delta Process is on card only: invoice terms here let it pay this quote by invoice.",
    );
    expect(salesQuotePage(makeQuoteRequest({ productIds: [productId] }).request.id)!.companyTerms).toBeUndefined();
  });
});
