import { expect, test } from "@playwright/test";
import { openFirstProduct } from "../support/catalog";

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
