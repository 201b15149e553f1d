/** Constants the back-office pages share with their models (kept out of *.server.ts so the browser gets them too). */
export const ADMIN_PRODUCT_PAGE_SIZE = 50;
export const ADMIN_NEWS_PAGE_SIZE = 50;
export const OUTBOX_PAGE_SIZE = 50;
export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** The documents an e-mail can carry, each rendered by the sender from the row it names. */
export const OUTBOX_ATTACHMENT_KINDS = ["quotation", "invoice", "credit_note"] as const;
export type OutboxAttachmentKind = (typeof OUTBOX_ATTACHMENT_KINDS)[number];
export const OUTBOX_ATTACHMENT_LABEL: Record<OutboxAttachmentKind, string> = {
  quotation: "quotation PDF",
  invoice: "invoice PDF",
  credit_note: "credit note PDF",
};

/** The forms of the users page, by their `intent`. */
export const USER_INTENT = { create: "create", reset: "reset", disable: "disable", enable: "enable" } as const;
