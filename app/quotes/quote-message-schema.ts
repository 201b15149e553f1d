import { z } from "zod";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { BUYER_QUOTE_INTENT, SALES_QUOTE_INTENT } from "./quote-intents";

/** A message's words, which may be left empty when files come with it. */
export const messageText = z
  .string({ error: "Write a message first" })
  .trim()
  .max(5000, { error: "Keep the message under 5,000 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

/**
 * A message on a request, from the buyer's page or sales' page, sent with its files: words,
 * files or both. `files` is how many files came with it, counted by the action, never typed.
 */
export const QuoteMessageForm = z
  .object({
    intent: z.literal([BUYER_QUOTE_INTENT.message, SALES_QUOTE_INTENT.message]),
    body: messageText.default(""),
    files: z.number().int().min(0).default(0),
  })
  .refine((message) => message.body !== "" || message.files > 0, {
    path: ["body"],
    error: "Write a message or attach a file",
  });
