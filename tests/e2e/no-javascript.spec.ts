import { expect, gotoHydrates, test } from "../support/test";
import { openFirstProduct } from "../support/catalog";
import {
  acceptButton,
  acceptForm,
  openInInbox,
  salesPage,
  sendRevision,
  SHIP_TO,
  submitQuoteRequest,
} from "../support/quotes";

test.use({ javaScriptEnabled: false });

test("the catalog works without JavaScript: browse, filter, search, compare", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Food processing systems", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Food processing systems" })).toBeVisible();

  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByRole("radio", { name: /List price, buy online/ }).check();
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/price=listed/);
  await expect(page.locator(".product-row .price--on-request")).toHaveCount(0);

  await openFirstProduct(page);
  await expect(page.getByRole("table", { name: /Specifications of/ })).toBeVisible();

  await page.getByRole("search").first().getByLabel("Search the catalog").fill("mixer");
  await page.getByRole("search").first().getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “mixer”");

  await page.getByRole("checkbox", { name: "Compare" }).nth(0).check();
  await page.getByRole("checkbox", { name: "Compare" }).nth(1).check();
  await page.getByRole("button", { name: "Compare selected (up to 4)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare 2 products");
});

test("add to quote without JavaScript lands on the quote list", async ({ page }) => {
  await page.goto("/categories/pressure-gauges");
  const name = await openFirstProduct(page);
  await page.getByLabel("Quantity").fill("25");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page).toHaveURL(/\/quote$/);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.locator(".quote-line").getByLabel("Quantity")).toHaveValue("25");
});

test("a quote is accepted by invoice with a PO document and its addresses, without JavaScript", async ({
  page,
  browser,
}) => {
  // The request and the quote are made with JavaScript; the buyer accepts without it.
  const buyer = gotoHydrates(await (await browser.newContext({ javaScriptEnabled: true })).newPage());
  const { url, reference } = await submitQuoteRequest(buyer, {
    Company: "No Script Works",
    "E-mail": `noscript-${Date.now()}@buyer.example`,
  });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await sendRevision(sales, { unitPrice: "900.00", weeks: "3" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();

  // The private page keeps its link from other sites, yet its own forms post with a real Origin
  // (with "no-referrer" the browser sends "Origin: null", and the cross-site check refuses it).
  expect((await page.goto(url))!.headers()["referrer-policy"]).toBe("same-origin");
  await page.getByLabel("Your purchase order (PO) number").fill("PO-NS-1");
  // The request named no delivery location, so nothing is filled in: the address is asked for at
  // its field (past the browser's own check, the server's), with what was typed kept.
  const form = acceptForm(page, "invoice");
  const shipping = form.getByLabel("Shipping address");
  await expect(shipping).toHaveValue("");
  await expect(shipping).toHaveAttribute("required", "");
  await shipping.evaluate((field: HTMLTextAreaElement) => field.removeAttribute("required"));
  const billTo = "Accounts payable, PO Box 4410\nHouston, TX 77210";
  await form.getByLabel("Billing address").fill(billTo);
  await acceptButton(page, 1, "invoice").click();
  await expect(page).toHaveURL(url);
  await expect(shipping).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Enter the full shipping address")).toBeVisible();
  await expect(form.getByLabel("Billing address")).toHaveValue(billTo);
  await expect(page.getByLabel("Your purchase order (PO) number")).toHaveValue("PO-NS-1");
  await shipping.fill(SHIP_TO);
  const purchaseOrder = Buffer.from("%PDF-1.4\n% PO-NS-1\n%%EOF\n");
  await page
    .getByLabel("Your purchase order document (optional)")
    .setInputFiles({ name: "po-ns-1.pdf", mimeType: "application/pdf", buffer: purchaseOrder });
  await acceptButton(page, 1, "invoice").click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("link", { name: "po-ns-1.pdf" })).toBeVisible();
  expect(Buffer.compare(await (await page.request.get(`${page.url()}/purchase-order`)).body(), purchaseOrder)).toBe(0);
  // The order ships and is billed where the buyer said.
  await expect(page.getByText(SHIP_TO, { exact: true })).toBeVisible();
  await expect(page.getByText(`Invoice to: ${billTo}`, { exact: true })).toBeVisible();
});

test("a refused form's page starts at what is wrong without JavaScript: the summary, or the field refused", async ({
  page,
}) => {
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className);

  await page.goto("/admin/login");
  await page.getByRole("main").getByLabel("E-mail").fill("admin@ironaxis.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expect.poll(focused).toBe("error-summary");

  await page.goto("/sign-in");
  await page.getByLabel("E-mail", { exact: true }).fill("buyer@localhost");
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect.poll(focused).toBe("sign-in-email");
  await page.getByLabel("E-mail", { exact: true }).fill("no-js.focus@buyer.example");
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("form", { name: "Enter your code" })).toBeVisible();
  await expect.poll(focused).toBe("sign-in-code");

  await page.goto("/quote");
  await page.getByLabel(/One part number per line/).fill("NO-SUCH-PART 2");
  await page.getByRole("button", { name: "Add to list" }).first().click();
  await expect(page.locator("#quick-add-problems")).toContainText("NO-SUCH-PART 2");
  await expect.poll(focused).toBe("quick-add-lines");
});
