/** What the reminder job reminds of: its kinds, named for what they are about. */
export const QUOTE_REMINDER_KINDS = [
  /** To the buyer: their quote's last valid day is at most 3 days away. */
  "quote_expiring",
  /** To sales: a request has waited a business day for a first answer. */
  "request_unanswered",
  /** To sales: a buyer's message has waited 4 hours for a reply. */
  "message_unanswered",
  /** To the admins: a revision has waited 4 hours for their approval. */
  "approval_waiting",
] as const;
export type QuoteReminderKind = (typeof QUOTE_REMINDER_KINDS)[number];
