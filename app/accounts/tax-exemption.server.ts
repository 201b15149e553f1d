import { aliasedTable, and, desc, eq, ne } from "drizzle-orm";
import { companies, customers, outboxEmails, taxExemptCertificates, users } from "~db/schema";
import { discardFiles, storeUpload, type StoredFile, type UploadedFile } from "~/lib/attachments.server";
import { db, writeTransaction } from "~/lib/db.server";
import { currentPerson, refuse, type CompanyRefusal } from "./company.server";
import { companyRoleAllows } from "./company-roles";
import { salesRecipient } from "./sales-recipient.server";
import { certificateDecisionEmail, certificateWaitingEmail } from "./tax-exemption-emails.server";
import { expiryProblem, inForce, todayUtc } from "./tax-exemption";

const certificates = taxExemptCertificates;
const newestFirst = [desc(certificates.uploadedAt), desc(certificates.id)];

/**
 * Whether the company's orders are tax-exempt on `today` (YYYY-MM-DD, UTC): only while its newest
 * approved certificate has not expired (its expiry day included). `certificate`: that one, if any.
 */
export function taxExemptionOf(companyId: number, today = todayUtc()) {
  const certificate = db
    .select({
      id: certificates.id,
      state: certificates.state,
      issuingState: certificates.issuingState,
      certificateNumber: certificates.certificateNumber,
      expiresOn: certificates.expiresOn,
      rejectionReason: certificates.rejectionReason,
    })
    .from(certificates)
    .where(and(eq(certificates.companyId, companyId), eq(certificates.state, "approved")))
    .orderBy(...newestFirst)
    .limit(1)
    .get();
  if (!certificate) return { exempt: false };
  return { exempt: inForce(certificate, today), certificate };
}

const uploader = aliasedTable(customers, "uploader");

/** Every certificate the company uploaded, newest first, with who uploaded and who reviewed it. */
export function companyCertificates(companyId: number) {
  return db
    .select({
      id: certificates.id,
      state: certificates.state,
      issuingState: certificates.issuingState,
      certificateNumber: certificates.certificateNumber,
      originalName: certificates.originalName,
      sizeBytes: certificates.sizeBytes,
      uploadedAt: certificates.uploadedAt,
      uploadedBy: uploader.email,
      reviewedAt: certificates.reviewedAt,
      reviewedBy: users.name,
      expiresOn: certificates.expiresOn,
      rejectionReason: certificates.rejectionReason,
    })
    .from(certificates)
    .leftJoin(uploader, eq(uploader.id, certificates.uploadedBy))
    .leftJoin(users, eq(users.id, certificates.reviewedBy))
    .where(eq(certificates.companyId, companyId))
    .orderBy(...newestFirst)
    .all();
}

export type CompanyCertificate = ReturnType<typeof companyCertificates>[number];

const NOT_ALLOWED = "Only a company admin can upload the company’s tax-exempt certificate.";

/**
 * A company admin uploads the company's certificate: the received file is stored, and the
 * certificate written with sales' e-mail in one transaction; a certificate still waiting for
 * review is replaced by it, an approved one stays in force until this one is approved. The
 * stored file is removed again when nothing records it.
 */
export function uploadTaxCertificate(
  admin: { id: number },
  fields: { issuingState: string; certificateNumber: string },
  file: UploadedFile,
): { ok: true; certificateId: number } | CompanyRefusal {
  const stored = storeUpload(file);
  let outcome: ReturnType<typeof recordCertificate>;
  try {
    outcome = recordCertificate(admin, fields, stored);
  } catch (error) {
    discardFiles([stored]);
    throw error;
  }
  if (!outcome.ok) discardFiles([stored]);
  return outcome;
}

function recordCertificate(
  admin: { id: number },
  fields: { issuingState: string; certificateNumber: string },
  stored: StoredFile,
): { ok: true; certificateId: number } | CompanyRefusal {
  return writeTransaction(() => {
    const me = currentPerson(admin.id);
    if (!me?.companyId || !companyRoleAllows(me.companyRole, "manage_tax_exemption")) return refuse(403, NOT_ALLOWED);
    const companyId = me.companyId;
    db.update(certificates)
      .set({ state: "replaced" })
      .where(and(eq(certificates.companyId, companyId), eq(certificates.state, "pending")))
      .run();
    const { certificateId } = db
      .insert(certificates)
      .values({ companyId, ...fields, ...stored, uploadedBy: me.id, uploadedAt: new Date().toISOString() })
      .returning({ certificateId: certificates.id })
      .get();
    const company = db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId)).get()!;
    db.insert(outboxEmails)
      .values(
        certificateWaitingEmail({
          to: salesRecipient(companyId),
          companyId,
          companyName: company.name,
          uploadedBy: me.name ? `${me.name} (${me.email})` : me.email,
          certificate: fields,
        }),
      )
      .run();
    return { ok: true, certificateId };
  });
}

export type CertificateDecision = { approved: true; expiresOn: string } | { approved: false; reason: string };

const DECIDED = "This certificate has been reviewed already (or replaced by a newer upload): reload the page.";

/**
 * Sales approves (until `expiresOn`) or rejects (with a reason) a company's pending certificate,
 * in one transaction with the e-mail to the company's admins. Approving replaces the
 * certificate approved before it. The first decision wins: one on a certificate no longer
 * pending is refused with 409.
 */
export function decideTaxCertificate(
  companyId: number,
  certificateId: number,
  decision: CertificateDecision,
  reviewer: { id: number },
  now = new Date(),
): { ok: true } | CompanyRefusal {
  if (decision.approved) {
    const problem = expiryProblem(decision.expiresOn, todayUtc(now));
    if (problem) return refuse(400, problem, "expiresOn");
  }
  return writeTransaction(() => {
    const decided = db
      .update(certificates)
      .set({
        state: decision.approved ? "approved" : "rejected",
        reviewedBy: reviewer.id,
        reviewedAt: now.toISOString(),
        expiresOn: decision.approved ? decision.expiresOn : null,
        rejectionReason: decision.approved ? null : decision.reason,
      })
      .where(
        and(
          eq(certificates.id, certificateId),
          eq(certificates.companyId, companyId),
          eq(certificates.state, "pending"),
        ),
      )
      .returning({ issuingState: certificates.issuingState, certificateNumber: certificates.certificateNumber })
      .get();
    if (!decided) {
      const exists = db
        .select({ id: certificates.id })
        .from(certificates)
        .where(and(eq(certificates.id, certificateId), eq(certificates.companyId, companyId)))
        .get();
      return exists ? refuse(409, DECIDED) : refuse(404, "That certificate is not this company’s.");
    }
    if (decision.approved)
      db.update(certificates)
        .set({ state: "replaced" })
        .where(
          and(
            eq(certificates.companyId, companyId),
            eq(certificates.state, "approved"),
            ne(certificates.id, certificateId),
          ),
        )
        .run();
    const company = db.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId)).get()!;
    const admins = db
      .select({ email: customers.email })
      .from(customers)
      .where(and(eq(customers.companyId, companyId), eq(customers.companyRole, "company_admin")))
      .all();
    if (admins.length)
      db.insert(outboxEmails)
        .values(
          admins.map(({ email }) =>
            certificateDecisionEmail({ to: email, companyName: company.name, certificate: decided, decision }),
          ),
        )
        .run();
    return { ok: true };
  });
}

/** The file of certificate `certificateId` when it is `companyId`'s, else nothing. */
export function certificateFile(companyId: number, certificateId: number) {
  if (![companyId, certificateId].every((id) => Number.isSafeInteger(id) && id > 0)) return undefined;
  return db
    .select({
      originalName: certificates.originalName,
      storedName: certificates.storedName,
      contentType: certificates.contentType,
    })
    .from(certificates)
    .where(and(eq(certificates.id, certificateId), eq(certificates.companyId, companyId)))
    .get();
}

/** The file of a certificate of the company the buyer is in now (any member may read it), else nothing. */
export function certificateFileForMember(customerId: number, certificateId: number) {
  const me = currentPerson(customerId);
  return me?.companyId ? certificateFile(me.companyId, certificateId) : undefined;
}
