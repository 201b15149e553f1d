import { expect, type Page } from "@playwright/test";

/** Opens the first product of the listing on screen and waits for its page; returns its name. */
export async function openFirstProduct(page: Page) {
  const link = page.getByRole("main").locator(".product-row h3 a").first();
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/products\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  return name;
}
