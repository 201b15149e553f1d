import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms.server";
import { SalesCompanyForm } from "./sales-company-schema";

const terms = (paymentTerms: string, creditLimit: string) => {
  const parsed = parseForm(SalesCompanyForm, new URLSearchParams({ intent: "set-terms", paymentTerms, creditLimit }));
  return { ...parsed, fieldErrors: parsed.status === "error" ? parsed.fieldErrors : undefined };
};

describe("the payment terms form", () => {
  it("takes net terms with a limit in dollars as typed elsewhere on the site", () => {
    expect(terms("net30", "$1,000").data).toEqual({
      intent: "set-terms",
      paymentTerms: "net30",
      creditLimitCents: 1_000_00,
    });
    expect(terms("net60", "25000.50").data).toMatchObject({ creditLimitCents: 2_500_050 });
    expect(terms("card", "").data).toMatchObject({ paymentTerms: "card", creditLimitCents: 0 });
  });

  it("refuses a limit that is not an amount, invoice terms without a limit, and unknown terms, at the field", () => {
    for (const typed of ["ten thousand", "-5", "1.234", "0,500"])
      expect(terms("net30", typed).fieldErrors).toEqual({
        creditLimit: "Enter the credit limit in dollars, like 25,000",
      });
    expect(terms("net30", "2000000000").fieldErrors).toEqual({ creditLimit: "At most $1,000,000,000.00" });
    expect(terms("net15", "0").fieldErrors).toEqual({
      creditLimit: "Invoice terms need a credit limit above $0: enter one, or choose Card only",
    });
    expect(terms("net90", "100").fieldErrors).toEqual({ paymentTerms: "Choose the payment terms" });
    expect(terms("net30", "ten").values).toMatchObject({ creditLimit: "ten", paymentTerms: "net30" });
  });

  it("still takes the account owner under its own intent", () => {
    const owner = parseForm(SalesCompanyForm, new URLSearchParams({ intent: "set-owner", accountOwnerId: "" }));
    expect(owner.data).toEqual({ intent: "set-owner", accountOwnerId: null });
  });
});
