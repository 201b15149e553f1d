import { expect, type Locator, type Page } from "@playwright/test";
import { createCompanyAs } from "./accounts";
import { queryRow, setCompanyTerms } from "./db";
import { orderBuyer, uniqueEmail } from "./factories/buyers";

/** A catalog product's page address, by its part number. */
export const slugOf = (partNumber: string) =>
  queryRow<{ slug: string }>("SELECT slug FROM products WHERE part_number = ?", partNumber)!.slug;

/** The buyer of every checkout the specs make; each test gives its own e-mail. */
export const CHECKOUT_BUYER = orderBuyer({ shippingAddress: "12 Refinery Road, Baton Rouge, LA 70801, USA" });

/** Adds `quantity` of a product to the cart from its page (with JavaScript: the page says so). */
export async function addToCart(page: Page, partNumber: string, quantity: string) {
  await page.goto(`/products/${slugOf(partNumber)}`);
  await page.getByLabel("Quantity").fill(quantity);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
}

/**
 * The reference in the heading of an order page. The URL changes before React commits the new page,
 * so this waits for the heading itself rather than reading the old page's.
 */
export async function orderReference(page: Page) {
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^O-\d{4}-\d{5}$/);
  return (await heading.textContent())!;
}

/** Fills the checkout form as `CHECKOUT_BUYER` with `email`, and returns it to be sent. */
export async function checkout(
  page: Page,
  { email, method = "card", po = "" }: { email: string; method?: "card" | "invoice"; po?: string },
) {
  await page.goto("/checkout");
  const form = page.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Company", { exact: true }).fill(CHECKOUT_BUYER.company);
  await form.getByLabel("Your name", { exact: true }).fill(CHECKOUT_BUYER.contactName);
  await form.getByLabel("E-mail", { exact: true }).fill(email);
  await form.getByLabel("Shipping address").fill(CHECKOUT_BUYER.shippingAddress);
  if (po) await form.getByLabel(/PO number/).fill(po);
  await form.getByRole("radio", { name: method === "card" ? /Pay by card/ : /Pay by invoice/ }).check();
  return form;
}

/** Reviews the filled checkout form (freight, tax and total shown), then places the order at that total. */
export async function reviewAndPlace(form: Locator) {
  await form.getByRole("button", { name: "Review order" }).click();
  await expect(form.getByRole("heading", { name: "Review your order" })).toBeVisible();
  await form.getByRole("button", { name: "Place order" }).click();
}

const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, minimum 1, single units

/** A signed-in company buyer on Net 30 places an invoice order of four gauges ($1,140.00), freight to
 * Louisiana ($45.00, 36 lb) and its 5% sales tax ($57.00): $1,242.00; its page and number. */
export async function placeCompanyInvoiceOrder(page: Page) {
  const company = `Card Pay Works ${uniqueEmail("c").slice(2, 10)}`;
  await createCompanyAs(page, company);
  setCompanyTerms(company, "net30", 10_000_00);
  await page.goto(`/products/${slugOf(DIAPHRAGM_GAUGE)}`);
  await page.getByLabel("Quantity").fill("4");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await page.goto("/checkout");
  const form = page.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Your name", { exact: true }).fill("Avery Payables");
  await form.getByLabel("Shipping address").fill("12 Refinery Row, Baton Rouge, LA 70802, USA");
  await form.getByRole("radio", { name: /Pay by invoice/ }).check();
  await form.getByLabel(/PO number/).fill("PO-CARD-2210");
  await reviewAndPlace(form);
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  const reference = await orderReference(page);
  const invoice = page.getByRole("region", { name: /^Invoice INV-\d{4}-\d{6}$/ });
  const number = (await invoice.getByRole("heading").textContent())!.replace("Invoice ", "");
  return { reference, number, orderPage: page.url(), invoice };
}
