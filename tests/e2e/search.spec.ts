import { expect, test } from "../support/test";
import { signIn } from "../support/admin";
import { expectNoSeriousAxeViolations } from "../support/axe";
import type { Page } from "@playwright/test";

const results = (page: Page) => page.locator(".product-row");

async function expectDidYouMean(page: Page) {
  await page.goto("/search?q=compresor");
  const offer = page.locator(".did-you-mean");
  await expect(offer).toContainText("Did you mean");
  await expect(results(page).first()).toContainText("Compressor");
  await offer.getByRole("link", { name: "compressor" }).click();
  await expect(page).toHaveURL(/\/search\?q=compressor$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “compressor”");
  await expect(page.locator(".did-you-mean")).toHaveCount(0);
  await expect(results(page).first()).toContainText("Compressor");
}

test("a misspelt search shows what the corrected word finds and a Did you mean link to it", async ({ page }) => {
  await page.goto("/search?q=compresor");
  await expectNoSeriousAxeViolations(page);
  await expectDidYouMean(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the Did you mean link is a plain link to the corrected search", async ({ page }) => {
    await expectDidYouMean(page);
  });
});

test("a search of only common words says so instead of listing the whole catalog", async ({ page }) => {
  await page.goto("/search?q=a");
  await expect(page.getByText("holds only common words")).toBeVisible();
  await expect(results(page)).toHaveCount(0);
});

test("synonyms added in the back office change search results at once", async ({ page }) => {
  const word = `zyx${Date.now().toString(36)}`;
  await page.goto(`/search?q=${word}`);
  await expect(page.getByText(`No products match “${word}”`)).toBeVisible();

  await signIn(page);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Search synonyms" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Search synonyms" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Terms", { exact: true }).fill(word);
  await page.getByRole("button", { name: "Add synonyms" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter at least two terms, separated by commas");
  await expect(page.getByLabel("Terms", { exact: true })).toHaveValue(word);
  await page.getByLabel("Terms", { exact: true }).fill(`${word}, Coriolis`);
  await page.getByRole("button", { name: "Add synonyms" }).click();
  await expect(page.getByRole("status")).toHaveText("Synonyms added: search uses them now.");

  await page.goto(`/search?q=${word}`);
  await expect(results(page).first()).toContainText("Coriolis");

  await page.goto("/admin/search-synonyms");
  const group = page.locator("form").filter({ has: page.getByLabel(`Group “${word}”`) });
  await group.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toHaveText("Synonyms deleted.");
  await page.goto(`/search?q=${word}`);
  await expect(page.getByText(`No products match “${word}”`)).toBeVisible();
});

test("the site's own examples work: the no-results tips and the quick add", async ({ page }) => {
  await page.goto("/search?q=zzqxwv");
  await expect(page.getByText("No products match “zzqxwv”")).toBeVisible();
  const examples = ["316 pressure gauge", "ATEX flow meter", "LFP 200 kWh"];
  for (const example of examples) await expect(page.locator(".tips")).toContainText(`“${example}”`);
  for (const example of examples) {
    await page.goto(`/search?q=${encodeURIComponent(example)}`);
    await expect(results(page).first(), example).toBeVisible();
  }
  await page.goto(`/search?q=${encodeURIComponent("LFP 200 kWh")}`);
  await expect(results(page).first()).toContainText("215 kWh");

  for (const [query, first] of [
    ["pumps", "Pump"],
    ["37kW", "37 kW"],
    ["pasteuriser", "Pasteuri"],
    ["EV chargers", "Charger"],
  ]) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    await expect(results(page).first(), query).toContainText(first);
  }

  await page.goto("/quote");
  const pad = page.getByLabel(/One part number per line/);
  const example = (await page.locator('label[for="quick-add-lines"]').textContent())!.match(
    /for example: ([^)]+)\)/,
  )![1];
  await pad.fill(example);
  await page.getByRole("button", { name: "Add to list" }).first().click();
  await expect(page.getByRole("heading", { name: "1 item" })).toBeVisible();
  await expect(page.locator(".quote-line").first()).toContainText(example.split(" ")[0]);
  await expect(page.locator(".quote-line").first().getByLabel("Quantity")).toHaveValue(example.split(" ")[1]);
});
