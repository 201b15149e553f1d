import { expect, test } from "../support/test";

// Remix imports the entry script (which hydrates) only after the page's load event. A click
// before hydration posts the plain form and takes the no-JavaScript path, so every test's
// `page.goto` waits for the page to hydrate first. This proves it does, with the entry script late.
test("page.goto returns once the page has hydrated, even when the entry script arrives late", async ({ page }) => {
  await page.route(/\/entry\.client-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.goto("/products/diaphragm-seal-pressure-gauge-100-mm-0-6-bar-1-in-flanged-hastelloy-gc-dsg100-hc-6b-fl");
  expect(await page.locator("html[data-hydrated]").count()).toBe(1);
  await page.getByLabel("Quantity").fill("1");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await expect(page).not.toHaveURL(/\/cart$/);
});
