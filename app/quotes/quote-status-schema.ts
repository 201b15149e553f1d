import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { AddressFields, poNumber } from "~/orders/checkout-schema";
import { BUYER_QUOTE_INTENT as INTENT } from "./quote-intents";
import { messageText, QuoteMessageForm } from "./quote-message-schema";

/** A message in a request's thread, from the buyer or from sales, that must say something. */
export const messageBody = messageText.min(1, { error: "Write a message first" });

const Acceptance = z
  .object({
    intent: z.literal(INTENT.accept),
    revisionId: recordId,
    method: z.enum(["card", "invoice"], { error: "Choose how to pay" }),
    poNumber: poNumber.default(""),
    // The order made of the quote ships and bills where the checkout's orders do.
    ...AddressFields.shape,
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
  QuoteMessageForm,
  z.object({ intent: z.literal(INTENT.withdraw) }),
]);
