/**
 * Quantity price breaks, of a catalog product or of a quote line: from `minQuantity` units on,
 * each costs `unitPriceCents`. Pure and client-safe, imported relatively by db/schema.ts, so it
 * reaches nothing through the `~/` alias and holds no schema library: the forms that take
 * breaks typed ("10+ 95.00; 50+ 89.50") wrap `parsePriceBreaks` in their own schema.
 */
import { MAX_UNIT_PRICE_CENTS, parseDollars } from "./money";

/** From `minQuantity` units on, each costs `unitPriceCents`. */
export type PriceBreak = { minQuantity: number; unitPriceCents: number };

/** The most breaks one product or quote line has: with its own price, five prices. */
export const MAX_PRICE_BREAKS = 4;
/** The largest quantity a break may start at: the most of one line (`MAX_LINE_QUANTITY`). */
const MAX_BREAK_QUANTITY = 1_000_000;

/** The unit price of `quantity` units: the last break reached, or the base price. */
export function unitPriceAt(line: { unitPriceCents: number; priceBreaks: readonly PriceBreak[] }, quantity: number) {
  let price = line.unitPriceCents;
  for (const tier of line.priceBreaks) if (quantity >= tier.minQuantity) price = tier.unitPriceCents;
  return price;
}

/** The next break above `quantity`, if any: what ordering more would get. */
export const nextBreak = (breaks: readonly PriceBreak[], quantity: number) =>
  breaks.find((tier) => tier.minQuantity > quantity);

/** A line's price breaks in words: "5+ at $1,100.00, 10+ at $995.00". */
export function breaksText(breaks: readonly PriceBreak[], money: (cents: number) => string) {
  return breaks
    .map((tier) => `${tier.minQuantity.toLocaleString("en-US")}+ at ${money(tier.unitPriceCents)}`)
    .join(", ");
}

/** Breaks in one short line, for a listing: "10+ $95.00 · 50+ $89.50". */
export function breaksLine(breaks: readonly PriceBreak[], money: (cents: number) => string) {
  return breaks.map((tier) => `${tier.minQuantity.toLocaleString("en-US")}+ ${money(tier.unitPriceCents)}`).join(" · ");
}

/** Breaks as they are typed (and exported): "10+ 95.00; 50+ 89.50"; empty for none. */
export const typedBreaks = (breaks: readonly PriceBreak[]) =>
  breaks.map((tier) => `${tier.minQuantity}+ ${(tier.unitPriceCents / 100).toFixed(2)}`).join("; ");

/**
 * The rows of a quantity pricing table: "1–9" at the base price, "10–49", "50+", each with the
 * unit price of its first quantity as `priceAt` works it out (a company's price, say). The table
 * starts at `fewest` (a product's minimum order), breaks at or below it folded into the first row.
 */
export function breakRanges(breaks: readonly PriceBreak[], priceAt: (quantity: number) => number, fewest = 1) {
  const count = (quantity: number) => quantity.toLocaleString("en-US");
  const starts = [fewest, ...breaks.map((tier) => tier.minQuantity).filter((quantity) => quantity > fewest)];
  return starts.map((from, i) => {
    const next = starts[i + 1];
    const range =
      next === undefined ? `${count(from)}+` : next - 1 === from ? count(from) : `${count(from)}–${count(next - 1)}`;
    return { from, range, unitPriceCents: priceAt(from) };
  });
}

export const PRICE_BREAK_MESSAGES = {
  format: 'Write each break as quantity+ and unit price, separated by semicolons: "5+ 1,100.00; 10+ 995.00"',
  ascending: "List the breaks from the smallest quantity up, each once",
  descending: "Each break's unit price must be lower than the one before it",
  belowBase: (base: string) => `Each break's unit price must be below the unit price, ${base}`,
  tooMany: `At most ${MAX_PRICE_BREAKS} price breaks on a line`,
} as const;

const BREAK = /^(\d{1,3}(?:,?\d{3})*)\s*\+\s*(?:at\s*)?\$?\s*(\S+)$/i;

export type ParsedBreaks = { ok: true; breaks: PriceBreak[] } | { ok: false; message: string };

/**
 * Price breaks as typed, "5+ 1,100.00; 10+ 995.00" (semicolons or lines between them): empty for
 * none; quantities above 1 and rising; prices in dollars with up to two decimals, above zero and
 * falling, each below `basePriceCents` when it is given (`money` words it in the message).
 */
export function parsePriceBreaks(
  text: string,
  base?: { priceCents: number; money: (cents: number) => string },
): ParsedBreaks {
  const typed = text.trim();
  if (!typed) return { ok: true, breaks: [] };
  const fail = (message: string) => ({ ok: false as const, message });
  const breaks: PriceBreak[] = [];
  for (const part of typed.split(/\s*[;\n]\s*/).filter(Boolean)) {
    const match = BREAK.exec(part);
    const minQuantity = match ? Number(match[1].replace(/,/g, "")) : NaN;
    const price = match ? parseDollars(match[2], MAX_UNIT_PRICE_CENTS / 100) : undefined;
    if (!match || !price || minQuantity < 2 || minQuantity > MAX_BREAK_QUANTITY)
      return fail(PRICE_BREAK_MESSAGES.format);
    const last = breaks.at(-1);
    if (last && minQuantity <= last.minQuantity) return fail(PRICE_BREAK_MESSAGES.ascending);
    if (last && price >= last.unitPriceCents) return fail(PRICE_BREAK_MESSAGES.descending);
    breaks.push({ minQuantity, unitPriceCents: price });
  }
  if (breaks.length > MAX_PRICE_BREAKS) return fail(PRICE_BREAK_MESSAGES.tooMany);
  if (base && breaks[0].unitPriceCents >= base.priceCents)
    return fail(PRICE_BREAK_MESSAGES.belowBase(base.money(base.priceCents)));
  return { ok: true, breaks };
}
