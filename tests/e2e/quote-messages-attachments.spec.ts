import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { SALES } from "../support/admin";
import { waitForMail } from "../support/mail";
import { openInInbox, salesPage, submitQuoteRequest } from "../support/quotes";

const MB = 1024 * 1024;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

/** A message in the thread, found by its words. */
const messageWith = (page: Page, text: string) =>
  page.getByRole("region", { name: "Messages" }).getByRole("listitem").filter({ hasText: text });

/** Downloads a file through the link the page shows for it, as the page's own session. */
async function download(page: Page, link: Locator) {
  const href = await link.getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  return { href: href!, type: response.headers()["content-type"], bytes: await response.body() };
}

test("the buyer and sales send each other files with their messages, each downloaded from under its message", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const company = `Files Both Ways ${Date.now()}`;
  const { url, reference } = await submitQuoteRequest(page, { Company: company });
  const words = page.getByLabel("Message to sales");
  const files = page.getByLabel("Attach files (optional)");
  await expect(page.locator(`#${await files.getAttribute("id")}-hint`)).toHaveText(
    "Up to 5 files of 10 MB each: PDF, PNG, JPEG, DXF or STEP.",
  );

  // A file that is not a drawing, and a file over 10 MB: each said at the file field, the words kept.
  await words.fill("Our P&ID for the skid, revision C.");
  await files.setInputFiles({
    name: "pid.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("MZ\x90\0 a program"),
  });
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.locator("#message-body-files-error")).toHaveText(
    "“pid.pdf” is not a PDF, PNG, JPEG, DXF or STEP file.",
  );
  await expect(files).toHaveAttribute("aria-invalid", "true");
  await expect(words).toHaveValue("Our P&ID for the skid, revision C.");

  const huge = Buffer.concat([pdf("huge"), Buffer.alloc(11 * MB, 0x20)]);
  await files.setInputFiles({ name: "huge.pdf", mimeType: "application/pdf", buffer: huge });
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.locator("#message-body-files-error")).toHaveText("Each file must be at most 10 MB.");
  await expect(words).toHaveValue("Our P&ID for the skid, revision C.");
  await expect(page.getByRole("region", { name: "Messages" }).getByRole("listitem")).toHaveCount(0);

  const drawing = pdf("P&ID rev C");
  await files.setInputFiles({ name: "pid.pdf", mimeType: "application/pdf", buffer: drawing });
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(messageWith(page, "Our P&ID for the skid").getByRole("link", { name: "pid.pdf" })).toBeVisible();
  await expect(words).toHaveValue("");
  // The form is emptied; the message just sent has the focus, not the page.
  await expect(messageWith(page, "Our P&ID for the skid")).toBeFocused();
  // Shown once, under its message: the request's own Attachments section has nothing to show.
  await expect(page.getByRole("region", { name: "Attachments" })).toHaveCount(0);
  const toSales = await waitForMail((m) => m.subject === `Message on ${reference} from ${company}`);
  expect(toSales.text).toContain("1 file came with it, to download from the request’s page:\n- pid.pdf");
  expect(toSales.attachments ?? []).toEqual([]);

  // Sales sees the file under the message and downloads the very bytes.
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  const salesLink = messageWith(sales, "Our P&ID for the skid").getByRole("link", { name: "pid.pdf" });
  const got = await download(sales, salesLink);
  expect(got.href).toMatch(/^\/admin\/quotes\/\d+\/attachments\/\d+$/);
  expect(got.type).toBe("application/pdf");
  expect(Buffer.compare(got.bytes, drawing)).toBe(0);

  // Sales replies with a file of its own.
  const datasheet = pdf("datasheet PM-400");
  await sales.getByLabel("Reply to the buyer").fill("The pump datasheet you asked for.");
  await sales
    .getByLabel("Attach files (optional)")
    .setInputFiles({ name: "PM-400 datasheet.pdf", mimeType: "application/pdf", buffer: datasheet });
  await sales.getByRole("button", { name: "Send reply" }).click();
  await expect(
    messageWith(sales, "The pump datasheet").getByRole("link", { name: "PM-400 datasheet.pdf" }),
  ).toBeVisible();
  const toBuyer = await waitForMail((m) => m.subject === `IronAxis sales replied on ${reference}`);
  expect(toBuyer.text).toContain("- PM-400 datasheet.pdf");

  // On the buyer's page, open since, an empty message is refused: the focus stays at the field,
  // though the reply that arrived meanwhile now shows above it.
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(messageWith(page, "The pump datasheet")).toBeVisible();
  await expect(words).toBeFocused();

  // The buyer downloads it through their private link, under the name of the person who sent it.
  await page.goto(url);
  await expect(messageWith(page, "The pump datasheet")).toContainText(`${SALES.name}, IronAxis sales`);
  const buyerLink = messageWith(page, "The pump datasheet").getByRole("link", { name: "PM-400 datasheet.pdf" });
  const received = await download(page, buyerLink);
  expect(received.href.startsWith(`${new URL(url).pathname}/attachments/`)).toBe(true);
  expect(received.type).toBe("application/pdf");
  expect(Buffer.compare(received.bytes, datasheet)).toBe(0);
  // Another request's link does not reach the file.
  const other = received.href.replace(/\/quotes\/[^/]+/, `/quotes/${"B".repeat(43)}`);
  expect((await page.request.get(other)).status()).toBe(404);
});

test("without JavaScript the buyer sends files only; neither words nor files is refused at the words", async ({
  page,
  browser,
}) => {
  const { url, reference } = await submitQuoteRequest(page, { Company: `No Script Files ${Date.now()}` });
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await plain.goto(url);

  await plain.getByRole("button", { name: "Send message" }).click();
  await expect(plain.locator("#message-body-error")).toHaveText("Write a message or attach a file");
  await expect(plain.getByLabel("Message to sales")).toHaveAttribute("aria-invalid", "true");

  const step = Buffer.from("ISO-10303-21;\nHEADER;\nENDSEC;\nEND-ISO-10303-21;\n");
  await plain
    .getByLabel("Attach files (optional)")
    .setInputFiles({ name: "bracket.step", mimeType: "application/octet-stream", buffer: step });
  await plain.getByRole("button", { name: "Send message" }).click();
  await expect(plain).toHaveURL(url);
  const thread = plain.getByRole("region", { name: "Messages" });
  // One message, of files only: its list of files and nothing else.
  await expect(thread.getByRole("list", { name: "Files with this message" })).toHaveCount(1);
  await expect(thread.locator("p.message")).toHaveCount(0);
  const got = await download(plain, thread.getByRole("link", { name: "bracket.step" }));
  expect(got.type).toBe("model/step");
  expect(Buffer.compare(got.bytes, step)).toBe(0);
  await waitForMail((m) => m.subject.startsWith(`Message on ${reference}`) && m.text.includes("- bracket.step"));
});
