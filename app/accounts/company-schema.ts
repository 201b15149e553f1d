import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { COMPANY_ROLES } from "~db/schema";
import { MAX_ORDER_TOTAL_CENTS, readDollars } from "~/lib/money";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { COMPANY_INTENT } from "./company-intents";

const id = recordId;

export const companyName = z
  .string()
  .trim()
  .min(1, { error: "Enter the company name" })
  .max(200, { error: "Keep the company name under 200 characters" })
  .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE });

const email = z
  .string()
  .trim()
  .max(254, { error: "Enter a shorter e-mail address" })
  .pipe(z.email({ error: "Enter an e-mail address like name@company.com" }))
  .transform((value) => value.toLowerCase());

const role = z.enum(COMPANY_ROLES, { error: "Choose a role" });

/** Dollars as typed; empty means no limit. */
const spendingLimitCents = z
  .string()
  .trim()
  .max(30, { error: "Enter an amount like 25,000" })
  .default("")
  .transform((typed, context) => {
    if (typed === "") return null;
    const read = readDollars(typed, MAX_ORDER_TOTAL_CENTS, "Enter an amount in dollars like 25,000, or leave it empty");
    if ("error" in read) context.addIssue({ code: "custom", message: read.error });
    return "cents" in read ? read.cents : null;
  });

/** The forms of the company page: one schema, one intent each. */
export const CompanyForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(COMPANY_INTENT.create), name: companyName }),
  z.object({ intent: z.literal(COMPANY_INTENT.invite), email, role, spendingLimitCents }),
  z.object({ intent: z.literal(COMPANY_INTENT.cancelInvitation), invitationId: id }),
  z.object({ intent: z.literal(COMPANY_INTENT.changeMember), memberId: id, role, spendingLimitCents }),
  z.object({ intent: z.literal(COMPANY_INTENT.removeMember), memberId: id }),
  z.object({ intent: z.literal(COMPANY_INTENT.leave) }),
]);

export type CompanyFields = z.output<typeof CompanyForm>;
