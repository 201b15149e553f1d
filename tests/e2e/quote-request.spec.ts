import { expectNoSeriousAxeViolations } from "../support/axe";
import { expect, test } from "../support/test";
import { openFirstProduct } from "../support/catalog";
import { requestFormFields } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { addFirstProductOf, fillRequest, requestReference } from "../support/quotes";

test("bad fields are shown at the field and in a summary, nothing is lost; then the request lands on its status page", async ({
  page,
}) => {
  const name = await addFirstProductOf(page, "flow-meters", "3");
  await page.goto("/quote");
  const form = await fillRequest(page, { Company: "", "E-mail": "dana-at-acme" });
  await form.getByLabel("Message (optional)").fill("Need ATEX certificates with delivery.");
  // Bypass the browser's own checks: the server must hold on its own.
  await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
  await form.getByRole("button", { name: "Send request for quotation" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link", { name: /Company: Enter your company name/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /E-mail: Enter an e-mail address/ })).toBeVisible();
  await expect(form.getByLabel("E-mail", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("E-mail", { exact: true })).toHaveValue("dana-at-acme");
  await expect(form.getByLabel("Your name", { exact: true })).toHaveValue("Dana Miller");
  await expect(form.getByLabel("Message (optional)")).toHaveValue("Need ATEX certificates with delivery.");
  await expect(page.getByRole("link", { name })).toBeVisible(); // the list is intact

  await form.getByLabel("Company", { exact: true }).fill("Acme Process Ltd");
  await form.getByLabel("E-mail", { exact: true }).fill("dana@acme-process.example");
  await form.getByRole("button", { name: "Send request for quotation" }).click();

  await expect(page).toHaveURL(/\/quotes\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Q-\d{4}-\d{5}$/);
  await expect(page.getByText("Received: sales will review it shortly").first()).toBeVisible();
  await expect(page.getByRole("cell", { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem")).toHaveCount(1);

  // Both e-mails arrive through a real SMTP server: the buyer's carries the private link.
  const reference = await requestReference(page);
  const confirmation = await waitForMail(
    (m) => m.to.includes("dana@acme-process.example") && m.subject.includes(reference),
  );
  expect(confirmation.text).toContain(page.url());
  expect(confirmation.html).toContain(`href="${page.url()}"`);
  const notification = await waitForMail((m) => m.to.includes("sales@ironaxis.test") && m.subject.includes(reference));
  expect(notification.text).toContain("Need ATEX certificates with delivery.");
  expect(notification.text).toContain(name);

  await page.goto("/quote");
  await expect(page.getByText("Your quote list is empty.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send request for quotation" })).toBeDisabled();
});

test("the form shown again after a field error keeps the time it was first shown; a start the server did not sign is refused", async ({
  page,
}) => {
  await addFirstProductOf(page, "flow-meters", "1");
  await page.goto("/quote");
  const startedAt = page.locator('input[name="formStartedAt"]');
  const submissionKey = page.locator('input[name="submissionKey"]');
  const first = { start: await startedAt.inputValue(), key: await submissionKey.inputValue() };
  expect(first.start).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);

  const form = await fillRequest(page, { "E-mail": "dana-at-acme" });
  await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expect(startedAt).toHaveValue(first.start);
  await expect(submissionKey).toHaveValue(first.key);

  // A start chosen by the client is refused even though this server asks for no minimum time.
  await form.getByLabel("E-mail", { exact: true }).fill("dana@acme-process.example");
  await startedAt.evaluate((input: HTMLInputElement) => (input.value = String(Date.now() - 60_000)));
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "faster than a person can fill in the form" });
  await expect(refusal).toBeVisible();
  await expect(form.getByLabel("E-mail", { exact: true })).toHaveValue("dana@acme-process.example");
  await expect(startedAt).toHaveValue(/^\d+\.[A-Za-z0-9_-]{43}$/);
  await expect(submissionKey).not.toHaveValue(first.key);

  // The form as shown again carries a start the server signed: it goes through.
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page).toHaveURL(/\/quotes\/[A-Za-z0-9_-]{43}$/);
});

test("hostile text is shown as text on the status page", async ({ page }) => {
  await addFirstProductOf(page, "mixers", "1");
  await page.goto("/quote");
  const form = await fillRequest(page, { Company: "<img src=x onerror=window.__pwned=1>" });
  await form.getByLabel("Message (optional)").fill("</textarea><script>window.__pwned=2</script>");
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page).toHaveURL(/\/quotes\//);
  await expect(page.getByText("<img src=x onerror=window.__pwned=1>").first()).toBeVisible();
  await expect(page.getByText("</textarea><script>window.__pwned=2</script>")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("the same form sent twice makes one request", async ({ page }) => {
  await addFirstProductOf(page, "conveyors", "2");
  await page.goto("/quote");
  const submissionKey = await page.locator('input[name="submissionKey"]').inputValue();
  const formStartedAt = await page.locator('input[name="formStartedAt"]').inputValue();
  const form = { ...requestFormFields({ email: "sam@twice.example" }), submissionKey, formStartedAt };
  const first = await page.request.post("/quote", {
    form,
    maxRedirects: 0,
    headers: { Origin: new URL(page.url()).origin },
  });
  const second = await page.request.post("/quote", {
    form,
    maxRedirects: 0,
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(first.status()).toBe(302);
  expect(second.status()).toBe(302);
  expect(second.headers().location).toBe(first.headers().location);
  await page.goto(first.headers().location);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Q-\d{4}-\d{5}$/);
});

test("an empty list cannot be sent, a filled honeypot is refused, a wrong token is 404", async ({ page }) => {
  await page.goto("/quote");
  await expect(page.getByText("Add at least one item to the list above to send a request.")).toBeVisible();
  const submissionKey = await page.locator('input[name="submissionKey"]').inputValue();
  const formStartedAt = await page.locator('input[name="formStartedAt"]').inputValue();
  const base = { ...requestFormFields({ email: "e@empty.example" }), submissionKey, formStartedAt };
  const empty = await page.request.post("/quote", { form: base, maxRedirects: 0 });
  expect(empty.status()).toBe(400);
  expect(await empty.text()).toContain("Your quote list is empty");
  const bot = await page.request.post("/quote", { form: { ...base, website: "http://spam.example" }, maxRedirects: 0 });
  expect(bot.status()).toBe(400);

  for (const token of ["nope", "A".repeat(43), "x".repeat(5000)]) {
    const response = await page.request.get(`/quotes/${token}`);
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain("Q-");
  }
});

test("a request not yet quoted can be withdrawn, and the change is on the timeline", async ({ page }) => {
  await addFirstProductOf(page, "ev-chargers", "4");
  await page.goto("/quote");
  const form = await fillRequest(page);
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page).toHaveURL(/\/quotes\//);
  await page.getByRole("button", { name: "Withdraw this request" }).click();
  await expect(page.getByText("Withdrawn").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Withdraw this request" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a request can be sent", async ({ page }) => {
    await page.goto("/categories/hydraulic-presses?sort=name");
    await openFirstProduct(page);
    await page.getByRole("button", { name: "Add to quote" }).click();
    await expect(page).toHaveURL(/\/quote$/);
    const form = await fillRequest(page);
    await form.getByRole("button", { name: "Send request for quotation" }).click();
    await expect(page).toHaveURL(/\/quotes\//);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Q-\d{4}-\d{5}$/);
  });
});

test("the buyer writes to sales from the status page; an empty message is refused at the field", async ({ page }) => {
  await addFirstProductOf(page, "pasteurizers", "1");
  await page.goto("/quote");
  const form = await fillRequest(page, { "E-mail": "thread@buyer.example" });
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  const reference = await requestReference(page);

  await page.getByLabel("Message to sales").fill("   ");
  await page
    .getByLabel("Message to sales")
    .evaluate((el: HTMLTextAreaElement) => el.form!.setAttribute("novalidate", ""));
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Write a message or attach a file")).toBeVisible();
  await expect(page.getByLabel("Message to sales")).toHaveAttribute("aria-invalid", "true");

  await page
    .getByLabel("Message to sales")
    .fill("Can you deliver <b>before</b> March?\nWe can take partial shipments.");
  await page.getByRole("button", { name: "Send message" }).click();
  const thread = page.getByRole("region", { name: "Messages" });
  await expect(thread.getByRole("listitem")).toHaveCount(1);
  await expect(thread.getByText("Can you deliver <b>before</b> March?", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Message to sales")).toHaveValue("");

  const mail = await waitForMail((m) => m.subject === `Message on ${reference} from Acme Process Ltd`);
  expect(mail.text).toContain("We can take partial shipments.");

  await expectNoSeriousAxeViolations(page);
});

test("attachments are checked by content: a drawing is accepted, a renamed .exe is refused and nothing typed is lost", async ({
  page,
}) => {
  await addFirstProductOf(page, "heat-exchangers", "1");
  await page.goto("/quote");
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  const step = Buffer.from(
    "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('bracket'),'2;1');\nENDSEC;\nEND-ISO-10303-21;\n",
  );
  const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

  let form = await fillRequest(page, { Company: "Drawings Inc" });
  await form.getByLabel("Message (optional)").fill("See the attached drawing.");
  await form.getByLabel("Drawings or spec sheets (optional)").setInputFiles([
    { name: "layout.pdf", mimeType: "application/pdf", buffer: pdf },
    { name: "invoice.pdf", mimeType: "application/pdf", buffer: exe },
  ]);
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "“invoice.pdf” is not a PDF, PNG, JPEG, DXF or STEP file.",
  );
  form = page.getByRole("form", { name: "Send the request" });
  await expect(form.getByLabel("Company", { exact: true })).toHaveValue("Drawings Inc");
  await expect(form.getByLabel("Message (optional)")).toHaveValue("See the attached drawing.");
  await expect(form.getByLabel("Drawings or spec sheets (optional)")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Drawings or spec sheets (optional)").setInputFiles([
    { name: "layout.pdf", mimeType: "application/pdf", buffer: pdf },
    { name: "../../bracket.step", mimeType: "application/octet-stream", buffer: step },
  ]);
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page).toHaveURL(/\/quotes\//);
  const files = page.getByRole("region", { name: "Attachments" });
  await expect(files.getByRole("link")).toHaveText(["layout.pdf", "bracket.step"]);

  const href = await files.getByRole("link", { name: "layout.pdf" }).getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain('filename="layout.pdf"');
  expect(Buffer.compare(await download.body(), pdf)).toBe(0);
  // Another request's link, or a wrong one, does not reach the file.
  expect((await page.request.get(href!.replace(/\/quotes\/[^/]+/, `/quotes/${"B".repeat(43)}`))).status()).toBe(404);

  const tooMany = Array.from({ length: 6 }, (_, i) => ({
    name: `sheet-${i}.pdf`,
    mimeType: "application/pdf",
    buffer: pdf,
  }));
  await addFirstProductOf(page, "heat-exchangers", "1");
  await page.goto("/quote");
  form = await fillRequest(page);
  await form.getByLabel("Drawings or spec sheets (optional)").setInputFiles(tooMany);
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "Attach at most 5 files (you chose 6).",
  );
});
