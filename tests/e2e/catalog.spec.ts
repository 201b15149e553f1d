import { expect, test } from "../support/test";
import { openFirstProduct } from "../support/catalog";

test("browse home → category → filter → product", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const name of [
    "Industrial equipment",
    "Instruments",
    "Machinery",
    "Food processing systems",
    "New energy solutions",
  ]) {
    await expect(page.getByRole("main").getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(page.getByText(/U\.S\.-based B2B supplier/).first()).toBeVisible();

  await page.getByRole("main").getByRole("link", { name: "Instruments", exact: true }).click();
  await expect(page).toHaveURL(/\/categories\/instruments$/);
  await expect(page.getByRole("heading", { level: 1, name: "Instruments", exact: true })).toBeVisible();
  const heading = page.getByRole("heading", { name: /\d+ products?/ });
  const before = Number((await heading.textContent())!.match(/\d+/)![0]);

  // Filters submit themselves with JavaScript; the count in the label predicts the result.
  const filters = page.getByRole("form", { name: "Filters" });
  const option = filters.getByRole("group", { name: "Manufacturer" }).getByRole("checkbox").first();
  const label = await filters.getByRole("group", { name: "Manufacturer" }).locator("label").first().textContent();
  const expected = Number(label!.match(/\((\d+)\)/)![1]);
  await option.check();
  await expect(page).toHaveURL(/mfr=/);
  await expect(heading).toHaveText(new RegExp(`^${expected} products?`));
  expect(expected).toBeLessThan(before);

  // The filter lives in the URL: back returns to the unfiltered list.
  await page.goBack();
  await expect(heading).toHaveText(new RegExp(`^${before} products`));

  await page.goForward();
  await expect(heading).toHaveText(new RegExp(`^${expected} products?`));
  await openFirstProduct(page);
  await expect(page.getByText(/Part number/)).toBeVisible();
  await expect(page.getByRole("table", { name: /Specifications of/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to quote" })).toBeVisible();
});

test("a number range and price filter narrow the list", async ({ page }) => {
  await page.goto("/categories/new-energy-solutions?price=listed");
  const heading = page.getByRole("heading", { name: /\d+ products?/ });
  const listedOnly = Number((await heading.textContent())!.match(/\d+/)![0]);
  await expect(page.locator(".product-row .price--on-request")).toHaveCount(0);
  await page.goto("/categories/new-energy-solutions?price=quote");
  await expect(page.locator(".product-row .price").first()).toHaveText("Price on request");
  await page.goto("/categories/new-energy-solutions?power_min=100000");
  await expect(page.getByText("No products match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear all filters" }).first().click();
  await expect(page).toHaveURL(/\/categories\/new-energy-solutions$/);
  await expect(page.getByText("No products match these filters.")).toHaveCount(0);
  const all = Number((await heading.textContent())!.match(/\d+/)![0]);
  expect(all).toBeGreaterThan(listedOnly);
});

test("search by part number goes straight to the product; by word lists matches", async ({ page }) => {
  await page.goto("/categories/pressure-gauges");
  const partNumber = (await page.locator(".product-row .part-number .mono").first().textContent())!.trim();
  const name = (await page.locator(".product-row h3 a").first().textContent())!.trim();

  await page.getByRole("search").first().getByLabel("Search the catalog").fill(partNumber.toLowerCase());
  await page.getByRole("search").first().getByLabel("Search the catalog").press("Enter");
  await expect(page).toHaveURL(/\/products\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // Suggestions appear as the buyer types. (Once the page has hydrated, the box keeps the part
  // number searched for; before, the product page arrived as a new document with an empty box.)
  const box = page.getByRole("search").first().getByLabel("Search the catalog");
  await box.fill("");
  await box.pressSequentially(partNumber.slice(0, 5).toLowerCase(), { delay: 30 });
  await expect(page.locator(`#site-search-suggestions option[value="${partNumber}"]`)).toHaveCount(1);

  await page.goto("/search?q=gauge");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “gauge”");
  await expect(page.getByRole("heading", { name: /\d+ products?/ })).toBeVisible();
  await expect(page.locator(".product-row").first()).toContainText(/gauge/i);

  await page.goto("/search?q=zzqxw");
  await expect(page.getByText("No products match “zzqxw”.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask us for a quote" })).toBeVisible();
});

test("hostile search input is answered with escaped text, never an error", async ({ page, request }) => {
  const inputs = ["<script>window.__pwned=1</script>", '" OR 1=1 --', "NEAR(a b)", "a".repeat(5000), "*", "'\"`"];
  for (const q of inputs) {
    const response = await request.get(`/search?q=${encodeURIComponent(q)}`);
    expect(response.status(), q.slice(0, 40)).toBe(200);
  }
  await page.goto(`/search?q=${encodeURIComponent(inputs[0])}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("compare marks the rows that differ", async ({ page }) => {
  await page.goto("/categories/analytical-balances");
  const boxes = page.getByRole("checkbox", { name: "Compare" });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await boxes.nth(2).check();
  await page.getByRole("button", { name: "Compare selected (up to 4)" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=\d+&ids=\d+&ids=\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare 3 products");
  await expect(page.getByRole("columnheader")).toHaveCount(3);
  await expect(page.locator("tr.differs").first()).toBeVisible();
  await expect(page.getByRole("rowheader", { name: /Price/ })).toBeVisible();
  // Straight from the comparison into the quote list.
  await page
    .getByRole("button", { name: /^Add to quote: / })
    .first()
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Added." }).first()).toBeVisible();

  await page.goto("/compare?ids=1,2,3,4,5,6");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare 4 products");
  await expect(page.locator("p.notice[role=status]")).toContainText("Up to 4 products");
});

test("the datasheet is a PDF built from the product", async ({ page, request }) => {
  await page.goto("/categories/flow-meters");
  await openFirstProduct(page);
  const href = await page.getByRole("link", { name: "Download datasheet (PDF)" }).getAttribute("href");
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const body = await response.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  expect(body.length).toBeGreaterThan(2000);
});

test("unknown products, categories and pages are 404 with search and a way home", async ({ page }) => {
  for (const path of ["/products/no-such-product", "/categories/no-such-category", "/no/such/page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
    await expect(page.getByRole("main").getByLabel("Search the catalog")).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the IronAxis home page" })).toBeVisible();
  }
  const datasheet = await page.request.get("/products/no-such-product/datasheet.pdf");
  expect(datasheet.status()).toBe(404);
});

test("product pages with a list price carry Product JSON-LD with sku and an Offer; those on quote carry none", async ({
  page,
}) => {
  const ld = async () => {
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    return blocks.map((text) => JSON.parse(text)).find((data) => data["@type"] === "Product");
  };

  await page.goto("/categories/instruments?price=listed");
  await openFirstProduct(page);
  const listed = await ld();
  expect(listed["@type"]).toBe("Product");
  expect(listed.sku).toBeTruthy();
  expect(listed.offers.priceCurrency).toBe("USD");

  await page.goto("/categories/instruments?price=quote");
  await openFirstProduct(page);
  await expect(page.locator("main .price--on-request").first()).toBeVisible();
  expect(await ld()).toBeUndefined();
  // Its breadcrumbs are still there.
  expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
});

test("every page is sent with a fresh CSP nonce and security headers, cached or not", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const response = await request.get(i % 2 ? "/" : "/quote");
    const csp = response.headers()["content-security-policy"];
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    nonces.add(nonce);
  }
  expect(nonces.size).toBe(20);
});

test("public pages come from the page cache with an ETag; personal pages are never stored", async ({ request }) => {
  const path = "/categories/mixers?sort=name";
  const responses = [];
  for (let i = 0; i < 4; i++) responses.push(await request.get(path));
  expect(responses.map((r) => r.headers()["x-page-cache"])).toContain("HIT");
  const etags = new Set(responses.map((r) => r.headers().etag));
  expect(etags.size).toBe(1);
  expect(responses[0].headers()["cache-control"]).toContain("s-maxage=");

  const revalidated = await request.get(path, { headers: { "If-None-Match": [...etags][0] } });
  expect(revalidated.status()).toBe(304);

  const personal = await request.get("/quote");
  expect(personal.headers()["cache-control"]).toBe("private, no-store");
  expect(personal.headers()["x-page-cache"]).toBeUndefined();
});
