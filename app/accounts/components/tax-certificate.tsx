import { Form } from "@remix-run/react";
import { COMPANY_INTENT, SALES_COMPANY_INTENT } from "~/accounts/company-intents";
import { MAX_EXPIRY_YEARS, TAX_CERTIFICATE_STATE_LABEL, type TaxCertificateState } from "~/accounts/tax-exemption";
import { US_STATE_CODES, US_STATES, type UsState } from "~/lib/us-address";
import { ErrorSummary, FormError, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { typedOr, useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { TableScroll } from "~/components/ui/table-scroll";

/** A certificate as both pages list it (`companyCertificates`). */
type Certificate = {
  id: number;
  state: TaxCertificateState;
  issuingState: string;
  certificateNumber: string;
  originalName: string;
  uploadedAt: string;
  uploadedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  expiresOn: string | null;
  rejectionReason: string | null;
};

const stateName = (code: string) => US_STATES[code as UsState] ?? code;
const stateOptions = [
  ["", "Choose a state"] as const,
  ...US_STATE_CODES.map((code) => [code, `${US_STATES[code]} (${code})`] as const),
];

function outcomeText(certificate: Certificate) {
  if (certificate.state === "approved" || (certificate.state === "replaced" && certificate.expiresOn))
    return `Expires ${certificate.expiresOn}`;
  if (certificate.state === "rejected") return certificate.rejectionReason;
  return "—";
}

/** The company's uploads, newest first, each with its file. */
function CertificatesTable({
  certificates,
  downloadPath,
  headingId,
}: {
  certificates: readonly Certificate[];
  downloadPath: (id: number) => string;
  headingId: string;
}) {
  return (
    <TableScroll labelledBy={headingId}>
      <table className="data-table" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Certificate</th>
            <th scope="col">Uploaded</th>
            <th scope="col">Review</th>
            <th scope="col">Expiry or reason</th>
            <th scope="col">File</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((certificate) => (
            <tr key={certificate.id}>
              <td>{TAX_CERTIFICATE_STATE_LABEL[certificate.state]}</td>
              <td>
                {stateName(certificate.issuingState)} · {certificate.certificateNumber}
              </td>
              <td>
                {formatDateTimeUtc(certificate.uploadedAt)}
                {certificate.uploadedBy ? ` by ${certificate.uploadedBy}` : ""}
              </td>
              <td>
                {certificate.reviewedAt
                  ? `${formatDateTimeUtc(certificate.reviewedAt)}${certificate.reviewedBy ? ` by ${certificate.reviewedBy}` : ""}`
                  : "—"}
              </td>
              <td>{outcomeText(certificate)}</td>
              <td>
                {/* A plain link: the file is a download, not a page of the app. */}
                <a href={downloadPath(certificate.id)} download>
                  {certificate.originalName}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The company page's tax-exempt section: the status in words for everyone in the company, the
 * uploads, and the upload form for company admins.
 */
export function TaxExemptSection({
  status,
  certificates,
  mayUpload,
  constraints,
}: {
  status: { exempt: boolean; lines: string[] };
  certificates: readonly Certificate[];
  mayUpload: boolean;
  constraints: Constraints;
}) {
  const result = useFormResult(COMPANY_INTENT.taxCertificate);
  const errors = result?.fieldErrors ?? {};
  const pending = useIsPending({ intent: COMPANY_INTENT.taxCertificate });
  return (
    <section className="panel" aria-labelledby="tax-heading">
      <h2 id="tax-heading">Tax-exempt status</h2>
      <div data-testid="tax-status">
        {status.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {certificates.length ? (
        <>
          <h3 id="certificates-heading">Certificates</h3>
          <CertificatesTable
            certificates={certificates}
            headingId="certificates-heading"
            downloadPath={(id) => `/account/company/tax-certificate/${id}`}
          />
        </>
      ) : null}
      {mayUpload ? (
        <Form method="post" encType="multipart/form-data" aria-labelledby="upload-certificate-heading">
          <h3 id="upload-certificate-heading">Upload a tax-exempt certificate</h3>
          <p className="muted">
            Sales reviews it; a certificate approved before stays in force until the new one is approved.
          </p>
          <FormError result={result} />
          <ErrorSummary errors={errors} />
          <input type="hidden" name="intent" value={COMPANY_INTENT.taxCertificate} />
          <SelectField
            id="issuingState"
            name="issuingState"
            label="Issuing state"
            options={stateOptions}
            {...constraints.issuingState}
            defaultValue={typedOr(result, "issuingState", "")}
            error={errors.issuingState}
          />
          <TextField
            id="certificateNumber"
            name="certificateNumber"
            label="Certificate number"
            autoComplete="off"
            {...constraints.certificateNumber}
            defaultValue={typedOr(result, "certificateNumber", "")}
            error={errors.certificateNumber}
          />
          <TextField
            id="file"
            name="file"
            type="file"
            required
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            label="Certificate file"
            hint="PDF, PNG or JPEG, up to 10 MB"
            error={errors.file}
          />
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            Upload certificate
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/**
 * The back office's review of a company's certificate: every upload with its file, and for one
 * waiting, approve with an expiry date or reject with a reason. The server judges the date
 * (`noValidate`: its message shows at the field).
 */
export function TaxCertificateReview({
  companyId,
  certificates,
  status,
  expiryRange,
  constraints,
}: {
  companyId: number;
  certificates: readonly Certificate[];
  status: { exempt: boolean; lines: string[] };
  expiryRange: { earliest: string; latest: string };
  constraints: Constraints;
}) {
  const approving = useFormResult(SALES_COMPANY_INTENT.approveCertificate);
  const rejecting = useFormResult(SALES_COMPANY_INTENT.rejectCertificate);
  const waiting = certificates.find((certificate) => certificate.state === "pending");
  return (
    <section className="panel" aria-labelledby="tax-heading">
      <h2 id="tax-heading">Tax-exempt certificate</h2>
      {/* Above the forms: a decision someone else made first leaves no pending certificate to show them with. */}
      <FormError result={approving ?? rejecting} />
      <div data-testid="tax-status">
        {status.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {certificates.length ? (
        <CertificatesTable
          certificates={certificates}
          headingId="tax-heading"
          downloadPath={(id) => `/admin/companies/${companyId}/tax-certificate/${id}`}
        />
      ) : null}
      {waiting ? (
        <div className="form-grid">
          <Form method="post" noValidate aria-label="Approve the certificate">
            <input type="hidden" name="intent" value={SALES_COMPANY_INTENT.approveCertificate} />
            <input type="hidden" name="certificateId" value={waiting.id} />
            <TextField
              id="expiresOn"
              name="expiresOn"
              type="date"
              label="Expires on"
              hint={`After today, at most ${MAX_EXPIRY_YEARS} years out (${expiryRange.latest}).`}
              required
              min={expiryRange.earliest}
              max={expiryRange.latest}
              defaultValue={typedOr(approving, "expiresOn", "")}
              error={approving?.fieldErrors.expiresOn}
            />
            <button type="submit" className="button">
              Approve
            </button>
          </Form>
          <Form method="post" noValidate aria-label="Reject the certificate">
            <input type="hidden" name="intent" value={SALES_COMPANY_INTENT.rejectCertificate} />
            <input type="hidden" name="certificateId" value={waiting.id} />
            <TextAreaField
              id="reason"
              name="reason"
              label="Reason for rejecting"
              hint="The company admin reads it."
              rows={2}
              {...constraints.reason}
              defaultValue={typedOr(rejecting, "reason", "")}
              error={rejecting?.fieldErrors.reason}
            />
            <button type="submit" className="button button--secondary">
              Reject
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
