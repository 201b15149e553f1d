/**
 * What a quote comes to as the buyer configures it: which of a line's alternatives, which
 * optional lines, what quantity of a line with price breaks. Pure and exact (integer cents,
 * summed as BigInt), for the buyer's page in the browser, the server that makes the order and
 * the documents alike.
 */

// Price breaks are the catalog's too, and the taxable part is worked out as an order's: one module
// for both. db/schema.ts imports this file relatively, outside the ~/ alias, so this file reaches
// those modules the same way.
/* eslint-disable no-restricted-imports */
import { unitPriceAt, type PriceBreak } from "../lib/price-breaks";
import { readQuantity } from "../lib/whole-number";
import { taxableCentsOf } from "../orders/sales-tax";
import { quantityProblem, type SoldAs } from "../lib/pack-quantity";
export { breaksText, unitPriceAt, type PriceBreak } from "../lib/price-breaks";
/* eslint-enable no-restricted-imports */

export const LINE_KINDS = ["item", "charge", "discount"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const LINE_KIND_TEXT: Record<LineKind, string> = { item: "Item", charge: "Charge", discount: "Discount" };

export type PricedLine = {
  position: number;
  kind: LineKind;
  /** The quantity quoted; 0 for a line not quoted. A discount's is 1. */
  quantity: number;
  /** The unit price below the first break; a fixed discount's amount. */
  unitPriceCents: number;
  /** A percentage discount in basis points (500 = 5%) of the goods; null otherwise. */
  percentBp: number | null;
  /** Lower prices from larger quantities, by ascending `minQuantity` (each above 1). */
  priceBreaks: PriceBreak[];
  /** The buyer may tick it (spares, commissioning); left out unless ticked. */
  optional: boolean;
  /** The position of the line this one is an alternative to: the buyer takes one of them. */
  alternativeOf: number | null;
  taxable: boolean;
};

/** What the buyer chose; anything left unsaid is as quoted. */
export type Selection = {
  /** For a line with alternatives (by its position), the position of the one taken. */
  picks: Record<number, number>;
  /** The positions of the optional lines ticked. */
  options: number[];
  /** For a line with price breaks (by its position), the quantity wanted. */
  quantities: Record<number, number>;
};

export const NO_SELECTION: Selection = { picks: {}, options: [], quantities: {} };

export type ConfiguredLine = {
  position: number;
  kind: LineKind;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
};

export type Configured = {
  /** The lines bought, in order: a discount's amount is negative. */
  lines: ConfiguredLine[];
  goodsCents: number;
  chargesCents: number;
  /** What the discounts take off, as a positive amount: never more than the goods. */
  discountCents: number;
  totalCents: number;
  /** The part of the total on which sales tax may be due. */
  taxableCents: number;
};

/** Whether the buyer has anything to choose in a revision. */
export const hasChoices = (lines: readonly PricedLine[]) =>
  lines.some((line) => line.optional || line.alternativeOf !== null || line.priceBreaks.length > 0);

/** The lines the buyer chooses among, by the position of the line they are alternatives to. */
export function alternativeGroups(lines: readonly PricedLine[]) {
  const groups = new Map<number, number[]>();
  for (const line of lines) {
    if (line.alternativeOf === null) continue;
    const group = groups.get(line.alternativeOf) ?? [line.alternativeOf];
    group.push(line.position);
    groups.set(line.alternativeOf, group);
  }
  return groups;
}

/** Whether a line is in the quote as the buyer configured it. */
function taken(line: PricedLine, selection: Selection, groups: Map<number, number[]>) {
  if (line.quantity === 0) return false;
  const primary = line.alternativeOf ?? line.position;
  if (groups.has(primary)) {
    const pick = selection.picks[primary];
    const chosen = pick !== undefined && groups.get(primary)!.includes(pick) ? pick : primary;
    if (chosen !== line.position) return false;
  }
  return !line.optional || selection.options.includes(line.position);
}

/** A whole-cent share of `cents`, rounded half up: `bp` basis points of it. */
const percentOf = (cents: bigint, bp: number) => (cents * BigInt(bp) + 5_000n) / 10_000n;

/** The goods of the lines taken, at their quantities and break prices. */
function goodsOf(lines: readonly PricedLine[], selection: Selection) {
  const groups = alternativeGroups(lines);
  let goods = 0n;
  for (const line of lines) {
    if (line.kind !== "item" || !taken(line, selection, groups)) continue;
    const quantity = quantityOf(line, selection);
    goods += BigInt(quantity) * BigInt(unitPriceAt(line, quantity));
  }
  return goods;
}

const quantityOf = (line: PricedLine, selection: Selection) =>
  (line.priceBreaks.length ? selection.quantities[line.position] : undefined) ?? line.quantity;

/**
 * The quote as configured: the lines taken at their quantities and break prices, the charges,
 * then the discounts (a percentage of the goods, or an amount; together at most the goods). An
 * amount is off the goods as quoted: for fewer goods chosen (a smaller quantity, a cheaper
 * alternative) it shrinks in proportion, rounded down to the cent, so no choice takes off a
 * larger share of the goods than sales quoted (and an approver saw).
 */
export function configure(lines: readonly PricedLine[], selection: Selection = NO_SELECTION): Configured {
  const groups = alternativeGroups(lines);
  const bought = lines.filter((line) => taken(line, selection, groups));
  const out: ConfiguredLine[] = [];
  let goods = 0n;
  let charges = 0n;
  for (const line of bought) {
    if (line.kind === "discount") continue;
    const quantity = quantityOf(line, selection);
    const unitPriceCents = unitPriceAt(line, quantity);
    const amount = BigInt(quantity) * BigInt(unitPriceCents);
    if (line.kind === "item") goods += amount;
    else charges += amount;
    out.push({ position: line.position, kind: line.kind, quantity, unitPriceCents, amountCents: Number(amount) });
  }
  const quotedGoods = selection === NO_SELECTION ? goods : goodsOf(lines, NO_SELECTION);
  let discount = 0n;
  for (const line of bought) {
    if (line.kind !== "discount") continue;
    const fixed = BigInt(line.unitPriceCents);
    const wanted =
      line.percentBp !== null
        ? percentOf(goods, line.percentBp)
        : goods < quotedGoods
          ? (fixed * goods) / quotedGoods
          : fixed;
    const amount = wanted < goods - discount ? wanted : goods - discount;
    discount += amount;
    out.push({
      position: line.position,
      kind: "discount",
      quantity: 1,
      unitPriceCents: -Number(amount),
      amountCents: -Number(amount),
    });
  }
  const ordered = out.sort((a, b) => a.position - b.position);
  const taxable = new Map(bought.map((line) => [line.position, line.taxable]));
  return {
    lines: ordered,
    goodsCents: Number(goods),
    chargesCents: Number(charges),
    discountCents: Number(discount),
    totalCents: Number(goods + charges - discount),
    taxableCents: taxableCentsOf(ordered.map((line) => ({ ...line, taxable: taxable.get(line.position) }))),
  };
}

/** A discount in words: "5% off the goods", or its amount's words left to the caller. */
export const percentText = (bp: number) => `${(bp / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;

/** The words beside a line's name: what kind of line it is and what the buyer may do with it. */
export function lineMarks(line: PricedLine, nameAt: (position: number) => string) {
  const marks = [];
  if (line.kind === "charge") marks.push(LINE_KIND_TEXT[line.kind], line.taxable ? "taxable" : "not taxable");
  if (line.kind === "discount") marks.push(LINE_KIND_TEXT[line.kind]);
  if (line.optional) marks.push("Optional");
  if (line.alternativeOf !== null) marks.push(`Alternative to ${nameAt(line.alternativeOf)}`);
  return marks;
}

/** Field names of the buyer's choices: a group's pick, an option's tick, a quantity. */
export const selectionField = {
  pick: (primary: number) => `pick-${primary}`,
  option: (position: number) => `option-${position}`,
  quantity: (position: number) => `qty-${position}`,
};

/**
 * The buyer's choices as sent by a form or a URL (`get` reads one field): a pick must be one of
 * its group, a quantity a whole number from 1 to `maxQuantity` on a line with price breaks, and,
 * for a catalog product (`soldAs`, by line position), one it is sold in: its minimum order and
 * packs, as in the cart (the quantity sales quoted stands). A quantity that is not one comes back
 * as a message at its field; the rest is ignored.
 */
export function readSelection(
  lines: readonly PricedLine[],
  get: (name: string) => string | null | undefined,
  maxQuantity: number,
  soldAs: ReadonlyMap<number, SoldAs> = new Map(),
): { selection: Selection; errors: Record<string, string> } {
  const selection: Selection = { picks: {}, options: [], quantities: {} };
  const errors: Record<string, string> = {};
  for (const [primary, group] of alternativeGroups(lines)) {
    const pick = Number(get(selectionField.pick(primary)));
    if (group.includes(pick)) selection.picks[primary] = pick;
  }
  for (const line of lines) {
    if (line.optional && get(selectionField.option(line.position))) selection.options.push(line.position);
    if (!line.priceBreaks.length) continue;
    const name = selectionField.quantity(line.position);
    const typed = get(name)?.trim();
    if (!typed) continue;
    const quantity = readQuantity(typed);
    const sold = soldAs.get(line.position);
    const problem =
      quantity === undefined || quantity < 1 || quantity > maxQuantity
        ? `Enter a whole number from 1 to ${maxQuantity.toLocaleString("en-US")}`
        : sold && quantity !== line.quantity
          ? quantityProblem(quantity, sold)
          : undefined;
    if (problem) errors[name] = problem;
    else selection.quantities[line.position] = quantity!;
  }
  return { selection, errors };
}
