import { expect, type Page } from "@playwright/test";
import { openFirstProduct } from "./catalog";

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
  const fields: Record<string, string> = {
    Company: "Acme Process Ltd",
    "Your name": "Dana Miller",
    "E-mail": "dana@acme-process.example",
    Country: "United States",
    ...values,
  };
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  return form;
}

/** A buyer's request for one product of `category`; returns its private status URL and reference. */
export async function submitQuoteRequest(page: Page, { category = "flow-meters", quantity = "2", ...values }: Record<string, string> = {}) {
  const product = await addFirstProductOf(page, category, quantity);
  await page.goto("/quote");
  const form = await fillRequest(page, values);
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  await expect(page).toHaveURL(/\/quotes\/[A-Za-z0-9_-]{43}$/);
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!;
  return { url: page.url(), reference, product };
}
