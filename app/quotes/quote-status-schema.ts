import { z } from "zod";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { BUYER_QUOTE_INTENT as INTENT } from "./quote-intents";

/** A message in a request's thread, from the buyer or from sales. */
export const messageBody = z
  .string({ error: "Write a message first" })
  .trim()
  .min(1, { error: "Write a message first" })
  .max(5000, { error: "Keep the message under 5,000 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

const Acceptance = z
  .object({
    intent: z.literal(INTENT.accept),
    revisionId: z.coerce.number().int().positive(),
    method: z.enum(["card", "invoice"], { error: "Choose how to pay" }),
    poNumber: z.string().trim().max(100, { error: "Keep the PO number under 100 characters" }).default(""),
  })
  .refine((acceptance) => acceptance.method !== "invoice" || acceptance.poNumber !== "", {
    path: ["poNumber"],
    error: "Enter your purchase order (PO) number",
  });

/** Every form of the buyer's status page, one member per `intent`: kept out of the route so the page ships no zod. */
export const BuyerQuoteForm = z.discriminatedUnion("intent", [
  Acceptance,
  z.object({ intent: z.literal(INTENT.pay) }),
  z.object({ intent: z.literal(INTENT.requestChanges), body: messageBody }),
  z.object({ intent: z.literal(INTENT.message), body: messageBody }),
  z.object({ intent: z.literal(INTENT.withdraw) }),
]);
