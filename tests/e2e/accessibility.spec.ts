import { expectNoSeriousAxeViolations } from "../support/axe";
import { type Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { buyerPage } from "../support/accounts";
import { ADMIN, signIn } from "../support/admin";
import { uniqueEmail } from "../support/factories/buyers";
import { placeCompanyInvoiceOrder } from "../support/orders";
import { openFirstProduct } from "../support/catalog";
import { withPa11y } from "../support/pa11y";
import { addFirstProductOf, submitQuoteRequest } from "../support/quotes";

// axe and pa11y take seconds per page on a busy machine.
test.describe.configure({ timeout: 90_000 });

const pages = [
  { name: "home", path: "/" },
  { name: "category", path: "/categories/instruments" },
  { name: "sub-category with filters", path: "/categories/pressure-gauges?price=listed" },
  { name: "sub-category with a range to mend", path: "/categories/pressure-gauges?max_pressure_max=ten" },
  { name: "search", path: "/search?q=pump" },
  { name: "compare", path: "/compare?ids=1,2,3" },
  { name: "quote list", path: "/quote" },
  { name: "news", path: "/news" },
  { name: "article", path: "/news/multiple-major-projects-signed-at-second-summit" },
  { name: "cart", path: "/cart" },
  { name: "not-found", path: "/no-such-page" },
  { name: "admin sign-in", path: "/admin/login" },
];

for (const { name, path } of pages) {
  test(`axe finds no serious or critical violations on the ${name} page`, async ({ page }) => {
    await page.goto(path);
    await expectNoSeriousAxeViolations(page);
  });
}

test("axe finds no serious or critical violations on a product page", async ({ page }) => {
  await page.goto("/categories/battery-storage");
  await openFirstProduct(page);
  await expectNoSeriousAxeViolations(page);
});

/** A quote list and a cart with a line each, so their forms are on the page. */
async function fillQuoteListAndCart(page: Page) {
  await addFirstProductOf(page, "flow-meters", "2");
  await page.goto("/categories/pressure-gauges?price=listed");
  await openFirstProduct(page);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
}

test("axe finds no serious or critical violations on a buyer's quote list, checkout and quote status page", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await fillQuoteListAndCart(page);
  for (const path of ["/quote", "/cart", "/checkout"]) {
    await page.goto(path);
    await expectNoSeriousAxeViolations(page);
  }
  await submitQuoteRequest(page);
  await expectNoSeriousAxeViolations(page);
});

test("axe finds no serious or critical violations in the back office", async ({ page }) => {
  const check = async (path: string) => {
    await page.goto(path);
    await expectNoSeriousAxeViolations(page);
  };
  await check("/admin/login");
  await submitQuoteRequest(page);
  await signIn(page, ADMIN);
  for (const path of [
    "/admin",
    "/admin/quotes",
    "/admin/orders",
    "/admin/users",
    "/admin/products",
    "/admin/companies",
  ])
    await check(path);
  // A request as sales answers it: its lines, revisions and messages, loaded as a whole document.
  await page.goto("/admin/quotes");
  const request = await page.getByRole("main").locator('a[href^="/admin/quotes/"]').first().getAttribute("href");
  expect(request).toMatch(/^\/admin\/quotes\/\d+$/);
  await check(request!);
});

test("axe finds no serious or critical violations on a company buyer's order and account pages", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const buyer = await buyerPage(browser, uniqueEmail("axe"));
  // The order's page, with its invoice, where placing the order leaves the buyer.
  await placeCompanyInvoiceOrder(buyer);
  await expectNoSeriousAxeViolations(buyer);
  for (const path of ["/account", "/account/company", "/account/lists", "/account/security"]) {
    await buyer.goto(path);
    await expectNoSeriousAxeViolations(buyer);
  }
});

test("a listing's Add to quote button is named by its visible label, then the product", async ({ page }) => {
  await page.goto("/categories/pressure-gauges?sort=name");
  const row = page.locator(".product-row").first();
  const name = (await row.locator("h3").textContent())!.trim();
  const button = row.getByRole("button", { name: `Add to quote: ${name}`, exact: true });
  await expect(button).toBeVisible();
  expect((await button.innerText()).trim()).toBe("Add to quote");
});

test("pa11y finds no errors on the main public pages", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await page.goto("/categories/battery-storage");
  await openFirstProduct(page);
  const product = new URL(page.url()).pathname;
  await withPa11y(async (check) => {
    for (const path of [...pages.map((p) => p.path), product]) await check(new URL(path, baseURL).toString());
  });
});

test("pa11y finds no errors on the quote request form, the checkout form and a quote status page", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await fillQuoteListAndCart(page);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await withPa11y(async (check) => {
    for (const path of ["/quote", "/checkout"]) await check(new URL(path, baseURL).toString(), { Cookie: cookie });
    const { url } = await submitQuoteRequest(page);
    await check(url);
  });
});
