/** Constants the back-office pages share with their models (kept out of *.server.ts so the browser gets them too). */
export const ADMIN_PRODUCT_PAGE_SIZE = 50;
export const ADMIN_NEWS_PAGE_SIZE = 50;
export const OUTBOX_PAGE_SIZE = 50;
export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The forms of the users page, by their `intent`. */
export const USER_INTENT = { create: "create", reset: "reset", disable: "disable", enable: "enable" } as const;
