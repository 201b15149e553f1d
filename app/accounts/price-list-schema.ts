import { z } from "zod";
import { recordId, recordIdOr } from "~/lib/record-id";
import { formatMoney, MAX_UNIT_PRICE_CENTS, parseDollars } from "~/lib/money";
import { PRICE_LIST_INTENT } from "./price-list-intents";

const id = recordId;

/** "12.5" or "12.5%" → 1250 basis points: more than 0, less than 100, at most two decimals. */
const percentOff = z
  .string()
  .trim()
  .transform((typed, context) => {
    const cleaned = typed.replace(/%$/, "").trim();
    const value = /^\d{1,2}(\.\d{1,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : NaN;
    if (!(value > 0 && value < 10_000)) {
      context.addIssue({ code: "custom", message: "Enter a percentage off between 0.01 and 99.99, like 12.5" });
      return z.NEVER;
    }
    return value;
  });

const price = z
  .string()
  .trim()
  .transform((typed, context) => {
    const cents = parseDollars(typed, Number.POSITIVE_INFINITY);
    if (cents === undefined || cents === 0) {
      context.addIssue({ code: "custom", message: "Enter the company’s price in USD, like 1250.00" });
      return z.NEVER;
    }
    if (cents > MAX_UNIT_PRICE_CENTS) {
      context.addIssue({ code: "custom", message: `A price can be at most ${formatMoney(MAX_UNIT_PRICE_CENTS)}` });
      return z.NEVER;
    }
    return cents;
  });

const partNumber = z
  .string()
  .trim()
  .min(1, { error: "Enter the product’s part number" })
  .max(100, { error: "A part number is under 100 characters" });

export const PriceListForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal(PRICE_LIST_INTENT.setDiscount),
    categoryId: recordIdOr("Choose a category"),
    percentOff,
  }),
  z.object({ intent: z.literal(PRICE_LIST_INTENT.removeDiscount), categoryId: id }),
  z.object({ intent: z.literal(PRICE_LIST_INTENT.setPrice), partNumber, price }),
  z.object({ intent: z.literal(PRICE_LIST_INTENT.removePrice), productId: id }),
]);
