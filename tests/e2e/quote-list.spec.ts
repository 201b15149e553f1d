import { expect, test } from "../support/test";
import { openFirstProduct } from "../support/catalog";

test("add from a product page, change the quantity, see a bad quantity at the field, remove", async ({ page }) => {
  await page.goto("/quote");
  await expect(page.getByText("Your quote list is empty.")).toBeVisible();

  await page.goto("/categories/ph-meters");
  const name = await openFirstProduct(page);
  // A reload revalidates the cached page (304): the browser's copy must still run its scripts.
  await page.reload();
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
  const quantity = page.locator(".quote-line").getByLabel("Quantity");
  await expect(quantity).toHaveValue("5");

  // Add from a category row too.
  await page.goto("/categories/flow-meters");
  await page
    .getByRole("button", { name: /^Add to quote: / })
    .first()
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Added." }).first()).toBeVisible();
  await page.goto("/quote");
  await expect(page.getByRole("heading", { name: "2 items" })).toBeVisible();

  // Rows pressed one right after the other, before the first answer: each is added, in turn.
  await page.goto("/categories/pressure-gauges");
  // The first add is held on its way until all three are pressed.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/quote.data", async (route) => {
    await held;
    await route.continue();
  });
  const rows = page.locator(".product-row");
  for (const row of [0, 1, 2]) await rows.nth(row).getByRole("button", { name: /: / }).click();
  for (const row of [0, 1, 2]) await expect(rows.nth(row).getByRole("button", { name: /: / })).toHaveText("Adding…");
  release();
  // The last one shows its answer.
  await expect(rows.nth(2).getByRole("status")).toHaveText("Added. View quote list");
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toHaveCount(1);
  await page.goto("/quote");
  await expect(page.getByRole("heading", { name: "5 items" })).toBeVisible();

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
  const saved = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().includes("/quote"),
  );
  await firstLine.getByRole("button", { name: "Update" }).click();
  await saved;
  await page.reload();
  await expect(page.locator(".quote-line").first().getByLabel("Quantity")).toHaveValue("8");
  await expect(page.locator(".quote-line").first().getByLabel("Note for sales")).toHaveValue(
    "Need calibration certificates",
  );

  await page.locator(".quote-line").first().getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("heading", { name: "4 items" })).toBeVisible();
});

test("a quote list line stays within 1,000,000 however it is added; a quantity is a plain whole number", async ({
  page,
}) => {
  await page.goto("/categories/ph-meters");
  const name = await openFirstProduct(page);
  await page.getByLabel("Quantity").fill("600000");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();
  await page.getByLabel("Quantity").fill("600000");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status")).toContainText(
    "At most 1,000,000 of one product per line: there are already 600,000 on your list",
  );
  // A number field would not take "0x10": as text, it reaches the server, which reads only digits.
  await page.getByLabel("Quantity").evaluate((input: HTMLInputElement) => (input.type = "text"));
  await page.getByLabel("Quantity").fill("0x10");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status")).toContainText("Enter a whole number, like 20 or 2,000");

  await page.goto("/quote");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.locator(".quote-line").getByLabel("Quantity")).toHaveValue("600000");
});

test("the quote list is private to its cookie", async ({ page, browser }) => {
  await page.goto("/categories/conveyors");
  await page
    .getByRole("button", { name: /^Add to quote: / })
    .first()
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Added." }).first()).toBeVisible();
  await page.goto("/quote");
  await expect(page.getByRole("heading", { name: "1 item" })).toBeVisible();

  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto("/quote");
  await expect(stranger.getByText("Your quote list is empty.")).toBeVisible();
  await other.close();
});

test("quick add: known part numbers are added, each bad line is reported and kept", async ({ page }) => {
  await page.goto("/categories/industrial-valves?sort=name");
  const parts = await page.locator(".product-row .part-number .mono").allTextContents();
  await page.goto("/quote");
  const pad = page.getByLabel(/One part number per line/);
  await pad.fill(`${parts[0]} 12\n${parts[1].toLowerCase()}\nNO-SUCH-PART 3\n${parts[2]} 0`);
  await page.getByRole("button", { name: "Add to list" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Added 2 lines" })).toBeVisible();
  const problems = page.getByRole("alert");
  await expect(problems).toContainText("No product with part number “NO-SUCH-PART”");
  await expect(problems).toContainText("Quantity must be a whole number");
  await expect(pad).toHaveValue(`NO-SUCH-PART 3\n${parts[2]} 0`);
  await expect(page.getByRole("heading", { name: "2 items" })).toBeVisible();
  await expect(page.locator(".quote-line").first().getByLabel("Quantity")).toHaveValue("12");
});

test("free-form line with specs that matter; a bad target price is shown at the field and nothing typed is lost", async ({
  page,
}) => {
  await page.goto("/quote");
  const form = page.getByRole("form", { name: "Request something not in the catalog" });
  await form.getByLabel("What do you need?").fill("Jacketed stainless kettle, 500 L, with anchor agitator");
  await form.getByLabel("Quantity").fill("2");
  await form.getByLabel("Target unit price, USD (optional)").fill("about nine grand");
  await form.getByLabel("Spec 1").fill("Capacity");
  await form.getByLabel("Value 1").fill("500 L");
  await form.getByLabel("Spec 2").fill("Supply");
  await form.getByLabel("Value 2").fill("480 V, 3-phase, 60 Hz");
  await form.getByLabel("Importance 2").selectOption("nice");
  await form.getByRole("button", { name: "Add to list" }).click();

  await expect(form.getByText("Enter a price in US dollars")).toBeVisible();
  await expect(form.getByLabel("Target unit price, USD (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("What do you need?")).toHaveValue(
    "Jacketed stainless kettle, 500 L, with anchor agitator",
  );
  await expect(form.getByLabel("Value 2")).toHaveValue("480 V, 3-phase, 60 Hz");
  await expect(form.getByLabel("Importance 2")).toHaveValue("nice");

  await form.getByLabel("Target unit price, USD (optional)").fill("$9,250");
  await form.getByRole("button", { name: "Add to list" }).click();
  const line = page.locator(".quote-line").first();
  await expect(line).toContainText("Jacketed stainless kettle, 500 L, with anchor agitator");
  await expect(line).toContainText("Target unit price $9,250.00");
  await expect(line).toContainText("Capacity: 500 L (must have)");
  await expect(line).toContainText("Supply: 480 V, 3-phase, 60 Hz (nice to have)");
  await expect(line).toContainText("Equivalent accepted");
});

test("the engineering summary adds up power and weight and flags mixed supplies", async ({ page }) => {
  // Two electrical products from different sub-categories, read from their specs tables.
  const specs = async (path: string) => {
    await page.goto(path);
    await page.locator(".product-row h3 a").first().click();
    await expect(page).toHaveURL(/\/products\//);
    const table = page.getByRole("table", { name: /Specifications of/ });
    const value = async (label: string) =>
      (await table
        .getByRole("row", { name: new RegExp(`^${label}`) })
        .getByRole("cell")
        .textContent())!;
    return {
      power: parseFloat(await value("Power")),
      weight: parseFloat((await value("Weight")).replace(/,/g, "")),
      voltage: await value("Voltage"),
    };
  };
  const a = await specs("/categories/air-compressors?sort=name");
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();
  const b = await specs("/categories/ev-chargers?sort=name");
  await page.getByLabel("Quantity").fill("1");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();

  await page.goto("/quote");
  const summary = page.getByRole("region", { name: "Engineering summary" });
  const kw = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(a.power * 2 + b.power);
  await expect(summary).toContainText(`Total connected power${kw} kW`);
  const kg = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(a.weight * 2 + b.weight);
  await expect(summary).toContainText(`Total weight${kg} kg`);
  if (a.voltage !== b.voltage) await expect(summary).toContainText("Mixed voltages");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an add from a product page that is refused comes back on the list, the product named and the quantity kept", async ({
    page,
  }) => {
    await page.goto("/categories/ph-meters");
    const name = await openFirstProduct(page);
    const product = page.url();
    await page.getByLabel("Quantity").fill("600000");
    await page.getByRole("button", { name: "Add to quote" }).click();
    await expect(page).toHaveURL(/\/quote$/);
    // The same again would take the line over the most one line may hold.
    await page.goto(product);
    await page.getByLabel("Quantity").fill("600000");
    await page.getByRole("button", { name: "Add to quote" }).click();
    const again = page.getByRole("form", { name: `Not added: ${name}` });
    await expect(again.getByRole("spinbutton")).toHaveValue("600000");
    await expect(again.getByRole("alert")).toHaveText(
      "At most 1,000,000 of one product per line: there are already 600,000 on your list",
    );
    await again.getByRole("spinbutton").fill("400000");
    await again.getByRole("button", { name: "Add to quote" }).click();
    await expect(page.getByRole("form", { name: /^Not added/ })).toHaveCount(0);
    await expect(page.locator(".quote-line").getByLabel("Quantity")).toHaveValue("1000000");
  });
});
