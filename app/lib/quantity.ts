import { z } from "zod";
import { formatCount } from "./plural";
import { readQuantity } from "./whole-number";

/** The most of one product on one quote list line or quote revision line. */
export const MAX_LINE_QUANTITY = 1_000_000;

export { readQuantity };

/**
 * A quantity field as a buyer or sales types it: a whole number from 1 to `max`; thousands
 * separators are fine ("1,000,000"). `beyond`: what the refusal of more adds ("in a cart: …").
 */
export const quantityField = (max: number, beyond = "") =>
  z
    .string({ error: "Enter a quantity" })
    .trim()
    .min(1, { error: "Enter a quantity" })
    .transform((typed, context) => {
      if (/^-\d/.test(typed)) return 0; // said as "at least 1" below
      const quantity = readQuantity(typed);
      if (quantity === undefined) {
        context.addIssue({ code: "custom", message: "Enter a whole number, like 20 or 2,000" });
        return z.NEVER;
      }
      return quantity;
    })
    .pipe(
      z
        .number()
        .min(1, { error: "Quantity must be at least 1" })
        .max(max, { error: `Quantity must be at most ${formatCount(max)}${beyond && ` ${beyond}`}` }),
    );

/** Where a line is, in the buyer's words: "order line" "in your cart", "line" "on your list". */
export type LinePlace = { line: string; where: string };

/**
 * What is wrong with a line that would hold `quantity` of one product, `already` of them being
 * there before; undefined within `max`.
 */
export function lineLimitProblem(quantity: number, max: number, already: number, { line, where }: LinePlace) {
  if (quantity <= max) return undefined;
  if (already === 0) return `Quantity must be at most ${formatCount(max)}`;
  return `At most ${formatCount(max)} of one product per ${line}: there are already ${formatCount(already)} ${where}`;
}
