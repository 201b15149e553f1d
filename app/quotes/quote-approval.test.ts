import { describe, expect, it } from "vitest";
import {
  APPROVAL_ACTIONS,
  APPROVAL_STATES,
  approvalReasons,
  nextApproval,
  type ApprovalAction,
  type ApprovalState,
} from "./quote-approval";
import type { PricedLine } from "./quote-pricing";

describe("a draft's approval", () => {
  // Every state × every action: where it leads, or "—" where it is not allowed.
  const expected: Record<string, Record<ApprovalAction, string>> = {
    none: { ask: "pending", approve: "—", decline: "—", edit: "none" },
    pending: { ask: "pending", approve: "none", decline: "declined", edit: "none" },
    declined: { ask: "pending", approve: "—", decline: "—", edit: "none" },
  };
  const states: ApprovalState[] = [null, ...APPROVAL_STATES];
  it.each(states.flatMap((state) => APPROVAL_ACTIONS.map((action) => [state, action] as const)))(
    "from %s, %s",
    (state, action) => {
      const next = nextApproval(state, action);
      expect(next === undefined ? "—" : (next ?? "none")).toBe(expected[state ?? "none"][action]);
    },
  );
});

const line = (position: number, rest: Partial<PricedLine> = {}): PricedLine => ({
  position,
  kind: "item",
  quantity: 1,
  unitPriceCents: 1_000_00,
  percentBp: null,
  priceBreaks: [],
  optional: false,
  alternativeOf: null,
  taxable: true,
  ...rest,
});
const rules = { maxDiscountBp: 1000, minMarginBp: 1500 };

describe("when a revision needs approval", () => {
  it("holds a discount over the rule, and lets one at it through", () => {
    const goods = [line(0), line(1)];
    expect(approvalReasons([...goods, line(2, { kind: "discount", unitPriceCents: 200_00 })], {}, rules)).toEqual([]);
    expect(
      approvalReasons([...goods, line(2, { kind: "discount", unitPriceCents: 0, percentBp: 1001 })], {}, rules),
    ).toEqual(["Discount 10.01% of the goods is over the 10% allowed"]);
  });

  it("holds a margin under the rule over the costed items, net of their share of the discount", () => {
    // $1,000 sold at a cost of $850: 15% exactly passes; with 1% off the goods it is under.
    const costs = { 0: 850_00 };
    expect(approvalReasons([line(0), line(1)], costs, rules)).toEqual([]);
    expect(approvalReasons([line(0), line(1), line(2, { kind: "discount", percentBp: 100 })], costs, rules)).toEqual([
      "Margin 14.14% is under the 15% required",
    ]);
    // No cost typed: no margin to hold.
    expect(approvalReasons([line(0)], {}, rules)).toEqual([]);
    // Both, and no rules at all.
    const both = [line(0), line(1, { kind: "discount", percentBp: 5000 })];
    expect(approvalReasons(both, costs, rules)).toHaveLength(2);
    expect(approvalReasons(both, costs, { maxDiscountBp: null, minMarginBp: null })).toEqual([]);
  });
});
