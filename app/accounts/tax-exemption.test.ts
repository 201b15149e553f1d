import { describe, expect, it } from "vitest";
import { expiryProblem, latestExpiry, taxExemptStatus, type CertificateFacts } from "./tax-exemption";

const TODAY = "2026-12-02";
const pending: CertificateFacts = { state: "pending", expiresOn: null, rejectionReason: null };
const approved = (expiresOn: string): CertificateFacts => ({ state: "approved", expiresOn, rejectionReason: null });
const rejected = (reason: string): CertificateFacts => ({
  state: "rejected",
  expiresOn: null,
  rejectionReason: reason,
});
const replaced: CertificateFacts = { state: "replaced", expiresOn: null, rejectionReason: null };

describe("taxExemptStatus", () => {
  it("says what a company's certificates, newest first, mean today", () => {
    expect(taxExemptStatus([], TODAY)).toEqual({ exempt: false, lines: ["Not tax-exempt"] });
    expect(taxExemptStatus([pending, replaced], TODAY)).toEqual({ exempt: false, lines: ["Pending review"] });
    expect(taxExemptStatus([approved("2027-06-30")], TODAY)).toEqual({
      exempt: true,
      lines: ["Tax-exempt: approved, expires 2027-06-30"],
    });
    expect(taxExemptStatus([approved(TODAY)], TODAY).exempt).toBe(true);
    expect(taxExemptStatus([approved("2026-12-01")], TODAY)).toEqual({
      exempt: false,
      lines: ["Not tax-exempt: the certificate expired on 2026-12-01"],
    });
    expect(taxExemptStatus([rejected("Unsigned")], TODAY)).toEqual({ exempt: false, lines: ["Rejected: Unsigned"] });
  });

  it("keeps an approved certificate in force while a newer one waits or was rejected", () => {
    expect(taxExemptStatus([pending, approved("2027-06-30")], TODAY)).toEqual({
      exempt: true,
      lines: ["Tax-exempt: approved, expires 2027-06-30", "A new certificate is pending review."],
    });
    expect(taxExemptStatus([rejected("Wrong state"), approved("2027-06-30")], TODAY)).toEqual({
      exempt: true,
      lines: ["Tax-exempt: approved, expires 2027-06-30", "The new certificate was rejected: Wrong state"],
    });
    expect(taxExemptStatus([pending, approved("2026-01-01")], TODAY)).toEqual({
      exempt: false,
      lines: ["Pending review"],
    });
  });
});

describe("expiryProblem", () => {
  it("takes a real date after today, at most five years out", () => {
    expect(expiryProblem("2026-12-03", TODAY)).toBeUndefined();
    expect(expiryProblem("2031-12-02", TODAY)).toBeUndefined();
    expect(expiryProblem(TODAY, TODAY)).toBe("The expiry date must be after today");
    expect(expiryProblem("2025-06-30", TODAY)).toBe("The expiry date must be after today");
    expect(expiryProblem("2031-12-03", TODAY)).toBe("The expiry date can be at most 5 years from today");
    expect(expiryProblem("2027-02-31", TODAY)).toBe("Enter the expiry date as YYYY-MM-DD");
    expect(expiryProblem("next year", TODAY)).toBe("Enter the expiry date as YYYY-MM-DD");
  });

  it("moves 29 February five years on to 28 February", () => {
    expect(latestExpiry("2028-02-29")).toBe("2033-02-28");
    expect(latestExpiry("2026-12-02")).toBe("2031-12-02");
  });
});
