import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { MAX_UNIT_PRICE_CENTS, readDollars } from "~/lib/money";
import { MAX_LINE_QUANTITY, quantityField } from "~/lib/quantity";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { QUOTE_LIST_INTENT as INTENT } from "./quote-intents";
import { REQUIREMENT_ROWS } from "./quote-list-fields";
import { QuoteRequestForm } from "./quote-request-schema";

const quantity = quantityField(MAX_LINE_QUANTITY);
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
    const read = readDollars(text, MAX_UNIT_PRICE_CENTS, "Enter a price in US dollars, for example 1250 or 1,250.50");
    if ("error" in read) {
      ctx.addIssue({ code: "custom", message: read.error });
      return z.NEVER;
    }
    return read.cents;
  });

export const RequirementRow = z.object({
  spec: z
    .string()
    .trim()
    .max(100, { error: "Keep the spec name under 100 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  value: z
    .string()
    .trim()
    .max(200, { error: "Keep the value under 200 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  importance: z.enum(["must", "nice"], { error: "Choose must have or nice to have" }).default("must"),
});

/** A line for something not in the catalog, with its "specs that matter" rows (spec0/value0/importance0 …; empty rows are skipped). */
const FreeFormLine = z
  .looseObject({
    intent: z.literal(INTENT.addFreeForm),
    description: z
      .string({ error: "Describe what you need" })
      .trim()
      .min(3, { error: "Describe what you need" })
      .max(500, { error: "Keep the description under 500 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
    quantity,
    targetPrice,
    equivalentAccepted: z.literal("on").optional(),
    note,
  })
  .transform(({ intent, description, quantity, targetPrice, equivalentAccepted, note, ...rows }, context) => {
    const requirements = [];
    for (let i = 0; i < REQUIREMENT_ROWS; i++) {
      const row = RequirementRow.safeParse({
        spec: rows[`spec${i}`] ?? "",
        value: rows[`value${i}`] ?? "",
        importance: rows[`importance${i}`] || undefined,
      });
      if (!row.success) context.addIssue({ code: "custom", path: [`value${i}`], message: row.error.issues[0].message });
      else if (row.data.spec || row.data.value)
        requirements.push({ spec: row.data.spec, value: row.data.value, mustHave: row.data.importance === "must" });
    }
    return {
      intent,
      line: {
        description,
        quantity,
        targetPriceCents: targetPrice,
        requirements,
        equivalentAccepted: equivalentAccepted === "on",
        note,
      },
    };
  });

/** Every form of /quote, one member per `intent`: the changes to the list and the request for quotation. */
export const QuoteListAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(INTENT.add), productId: recordId, quantity, stay: z.literal("1").optional() }),
  z.object({ intent: z.literal(INTENT.update), lineId: recordId, quantity, note }),
  z.object({ intent: z.literal(INTENT.remove), lineId: recordId }),
  z.object({
    intent: z.literal(INTENT.quickAdd),
    lines: z.string().max(20_000, { error: "Paste at most 200 lines" }),
  }),
  FreeFormLine,
  QuoteRequestForm.extend({ intent: z.literal(INTENT.submitRequest) }),
]);
