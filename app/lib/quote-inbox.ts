import type { QuoteStatus } from "../../db/schema";

/** Waiting on sales: answered first, oldest first. */
export const NEEDS_ANSWER: QuoteStatus[] = ["received", "in_review", "changes_requested"];
export const OPEN: QuoteStatus[] = [...NEEDS_ANSWER, "quoted"];

export const INBOX_VIEWS = {
  open: { label: "Open", statuses: OPEN },
  waiting: { label: "Waiting on us", statuses: NEEDS_ANSWER },
  quoted: { label: "Quoted", statuses: ["quoted"] },
  accepted: { label: "Accepted", statuses: ["accepted"] },
  closed: { label: "Closed", statuses: ["declined", "expired", "withdrawn"] },
  all: { label: "All", statuses: undefined },
} as const satisfies Record<string, { label: string; statuses: readonly QuoteStatus[] | undefined }>;
export type InboxView = keyof typeof INBOX_VIEWS;

export const INBOX_PAGE_SIZE = 50;
