import { z } from "zod";

/** The most of one product on one quote list line or quote revision line. */
export const MAX_LINE_QUANTITY = 1_000_000;

/**
 * A quantity field as a buyer or sales types it: a whole number from 1 to `max`; thousands
 * separators are fine ("1,000,000").
 */
export const quantityField = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/[,\s]/g, "") : value),
    z.coerce
      .number({ error: "Enter a quantity" })
      .int({ error: "Enter a whole number" })
      .min(1, { error: "Quantity must be at least 1" })
      .max(max, { error: `Quantity must be at most ${max.toLocaleString("en-US")}` }),
  );
