import fs from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { customers, outboxEmails, taxExemptCertificates } from "~db/schema";
import { db } from "~/lib/db.server";
import { addColleague, makeCompany, makeSalesUser } from "../../tests/support/factories";
import type { Customer } from "./customer-session.server";
import { taxCertificateAction } from "./tax-certificate-page.server";
import { decideTaxCertificate, taxExemptionOf } from "./tax-exemption.server";

// A folder of this file's own for uploads, set before the upload modules read UPLOAD_DIR.
const uploadDir = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(`${tmpdir()}/ironaxis-tax-`);
  process.env.UPLOAD_DIR = dir;
  return dir;
});

afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const TODAY = "2026-12-02";

/** Everything in the upload folder, the files still arriving included. */
const filesOnDisk = () =>
  fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir, { recursive: true, encoding: "utf8" }).sort() : [];

function uploadRequest(fields: Record<string, string>, file?: { name: string; content: string }) {
  const boundary = "----certificate-test";
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file)
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n${file.content}\r\n`,
    );
  parts.push(`--${boundary}--\r\n`);
  return new Request("http://localhost/account/company", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: parts.join(""),
  });
}

/** The action's answer: a redirect's status, or a refused form's status and result. */
async function answer(action: ReturnType<typeof taxCertificateAction>) {
  const result = await action;
  if (!("init" in result)) return { status: result.status, form: undefined };
  return { status: result.init?.status, form: result.data };
}

const asCustomer = (id: number): Customer => {
  const row = db.select().from(customers).where(eq(customers.id, id)).get()!;
  return { ...row, companyName: null };
};

const form = (number: string) => ({ intent: "upload-tax-certificate", issuingState: "TX", certificateNumber: number });

async function upload(customerId: number, number: string) {
  const response = await answer(
    taxCertificateAction(asCustomer(customerId), uploadRequest(form(number), { name: "cert.pdf", content: PDF })),
  );
  expect(response.status).toBe(302);
  return db.select().from(taxExemptCertificates).where(eq(taxExemptCertificates.certificateNumber, number)).get()!;
}

const stateOf = (id: number) =>
  db
    .select({ state: taxExemptCertificates.state })
    .from(taxExemptCertificates)
    .where(eq(taxExemptCertificates.id, id))
    .get()!.state;

const mailTo = (email: string) =>
  db.select({ n: count() }).from(outboxEmails).where(eq(outboxEmails.to, email)).get()!.n;

describe("tax-exempt certificates", () => {
  it("pending, then approved: exempt until its expiry day, and not after", async () => {
    const { admin, companyId } = makeCompany("Exempt Co");
    const sales = await makeSalesUser();
    const certificate = await upload(admin.id, "TX-1001");
    expect(certificate).toMatchObject({ state: "pending", issuingState: "TX", contentType: "application/pdf" });
    expect(fs.readFileSync(path.join(uploadDir, certificate.storedName), "utf8")).toBe(PDF);
    expect(taxExemptionOf(companyId, TODAY)).toEqual({ exempt: false });
    expect(
      db
        .select()
        .from(outboxEmails)
        .where(eq(outboxEmails.subject, "Tax-exempt certificate to review: Exempt Co"))
        .all(),
    ).toHaveLength(1);

    const decided = decideTaxCertificate(
      companyId,
      certificate.id,
      { approved: true, expiresOn: "2027-06-30" },
      sales,
      new Date(`${TODAY}T12:00:00Z`),
    );
    expect(decided).toEqual({ ok: true });
    expect(taxExemptionOf(companyId, TODAY)).toMatchObject({
      exempt: true,
      certificate: { id: certificate.id, state: "approved", expiresOn: "2027-06-30" },
    });
    expect(taxExemptionOf(companyId, "2027-06-30").exempt).toBe(true);
    expect(taxExemptionOf(companyId, "2027-07-01")).toMatchObject({
      exempt: false,
      certificate: { expiresOn: "2027-06-30" },
    });
    expect(mailTo(admin.email)).toBe(1);
  });

  it("a rejected certificate exempts nothing and its reason is kept", async () => {
    const { admin, companyId } = makeCompany("Rejected Co");
    const sales = await makeSalesUser();
    const certificate = await upload(admin.id, "TX-2001");
    expect(decideTaxCertificate(companyId, certificate.id, { approved: false, reason: "Not signed" }, sales)).toEqual({
      ok: true,
    });
    expect(stateOf(certificate.id)).toBe("rejected");
    expect(taxExemptionOf(companyId, TODAY)).toEqual({ exempt: false });
  });

  it("a new upload replaces a pending one at once, and an approved one only once it is approved", async () => {
    const { admin, companyId } = makeCompany("Renewing Co");
    const sales = await makeSalesUser();
    const now = new Date(`${TODAY}T12:00:00Z`);
    const first = await upload(admin.id, "TX-3001");
    const second = await upload(admin.id, "TX-3002");
    expect(stateOf(first.id)).toBe("replaced");
    expect(decideTaxCertificate(companyId, second.id, { approved: true, expiresOn: "2027-01-31" }, sales, now).ok).toBe(
      true,
    );
    const renewal = await upload(admin.id, "TX-3003");
    expect(stateOf(second.id)).toBe("approved");
    expect(taxExemptionOf(companyId, TODAY)).toMatchObject({ exempt: true, certificate: { id: second.id } });
    expect(
      decideTaxCertificate(companyId, renewal.id, { approved: true, expiresOn: "2028-01-31" }, sales, now).ok,
    ).toBe(true);
    expect(stateOf(second.id)).toBe("replaced");
    expect(taxExemptionOf(companyId, "2027-12-31")).toMatchObject({ exempt: true, certificate: { id: renewal.id } });
  });

  it("the first decision wins: a second one gets 409 and changes nothing; another company's certificate is not found", async () => {
    const { admin, companyId } = makeCompany("Twice Co");
    const other = makeCompany("Other Co");
    const [first, second] = [await makeSalesUser("First"), await makeSalesUser("Second")];
    const certificate = await upload(admin.id, "TX-4001");
    expect(decideTaxCertificate(companyId, certificate.id, { approved: false, reason: "Expired" }, first).ok).toBe(
      true,
    );
    expect(
      decideTaxCertificate(companyId, certificate.id, { approved: true, expiresOn: "2027-06-30" }, second),
    ).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(stateOf(certificate.id)).toBe("rejected");
    expect(mailTo(admin.email)).toBe(1);
    expect(
      decideTaxCertificate(other.companyId, certificate.id, { approved: false, reason: "x" }, first),
    ).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("refuses an expiry that is not after today", async () => {
    const { admin, companyId } = makeCompany("Past Co");
    const sales = await makeSalesUser();
    const certificate = await upload(admin.id, "TX-5001");
    const now = new Date(`${TODAY}T12:00:00Z`);
    expect(
      decideTaxCertificate(companyId, certificate.id, { approved: true, expiresOn: TODAY }, sales, now),
    ).toMatchObject({
      ok: false,
      status: 400,
      field: "expiresOn",
    });
    expect(stateOf(certificate.id)).toBe("pending");
  });

  it("refuses an upload by anyone but a company admin, before reading it", async () => {
    const { admin, companyId } = makeCompany("Members Co");
    const buyer = addColleague(admin, "buyer");
    const approver = addColleague(admin, "approver");
    const before = filesOnDisk();
    for (const person of [buyer, approver]) {
      const response = await answer(
        taxCertificateAction(asCustomer(person.id), uploadRequest(form("TX-6001"), { name: "cert.pdf", content: PDF })),
      );
      expect(response.status).toBe(403);
    }
    expect(
      db.select({ n: count() }).from(taxExemptCertificates).where(eq(taxExemptCertificates.companyId, companyId)).get()!
        .n,
    ).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });

  it("refuses a file that is not a PDF, PNG or JPEG by its bytes, whatever its name: nothing written, no file left", async () => {
    const { admin, companyId } = makeCompany("Wrong File Co");
    const before = filesOnDisk();
    const emailsBefore = db.select({ n: count() }).from(outboxEmails).get()!.n;
    const response = await answer(
      taxCertificateAction(
        asCustomer(admin.id),
        uploadRequest(form("TX-7001"), { name: "certificate.pdf", content: "just some text, not a PDF" }),
      ),
    );
    expect(response.status).toBe(400);
    const result = response.form!;
    expect(result.fieldErrors.file).toContain("is not a PDF, PNG or JPEG file");
    expect(result.fieldErrors.file).toContain("Choose the file again");
    expect(result.values).toMatchObject({ issuingState: "TX", certificateNumber: "TX-7001" });
    expect(
      db
        .select({ n: count() })
        .from(taxExemptCertificates)
        .where(and(eq(taxExemptCertificates.companyId, companyId)))
        .get()!.n,
    ).toBe(0);
    expect(db.select({ n: count() }).from(outboxEmails).get()!.n).toBe(emailsBefore);
    expect(filesOnDisk()).toEqual(before);
  });

  it("keeps what was typed and asks for the file again when a field is wrong", async () => {
    const { admin } = makeCompany("Typo Co");
    const before = filesOnDisk();
    const response = await answer(
      taxCertificateAction(
        asCustomer(admin.id),
        uploadRequest({ ...form("TX-8001"), issuingState: "XX" }, { name: "cert.pdf", content: PDF }),
      ),
    );
    expect(response.status).toBe(400);
    const result = response.form!;
    expect(result.fieldErrors).toEqual({
      issuingState: "Choose the state that issued the certificate",
      file: "Choose the file again: it is not kept when the form comes back.",
    });
    expect(result.values.certificateNumber).toBe("TX-8001");
    expect(filesOnDisk()).toEqual(before);
  });
});
