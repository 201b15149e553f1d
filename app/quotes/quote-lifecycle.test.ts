import { describe, expect, it } from "vitest";
import {
  BUYER_QUOTE_EVENT,
  BUYER_QUOTE_STATUS,
  CLOSED_QUOTE_STATUSES,
  NEEDS_ANSWER_STATUSES,
  OPEN_QUOTE_STATUSES,
  QUOTE_ACTIONS,
  QUOTE_ACTORS,
  QUOTE_STATUSES,
  QUOTE_STATUS_LABEL,
  nextQuoteStatus,
  quoteAllows,
  quoteMove,
  quoteStatusOn,
  quoteStatusesAllowing,
  type QuoteAction,
  type QuoteStatus,
} from "./quote-lifecycle";

const _ = undefined;

/** Columns: received, in_review, quoted, changes_requested, accepted, declined, expired, withdrawn. */
const EXPECTED: Record<QuoteAction, (QuoteStatus | undefined)[]> = {
  review: ["in_review", _, _, _, _, _, _, _],
  send_revision: ["quoted", "quoted", "quoted", "quoted", _, "quoted", "quoted", _],
  sales_message: [
    "in_review",
    "in_review",
    "quoted",
    "changes_requested",
    "accepted",
    "declined",
    "expired",
    "withdrawn",
  ],
  decline: ["declined", "declined", "declined", "declined", _, _, _, _],
  reopen: [_, _, _, _, "in_review", _, _, _],
  buyer_message: [
    "received",
    "in_review",
    "quoted",
    "changes_requested",
    "accepted",
    "declined",
    "expired",
    "withdrawn",
  ],
  withdraw: ["withdrawn", "withdrawn", "withdrawn", "withdrawn", _, _, _, _],
  accept: [_, _, "accepted", "accepted", _, _, _, _],
  request_changes: [_, _, "changes_requested", "changes_requested", "changes_requested", _, _, _],
  expire: [_, _, "expired", "expired", _, _, _, _],
  lapse: [_, _, _, _, "expired", _, _, _],
};

const valid = { today: "2030-06-15", validUntil: "2030-06-15", committedOrder: false };
const passed = { today: "2030-06-16", validUntil: "2030-06-15", committedOrder: false };

describe("the quote lifecycle", () => {
  it("has these statuses, and these actions taken by these actors", () => {
    expect(QUOTE_STATUSES).toEqual([
      "received",
      "in_review",
      "quoted",
      "changes_requested",
      "accepted",
      "declined",
      "expired",
      "withdrawn",
    ]);
    expect(QUOTE_ACTORS).toEqual({
      review: "sales",
      send_revision: "sales",
      sales_message: "sales",
      decline: "sales",
      reopen: "sales",
      buyer_message: "buyer",
      withdraw: "buyer",
      accept: "buyer",
      request_changes: "buyer",
      expire: "system",
      lapse: "system",
    });
    expect(QUOTE_ACTIONS).toEqual(Object.keys(EXPECTED));
  });

  it("moves every status by every action as the table says, or not at all", () => {
    for (const action of QUOTE_ACTIONS) {
      QUOTE_STATUSES.forEach((status, column) => {
        const expected = EXPECTED[action][column];
        const pair = `${action} on ${status}`;
        expect(nextQuoteStatus(status, action), pair).toBe(expected);
        // With every fact in its favour, the action is allowed exactly where the table leads somewhere.
        const facts = action === "expire" || action === "lapse" ? passed : valid;
        expect(quoteAllows(status, action, facts), pair).toBe(expected !== undefined);
        expect(quoteStatusesAllowing(action).includes(status), pair).toBe(expected !== undefined);
      });
    }
  });

  it("gives each moving action one target for one guarded update", () => {
    expect(quoteMove("decline")).toEqual({
      from: ["received", "in_review", "quoted", "changes_requested"],
      to: "declined",
    });
    expect(quoteMove("sales_message")).toEqual({ from: ["received"], to: "in_review" });
    expect(quoteMove("send_revision")).toEqual({
      from: ["received", "in_review", "changes_requested", "declined", "expired"],
      to: "quoted",
    });
    expect(quoteMove("buyer_message")).toBeUndefined();
  });

  it("accepts and takes change requests only while the quote is valid (to the end of its last day, UTC)", () => {
    for (const status of ["quoted", "changes_requested"] as const) {
      expect(quoteAllows(status, "accept", valid)).toBe(true);
      expect(quoteAllows(status, "accept", passed)).toBe(false);
      expect(quoteAllows(status, "request_changes", valid)).toBe(true);
      expect(quoteAllows(status, "request_changes", passed)).toBe(false);
      // Without the dates, the status decides.
      expect(quoteAllows(status, "accept")).toBe(true);
    }
  });

  it("takes changes after accepting only while no money is committed and the quote is valid", () => {
    expect(quoteAllows("accepted", "request_changes", { ...valid, committedOrder: false })).toBe(true);
    expect(quoteAllows("accepted", "request_changes", { ...valid, committedOrder: true })).toBe(false);
    expect(quoteAllows("accepted", "request_changes", { today: valid.today, validUntil: valid.validUntil })).toBe(
      false,
    );
    expect(quoteAllows("accepted", "request_changes", { ...passed, committedOrder: false })).toBe(false);
    expect(quoteAllows("quoted", "request_changes", { ...valid, committedOrder: true })).toBe(true);
  });

  it("expires and lapses only once the last valid day has passed", () => {
    expect(quoteAllows("quoted", "expire", valid)).toBe(false);
    expect(quoteAllows("quoted", "expire", passed)).toBe(true);
    expect(quoteAllows("quoted", "expire", { today: passed.today })).toBe(false);
    expect(quoteAllows("quoted", "expire")).toBe(false);
    expect(quoteAllows("accepted", "lapse", valid)).toBe(false);
    expect(quoteAllows("accepted", "lapse", passed)).toBe(true);
  });

  it("shows an open quote past its validity as expired, and any other status as it is", () => {
    expect(quoteStatusOn("quoted", passed)).toBe("expired");
    expect(quoteStatusOn("changes_requested", passed)).toBe("expired");
    expect(quoteStatusOn("quoted", valid)).toBe("quoted");
    expect(quoteStatusOn("quoted", { today: passed.today })).toBe("quoted");
    for (const status of ["received", "in_review", "accepted", "declined", "expired", "withdrawn"] as const)
      expect(quoteStatusOn(status, passed)).toBe(status);
  });

  it("groups the statuses for the inbox: open, waiting on sales, closed", () => {
    expect(OPEN_QUOTE_STATUSES).toEqual(["received", "in_review", "quoted", "changes_requested"]);
    expect(NEEDS_ANSWER_STATUSES).toEqual(["received", "in_review", "changes_requested"]);
    expect(CLOSED_QUOTE_STATUSES).toEqual(["declined", "expired", "withdrawn"]);
  });

  it("names every status for sales and for the buyer", () => {
    expect(QUOTE_STATUS_LABEL.changes_requested).toBe("changes requested");
    expect(BUYER_QUOTE_STATUS.quoted).toBe("Quoted: review the quote below, then accept it or ask for changes");
    expect(BUYER_QUOTE_EVENT.accepted).toBe("You accepted the quote");
    for (const labels of [QUOTE_STATUS_LABEL, BUYER_QUOTE_STATUS, BUYER_QUOTE_EVENT])
      expect(Object.keys(labels)).toEqual([...QUOTE_STATUSES]);
  });
});
