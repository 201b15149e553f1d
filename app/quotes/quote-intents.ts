/**
 * The `intent` of each form on the quote pages, one constant per page: the page's hidden inputs
 * and its schema's members both read them. No zod here: pages import it.
 */

/** The buyer's status page, /quotes/:token. */
export const BUYER_QUOTE_INTENT = {
  accept: "accept",
  pay: "pay",
  requestChanges: "request-changes",
  message: "message",
  withdraw: "withdraw",
} as const;

/** Sales' request page, /admin/quotes/:id. */
export const SALES_QUOTE_INTENT = {
  sendRevision: "send-revision",
  /** Keep the next revision's form as typed so far, without sending it. */
  saveDraft: "save-draft",
  message: "message",
  startReview: "start-review",
  decline: "decline",
  seen: "seen",
  unseen: "unseen",
  /** Make a company account from a guest's request and invite its buyer as company admin. */
  createCompany: "create-company",
  /** Make a sales user (or nobody) the request's owner. */
  assignOwner: "assign-owner",
  /** Add a note for sales only. */
  internalNote: "internal-note",
  /** An admin approves the draft waiting for approval: it goes to the buyer. */
  approve: "approve",
  /** An admin sends the draft back to sales with a reason. */
  declineApproval: "decline-approval",
} as const;

/** The quote list and the request form, /quote (product and category pages post "add" there too). */
export const QUOTE_LIST_INTENT = {
  add: "add",
  update: "update",
  remove: "remove",
  quickAdd: "quick-add",
  addFreeForm: "add-free-form",
  submitRequest: "submit-request",
} as const;
