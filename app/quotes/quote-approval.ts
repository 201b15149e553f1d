/**
 * An admin's approval of a revision before it goes to the buyer: when it is needed (the rules),
 * and how a draft moves through asking, approving, declining and editing. Pure and client-safe.
 */
import { MAX_LINE_QUANTITY } from "~/lib/quantity";
import {
  alternativeGroups,
  configure,
  hasChoices,
  type Configured,
  type PricedLine,
  type Selection,
} from "./quote-pricing";

/** A draft waiting for an admin, or one an admin sent back; none asked is `null`. */
export const APPROVAL_STATES = ["pending", "declined"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number] | null;

/** What happens to a draft's approval, and who does it. */
export const APPROVAL_ACTORS = {
  /** Sales sends a revision the rules hold back: it waits for an admin. */
  ask: "sales",
  /** An admin approves it: it goes to the buyer as it stands. */
  approve: "admin",
  /** An admin sends it back to sales with a reason. */
  decline: "admin",
  /** Sales changes the draft: what was asked about is no longer what is there. */
  edit: "sales",
} as const;
export type ApprovalAction = keyof typeof APPROVAL_ACTORS;
export const APPROVAL_ACTIONS = Object.keys(APPROVAL_ACTORS) as ApprovalAction[];

type StateKey = NonNullable<ApprovalState> | "none";
const TRANSITIONS: Record<ApprovalAction, Partial<Record<StateKey, StateKey>>> = {
  ask: { none: "pending", declined: "pending", pending: "pending" },
  approve: { pending: "none" },
  decline: { pending: "declined" },
  edit: { pending: "none", declined: "none", none: "none" },
};

/** The state `action` leads to from `state`, or undefined when it is not allowed there. */
export function nextApproval(state: ApprovalState, action: ApprovalAction): ApprovalState | undefined {
  const next = TRANSITIONS[action][state ?? "none"];
  return next === undefined ? undefined : next === "none" ? null : next;
}

export const approvalAllows = (state: ApprovalState, action: ApprovalAction) =>
  nextApproval(state, action) !== undefined;

/** In basis points of the goods and of the revenue; null: no such rule. */
export type ApprovalRules = { maxDiscountBp: number | null; minMarginBp: number | null };

/** A share in basis points as people write it: 1250 → "12.5%". */
export const bpText = (bp: number) => `${(bp / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;

/**
 * Why a revision needs an admin's approval under `rules`, in words; empty when it does not. The
 * discount is the share of the goods the discounts take off (no choice of the buyer's takes off
 * a larger one: `configure`). The margin is over the items with a unit cost (`costs`, by
 * position), their revenue net of their share of the discount; without any cost there is no
 * margin to hold to the rule. It is held as quoted and at the lowest the buyer's choices can
 * bring it to (`lowestMargin`). Compared exactly, in integers.
 */
export function approvalReasons(
  lines: readonly PricedLine[],
  costs: Record<number, number | null>,
  rules: ApprovalRules,
) {
  const reasons: string[] = [];
  const quoted = configure(lines);
  const goods = BigInt(quoted.goodsCents);
  const discount = BigInt(quoted.discountCents);
  if (rules.maxDiscountBp !== null && goods > 0n && 10_000n * discount > BigInt(rules.maxDiscountBp) * goods)
    reasons.push(
      `Discount ${bpText(Number((10_000n * discount) / goods))} of the goods is over the ${bpText(rules.maxDiscountBp)} allowed`,
    );
  if (rules.minMarginBp === null) return reasons;
  const asQuoted = marginOf(quoted, costs);
  if (asQuoted && below(asQuoted, rules.minMarginBp))
    reasons.push(`Margin ${bpText(marginBp(asQuoted))} is under the ${bpText(rules.minMarginBp)} required`);
  else {
    const lowest = lowestMargin(lines, costs);
    if (lowest && below(lowest, rules.minMarginBp))
      reasons.push(
        `Margin could fall to ${bpText(marginBp(lowest))} with the buyer's choices (alternatives, options or quantities), under the ${bpText(rules.minMarginBp)} required`,
      );
  }
  return reasons;
}

/** A margin as revenue and cost, scaled alike (whole numbers); undefined when nothing bought has a cost. */
type Margin = { revenue: bigint; cost: bigint };

/**
 * The margin of a configured quote over its items with a cost, their revenue net of the discounts'
 * share of the goods: its own, or `share`'s (the quote as quoted, for `lowestMargin`).
 */
export function marginOf(
  configured: Configured,
  costs: Record<number, number | null>,
  share: { discountCents: number; goodsCents: number } = configured,
): Margin | undefined {
  const goods = BigInt(share.goodsCents);
  const costed = configured.lines.filter((line) => line.kind === "item" && costs[line.position] != null);
  if (!costed.length || goods === 0n) return undefined;
  // Revenue R(G − D)/G against cost C, both times G.
  const revenue =
    costed.reduce((sum, line) => sum + BigInt(line.amountCents), 0n) * (goods - BigInt(share.discountCents));
  const cost = costed.reduce((sum, line) => sum + BigInt(line.quantity) * BigInt(costs[line.position]!), 0n) * goods;
  return { revenue, cost };
}

/** Under `minBp`: 10,000·(R − C) < M·R. */
const below = ({ revenue, cost }: Margin, minBp: number) => 10_000n * (revenue - cost) < BigInt(minBp) * revenue;
const marginBp = ({ revenue, cost }: Margin) =>
  revenue > 0n ? Number((10_000n * (revenue - cost)) / revenue) : -10_000;
/** Whether margin `a` is lower than `b`: (Ra − Ca)/Ra < (Rb − Cb)/Rb, revenues positive. */
const lower = (a: Margin, b: Margin) =>
  a.revenue <= 0n || (b.revenue > 0n && (a.revenue - a.cost) * b.revenue < (b.revenue - b.cost) * a.revenue);

/** More configurations than this are not each priced: each line's lowest margin stands for them. */
const MOST_CONFIGURATIONS = 4_096;

/**
 * The lowest margin the buyer can bring a revision to by its choices: each alternative, each
 * option ticked or not, and each quantity of a line with price breaks at the ends of its breaks
 * (a margin over several lines moves steadily toward one line's as its quantity grows, so its
 * lowest is at an end: 1, each break's first quantity and the one before it, or the most a line
 * takes). Each is net of the discounts' share of the goods as quoted, the most any choice takes
 * off (`configure`): a floor, which a fixed discount shared over more goods only raises.
 * Undefined when nothing the buyer may choose has a cost. With more configurations than
 * MOST_CONFIGURATIONS, the lowest margin of any one line the buyer may take, at its lowest price:
 * what a buyer taking mostly that line comes close to.
 */
export function lowestMargin(
  lines: readonly PricedLine[],
  costs: Record<number, number | null>,
  mostQuantity = MAX_LINE_QUANTITY,
) {
  if (!hasChoices(lines)) return undefined;
  const dimensions: ((selection: Selection) => void)[][] = [];
  for (const [primary, group] of alternativeGroups(lines)) {
    const offered = group.filter((position) => lines.find((line) => line.position === position)!.quantity > 0);
    dimensions.push(offered.map((position) => (selection) => void (selection.picks[primary] = position)));
  }
  for (const line of lines) {
    if (line.quantity === 0) continue;
    if (line.optional) dimensions.push([() => undefined, (selection) => void selection.options.push(line.position)]);
    if (line.priceBreaks.length) {
      const ends = new Set([
        1,
        mostQuantity,
        ...line.priceBreaks.flatMap((tier) => [tier.minQuantity - 1, tier.minQuantity]),
      ]);
      const quantities = [...ends].filter((quantity) => quantity >= 1 && quantity <= mostQuantity);
      dimensions.push(
        quantities.map((quantity) => (selection) => void (selection.quantities[line.position] = quantity)),
      );
    }
  }
  const count = dimensions.reduce((product, choices) => product * Math.max(choices.length, 1), 1);
  if (count > MOST_CONFIGURATIONS) return lowestLineMargin(lines, costs);
  const quoted = configure(lines);
  let lowest: Margin | undefined;
  for (let k = 0; k < count; k++) {
    const selection: Selection = { picks: {}, options: [], quantities: {} };
    let rest = k;
    for (const choices of dimensions) {
      if (!choices.length) continue;
      choices[rest % choices.length](selection);
      rest = Math.floor(rest / choices.length);
    }
    const margin = marginOf(configure(lines, selection), costs, quoted);
    if (margin && (!lowest || lower(margin, lowest))) lowest = margin;
  }
  return lowest;
}

/** The lowest margin of any costed item line the buyer may take, at its lowest price, less the quoted discount's share. */
function lowestLineMargin(lines: readonly PricedLine[], costs: Record<number, number | null>) {
  const quoted = configure(lines);
  const goods = BigInt(quoted.goodsCents);
  let lowest: Margin | undefined;
  for (const line of lines) {
    const cost = costs[line.position];
    if (line.kind !== "item" || line.quantity === 0 || cost == null) continue;
    const price = Math.min(line.unitPriceCents, ...line.priceBreaks.map((tier) => tier.unitPriceCents));
    const margin =
      goods > 0n
        ? { revenue: BigInt(price) * (goods - BigInt(quoted.discountCents)), cost: BigInt(cost) * goods }
        : { revenue: BigInt(price), cost: BigInt(cost) };
    if (!lowest || lower(margin, lowest)) lowest = margin;
  }
  return lowest;
}
