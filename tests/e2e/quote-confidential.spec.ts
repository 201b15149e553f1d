import { expect, test } from "../support/test";
import { waitForMail, type CaughtMail } from "../support/mail";
import { pdfPages } from "../support/pdf-text";
import { ADMIN } from "../support/admin";
import { openInInbox, salesPage, sendRevision, submitQuoteRequest } from "../support/quotes";

/** Every e-mail caught for `email` so far, as text: subjects, bodies and attached PDFs' text. */
async function mailText(mails: CaughtMail[]) {
  const parts: string[] = [];
  for (const mail of mails) {
    parts.push(mail.subject, mail.text, mail.html);
    for (const file of mail.attachments) parts.push(...(await pdfPages(Buffer.from(file.content, "base64"))));
  }
  return parts.join("\n");
}

test("sales' unit cost, margin, internal notes and approval stay on sales' pages: never on the buyer's page, its data, the PDF or an e-mail", async ({
  page,
  browser,
}) => {
  const email = `buyer-${Date.now()}@confidential.example`;
  const { url, reference } = await submitQuoteRequest(page, { Company: "Confidential Check Co", "E-mail": email });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();

  // A cost that is not a number comes back at its field, as typed.
  await sendRevision(sales, { unitPrice: "1,000.00", weeks: "3", unitCost: "cheap" });
  const cost = sales
    .locator("form.revision-form")
    .getByLabel(/^Unit cost for/)
    .first();
  await expect(cost).toHaveAttribute("aria-invalid", "true");
  await expect(cost).toHaveValue("cheap");

  await sales.getByLabel("Add an internal note").fill("NOTE-4471: the buyer's competitor quoted lower");
  await sales.getByRole("button", { name: "Save note" }).click();
  await expect(sales.getByText("NOTE-4471: the buyer's competitor quoted lower")).toBeVisible();

  // An 11.1% margin is under the 15% rule: an admin approves it before it goes out.
  await sendRevision(sales, { unitPrice: "1,000.00", weeks: "3", unitCost: "888.88" });
  await expect(sales.getByRole("region", { name: "v1 waits for an admin’s approval" })).toContainText(
    "Margin 11.11% is under the 15% required",
  );
  const admin = await salesPage(browser, ADMIN);
  await admin.goto(new URL(sales.url()).pathname);
  await admin.getByRole("button", { name: "Approve and send v1 to the buyer" }).click();
  await expect(admin.getByText(/^v1 · /)).toBeVisible();
  await admin.context().close();
  await sales.reload();
  // Sales sees the cost and the margin: (1,000.00 − 888.88) ÷ 1,000.00.
  const sent = sales.locator("table.revision").first();
  await expect(sent).toContainText("$888.88");
  await expect(sent).toContainText("11.1%");
  // The next revision's form starts from it.
  await expect(cost).toHaveValue("888.88");

  const ready = await waitForMail((m) => m.to.includes(email) && m.subject.includes(`${reference} v1 is ready`));
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Our quote, version 1" })).toBeVisible();
  // Each output with what proves it carries the quote: its price as shown, or in cents in the data.
  const outputs: [string, string][] = [
    [await page.content(), "1,000.00"],
    [await (await page.request.get(`${url}.data`)).text(), "100000"],
    [(await pdfPages(await (await page.request.get(`${url}/quote.pdf`)).body())).join("\n"), "1,000.00"],
    [await mailText([ready]), "1,000.00"],
  ];
  for (const [output, proof] of outputs) {
    expect(output).toContain(proof);
    // Style sheets speak of margins too: only the words a person or a script could read count.
    const words = output.replace(/<style[\s\S]*?<\/style>/g, "").replace(/ style="[^"]*"/g, "");
    expect(words).not.toContain("888.88");
    expect(words).not.toContain("88888");
    expect(words).not.toContain("NOTE-4471");
    expect(words).not.toMatch(/margin|costCents|unit cost|approval|approved and sent/i);
  }
});
