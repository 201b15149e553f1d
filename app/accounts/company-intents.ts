/** The forms of the company page, by their `intent` (no zod here: the page ships it). */
export const COMPANY_INTENT = {
  create: "create-company",
  invite: "invite",
  cancelInvitation: "cancel-invitation",
  changeMember: "change-member",
  removeMember: "remove-member",
  leave: "leave",
  /** The company admin's tax-exempt certificate upload: the page's one multipart form. */
  taxCertificate: "upload-tax-certificate",
} as const;

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** The two answers an approver gives a colleague's order over their spending limit, on the approvals page. */
export const APPROVAL_INTENT = { approve: "approve", decline: "decline" } as const;

/** The forms of a company's back-office page, by their `intent`. */
export const SALES_COMPANY_INTENT = {
  owner: "set-owner",
  terms: "set-terms",
  approveCertificate: "approve-tax-certificate",
  rejectCertificate: "reject-tax-certificate",
} as const;
