import type { CompanyRole } from "~db/schema";

/**
 * What each role in a company may do: the one home of these rules. Models check their writes
 * with `companyRoleAllows`, pages ask it what to offer. Pure and client-safe.
 */
export type CompanyPermission =
  "manage_people" | "manage_addresses" | "manage_tax_exemption" | "manage_lists" | "approve" | "buy";

const PERMISSIONS: Record<CompanyRole, readonly CompanyPermission[]> = {
  /** Quotes and orders, up to a spending limit when one is set. */
  buyer: ["buy"],
  /** Approves what is over a buyer's limit, and buys. */
  approver: ["buy", "approve"],
  /**
   * People, roles and limits, the address book, the tax-exempt certificate, renaming and deleting
   * any saved list (a member may do so to the lists they made), and everything a buyer and an
   * approver do.
   */
  company_admin: ["buy", "approve", "manage_people", "manage_addresses", "manage_tax_exemption", "manage_lists"],
};

/** The roles in the order a form offers them. */
export const COMPANY_ROLE_OPTIONS = ["buyer", "approver", "company_admin"] as const satisfies readonly CompanyRole[];

export const COMPANY_ROLE_LABEL: Record<CompanyRole, string> = {
  buyer: "Buyer",
  approver: "Approver",
  company_admin: "Company admin",
};

export function companyRoleAllows(role: CompanyRole | null | undefined, permission: CompanyPermission) {
  return role ? PERMISSIONS[role].includes(permission) : false;
}

/** Whether a person may order or accept `totalCents` without an approver (a null limit: no limit). */
export function withinSpendingLimit(
  person: { companyRole: CompanyRole | null; spendingLimitCents: number | null },
  totalCents: number,
) {
  if (!companyRoleAllows(person.companyRole, "buy")) return false;
  return person.spendingLimitCents === null || totalCents <= person.spendingLimitCents;
}

/**
 * A company always keeps a company admin while it has people: the last one may be demoted,
 * removed or leave only when nobody else is left. `admins` and `people` count the company
 * before the change.
 */
export function leavesCompanyWithoutAdmin({
  role,
  nextRole,
  admins,
  people,
}: {
  role: CompanyRole | null;
  nextRole: CompanyRole | null;
  admins: number;
  people: number;
}) {
  const losesAdmin = role === "company_admin" && nextRole !== "company_admin";
  if (!losesAdmin || admins > 1) return false;
  const othersRemain = nextRole !== null || people > 1;
  return othersRemain;
}
