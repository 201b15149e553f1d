import { z } from "zod";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "./plain-text";

/** The buyer's forms on a quote status page: kept out of the route so the page ships no zod. */
export const Message = z.object({
  body: z
    .string()
    .trim()
    .min(1, { error: "Write a message first" })
    .max(5000, { error: "Keep the message under 5,000 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
});

export const Acceptance = z.object({
  revisionId: z.coerce.number().int().positive(),
  method: z.enum(["card", "invoice"], { error: "Choose how to pay" }),
  poNumber: z.string().trim().max(100, { error: "Keep the PO number under 100 characters" }),
});
