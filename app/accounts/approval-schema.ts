import { z } from "zod";
import { recordIdOr } from "~/lib/record-id";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { APPROVAL_INTENT } from "./company-intents";

const orderId = recordIdOr("Choose an order");
const note = z
  .string()
  .trim()
  .max(1000, { error: "Keep the note under 1,000 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

export const ApprovalForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(APPROVAL_INTENT.approve), orderId, note: note.default("") }),
  z.object({
    intent: z.literal(APPROVAL_INTENT.decline),
    orderId,
    note: note.pipe(z.string().min(1, { error: "Say why you decline it: the buyer reads this" })),
  }),
]);
export type ApprovalDecision = z.infer<typeof ApprovalForm>;
