import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPROVAL_ACTIONS,
  APPROVAL_STATES,
  approvalReasons,
  lowestMargin,
  marginOf,
  nextApproval,
  type ApprovalAction,
  type ApprovalState,
} from "./quote-approval";
import { configure, type PricedLine } from "./quote-pricing";

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

describe("the margin a buyer's choices can bring a revision to", () => {
  it("is held to the rule too: a break below cost, or a cheaper alternative, the buyer may take", () => {
    // As quoted: 10 pumps at $1,000 (cost $700) and a $500 seal kit (cost $100): 26% margin.
    const costs = { 0: 700_00, 1: 100_00, 2: 450_00 };
    const pumps = line(0, { quantity: 10, priceBreaks: [{ minQuantity: 500, unitPriceCents: 650_00 }] });
    const kit = line(1, { unitPriceCents: 500_00 });
    expect(approvalReasons([pumps, kit], costs, rules)).toEqual([
      "Margin could fall to -7.69% with the buyer's choices (alternatives, options or quantities), under the 15% required",
    ]);
    // Without the break the buyer's quantity is fixed: nothing to hold.
    expect(approvalReasons([line(0, { quantity: 10 }), kit], costs, rules)).toEqual([]);
    // A cheaper alternative to the kit at a thin margin, with the pumps mostly bought:
    const alternative = line(2, { unitPriceCents: 500_00, alternativeOf: 1 });
    expect(approvalReasons([line(0, { quantity: 10 }), kit, alternative], costs, rules)).toEqual([]);
    const thin = line(2, { unitPriceCents: 460_00, alternativeOf: 1, quantity: 30 });
    expect(approvalReasons([line(0, { quantity: 1 }), kit, thin], costs, rules)[0]).toMatch(
      /^Margin could fall to 4\.\d+%/,
    );
  });

  it("is under a rule whenever a configuration the buyer can make is", () => {
    const lines = fc
      .array(
        fc.record({
          quantity: fc.integer({ min: 1, max: 20 }),
          price: fc.integer({ min: 10_000, max: 100_000 }),
          cost: fc.option(fc.integer({ min: 0, max: 150_000 })),
          breaks: fc.uniqueArray(
            fc.record({
              minQuantity: fc.integer({ min: 2, max: 50 }),
              unitPriceCents: fc.integer({ min: 10_000, max: 100_000 }),
            }),
            { selector: (tier) => tier.minQuantity, maxLength: 2 },
          ),
          optional: fc.boolean(),
          alternative: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      )
      .chain((rows) =>
        fc.record({
          rows: fc.constant(rows),
          discount: fc.option(
            fc.oneof(
              fc.integer({ min: 1, max: 3000 }).map((bp) => ({ bp })),
              fc.integer({ min: 1, max: 50_000 }).map((cents) => ({ cents })),
            ),
          ),
          picks: fc.array(fc.nat({ max: 5 }), { minLength: 5, maxLength: 5 }),
          options: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          quantities: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 6, maxLength: 6 }),
          rule: fc.integer({ min: -20_000, max: 9_000 }),
        }),
      );
    fc.assert(
      fc.property(lines, ({ rows, discount, picks, options, quantities, rule }) => {
        const priced: PricedLine[] = rows.map((row, position) =>
          line(position, {
            quantity: row.quantity,
            unitPriceCents: row.price,
            priceBreaks: [...row.breaks].sort((a, b) => a.minQuantity - b.minQuantity),
            optional: row.optional && position > 0,
            alternativeOf: row.alternative && position > 0 && !rows[0].optional ? 0 : null,
          }),
        );
        if (discount)
          priced.push(
            line(priced.length, {
              kind: "discount",
              unitPriceCents: "cents" in discount ? discount.cents : 0,
              percentBp: "bp" in discount ? discount.bp : null,
            }),
          );
        const costs = Object.fromEntries(rows.map((row, position) => [position, row.cost]));
        const selection = {
          picks: { 0: picks[0] % priced.length },
          options: priced.filter((_, i) => options[i]).map((l) => l.position),
          quantities: Object.fromEntries(priced.map((l, i) => [l.position, quantities[i]])),
        };
        const chosen = marginOf(configure(priced, selection), costs);
        const lowest = lowestMargin(priced, costs, 100);
        if (!chosen || chosen.revenue <= 0n) return;
        const quoted = marginOf(configure(priced), costs);
        const floor = lowest ?? quoted;
        expect(floor).toBeDefined();
        // Whatever the rule, a configuration under it has the floor under it too (within a basis
        // point: a percentage discount is rounded to the cent at each quantity, half a cent of at
        // least $100 of goods).
        const bp = ({ revenue, cost }: { revenue: bigint; cost: bigint }) =>
          Number((10_000n * (revenue - cost)) / revenue);
        // No revenue left after the discount (all of it taken off): under any rule.
        if (bp(chosen) < rule - 1) expect(floor!.revenue <= 0n || bp(floor!) < rule).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
