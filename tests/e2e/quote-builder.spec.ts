import { expect, test } from "../support/test";
import { queryRow } from "../support/db";
import { openInInbox, salesPage, submitQuoteRequest } from "../support/quotes";

test("sales declines a requested line with a reason, adds a catalog line by part number and a freight line; the buyer sees each and accepts that total", async ({
  page,
  browser,
}) => {
  const { url, reference, product } = await submitQuoteRequest(page, { Company: "Builder Test Co", quantity: "1" });
  const other = queryRow<{ partNumber: string; name: string }>(
    "SELECT part_number AS partNumber, name FROM products WHERE status = 'active' AND name <> ? ORDER BY id LIMIT 1",
    product,
  )!;
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
  await page.getByRole("button", { name: "Accept version 1 and pay by invoice" }).click();
  // The order is what was quoted: the added lines, not the line sales did not quote.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^O-\d{4}-\d{5}$/);
  const items = page.getByRole("region", { name: "Items" });
  await expect(items.getByRole("row").filter({ hasText: other.name })).toContainText("$2,000.00");
  await expect(items.getByRole("row", { name: /Freight to Baton Rouge, LA/ })).toContainText("$350.00");
  await expect(items.getByRole("row", { name: /^Total/ })).toContainText("$2,350.00");
  await expect(items).not.toContainText(product);
});
