import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { ACCOUNT_INTENT } from "./account-intents";

export const AccountForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(ACCOUNT_INTENT.claim) }),
  z.object({
    intent: z.literal(ACCOUNT_INTENT.reorder),
    orderId: recordId,
    target: z.enum(["cart", "quote"], { error: "Choose the cart or the quote list" }),
  }),
  z.object({
    intent: z.literal(ACCOUNT_INTENT.rename),
    name: z
      .string()
      .trim()
      .min(1, { error: "Enter your name" })
      .max(200, { error: "Enter at most 200 characters" })
      .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  }),
]);

/** Sign out of this browser, or of every browser. */
export const SignOutForm = z.object({ intent: z.enum(["this", "everywhere"]).default("this") });
