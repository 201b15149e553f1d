import { describe, expect, it } from "vitest";
import {
  COMPANY_ROLE_OPTIONS,
  companyRoleAllows,
  leavesCompanyWithoutAdmin,
  withinSpendingLimit,
} from "./company-roles";

describe("company roles", () => {
  it("say what each role may do", () => {
    const table = Object.fromEntries(
      COMPANY_ROLE_OPTIONS.map((role) => [
        role,
        (
          ["buy", "approve", "manage_people", "manage_addresses", "manage_tax_exemption", "manage_lists"] as const
        ).filter((permission) => companyRoleAllows(role, permission)),
      ]),
    );
    expect(table).toEqual({
      buyer: ["buy"],
      approver: ["buy", "approve"],
      company_admin: ["buy", "approve", "manage_people", "manage_addresses", "manage_tax_exemption", "manage_lists"],
    });
    expect(companyRoleAllows(null, "buy")).toBe(false);
  });

  it("hold a buyer to their spending limit; no limit is no limit", () => {
    expect(withinSpendingLimit({ companyRole: "buyer", spendingLimitCents: 100_00 }, 100_00)).toBe(true);
    expect(withinSpendingLimit({ companyRole: "buyer", spendingLimitCents: 100_00 }, 100_01)).toBe(false);
    expect(withinSpendingLimit({ companyRole: "buyer", spendingLimitCents: null }, 10 ** 11)).toBe(true);
    expect(withinSpendingLimit({ companyRole: null, spendingLimitCents: null }, 1)).toBe(false);
  });

  it("keep a company admin while people remain", () => {
    const last = { role: "company_admin" as const, admins: 1 };
    expect(leavesCompanyWithoutAdmin({ ...last, nextRole: "buyer", people: 1 })).toBe(true);
    expect(leavesCompanyWithoutAdmin({ ...last, nextRole: null, people: 2 })).toBe(true);
    expect(leavesCompanyWithoutAdmin({ ...last, nextRole: null, people: 1 })).toBe(false);
    expect(leavesCompanyWithoutAdmin({ ...last, admins: 2, nextRole: null, people: 2 })).toBe(false);
    expect(leavesCompanyWithoutAdmin({ role: "buyer", admins: 1, nextRole: null, people: 2 })).toBe(false);
  });
});
