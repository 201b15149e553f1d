/**
 * Reading a count as people type it, for the browser and the server alike. No zod here: the
 * quote pricing module, which db/schema.ts imports, reads the buyer's quantities with it.
 */

/** Digits, optionally grouped in threes by commas or spaces: not "1e3", "0x10", "2.0" or "+5". */
const WHOLE_NUMBER = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+)$/;

/** A quantity as typed ("2,000") as a number, or undefined when it is not a plain whole number. */
export function readQuantity(typed: string): number | undefined {
  const text = typed.trim();
  return WHOLE_NUMBER.test(text) ? Number(text.replace(/[, ]/g, "")) : undefined;
}
