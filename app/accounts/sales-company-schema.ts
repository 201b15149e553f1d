import { z } from "zod";
import { recordIdOr } from "~/lib/record-id";
import { readDollars } from "~/lib/money";
import { SALES_COMPANY_INTENT } from "./company-intents";
import { COMPANY_PAYMENT_TERMS, hasNetTerms, MAX_CREDIT_LIMIT_DOLLARS } from "./payment-terms";
import { ApproveCertificateForm, RejectCertificateForm } from "./tax-exemption-schema";

/** The account owner: a user's id, or empty for nobody. */
const accountOwnerId = z.union([z.literal("").transform(() => null), recordIdOr("Choose a sales user")]);

const AMOUNT = "Enter the credit limit in dollars, like 25,000";

/** Terms and credit limit: invoice terms need a limit above $0; card only keeps none. */
const TermsForm = z
  .object({
    intent: z.literal(SALES_COMPANY_INTENT.terms),
    paymentTerms: z.enum(COMPANY_PAYMENT_TERMS, { error: "Choose the payment terms" }),
    creditLimit: z.string().trim().max(30, { error: AMOUNT }).default(""),
  })
  .transform(({ intent, paymentTerms, creditLimit }, context) => {
    const read = creditLimit === "" ? { cents: 0 } : readDollars(creditLimit, MAX_CREDIT_LIMIT_DOLLARS * 100, AMOUNT);
    const cents = "cents" in read ? read.cents : undefined;
    if ("error" in read) context.addIssue({ code: "custom", path: ["creditLimit"], message: read.error });
    else if (hasNetTerms(paymentTerms) && cents === 0)
      context.addIssue({
        code: "custom",
        path: ["creditLimit"],
        message: "Invoice terms need a credit limit above $0: enter one, or choose Card only",
      });
    return { intent, paymentTerms, creditLimitCents: cents ?? 0 };
  });

/** The forms of a company's back-office page: one schema, one intent each. */
export const SalesCompanyForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(SALES_COMPANY_INTENT.owner), accountOwnerId }),
  TermsForm,
  ApproveCertificateForm,
  RejectCertificateForm,
]);
