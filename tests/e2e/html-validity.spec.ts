import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { openFirstProduct } from "../support/catalog";
import { buyerPage } from "../support/accounts";
import { ADMIN, signIn } from "../support/admin";
import { uniqueEmail } from "../support/factories/buyers";
import { placeCompanyInvoiceOrder } from "../support/orders";
import { addFirstProductOf, submitQuoteRequest } from "../support/quotes";

const VNU_JAR = "node_modules/vnu-jar/build/dist/vnu.jar";

type VnuMessage = {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
};

/**
 * The Nu Html Checker over saved files (it refuses loopback URLs): every error, as
 * "file:line message". Needs `java` on the PATH (.ci/run installs it).
 */
function nuHtmlCheckerErrors(files: string[]) {
  const run = spawnSync("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", "--stdout", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`The Nu Html Checker did not run (is java installed?): ${run.error.message}`);
  const { messages } = JSON.parse(run.stdout) as { messages: VnuMessage[] };
  return messages.map(
    (m) =>
      `${path.basename(m.url ?? "?")}:${m.lastLine ?? "?"} ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}`,
  );
}

async function save(request: APIRequestContext, url: string, file: string, status = 200) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(status);
  expect(response.headers()["content-type"]).toContain("text/html");
  fs.writeFileSync(file, await response.body());
  return file;
}

test("every main page type is valid HTML to the Nu Html Checker", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = test.info().outputPath("pages");
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const keep = async (name: string, url: string, status = 200) =>
    files.push(await save(page.request, url, path.join(dir, `${name}.html`), status));

  await keep("home", "/");
  await keep("category", "/categories/instruments");
  await keep("category-filtered", "/categories/pressure-gauges?price=listed");
  await keep("category-range-to-mend", "/categories/pressure-gauges?max_pressure_min=50&max_pressure_max=10");
  await page.goto("/categories/battery-storage");
  await openFirstProduct(page);
  await keep("product", new URL(page.url()).pathname);
  await keep("search", "/search?q=pump");
  await keep("search-empty", "/search?q=zzzzqqq");
  // Typed into the URL: a NUL, a C0 and a C1 control and a noncharacter, none allowed in a title or attribute.
  await keep("search-controls", "/search?q=pump%00%01%C2%85%EF%BF%BEgauge");
  await keep("contact", "/contact");
  // A query no URL may carry as it is: the form posting back to the page echoes it %-escaped.
  await keep("contact-odd-query", "/contact?topic=%zz&x[]=1|2");
  await keep("terms", "/terms");
  await keep("compare", "/compare?ids=1,2,3");
  await keep("news", "/news");
  await page.goto("/news");
  await page.getByRole("main").locator("article h2 a, article h3 a").first().click();
  await expect(page).toHaveURL(/\/news\/[a-z0-9-]+$/);
  await keep("article", new URL(page.url()).pathname);
  await keep("not-found", "/no-such-page", 404);
  await keep("product-not-found", "/products/no-such-product", 404);
  await keep("admin-login", "/admin/login");

  // A buyer's own pages: the quote status page, then a quote list and a cart with lines in them.
  const { url: statusUrl } = await submitQuoteRequest(page);
  await keep("quote-status", new URL(statusUrl).pathname);
  await addFirstProductOf(page, "pressure-gauges", "3");
  await keep("quote-list", "/quote");
  await page.goto("/categories/pressure-gauges?price=listed");
  await openFirstProduct(page);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await keep("cart", "/cart");
  await keep("checkout", "/checkout");

  expect(nuHtmlCheckerErrors(files)).toEqual([]);
});

test("the back office's and a company buyer's pages are valid HTML to the Nu Html Checker", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const dir = test.info().outputPath("more-pages");
  fs.mkdirSync(dir, { recursive: true });
  // A company on account with an invoiced order, and a quote request: records for each list to link to.
  const buyer = await buyerPage(browser, uniqueEmail("valid"));
  const { orderPage } = await placeCompanyInvoiceOrder(buyer);
  const buyerPaths = [
    new URL(orderPage).pathname,
    "/account",
    "/account/company",
    "/account/lists",
    "/account/security",
  ];
  await submitQuoteRequest(page);
  await signIn(page, ADMIN);
  // Each list, then the first record it links to: a request, an order, a product, a company …
  const lists = ["/admin/quotes", "/admin/orders", "/admin/invoices", "/admin/products", "/admin/categories"];
  lists.push("/admin/companies", "/admin/news", "/admin/pages", "/admin/users", "/admin/outbox");
  const paths = ["/admin", ...lists, "/admin/quote-rules", "/admin/search-synonyms", "/admin/catalog/import"];
  paths.push("/admin/reports/sales-tax");
  for (const list of lists) {
    await page.goto(list);
    const first = page.getByRole("main").locator(`a[href^="${list}/"]:not([href$="/new"])`).first();
    if ((await first.count()) > 0) paths.push(new URL((await first.getAttribute("href"))!, page.url()).pathname);
  }
  const files: string[] = [];
  const keep = async (from: Page, url: string) =>
    files.push(await save(from.request, url, path.join(dir, `${files.length}-${url.replace(/\W+/g, "-")}.html`)));
  for (const url of paths) await keep(page, url);
  for (const url of buyerPaths) await keep(buyer, url);
  expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^\/admin\/orders\/\d+$/)]));
  expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^\/admin\/companies\/\d+$/)]));
  expect(nuHtmlCheckerErrors(files)).toEqual([]);
});
