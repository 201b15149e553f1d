import { expect, test } from "../support/test";
import { SALES, signIn } from "../support/admin";
import {
  acceptButton,
  anotherProduct,
  fillShippingAddress,
  openInInbox,
  salesPage,
  submitQuoteRequest,
} from "../support/quotes";

test("sales declines a requested line with a reason, adds a catalog line by part number and a freight line; the buyer sees each and accepts that total", async ({
  page,
  browser,
}) => {
  const { url, reference, product } = await submitQuoteRequest(page, { Company: "Builder Test Co", quantity: "1" });
  const other = anotherProduct(product);
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  const form = sales.locator("form.revision-form");
  await form.getByLabel(/^Not quoted because for/).fill("Replaced by the newer model added below");
  await form.getByLabel("Catalog part number, added line 1").fill("NO-SUCH-PART-42");
  await form.getByLabel("Quantity, added line 1").fill("1");
  await form.getByLabel("Unit price, added line 1").fill("2,000.00");
  await form.getByLabel("Lead time in weeks, added line 1").fill("3");
  await form.getByLabel("Description, added line 2").fill("Freight to Baton Rouge, LA");
  await form.getByLabel("Quantity, added line 2").fill("1");
  await form.getByLabel("Unit price, added line 2").fill("350");
  await form.getByLabel("Lead time in weeks, added line 2").fill("0");
  await form.getByRole("button", { name: /^Send v1 to the buyer$/ }).click();

  // An unknown part number comes back at its field, everything typed kept.
  const part = form.getByLabel("Catalog part number, added line 1");
  await expect(part).toHaveAttribute("aria-invalid", "true");
  await expect(sales.locator("#added-1-part-error")).toContainText(
    "No catalog product has the part number NO-SUCH-PART-42",
  );
  await expect(form.getByLabel("Description, added line 2")).toHaveValue("Freight to Baton Rouge, LA");
  await expect(form.getByLabel(/^Not quoted because for/)).toHaveValue("Replaced by the newer model added below");

  await part.fill(other.partNumber);
  await form.getByRole("button", { name: /^Send v1 to the buyer$/ }).click();
  await expect(sales.getByText(/^v1 · \$2,350\.00 · /)).toBeVisible();

  await page.goto(url);
  const offer = page.locator(".quote-offer table.revision");
  await expect(offer.getByRole("row").filter({ hasText: product })).toContainText(
    "Not quoted: Replaced by the newer model added below",
  );
  await expect(offer.getByRole("row").filter({ hasText: other.name })).toContainText("$2,000.00");
  await expect(offer.getByRole("row", { name: /Freight to Baton Rouge, LA/ })).toContainText("$350.00");
  await expect(offer.locator("tfoot")).toContainText("$2,350.00");

  await page.getByLabel("Your purchase order (PO) number").fill("PO-BUILD-1");
  await fillShippingAddress(page, "invoice");
  await acceptButton(page, 1, "invoice").click();
  // The order is what was quoted: the added lines, not the line sales did not quote.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^O-\d{4}-\d{5}$/);
  const items = page.getByRole("region", { name: "Items" });
  await expect(items.getByRole("row").filter({ hasText: other.name })).toContainText("$2,000.00");
  await expect(items.getByRole("row", { name: /Freight to Baton Rouge, LA/ })).toContainText("$350.00");
  // Shipped to Louisiana: 5% sales tax, estimated on the invoice order until sales confirms it.
  await expect(items.getByRole("row", { name: /^Sales tax \(LA 5%\) \(estimated\)/ })).toContainText("$117.50");
  await expect(items.getByRole("row", { name: /^Total/ })).toContainText("$2,467.50");
  await expect(items).not.toContainText(product);
});

test("the next revision is a draft until sent: saved by hand without JavaScript, by itself as sales types with it; the buyer sees none of it", async ({
  page,
  browser,
}) => {
  const { url, reference } = await submitQuoteRequest(page, { Company: "Draft Test Co" });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await expect(sales.getByRole("heading", { level: 1 })).toContainText(reference);
  const requestPage = sales.url();
  const form = sales.locator("form.revision-form");

  // With JavaScript: typing is enough.
  await form.getByLabel(/^Included for/).fill("Saved as typed");
  await expect(form.getByRole("status")).toContainText(`Draft saved`);
  await expect(form.getByRole("status")).toContainText(`by ${SALES.name}`);
  await sales.reload();
  await expect(form.getByLabel(/^Included for/)).toHaveValue("Saved as typed");

  // Without JavaScript: the Save draft button.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await signIn(noJs, SALES);
  await noJs.goto(requestPage);
  const plainForm = noJs.locator("form.revision-form");
  await expect(plainForm.getByLabel(/^Included for/)).toHaveValue("Saved as typed");
  await plainForm.getByLabel(/^Unit price for/).fill("4,321.00");
  // The page shows "Draft saved" from the typing above already: wait for this save's answer.
  const saved = noJs.waitForResponse(
    (response) =>
      response.request().method() === "POST" && new URL(response.url()).pathname === new URL(requestPage).pathname,
  );
  await plainForm.getByRole("button", { name: "Save draft" }).click();
  await saved;
  await expect(plainForm.getByRole("status")).toContainText("Draft saved");
  await expect(plainForm.getByLabel(/^Unit price for/)).toHaveValue("4,321.00");
  await plain.close();

  // The buyer sees no quote while it is a draft.
  await page.goto(url);
  await expect(page.getByRole("heading", { name: /^Our quote/ })).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("4,321.00");

  // Sent, the draft is gone: the next form starts from the revision sent.
  await sales.reload();
  await expect(form.getByLabel(/^Unit price for/)).toHaveValue("4,321.00");
  await form.getByRole("button", { name: "Send v1 to the buyer" }).click();
  await expect(sales.getByText(/^v1 · \$/)).toBeVisible();
  await expect(form.getByRole("status")).not.toContainText("Draft saved");
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Our quote, version 1" })).toBeVisible();
});
