import { expect, type Browser, type Page } from "@playwright/test";
import { gotoHydrates } from "./test";
import { SALES, signIn } from "./admin";
import { openFirstProduct } from "./catalog";
import { quoteBuyer } from "./factories/buyers";
import { queryRow } from "./db";

export async function addFirstProductOf(page: Page, category: string, quantity: string) {
  await page.goto(`/categories/${category}?sort=name`);
  const name = await openFirstProduct(page);
  await page.getByLabel("Quantity").fill(quantity);
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();
  return name;
}

export async function fillRequest(page: Page, values: Partial<Record<string, string>> = {}) {
  const form = page.getByRole("form", { name: "Send the request" });
  const buyer = quoteBuyer();
  const fields: Record<string, string> = {
    Company: buyer.company,
    "Your name": buyer.contactName,
    "E-mail": buyer.email,
    Country: buyer.country,
    ...values,
  };
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  return form;
}

/** A buyer's request for one product of `category`; returns its private status URL and reference. */
export async function submitQuoteRequest(
  page: Page,
  { category = "flow-meters", quantity = "2", ...values }: Record<string, string> = {},
) {
  const product = await addFirstProductOf(page, category, quantity);
  await page.goto("/quote");
  const form = await fillRequest(page, values);
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page).toHaveURL(/\/quotes\/[A-Za-z0-9_-]{43}$/);
  return { url: page.url(), reference: await requestReference(page), product };
}

/**
 * The reference in the heading of a request's status page. The URL changes before React commits
 * the new page, so this waits for the heading itself rather than reading the old page's.
 */
export async function requestReference(page: Page) {
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^Q-\d{4}-\d{5}$/);
  return (await heading.textContent())!;
}

/** A signed-in back-office user (sales unless said) in a browser of their own (with JavaScript, whatever the test uses). */
export async function salesPage(browser: Browser, who: { email: string; password: string } = SALES) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = gotoHydrates(await context.newPage());
  await signIn(page, who);
  return page;
}

/**
 * Finds a request by reference in the sales inbox; returns its row. The unfiltered inbox may list
 * the request too, so this waits for the search's own summary line: until React commits the
 * results, the row found could be the old page's, replaced under the mouse a moment later.
 */
export async function openInInbox(page: Page, reference: string) {
  await page.goto("/admin/quotes");
  await page.getByLabel("Company, e-mail, reference or part number").fill(reference);
  await page.getByRole("button", { name: "Search requests" }).click();
  await expect(page.getByText(`matching “${reference}”`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: reference });
  await expect(row).toHaveCount(1);
  return row;
}

/** Prices the first line of the open request page and sends the revision. */
export async function sendRevision(
  page: Page,
  {
    unitPrice,
    weeks,
    validUntil,
    unitCost,
  }: { unitPrice: string; weeks: string; validUntil?: string; unitCost?: string },
) {
  const form = page.locator("form.revision-form");
  await form
    .getByLabel(/^Unit price for/)
    .first()
    .fill(unitPrice);
  await form
    .getByLabel(/^Lead time in weeks for/)
    .first()
    .fill(weeks);
  await form
    .getByLabel(/^Included for/)
    .first()
    .fill("Calibration certificate");
  if (unitCost)
    await form
      .getByLabel(/^Unit cost for/)
      .first()
      .fill(unitCost);
  if (validUntil) await form.getByLabel("Valid until").fill(validUntil);
  await form.getByLabel("Incoterm").selectOption("FCA");
  await form.getByRole("button", { name: /^Send v\d to the buyer$/ }).click();
}

/** An active catalog product other than the one named: what sales adds to a quote by part number. */
export const anotherProduct = (name: string) =>
  queryRow<{ partNumber: string; name: string }>(
    "SELECT part_number AS partNumber, name FROM products WHERE status = 'active' AND name <> ? ORDER BY id LIMIT 1",
    name,
  )!;

/** The form on a quote's page that accepts it and pays one way (each way is a form of its own). */
export const acceptForm = (page: Page, method: "card" | "invoice") =>
  page.getByRole("form", { name: `Accept and pay by ${method}` });

/** The button that accepts `version` of a quote and pays one way, whatever its total (and tax) is. */
export const acceptButton = (page: Page, version: number, method: "card" | "invoice") =>
  page.getByRole("button", {
    name: new RegExp(`^Accept version ${version} and pay \\$[\\d,.]+( plus sales tax)? by ${method}$`),
  });

/** A shipping address of the test buyers: what they type when their request named no delivery location. */
export const SHIP_TO = "Plant 2, 400 Industrial Pkwy\nBaton Rouge, LA 70805";

/** Types where the order ships in the accept form of `method` (the billing address left to follow it). */
export async function fillShippingAddress(page: Page, method: "card" | "invoice", address = SHIP_TO) {
  await acceptForm(page, method).getByLabel("Shipping address").fill(address);
}
