import { CLOSED_QUOTE_STATUSES, NEEDS_ANSWER_STATUSES, OPEN_QUOTE_STATUSES, type QuoteStatus } from "./quote-lifecycle";

/** The inbox's tabs (each lists the requests waiting on sales first, the longest-waiting first). */
export const INBOX_VIEWS = {
  open: { label: "Open", statuses: OPEN_QUOTE_STATUSES },
  waiting: { label: "Waiting on us", statuses: NEEDS_ANSWER_STATUSES },
  quoted: { label: "Quoted", statuses: ["quoted"] },
  accepted: { label: "Accepted", statuses: ["accepted"] },
  closed: { label: "Closed", statuses: CLOSED_QUOTE_STATUSES },
  all: { label: "All", statuses: undefined },
  /** Whatever its status: the next revision waits for an admin's approval. */
  approval: { label: "Awaiting approval", statuses: undefined },
} as const satisfies Record<string, { label: string; statuses: readonly QuoteStatus[] | undefined }>;
export type InboxView = keyof typeof INBOX_VIEWS;

export const INBOX_PAGE_SIZE = 50;
