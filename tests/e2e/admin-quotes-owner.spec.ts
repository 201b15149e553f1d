import crypto from "node:crypto";
import { expect, gotoHydrates, test } from "../support/test";
import { ADMIN, SALES, signIn } from "../support/admin";
import { MAIL_HTTP_PORT, waitForMail, type CaughtMail } from "../support/mail";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { pdfPages } from "../support/pdf-text";
import { openInInbox, salesPage, sendRevision, submitQuoteRequest } from "../support/quotes";

const caughtMails = async () =>
  (await (await fetch(`http://127.0.0.1:${MAIL_HTTP_PORT}/messages`)).json()) as CaughtMail[];

test("sales assigns a request to a colleague, who finds it under My requests; an internal note stays with sales", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = crypto.randomBytes(4).toString("hex");
  const colleague = {
    email: `lee-${tag}@ironaxis.test`,
    name: `Lee Park ${tag}`,
    password: "lee-long-enough-password",
  };

  // An admin adds the colleague, a sales user.
  const admin = gotoHydrates(await (await browser.newContext()).newPage());
  await signIn(admin, ADMIN);
  await admin.goto("/admin/users");
  await admin.getByLabel("E-mail").fill(colleague.email);
  await admin.getByLabel("Name").fill(colleague.name);
  await admin.getByLabel("Password", { exact: true }).fill(colleague.password);
  await admin.getByRole("button", { name: "Save user" }).click();
  await expect(admin.getByRole("cell", { name: colleague.email })).toBeVisible();

  const buyerEmail = `buyer-${tag}@owner.example`;
  const { url, reference } = await submitQuoteRequest(page, { Company: `Owner Works ${tag}`, "E-mail": buyerEmail });

  // A guest's request starts unassigned; sales gives it to the colleague.
  const sales = await salesPage(browser);
  const row = await openInInbox(sales, reference);
  await expect(row.getByRole("cell", { name: "Unassigned" })).toBeVisible();
  await row.getByRole("link", { name: reference }).click();
  const ownerForm = sales.getByRole("form", { name: "Owner" });
  await expect(ownerForm.getByLabel("Owner")).toHaveValue("");
  await ownerForm.getByLabel("Owner").selectOption({ label: `${colleague.name} (${colleague.email})` });
  await ownerForm.getByRole("button", { name: "Assign" }).click();
  const timeline = sales.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText(`Assigned to ${colleague.name} by ${SALES.name}`);
  await expect(ownerForm.getByLabel("Owner")).not.toHaveValue("");
  const told = await waitForMail((mail) => mail.to.includes(colleague.email) && mail.subject.includes(reference));
  expect(told.subject).toBe(`${reference} from Owner Works ${tag} is now yours`);

  // An internal note: an empty one is refused at its field, a real one is listed with its author.
  const marker = `INTERNAL-${tag}-${crypto.randomBytes(4).toString("hex")}`;
  const notes = sales.getByRole("region", { name: "Internal notes" });
  const noteField = notes.getByLabel("Add an internal note");
  await noteField.evaluate((field: HTMLTextAreaElement) => field.removeAttribute("required"));
  await noteField.fill("   ");
  await notes.getByRole("button", { name: "Save note" }).click();
  await expect(notes.getByText("Write the note first")).toBeVisible();
  await expect(noteField).toHaveAttribute("aria-invalid", "true");
  await noteField.fill(`Price match allowed up to 5%: ${marker}`);
  await notes.getByRole("button", { name: "Save note" }).click();
  await expect(notes.getByRole("listitem").filter({ hasText: marker })).toContainText(SALES.name);
  await expect(noteField).toHaveValue("");
  await expectNoSeriousAxeViolations(sales);

  // Then a quote and a reply, each e-mailed to the buyer.
  await sendRevision(sales, { unitPrice: "1,480.00", weeks: "5" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();
  await sales.getByLabel("Reply to the buyer").fill("We are checking stock for you.");
  await sales.getByRole("button", { name: "Send reply" }).click();
  await expect(sales.getByText("We are checking stock for you.")).toBeVisible();

  // The colleague's "My requests" lists it with their name (a plain GET form, here without
  // JavaScript); the assigner's own does not, nor does "Unassigned".
  const lee = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(lee, colleague);
  await lee.goto("/admin/quotes?view=all");
  await lee.getByLabel("Owner").selectOption({ label: "My requests" });
  await lee.getByRole("button", { name: "Search requests" }).click();
  await expect(lee).toHaveURL(/owner=me/);
  const mine = lee.getByRole("row").filter({ hasText: reference });
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole("cell", { name: colleague.name })).toBeVisible();
  await expect(lee.getByText(/that you own/)).toBeVisible();
  await sales.goto(`/admin/quotes?view=all&owner=me&q=${reference}`);
  await expect(sales.getByText("No requests here.")).toBeVisible();
  await sales.goto(`/admin/quotes?view=all&owner=none&q=${reference}`);
  await expect(sales.getByText("No requests here.")).toBeVisible();

  // The buyer's page shows the reply, and neither the note nor who owns the request.
  await page.goto(url);
  await expect(page.getByText("We are checking stock for you.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(marker);
  await expect(page.locator("body")).not.toContainText("Internal notes");
  await expect(page.locator("body")).not.toContainText(colleague.name);
  for (const path of [url, `${url}.data`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const body = await response.text();
    expect(body, path).toContain(reference);
    expect(body, path).not.toContain(marker);
    expect(body, path).not.toContain(colleague.name);
  }
  const pdf = await pdfPages(await (await page.request.get(`${url}/quote.pdf`)).body());
  expect(pdf.join("\n")).toContain("$1,480.00");
  expect(pdf.join("\n")).not.toContain(marker);

  // Nor does any e-mail to the buyer, or the quotation PDF attached to one.
  await waitForMail(
    (mail) => mail.to.includes(buyerEmail) && mail.subject.includes(`received your quote request ${reference}`),
  );
  await waitForMail((mail) => mail.to.includes(buyerEmail) && mail.subject.includes(`replied on ${reference}`));
  await waitForMail((mail) => mail.to.includes(buyerEmail) && mail.subject.includes(`${reference} v1 is ready`));
  const toBuyer = (await caughtMails()).filter((mail) => mail.to.includes(buyerEmail));
  expect(toBuyer).toHaveLength(3);
  for (const mail of toBuyer) expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(marker);
  const attached = toBuyer.flatMap((mail) => mail.attachments);
  expect(attached).toHaveLength(1);
  const attachedText = (await pdfPages(Buffer.from(attached[0].content, "base64"))).join("\n");
  expect(attachedText).toContain(reference);
  expect(attachedText).not.toContain(marker);
});
