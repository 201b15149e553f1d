import { z } from "zod";
import { parseDollars } from "./money";
import { MAX_LINE_QUANTITY, quantityField } from "./quantity";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "./plain-text";
import { REQUIREMENT_ROWS } from "./quote-list-fields";

const quantity = quantityField(MAX_LINE_QUANTITY);
const id = z.coerce.number().int().positive();
const note = z
  .string()
  .trim()
  .max(1000, { error: "Keep the note under 1,000 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE })
  .default("");

/** Dollars as typed ("1,250.50", "$900") to integer cents; empty means no target price. */
const targetPrice = z
  .string()
  .trim()
  .default("")
  .transform((text, ctx) => {
    if (!text) return null;
    const cents = parseDollars(text);
    if (cents === undefined) {
      ctx.addIssue({ code: "custom", message: "Enter a price in US dollars, for example 1250 or 1,250.50" });
      return z.NEVER;
    }
    return cents;
  });


/** Every change to the quote list, one schema per `intent` of the /quote action. */
export const QuoteListAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), productId: id, quantity, stay: z.literal("1").optional() }),
  z.object({ intent: z.literal("update"), lineId: id, quantity, note }),
  z.object({ intent: z.literal("remove"), lineId: id }),
  z.object({ intent: z.literal("quick-add"), lines: z.string().max(20_000, { error: "Paste at most 200 lines" }) }),
  z.looseObject({
    intent: z.literal("add-free-form"),
    description: z
      .string()
      .trim()
      .min(3, { error: "Describe what you need" })
      .max(500, { error: "Keep the description under 500 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    quantity,
    targetPrice,
    equivalentAccepted: z.literal("on").optional(),
    note,
  }),
]);

const RequirementRow = z.object({
  spec: z.string().trim().max(100, { error: "Keep the spec name under 100 characters" }),
  value: z.string().trim().max(200, { error: "Keep the value under 200 characters" }),
  importance: z.enum(["must", "nice"]).default("must"),
});

/** The free-form line's "specs that matter" rows (spec0/value0/importance0 …); empty rows are skipped. */
export function parseRequirements(fields: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  const requirements = [];
  for (let i = 0; i < REQUIREMENT_ROWS; i++) {
    const row = RequirementRow.safeParse({ spec: fields[`spec${i}`] ?? "", value: fields[`value${i}`] ?? "", importance: fields[`importance${i}`] || undefined });
    if (!row.success) {
      errors[`value${i}`] = row.error.issues[0].message;
      continue;
    }
    if (row.data.spec || row.data.value) {
      requirements.push({ spec: row.data.spec, value: row.data.value, mustHave: row.data.importance === "must" });
    }
  }
  return { requirements, errors };
}
