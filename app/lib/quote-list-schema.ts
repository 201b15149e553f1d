import { z } from "zod";

const MAX_QUANTITY = 1_000_000;

const quantity = z.coerce
  .number({ error: "Enter a quantity" })
  .int({ error: "Enter a whole number" })
  .min(1, { error: "Quantity must be at least 1" })
  .max(MAX_QUANTITY, { error: "Quantity must be at most 1,000,000" });
const id = z.coerce.number().int().positive();

/** Every change to the quote list, one schema per `intent` of the /quote action. */
export const QuoteListAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), productId: id, quantity, stay: z.literal("1").optional() }),
  z.object({ intent: z.literal("update"), lineId: id, quantity, note: z.string().trim().max(1000, { error: "Keep the note under 1,000 characters" }).default("") }),
  z.object({ intent: z.literal("remove"), lineId: id }),
]);
