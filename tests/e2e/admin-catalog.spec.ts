import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, test } from "../support/test";
import { ADMIN, SALES, signIn } from "../support/admin";
import { countRows, setImportCheckProgress } from "../support/db";

// Test products live in one sub-category the public catalog specs do not count.
const CATEGORY = "hydraulic-presses";
// These tests write products, and one exports the catalog and imports it back expecting no change:
// run them in order in one worker, so no edit lands between that export and its import. Of the other
// specs, price-breaks creates one product and never edits it, so the file either holds it unchanged
// or leaves it out; the import-progress spec runs alone, after all of them.
test.describe.configure({ mode: "default" });
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

async function createProduct(page: Page, fields: { name: string; partNumber: string; price?: string }) {
  await page.goto("/admin/products/new");
  await page.getByLabel("Name", { exact: true }).fill(fields.name);
  await page.getByLabel("Part number").fill(fields.partNumber);
  await page.getByLabel("Manufacturer").fill("Ironside Hydraulics");
  await page.getByLabel("Category").selectOption(CATEGORY);
  await page.getByLabel("Price (USD)").fill(fields.price ?? "");
  await page.getByLabel("Lead time (days)").fill("21");
  await page.getByLabel("Press force (t)").fill("40");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("status")).toHaveText("Product created.");
  return page.getByRole("link", { name: "View on the site" }).getAttribute("href");
}

async function uploadCsv(page: Page, csv: string) {
  await page.goto("/admin/catalog/import");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "catalog.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  await expect(page.getByRole("heading", { name: "Check of catalog.csv" })).toBeVisible();
}

test("a product created and edited in the back office shows on its public page; archived, it is gone", async ({
  page,
}) => {
  await signIn(page, SALES);
  const part = `E2E-${unique()}`;
  const href = await createProduct(page, { name: "Workshop press 40 t", partNumber: part, price: "4,950.00" });
  expect(href).toMatch(/^\/products\/workshop-press-40-t-e2e-/);

  await page.getByLabel("Name", { exact: true }).fill("Workshop press 40 t, hand pump");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");

  await page.goto(href!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Workshop press 40 t, hand pump");
  await expect(page.getByText(part).first()).toBeVisible();
  await expect(page.getByText("$4,950.00").first()).toBeVisible();

  await page.goBack();
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("status")).toContainText("Product archived");
  expect((await page.goto(href!))!.status()).toBe(404);
  await page.goto(`/search?q=${encodeURIComponent(part)}`);
  await expect(page.getByRole("link", { name: "Workshop press 40 t, hand pump" })).toHaveCount(0);
});

test("the product form shows each error at its field and keeps what was typed", async ({ page }) => {
  await signIn(page, ADMIN);
  const existing = `E2E-${unique()}`;
  await createProduct(page, { name: "Bench press 10 t", partNumber: existing });

  await page.goto("/admin/products/new");
  await page.getByLabel("Name", { exact: true }).fill("Typed name stays");
  await page.getByLabel("Part number").fill(existing.toLowerCase());
  await page.getByLabel("Category").selectOption(CATEGORY);
  await page.getByLabel("Price (USD)").fill("12.345");
  await page.getByLabel("Lead time (days)").fill("two weeks");
  await page.getByLabel("Press force (t)").fill("lots");
  await page.getByRole("button", { name: "Create product" }).click();

  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.locator("#manufacturer-error")).toHaveText("Enter the manufacturer");
  await expect(page.locator("#price-error")).toContainText("amount in USD");
  await expect(page.locator("#leadTimeDays-error")).toHaveText("Lead time must be a whole number");
  await expect(page.locator('[id="spec:force-error"]')).toHaveText("Press force must be a number in t");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Typed name stays");
  await expect(page.getByLabel("Price (USD)")).toHaveValue("12.345");
  await expect(page.getByLabel("Press force (t)")).toHaveValue("lots");
  await expect(page.getByLabel("Category")).toHaveValue(CATEGORY);

  // Fixed, except that the part number is taken (case and punctuation do not make it new).
  await page.getByLabel("Manufacturer").fill("Ironside Hydraulics");
  await page.getByLabel("Price (USD)").fill("12.35");
  await page.getByLabel("Lead time (days)").fill("14");
  await page.getByLabel("Press force (t)").fill("10");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.locator("#partNumber-error")).toContainText(`Part number already used by ${existing}`);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Typed name stays");
});

test("a product image must really be a PNG, JPEG or WebP picture of at most 5 MB", async ({ page }) => {
  await signIn(page, ADMIN);
  const href = await createProduct(page, { name: "Frame press 60 t", partNumber: `E2E-${unique()}` });

  await page
    .getByLabel("Image")
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)></svg>") });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#image-error")).toHaveText("The image must be a PNG, JPEG or WebP picture");

  await page.getByLabel("Image").setInputFiles({ name: "blank.png", mimeType: "image/png", buffer: Buffer.alloc(0) });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#image-error")).toHaveText("The image file is empty");

  const tooLarge = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
  await page.getByLabel("Image").setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: tooLarge });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#image-error")).toHaveText("The image must be at most 5 MB");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Frame press 60 t");

  await page.getByLabel("Image").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  const src = await page.getByRole("img", { name: "As shown on the product page now" }).getAttribute("src");
  expect(src).toMatch(/^\/product-images\/[0-9a-f]{32}\.png$/);
  const image = await page.request.get(src!);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");

  await page.goto(href!);
  await expect(page.locator(`main img[src="${src}"]`).first()).toBeVisible();
});

test("CSV import: a dry run reports every bad row and writes nothing; a good file creates and then updates", async ({
  page,
}) => {
  await signIn(page, SALES);
  const [a, b] = [`CSV-${unique()}A`, `CSV-${unique()}B`];
  const header = "partNumber,name,manufacturer,category,price,leadTimeDays,spec:force";
  await uploadCsv(
    page,
    [
      header,
      `${a},Imported press A,Ironside,${CATEGORY},1200,10,25`,
      `${b},Imported press B,Ironside,nowhere,,10,25`,
      `${b}X,,Ironside,${CATEGORY},,10,strong`,
      `${a.toLowerCase()},Imported press A again,Ironside,${CATEGORY},,10,25`,
    ].join("\n"),
  );
  await expect(page.getByRole("status").filter({ hasText: "rows:" })).toHaveText(
    /4 rows: 1 to create, 0 to update, 0 unchanged, 3 with errors/,
  );
  const row = (n: number) =>
    page
      .locator(".import-report tbody tr")
      .filter({ has: page.locator("td:first-child", { hasText: new RegExp(`^${n}$`) }) });
  await expect(row(3)).toContainText('category: Unknown category "nowhere"');
  await expect(row(4)).toContainText("name: Enter the name");
  await expect(row(4)).toContainText("spec:force: Press force must be a number in t");
  await expect(row(5)).toContainText("partNumber: duplicate of row 2");
  await expect(page.getByRole("button", { name: /Apply import/ })).toHaveCount(0);
  await expect(page.getByText("Correct the rows above and check it again; nothing has been imported.")).toBeVisible();

  // A file that is not CSV is told what is wrong with it, with no rows to point at.
  await uploadCsv(page, `${header}\n${a},"Imported" press,Ironside,${CATEGORY},1200,10,25`);
  await expect(page.locator(".import-report .field-error")).toContainText("The file is not valid CSV");
  await expect(page.locator(".import-report tbody tr")).toHaveCount(0);
  await expect(page.getByText("Correct the file and check it again; nothing has been imported.")).toBeVisible();
  // The answer takes the focus from the button pressed: what was found is read next.
  await expect(page.locator(".import-answer")).toBeFocused();
  // An empty file is named as such, not taken for no file at all.
  await page.goto("/admin/catalog/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  await expect(
    page.getByText("The file empty.csv is empty: choose the CSV file with the catalog's rows."),
  ).toBeVisible();
  await expect(page.locator(".import-answer")).toBeFocused();
  await page.goto(`/admin/products?q=${a}`);
  await expect(page.getByText("No products match.")).toBeVisible();

  await uploadCsv(
    page,
    [
      header,
      `${a},Imported press A,Ironside,${CATEGORY},1200,10,25`,
      `${b},Imported press B,Ironside,${CATEGORY},,10,30`,
    ].join("\n"),
  );
  await expect(page.getByRole("status").filter({ hasText: "rows:" })).toHaveText(
    /2 rows: 2 to create, 0 to update, 0 unchanged, 0 with errors/,
  );
  await page.getByRole("button", { name: "Apply import (2 new, 0 updated)" }).click();
  await expect(page.getByRole("status")).toContainText("Import applied: 2 created, 0 updated, 0 unchanged");
  await expect(page.locator(".import-answer")).toBeFocused();

  await uploadCsv(
    page,
    [
      header,
      `${a},Imported press A (2026),Ironside,${CATEGORY},1200,10,25`,
      `${b},Imported press B,Ironside,${CATEGORY},,10,30`,
    ].join("\n"),
  );
  await expect(page.getByRole("status").filter({ hasText: "rows:" })).toHaveText(
    /2 rows: 0 to create, 1 to update, 1 unchanged, 0 with errors/,
  );
  await page.getByRole("button", { name: "Apply import (0 new, 1 updated)" }).click();
  await expect(page.getByRole("status")).toContainText("Import applied: 0 created, 1 updated, 1 unchanged");

  await page.goto(`/search?q=${a}`);
  await expect(page).toHaveURL(/\/products\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Imported press A (2026)");
  await page.goto(`/categories/${CATEGORY}`);
  await expect(page.getByRole("link", { name: "Imported press B" })).toBeVisible();
});

test("a dry run shows how much of the file has been checked while it runs, read under its form's token", async ({
  page,
}) => {
  await signIn(page, SALES);
  await page.goto("/admin/catalog/import");
  const token = await page.locator('input[name="checkToken"]').inputValue();
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  // The upload is held in the browser until the page has shown what the server says of the check.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.startsWith("/admin/catalog/import"),
    async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    },
  );
  const csv = `partNumber,name,manufacturer,category,leadTimeDays\nDRY-${unique()},Dry press,Ironside,${CATEGORY},10\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "dry.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sending the file" })).toBeVisible();
  setImportCheckProgress(token, 2000, 500);
  await expect(page.getByRole("status").filter({ hasText: "% of the file" })).toHaveText(
    "25% of the file checked. Nothing is written by the check.",
  );
  await expect(page.getByRole("progressbar", { name: "Check of the file" })).toHaveAttribute("value", "500");
  release();
  await expect(page.getByRole("status").filter({ hasText: "to create" })).toHaveText(/^1 row: 1 to create/);
  await expect(page.getByRole("progressbar", { name: "Check of the file" })).toHaveCount(0);
  // The check kept its progress under the same token, and left none behind.
  expect(countRows("SELECT count(*) AS n FROM catalog_import_checks WHERE token = ?", token)).toBe(0);
});

test("exporting the catalog and importing the same file changes nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  const exported = await page.request.get("/admin/catalog/export.csv");
  expect(exported.headers()["content-type"]).toContain("text/csv");
  const csv = await exported.text();
  const rows = csv
    .trimEnd()
    .split("\n")
    .filter((line) => /^[A-Z0-9]/i.test(line)).length;
  await uploadCsv(page, csv);
  await expect(page.getByRole("status").filter({ hasText: "rows:" })).toHaveText(
    /: 0 to create, 0 to update, [\d,]+ unchanged, 0 with errors/,
  );
  expect(rows).toBeGreaterThan(50);
  // Nothing to apply: the page says so, and keeps no file for applying.
  await expect(page.getByRole("status").filter({ hasText: "nothing to import" })).toHaveText(
    "Every row matches the catalog as it is: there is nothing to import.",
  );
  await expect(page.getByRole("button", { name: /^Apply import/ })).toHaveCount(0);
  await expect(page.locator('input[name="staged"]')).toHaveCount(0);
});

test("an apply naming a file the server does not keep is refused", async ({ page }) => {
  await signIn(page, ADMIN);
  // An applied file is gone, and an apply naming anything but a kept file (a path, say) is refused.
  const header = "partNumber,name,manufacturer,category,leadTimeDays,status,spec:force";
  await uploadCsv(page, [header, `KEEP-${unique()},Kept press,Ironside,${CATEGORY},10,archived,25`].join("\n"));
  const kept = await page.locator('input[name="staged"]').inputValue();
  expect(kept).toMatch(/^[0-9a-f]{32}$/);
  await page.getByRole("button", { name: "Apply import (1 new, 0 updated)" }).click();
  await expect(page.getByRole("status")).toContainText("Import applied: 1 created, 0 updated, 0 unchanged");
  for (const staged of [kept, "0".repeat(32), "../../ironaxis.db", ""]) {
    const forged = await page.request.post("/admin/catalog/import", {
      multipart: { intent: "apply", fileName: "x.csv", staged },
      headers: { Origin: new URL(test.info().project.use.baseURL!).origin },
      maxRedirects: 0,
    });
    expect(forged.status(), staged).toBe(409);
    expect(await forged.text()).toContain("This file is no longer on the server");
  }
});

test("categories: create, rename (public page follows), and deleting one with products is refused", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/categories");
  const name = `Test rigs ${unique()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Parent").selectOption({ label: "Machinery" });
  await page.getByRole("button", { name: "Create category" }).click();
  await expect(page.getByRole("status")).toHaveText("Category created.");
  await page.getByLabel("Name").fill(`${name} and jigs`);
  await page.getByLabel("Description").fill("Rigs and jigs for press shops.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await page.getByRole("link", { name: /^\/categories\// }).click();
  // The edit page's heading is the same name: wait for the breadcrumb only the public page has.
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} and jigs`);

  await page.goto("/admin/categories");
  await page.getByRole("link", { name: "Hydraulic presses" }).click();
  await page.getByRole("button", { name: "Delete category" }).click();
  await expect(page.getByRole("alert")).toContainText("still has");
  await expect(page.getByRole("alert")).toContainText("products");
});

test("the catalog, news and outbox sections are behind sign-in and in the back-office menu", async ({ page }) => {
  for (const path of [
    "/admin/products",
    "/admin/categories",
    "/admin/catalog/import",
    "/admin/catalog/export.csv",
    "/admin/news",
    "/admin/outbox",
  ]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(302);
    expect(response.headers().location, path).toMatch(/^\/admin\/login/);
  }
  await signIn(page, SALES);
  const menu = page.getByRole("navigation", { name: "Back office" });
  for (const section of ["Catalog", "Categories", "Import/export", "News", "Outbox"])
    await expect(menu.getByRole("link", { name: section })).toBeVisible();
  await menu.getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await page.getByRole("link", { name: /^Failed \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByRole("link", { name: /^Failed/ })).toHaveAttribute("aria-current", "page");
});

test("axe finds no serious or critical violations on the catalog and news editors", async ({ page }) => {
  test.setTimeout(120_000); // six pages, each a full axe run
  await signIn(page, ADMIN);
  for (const path of [
    "/admin/products",
    "/admin/products/new",
    "/admin/categories",
    "/admin/catalog/import",
    "/admin/news/new",
    "/admin/outbox",
  ]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
