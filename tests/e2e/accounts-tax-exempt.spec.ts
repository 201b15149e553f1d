import type { Page } from "@playwright/test";
import { accept, backOfficePage, buyerPage, createCompanyAs, invitationToken, invite } from "../support/accounts";
import { ADMIN, SALES } from "../support/admin";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { expect, test } from "../support/test";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const taxStatus = (page: Page) => page.getByTestId("tax-status");
const companyIdOf = (name: string) => queryRow<{ id: number }>("SELECT id FROM companies WHERE name = ?", name)!.id;
const certificateIdOf = (number: string) =>
  queryRow<{ id: number }>("SELECT id FROM tax_exempt_certificates WHERE certificate_number = ?", number)!.id;
/** A day `days` from today (UTC), as the date field takes it. */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function fillCertificate(page: Page, number: string, file: { name: string; buffer: Buffer }) {
  await page.getByLabel("Issuing state").selectOption({ label: "Texas (TX)" });
  await page.getByLabel("Certificate number").fill(number);
  await page.getByLabel("Certificate file").setInputFiles({ ...file, mimeType: "application/pdf" });
  await page.getByRole("button", { name: "Upload certificate" }).click();
}

test("a company admin uploads a certificate, sales approves it with an expiry, and the company's buyers see it approved; another company gets 404 for its file", async ({
  browser,
}) => {
  // Three sign-ins, two uploads, a review and two e-mails.
  test.setTimeout(90_000);
  const company = `Exempt Works ${uniqueEmail("c").slice(2, 10)}`;
  const ownerEmail = uniqueEmail("owner");
  const number = `TX-${uniqueEmail("n").slice(2, 10)}`;
  const owner = await buyerPage(browser, ownerEmail);
  await createCompanyAs(owner, company);
  await expect(taxStatus(owner)).toHaveText("Not tax-exempt");

  // Text named like a PDF is judged by its bytes, and refused at the field with what was typed kept.
  await fillCertificate(owner, number, { name: "scan.pdf", buffer: Buffer.from("PNG? No, plain text renamed.") });
  const fileField = owner.getByLabel("Certificate file");
  await expect(fileField).toHaveAttribute("aria-invalid", "true");
  await expect(owner.locator("#file-error")).toHaveText(
    "“scan.pdf” is not a PDF, PNG or JPEG file. Choose the file again: it is not kept when the form comes back.",
  );
  await expect(owner.getByLabel("Certificate number")).toHaveValue(number);
  await expect(owner.getByLabel("Issuing state")).toHaveValue("TX");
  expect(queryRow("SELECT id FROM tax_exempt_certificates WHERE certificate_number = ?", number)).toBeUndefined();

  await fillCertificate(owner, number, { name: "texas-exemption.pdf", buffer: PDF });
  await expect(owner.getByRole("status")).toContainText("Certificate uploaded");
  await expect(taxStatus(owner)).toHaveText("Pending review");
  const waiting = await waitForMail((mail) => mail.subject === `Tax-exempt certificate to review: ${company}`);
  expect(waiting.to).toContain(SALES.email);
  expect(waiting.text).toContain(number);

  // Sales downloads the file and approves it; a past expiry is refused at the field.
  const companyId = companyIdOf(company);
  const certificateId = certificateIdOf(number);
  const sales = await backOfficePage(browser, SALES);
  await sales.goto(`/admin/companies/${companyId}`);
  const review = sales.getByRole("region", { name: "Tax-exempt certificate" });
  await expect(review.getByRole("table")).toContainText(`Texas · ${number}`);
  await expect(review.getByRole("table")).toContainText(ownerEmail);
  const href = await review.getByRole("link", { name: "texas-exemption.pdf" }).getAttribute("href");
  expect(href).toBe(`/admin/companies/${companyId}/tax-certificate/${certificateId}`);
  const download = await sales.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toBe('attachment; filename="texas-exemption.pdf"');
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["cache-control"]).toContain("no-store");
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  await expectNoSeriousAxeViolations(sales);

  // An admin has the same page open: whoever decides first wins.
  const admin = await backOfficePage(browser, ADMIN);
  await admin.goto(`/admin/companies/${companyId}`);
  await expect(admin.getByRole("form", { name: "Reject the certificate" })).toBeVisible();

  const approve = sales.getByRole("form", { name: "Approve the certificate" });
  await approve.getByLabel("Expires on").fill(dayFromToday(-30));
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(approve.locator("#expiresOn-error")).toHaveText("The expiry date must be after today");
  await expect(taxStatus(sales)).toHaveText("Pending review");
  const expiresOn = dayFromToday(365);
  await approve.getByLabel("Expires on").fill(expiresOn);
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(taxStatus(sales)).toHaveText(`Tax-exempt: approved, expires ${expiresOn}`);
  await expect(sales.getByRole("form", { name: "Approve the certificate" })).toHaveCount(0);
  const reject = admin.getByRole("form", { name: "Reject the certificate" });
  await reject.getByLabel("Reason for rejecting").fill("The signature is missing.");
  await reject.getByRole("button", { name: "Reject" }).click();
  await expect(admin.getByRole("region", { name: "Tax-exempt certificate" }).getByRole("alert")).toHaveText(
    "This certificate has been reviewed already (or replaced by a newer upload): reload the page.",
  );
  await expect(taxStatus(admin)).toHaveText(`Tax-exempt: approved, expires ${expiresOn}`);

  // The company admin reads it on the page and in the e-mail.
  await owner.goto("/account/company");
  await expect(taxStatus(owner)).toHaveText(`Tax-exempt: approved, expires ${expiresOn}`);
  await expectNoSeriousAxeViolations(owner);
  const decided = await waitForMail(
    (mail) => mail.to.includes(ownerEmail) && mail.subject === `Tax-exempt certificate approved for ${company}`,
  );
  expect(decided.text).toContain(expiresOn);
  const own = await owner.request.get(`/account/company/tax-certificate/${certificateId}`, { maxRedirects: 0 });
  expect(own.status()).toBe(200);
  expect(own.headers()["content-disposition"]).toBe('attachment; filename="texas-exemption.pdf"');
  expect(own.headers()["x-content-type-options"]).toBe("nosniff");

  // A buyer of another company finds no such file.
  const stranger = await buyerPage(browser, uniqueEmail("stranger"));
  await createCompanyAs(stranger, `Stranger Co ${uniqueEmail("c").slice(2, 10)}`);
  const foreign = await stranger.request.get(`/account/company/tax-certificate/${certificateId}`, { maxRedirects: 0 });
  expect(foreign.status()).toBe(404);
  expect(await foreign.text()).not.toContain("%PDF");
});

test("without JavaScript a company admin uploads a certificate; a buyer of the company sees the status but no upload form", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const company = `Plain Forms ${uniqueEmail("c").slice(2, 10)}`;
  const ownerEmail = uniqueEmail("owner");
  const buyerEmail = uniqueEmail("buyer");
  const number = `NJ-${uniqueEmail("n").slice(2, 10)}`;
  const owner = await buyerPage(browser, ownerEmail, { javaScriptEnabled: false });
  await createCompanyAs(owner, company);

  // The whole page comes back from the server: a file that is no PDF is refused at its field.
  await owner.getByLabel("Issuing state").selectOption({ label: "New Jersey (NJ)" });
  await owner.getByLabel("Certificate number").fill(number);
  await owner
    .getByLabel("Certificate file")
    .setInputFiles({ name: "nj.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
  await owner.getByRole("button", { name: "Upload certificate" }).click();
  await expect(owner.locator("#file-error")).toHaveText(
    "“nj.pdf” is not a PDF, PNG or JPEG file. Choose the file again: it is not kept when the form comes back.",
  );
  await expect(owner.getByLabel("Issuing state")).toHaveValue("NJ");
  await expect(owner.getByLabel("Certificate number")).toHaveValue(number);

  await owner
    .getByLabel("Certificate file")
    .setInputFiles({ name: "nj.pdf", mimeType: "application/pdf", buffer: PDF });
  await owner.getByRole("button", { name: "Upload certificate" }).click();
  await expect(owner).toHaveURL(/\/account\/company\?done=certificate$/);
  await expect(taxStatus(owner)).toHaveText("Pending review");
  await expect(owner.getByRole("table", { name: "Certificates" })).toContainText(`New Jersey · ${number}`);

  await invite(owner, buyerEmail, "Buyer");
  const buyer = await buyerPage(browser, buyerEmail);
  await accept(buyer, await invitationToken(buyerEmail, company), company);
  await expect(taxStatus(buyer)).toHaveText("Pending review");
  await expect(buyer.getByRole("link", { name: "nj.pdf" })).toBeVisible();
  await expect(buyer.getByRole("button", { name: "Upload certificate" })).toHaveCount(0);
  await expect(buyer.getByLabel("Certificate file")).toHaveCount(0);
});
