/**
 * A quote request's lifecycle: its statuses, who may do what in which status, and where each
 * action leads. The one home of these rules: models guard their writes with it (SQL guards take
 * `quoteStatusesAllowing`), pages ask it what to offer. Pure and client-safe (no zod, no drizzle).
 */

export const QUOTE_STATUSES = [
  "received",
  "in_review",
  "quoted",
  "changes_requested",
  "accepted",
  "declined",
  "expired",
  "withdrawn",
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export type QuoteActor = "buyer" | "sales" | "system";

/** Everything that happens to a quote request after it is sent, and who does it. */
export const QUOTE_ACTORS = {
  /** Sales takes a fresh request into review. */
  review: "sales",
  /**
   * Sales sends the next revision (v1, v2, …): also to a request it declined, a mistake undone (a
   * request the buyer withdrew stays closed).
   */
  send_revision: "sales",
  /** Sales writes to the buyer; answering a fresh request takes it into review. */
  sales_message: "sales",
  /** Sales declines a request that is still open. */
  decline: "sales",
  /** Sales cancels the order of the accepted revision: the request goes back into review. */
  reopen: "sales",
  /** The buyer writes to sales. */
  buyer_message: "buyer",
  /** The buyer withdraws the request: before a quote, or declining the quote sent. */
  withdraw: "buyer",
  /** The buyer accepts the current revision. */
  accept: "buyer",
  /** The buyer asks for changes to the current revision (after accepting too, until money is committed). */
  request_changes: "buyer",
  /** The current revision's last valid day has passed. */
  expire: "system",
  /** The accepted revision's card order went unpaid past its last valid day. */
  lapse: "system",
} as const satisfies Record<string, QuoteActor>;
export type QuoteAction = keyof typeof QUOTE_ACTORS;
export const QUOTE_ACTIONS = Object.keys(QUOTE_ACTORS) as QuoteAction[];

/** A message changes nothing, in any status. */
const stays = Object.fromEntries(QUOTE_STATUSES.map((status) => [status, status])) as Record<QuoteStatus, QuoteStatus>;

/** Action × status → next status; a status not listed does not allow the action. */
const TRANSITIONS: Record<QuoteAction, Partial<Record<QuoteStatus, QuoteStatus>>> = {
  review: { received: "in_review" },
  send_revision: {
    received: "quoted",
    in_review: "quoted",
    quoted: "quoted",
    changes_requested: "quoted",
    declined: "quoted",
    expired: "quoted",
  },
  sales_message: { ...stays, received: "in_review" },
  decline: {
    received: "declined",
    in_review: "declined",
    quoted: "declined",
    changes_requested: "declined",
  },
  reopen: { accepted: "in_review" },
  buyer_message: stays,
  withdraw: {
    received: "withdrawn",
    in_review: "withdrawn",
    quoted: "withdrawn",
    changes_requested: "withdrawn",
  },
  accept: { quoted: "accepted", changes_requested: "accepted" },
  request_changes: {
    quoted: "changes_requested",
    changes_requested: "changes_requested",
    accepted: "changes_requested",
  },
  expire: { quoted: "expired", changes_requested: "expired" },
  lapse: { accepted: "expired" },
};

/**
 * What the status alone does not say. `today` and `validUntil` are UTC dates (YYYY-MM-DD);
 * `validUntil` is the current revision's last valid day. `committedOrder`: the buyer has an order
 * paid, being paid or invoiced for this request.
 */
export type QuoteFacts = { today?: string; validUntil?: string; committedOrder?: boolean };

/** Whether the current revision's last valid day has passed (false when either date is unknown). */
export const validityPassed = ({ today, validUntil }: QuoteFacts) =>
  today !== undefined && validUntil !== undefined && validUntil < today;

/** The status `action` leads to from `status`, or undefined when the status does not allow it. */
export function nextQuoteStatus(status: QuoteStatus, action: QuoteAction): QuoteStatus | undefined {
  return TRANSITIONS[action][status];
}

/**
 * Whether `action` may be taken on a request in `status`, given the facts. Accepting and asking
 * for changes need the quote still valid; the timer's `expire` and `lapse` need it past its
 * validity; changes after accepting need the fact that no money is committed (unknown: refused).
 */
export function quoteAllows(status: QuoteStatus, action: QuoteAction, facts: QuoteFacts = {}) {
  if (nextQuoteStatus(status, action) === undefined) return false;
  switch (action) {
    case "accept":
      return !validityPassed(facts);
    case "request_changes":
      return !validityPassed(facts) && (status !== "accepted" || facts.committedOrder === false);
    case "expire":
    case "lapse":
      return validityPassed(facts);
    default:
      return true;
  }
}

/** The statuses in which `action` is allowed at all, for SQL guards (`inArray(status, …)`). */
export function quoteStatusesAllowing(action: QuoteAction): QuoteStatus[] {
  return QUOTE_STATUSES.filter((status) => nextQuoteStatus(status, action) !== undefined);
}

/**
 * Where `action` moves a request, and from which statuses (those it leaves unchanged aside), for
 * one guarded UPDATE; undefined for an action that moves no request.
 */
export function quoteMove(action: QuoteAction): { from: QuoteStatus[]; to: QuoteStatus } | undefined {
  const from = quoteStatusesAllowing(action).filter((status) => nextQuoteStatus(status, action) !== status);
  const targets = new Set(from.map((status) => nextQuoteStatus(status, action)!));
  return targets.size === 1 ? { from, to: [...targets][0] } : undefined;
}

/** The status a request shows at `today`: an open quote past its validity is expired before the timer records it. */
export function quoteStatusOn(status: QuoteStatus, facts: QuoteFacts): QuoteStatus {
  return quoteAllows(status, "expire", facts) ? nextQuoteStatus(status, "expire")! : status;
}

/** Open: sales may still decline it (the buyer or sales has a move to make). */
export const OPEN_QUOTE_STATUSES = quoteStatusesAllowing("decline");
/** Waiting on sales: open, and a revision would move it on (a quoted request waits on the buyer). */
export const NEEDS_ANSWER_STATUSES = OPEN_QUOTE_STATUSES.filter(
  (status) => nextQuoteStatus(status, "send_revision") !== status,
);
/** Whether the buyer has a move to make in `status` besides writing (changes after accepting count). */
const buyerMayAct = (status: QuoteStatus) =>
  QUOTE_ACTIONS.some(
    (action) =>
      QUOTE_ACTORS[action] === "buyer" &&
      action !== "buyer_message" &&
      quoteAllows(status, action, { committedOrder: false }),
  );
/** Closed: the buyer can do nothing on it but write. */
export const CLOSED_QUOTE_STATUSES = QUOTE_STATUSES.filter((status) => !buyerMayAct(status));

/** A status in a few words, on badges and in the back office's lists and timelines. */
export const QUOTE_STATUS_LABEL: Record<QuoteStatus, string> = {
  received: "received",
  in_review: "in review",
  quoted: "quoted",
  changes_requested: "changes requested",
  accepted: "accepted",
  declined: "declined",
  expired: "expired",
  withdrawn: "withdrawn",
};

/** What the status means for the buyer, beside the badge on their quote page. */
export const BUYER_QUOTE_STATUS: Record<QuoteStatus, string> = {
  received: "Received: sales will review it shortly",
  in_review: "In review",
  quoted: "Quoted: review the quote below, then accept it or ask for changes",
  changes_requested: "Changes requested: sales is revising the quote",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

/** A status change on the buyer's timeline, in the buyer's words. */
export const BUYER_QUOTE_EVENT: Record<QuoteStatus, string> = {
  received: "Received",
  in_review: "In review",
  quoted: "Quote sent",
  changes_requested: "You asked for changes",
  accepted: "You accepted the quote",
  declined: "Declined by sales",
  expired: "Expired",
  withdrawn: "Withdrawn",
};
