/**
 * An admin's approval of a revision before it goes to the buyer: when it is needed (the rules),
 * and how a draft moves through asking, approving, declining and editing. Pure and client-safe.
 */
import { configure, type PricedLine } from "./quote-pricing";

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
 * Why a revision as quoted needs an admin's approval under `rules`, in words; empty when it does
 * not. The discount is the share of the goods the discounts take off. The margin is over the
 * items with a unit cost (`costs`, by position), their revenue net of their share of the
 * discount; without any cost there is no margin to hold to the rule. Compared exactly, in integers.
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
  const costed = quoted.lines.filter((line) => line.kind === "item" && costs[line.position] != null);
  if (rules.minMarginBp !== null && costed.length && goods > 0n) {
    // Revenue R(G − D)/G against cost C: the margin is under M when 10,000·(R(G − D) − C·G) < M·R(G − D).
    const revenue = costed.reduce((sum, line) => sum + BigInt(line.amountCents), 0n) * (goods - discount);
    const cost = costed.reduce((sum, line) => sum + BigInt(line.quantity) * BigInt(costs[line.position]!), 0n) * goods;
    if (10_000n * (revenue - cost) < BigInt(rules.minMarginBp) * revenue) {
      const margin = revenue > 0n ? Number((10_000n * (revenue - cost)) / revenue) : -10_000;
      reasons.push(`Margin ${bpText(margin)} is under the ${bpText(rules.minMarginBp)} required`);
    }
  }
  return reasons;
}
