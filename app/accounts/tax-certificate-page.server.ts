import { redirect } from "@remix-run/node";
import { discardUploads, FIELD_TOO_LONG, readUpload, tooLongAt } from "~/lib/attachments.server";
import type { FormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { COMPANY_INTENT } from "./company-intents";
import { companyRoleAllows } from "./company-roles";
import type { Customer } from "./customer-session.server";
import { CERTIFICATE_KINDS_TEXT, earliestExpiry, latestExpiry, taxExemptStatus, todayUtc } from "./tax-exemption";
import { TaxCertificateForm } from "./tax-exemption-schema";
import {
  companyCertificates,
  decideTaxCertificate,
  uploadTaxCertificate,
  type CertificateDecision,
} from "./tax-exemption.server";

const INTENT = COMPANY_INTENT.taxCertificate;
const NOT_ALLOWED = "Only a company admin can upload the company’s tax-exempt certificate.";
/** A file input comes back empty whatever was chosen: the message says so. */
const CHOOSE_AGAIN = "Choose the file again: it is not kept when the form comes back.";

export const isMultipart = (request: Request) =>
  /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");

/** What the company page shows of the certificate: its status in words, the uploads, and the form's limits. */
export function taxCertificatePanel(customer: Pick<Customer, "companyRole">, companyId: number, today = todayUtc()) {
  const certificates = companyCertificates(companyId);
  return {
    status: taxExemptStatus(certificates, today),
    certificates,
    mayUpload: companyRoleAllows(customer.companyRole, "manage_tax_exemption"),
    constraints: constraintsOf(TaxCertificateForm),
  };
}

const fileRefused = (values: Record<string, string>, message: string, status: 400 | 413) =>
  invalid({ status: "error", intent: INTENT, fieldErrors: { file: message }, values }, status);

/**
 * The company admin's certificate upload (the company page's one multipart form): refused before
 * its body is read for anyone else; the file judged by its bytes (PDF, PNG or JPEG, at most
 * 10 MB); errors at the fields with what was typed; then stored and recorded in one go.
 */
export async function taxCertificateAction(customer: Customer, request: Request) {
  if (!companyRoleAllows(customer.companyRole, "manage_tax_exemption"))
    return invalid(formErrorResult({}, NOT_ALLOWED, { intent: INTENT }), 403);
  const upload = await readUpload(request, {
    fileField: "file",
    maxFiles: 1,
    kinds: ["pdf", "png", "jpg"],
    kindsText: CERTIFICATE_KINDS_TEXT,
  });
  if (!upload.ok) {
    if (upload.problem === "unreadable") throw new Response("The form could not be read.", { status: 400 });
    if (upload.problem === "field")
      return invalid(
        formErrorResult(upload.fields, FIELD_TOO_LONG, { intent: INTENT, fieldErrors: tooLongAt(upload.tooLong) }),
        413,
      );
    return fileRefused(upload.fields, `The certificate file must be at most 10 MB. ${CHOOSE_AGAIN}`, 413);
  }
  try {
    if (upload.fields.intent !== INTENT) throw new Response("Unsupported form encoding", { status: 415 });
    const parsed = parseForm(TaxCertificateForm, new URLSearchParams(upload.fields));
    const [file] = upload.files;
    const fileError = upload.problems.length
      ? `${upload.problems.join(" ")} ${CHOOSE_AGAIN}`
      : !file
        ? `Choose the certificate: ${CERTIFICATE_KINDS_TEXT} of at most 10 MB.`
        : parsed.status === "error"
          ? CHOOSE_AGAIN
          : undefined;
    if (parsed.status === "error" || fileError || !file) {
      const result: FormResult = {
        status: "error",
        intent: INTENT,
        fieldErrors: {
          ...(parsed.status === "error" ? parsed.fieldErrors : {}),
          ...(fileError ? { file: fileError } : {}),
        },
        formError: parsed.status === "error" ? parsed.formError : undefined,
        values: parsed.values,
      };
      return invalid(result, 400);
    }
    const { issuingState, certificateNumber } = parsed.data;
    const outcome = uploadTaxCertificate(customer, { issuingState, certificateNumber }, file);
    if (!outcome.ok)
      return invalid(formErrorResult(parsed.values, outcome.message, { intent: INTENT }), outcome.status);
    return redirect("/account/company?done=certificate");
  } finally {
    discardUploads(upload.files);
  }
}

/** The back office's view of a company's certificates, with the range an expiry may take. */
export function salesTaxCertificate(companyId: number, today = todayUtc()) {
  const certificates = companyCertificates(companyId);
  return {
    certificates,
    status: taxExemptStatus(certificates, today),
    expiryRange: { earliest: earliestExpiry(today), latest: latestExpiry(today) },
  };
}

/**
 * Sales' approval or rejection of a company's pending certificate: back to the company page, or
 * the form again with the message at its field (409 when someone decided first).
 */
export function reviewTaxCertificate(
  companyId: number,
  { intent, certificateId, decision }: { intent: string; certificateId: number; decision: CertificateDecision },
  values: Record<string, string>,
  reviewer: { id: number },
) {
  const outcome = decideTaxCertificate(companyId, certificateId, decision, reviewer);
  if (outcome.ok) return redirect(`/admin/companies/${companyId}?saved=certificate`);
  const fieldErrors = outcome.field ? { [outcome.field]: outcome.message } : {};
  return outcome.field
    ? invalid({ status: "error", intent, fieldErrors, values }, outcome.status)
    : invalid(formErrorResult(values, outcome.message, { intent }), outcome.status);
}
