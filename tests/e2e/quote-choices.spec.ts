import { expect, test } from "../support/test";
import { ADMIN } from "../support/admin";
import { queryRow } from "../support/db";
import { pdfPages } from "../support/pdf-text";
import { anotherProduct, fillShippingAddress, openInInbox, salesPage, submitQuoteRequest } from "../support/quotes";
import { stripeEmulator } from "../support/stripe";

test("sales offers a break, an added line with an alternative, an option, freight and a discount; an admin approves the discount; the buyer chooses, recalculates without JavaScript, and pays exactly the total accepted", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { url, reference, product } = await submitQuoteRequest(page, { Company: "Choices Test Co", quantity: "4" });
  const other = anotherProduct(product);

  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  const form = sales.locator("form.revision-form");
  await form.getByLabel(`Unit price for ${product}`).fill("1,200.00");
  await form.getByLabel(`Price breaks for ${product}`).fill("5+ 1,100.00");
  await form.getByLabel(`Lead time in weeks for ${product}`).fill("4");
  const added = async (slot: number, fields: Record<string, string>, choices: Record<string, string> = {}) => {
    for (const [label, value] of Object.entries(fields))
      await form.getByLabel(`${label}, added line ${slot}`).fill(value);
    for (const [label, value] of Object.entries(choices))
      await form.getByLabel(`${label}, added line ${slot}`).selectOption(value);
  };
  await added(1, {
    "Catalog part number": other.partNumber,
    Quantity: "1",
    "Unit price": "9,000",
    "Lead time in weeks": "6",
  });
  await added(
    2,
    { Description: "Pump, stainless", Quantity: "1", "Unit price": "11,000", "Lead time in weeks": "8" },
    { "Alternative to": "Added 1" },
  );
  await added(3, { Description: "Spare seal kit", Quantity: "2", "Unit price": "150", "Lead time in weeks": "1" });
  await form.getByLabel("Optional, added line 3").check();
  await added(4, { Description: "Freight to Baton Rouge, LA", "Unit price": "450" }, { Kind: "Charge" });
  await added(5, { Description: "Project discount", "Unit price": "12%" }, { Kind: "Discount" });
  await form.getByRole("button", { name: /^Send v1 to the buyer$/ }).click();

  // 12% is over the 10% sales may give: the revision waits for an admin, and the buyer sees nothing yet.
  const approval = sales.getByRole("region", { name: "v1 waits for an admin’s approval" });
  await expect(approval).toContainText("Discount 12% of the goods is over the 10% allowed");
  await expect(approval.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await page.goto(url);
  await expect(page.getByRole("heading", { name: /^Our quote/ })).toHaveCount(0);
  const admin = await salesPage(browser, ADMIN);
  await admin.goto(new URL(sales.url()).pathname);
  await admin.getByRole("button", { name: "Approve and send v1 to the buyer" }).click();
  // As quoted: 4 × 1,200 + 9,000 of goods, 12% off (1,656), freight 450.
  await expect(admin.getByText(/^v1 · \$12,594\.00 · /)).toBeVisible();
  await expect(admin.getByRole("region", { name: "Timeline" })).toContainText("Approval: v1 approved and sent");
  await admin.context().close();

  // The quotation PDF marks the choices and carries the seller block and page numbers.
  const pages = await pdfPages(await (await page.request.get(`${url}/quote.pdf`)).body());
  // Long names wrap inside their cell: compare the words.
  const pdf = pages.join("\n").replace(/\s+/g, " ");
  expect(pdf).toContain("IronAxis, Inc.");
  expect(pdf).toMatch(/Page 1 of \d/);
  expect(pdf).toContain(`Alternative to ${other.name}`);
  expect(pdf).toContain("Optional");
  expect(pdf).toContain("Price breaks: 1+ at $1,200.00, 5+ at $1,100.00");
  expect(pdf).toContain("Total: $12,594.00");

  // Without JavaScript the buyer ticks the option and asks for the total again.
  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await noScript.goto(url);
  await noScript.getByLabel("Spare seal kit").check();
  await noScript.getByRole("button", { name: "Recalculate the total" }).click();
  // 14,100 of goods, 12% off (1,692), freight 450.
  const offerTotal = (p: typeof page) => p.locator(".quote-offer table.revision tfoot strong");
  await expect(offerTotal(noScript)).toHaveText("$12,858.00");
  await expect(noScript.getByLabel("Spare seal kit")).toBeChecked();
  await expect(
    noScript.getByRole("button", { name: "Accept version 1 and pay $12,858.00 plus sales tax by card" }),
  ).toBeVisible();
  // A quantity that is not one comes back at its field.
  await noScript.getByLabel(`Quantity of ${product}`).fill("five");
  await noScript.getByRole("button", { name: "Recalculate the total" }).click();
  await expect(noScript.locator(`[aria-invalid="true"]`)).toHaveAttribute("aria-label", `Quantity of ${product}`);
  await expect(noScript.getByText("Enter a whole number from 1 to 1,000,000")).toBeVisible();
  await noScript.context().close();

  // With JavaScript the total follows each choice.
  await page.goto(url);
  await expect(page.getByRole("button", { name: "Recalculate the total" })).toHaveCount(0);
  await page.getByLabel(`Quantity of ${product}`).fill("5");
  await page.getByLabel("Pump, stainless").check();
  await page.getByLabel("Spare seal kit").check();
  // 5 × 1,100 + 11,000 + 300 = 16,800 of goods, 12% off (2,016), freight 450.
  await expect(offerTotal(page)).toHaveText("$15,234.00");
  await fillShippingAddress(page, "card");
  await page.getByRole("button", { name: "Accept version 1 and pay $15,234.00 plus sales tax by card" }).click();
  await expect(page).toHaveURL(/\/pay\/cs_test_/);
  const session = await stripeEmulator.session(page.url().split("/pay/")[1]);
  // Stripe Tax adds Louisiana's 5% after spreading the discount over every line, the freight
  // (not taxable) included: 5% of 14,836.59, a little more than the estimate's 5% of 14,784.
  expect(session.total_details.amount_tax).toBe(741_83);
  expect(session.amount_total).toBe(15_234_00 + 741_83);
  await expect(page.getByText("Discount: −2016.00")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");

  const items = page.getByRole("region", { name: "Items" });
  await expect(items.getByRole("row").filter({ hasText: product })).toContainText("$1,100.00");
  await expect(items.getByRole("row", { name: /Pump, stainless/ })).toContainText("$11,000.00");
  await expect(items.getByRole("row", { name: /Spare seal kit/ })).toContainText("$300.00");
  await expect(items.getByRole("row", { name: /Project discount/ })).toContainText("-$2,016.00");
  await expect(items.getByRole("row", { name: /^Sales tax \(LA\) \(charged by card\)/ })).toContainText("$741.83");
  await expect(items.getByRole("row", { name: /^Total/ })).toContainText("$15,975.83");
  await expect(items).not.toContainText(other.name);
  const order = queryRow<{ total: number; status: string }>(
    "SELECT total_cents AS total, status FROM orders WHERE reference = ?",
    session.metadata.order_reference,
  )!;
  expect(order).toEqual({ total: 15_234_00 + 741_83, status: "paid" });
});
