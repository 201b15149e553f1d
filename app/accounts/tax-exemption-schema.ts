import { z } from "zod";
import { recordId } from "~/lib/record-id";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { COMPANY_INTENT, SALES_COMPANY_INTENT } from "./company-intents";
import { expiryProblem, MAX_CERTIFICATE_NUMBER_LENGTH, MAX_REJECTION_REASON_LENGTH, todayUtc } from "./tax-exemption";
import { US_STATE_CODES } from "~/lib/us-address";

const id = recordId;

/** The company admin's upload: the file comes beside these fields and is checked by its bytes. */
export const TaxCertificateForm = z.object({
  intent: z.literal(COMPANY_INTENT.taxCertificate),
  issuingState: z.enum(US_STATE_CODES, { error: "Choose the state that issued the certificate" }),
  certificateNumber: z
    .string()
    .trim()
    .min(1, { error: "Enter the certificate number" })
    .max(MAX_CERTIFICATE_NUMBER_LENGTH, {
      error: `Keep the certificate number under ${MAX_CERTIFICATE_NUMBER_LENGTH} characters`,
    })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
});

/** Sales approves a pending certificate until a day after today, at most five years out. */
export const ApproveCertificateForm = z.object({
  intent: z.literal(SALES_COMPANY_INTENT.approveCertificate),
  certificateId: id,
  expiresOn: z
    .string()
    .trim()
    .min(1, { error: "Enter the expiry date" })
    .superRefine((expiresOn, context) => {
      const problem = expiryProblem(expiresOn, todayUtc());
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
});

/** Sales rejects a pending certificate, saying why (the company admin reads it). */
export const RejectCertificateForm = z.object({
  intent: z.literal(SALES_COMPANY_INTENT.rejectCertificate),
  certificateId: id,
  reason: z
    .string()
    .trim()
    .min(1, { error: "Say why the certificate is rejected" })
    .max(MAX_REJECTION_REASON_LENGTH, {
      error: `Keep the reason under ${MAX_REJECTION_REASON_LENGTH.toLocaleString("en-US")} characters`,
    })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
});
