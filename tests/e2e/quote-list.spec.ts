import { expect, test } from "@playwright/test";
import { openFirstProduct } from "../support/catalog";

test("add from a product page, change the quantity, see a bad quantity at the field, remove", async ({ page }) => {
  await page.goto("/quote");
  await expect(page.getByText("Your quote list is empty.")).toBeVisible();

  await page.goto("/categories/ph-meters");
  const name = await openFirstProduct(page);
  await page.getByLabel("Quantity").fill("3");
  await page.getByRole("button", { name: "Add to quote" }).click();
  // With JavaScript the buyer stays on the product and is told it was added.
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();
  await expect(page).toHaveURL(/\/products\//);

  // Adding the same product again raises the quantity.
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();

  await page.getByRole("link", { name: "View quote list" }).click();
  await expect(page.getByRole("link", { name })).toBeVisible();
  const quantity = page.getByLabel("Quantity");
  await expect(quantity).toHaveValue("5");

  // Add from a category row too.
  await page.goto("/categories/flow-meters");
  await page.getByRole("button", { name: /^Add .* to quote$/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Added." }).first()).toBeVisible();
  await page.goto("/quote");
  await expect(page.getByRole("heading", { name: "2 items" })).toBeVisible();

  // A bad quantity (browser validation bypassed) is shown at the field, and the note typed is kept.
  const firstLine = page.locator(".quote-line").first();
  await firstLine.getByLabel("Quantity").evaluate((input: HTMLInputElement) => input.removeAttribute("min"));
  await firstLine.getByLabel("Quantity").fill("-4");
  await firstLine.getByLabel("Note for sales").fill("Need calibration certificates");
  await firstLine.getByRole("button", { name: "Update" }).click();
  await expect(firstLine.getByText("Quantity must be at least 1")).toBeVisible();
  await expect(firstLine.getByLabel("Quantity")).toHaveAttribute("aria-invalid", "true");
  await expect(firstLine.getByLabel("Note for sales")).toHaveValue("Need calibration certificates");

  await firstLine.getByLabel("Quantity").fill("8");
  await firstLine.getByRole("button", { name: "Update" }).click();
  await page.reload();
  await expect(page.locator(".quote-line").first().getByLabel("Quantity")).toHaveValue("8");
  await expect(page.locator(".quote-line").first().getByLabel("Note for sales")).toHaveValue("Need calibration certificates");

  await page.locator(".quote-line").first().getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("heading", { name: "1 item" })).toBeVisible();
});

test("the quote list is private to its cookie", async ({ page, browser }) => {
  await page.goto("/categories/conveyors");
  await page.getByRole("button", { name: /^Add .* to quote$/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Added." }).first()).toBeVisible();
  await page.goto("/quote");
  await expect(page.getByRole("heading", { name: "1 item" })).toBeVisible();

  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto("/quote");
  await expect(stranger.getByText("Your quote list is empty.")).toBeVisible();
  await other.close();
});
