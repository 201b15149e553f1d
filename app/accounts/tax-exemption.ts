/**
 * A company's tax-exempt certificate: its states, the words pages use for them, and the rules
 * that decide what a company's certificates mean today. Pure and client-safe (no zod, no drizzle).
 *
 * A certificate is uploaded by a company admin as `pending`; sales approves it with an expiry
 * date or rejects it with a reason. A newer upload marks a certificate still `pending` as
 * `replaced` at once, but an `approved` one stays in force until the newer one is approved: a tax
 * desk keeps honouring the certificate on file while its renewal is being reviewed, and a
 * rejected renewal must not take away an exemption that is still valid.
 */
export const TAX_CERTIFICATE_STATES = ["pending", "approved", "rejected", "replaced"] as const;
export type TaxCertificateState = (typeof TAX_CERTIFICATE_STATES)[number];

export const TAX_CERTIFICATE_STATE_LABEL: Record<TaxCertificateState, string> = {
  pending: "Pending review",
  approved: "Approved",
  rejected: "Rejected",
  replaced: "Replaced",
};

/** The earliest expiry sales may set: tomorrow. */
export const earliestExpiry = (today: string) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The latest expiry sales may set, in years from today. */
export const MAX_EXPIRY_YEARS = 5;
export const MAX_CERTIFICATE_NUMBER_LENGTH = 60;
export const MAX_REJECTION_REASON_LENGTH = 1000;
export const CERTIFICATE_KINDS_TEXT = "a PDF, PNG or JPEG file";

/** "2026-12-02": today's date in UTC, the day expiry dates are compared with. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

/** A real calendar day written YYYY-MM-DD (2027-02-31 is not one). */
export const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().slice(0, 10) === value;

/** The latest expiry date sales may set: the same day MAX_EXPIRY_YEARS years from today. */
export function latestExpiry(today: string) {
  const [year, rest] = [Number(today.slice(0, 4)), today.slice(4)];
  const candidate = `${year + MAX_EXPIRY_YEARS}${rest}`;
  // 29 February, five years on, is 28 February.
  return isCalendarDate(candidate) ? candidate : `${year + MAX_EXPIRY_YEARS}-02-28`;
}

/** Why `expiresOn` cannot be a certificate's expiry when approved on `today`, or undefined. */
export function expiryProblem(expiresOn: string, today: string) {
  if (!isCalendarDate(expiresOn)) return "Enter the expiry date as YYYY-MM-DD";
  if (expiresOn <= today) return "The expiry date must be after today";
  if (expiresOn > latestExpiry(today)) return `The expiry date can be at most ${MAX_EXPIRY_YEARS} years from today`;
  return undefined;
}

/** What the status of a company's certificates needs of each. */
export type CertificateFacts = {
  state: TaxCertificateState;
  expiresOn: string | null;
  rejectionReason: string | null;
};

/** Whether an approved certificate exempts on `today` (its expiry day included). */
export const inForce = (certificate: CertificateFacts, today: string) =>
  certificate.state === "approved" && certificate.expiresOn !== null && certificate.expiresOn >= today;

/**
 * What a company's certificates (newest upload first) mean on `today`, in the words its page
 * shows: the certificate in force, then what became of a newer upload.
 */
export function taxExemptStatus(certificates: readonly CertificateFacts[], today: string) {
  const approved = certificates.find((certificate) => certificate.state === "approved");
  const current = approved && inForce(approved, today) ? approved : undefined;
  const latest = certificates.find((certificate) => certificate.state !== "replaced");
  const lines: string[] = [];
  if (current) lines.push(`Tax-exempt: approved, expires ${current.expiresOn}`);
  if (latest && latest !== current) {
    if (latest.state === "pending") lines.push(current ? "A new certificate is pending review." : "Pending review");
    else if (latest.state === "rejected")
      lines.push(
        current ? `The new certificate was rejected: ${latest.rejectionReason}` : `Rejected: ${latest.rejectionReason}`,
      );
    else if (latest.state === "approved") lines.push(`Not tax-exempt: the certificate expired on ${latest.expiresOn}`);
  }
  return { exempt: Boolean(current), lines: lines.length ? lines : ["Not tax-exempt"] };
}
