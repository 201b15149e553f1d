import { buyerPage, backOfficePage, createCompanyAs } from "../support/accounts";
import { SALES } from "../support/admin";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { expect, test } from "../support/test";

/** $42.00, minimum 10, packs of 10, in Pressure gauges (under Instruments). */
const GAUGE = "GC-PG63-SS-16B";

test("sales sets a company's price list; its buyer sees and is charged those prices, everyone else the list price", async ({
  browser,
}) => {
  test.setTimeout(120_000); // two sign-ins and an axe run
  const company = `Priced Works ${uniqueEmail("c").slice(2, 10)}`;
  const buyerEmail = uniqueEmail("priced-buyer");
  const buyer = await buyerPage(browser, buyerEmail);
  await createCompanyAs(buyer, company);
  const { id } = queryRow<{ id: number }>("SELECT id FROM companies WHERE name = ?", company)!;
  const gauge = queryRow<{ slug: string }>("SELECT slug FROM products WHERE part_number = ?", GAUGE)!;

  const sales = await backOfficePage(browser, SALES);
  await sales.goto(`/admin/companies/${id}`);
  await sales.getByRole("link", { name: "Price list" }).click();
  await expect(sales.getByRole("heading", { level: 1 })).toHaveText(`Price list: ${company}`);
  // Bad input is shown at its field, with what was typed kept.
  await sales.getByLabel("Category", { exact: true }).selectOption({ label: "Instruments" });
  await sales.getByLabel("Percentage off list price").fill("120");
  await sales.getByRole("button", { name: "Save discount" }).click();
  await expect(sales.getByLabel("Percentage off list price")).toHaveAccessibleDescription(/between 0.01 and 99.99/);
  await expect(sales.getByLabel("Percentage off list price")).toHaveValue("120");
  await sales.getByLabel("Percentage off list price").fill("10");
  await sales.getByRole("button", { name: "Save discount" }).click();
  await expect(sales.getByRole("status")).toHaveText("Discount saved: the company’s buyers see it now.");
  await expect(sales.getByRole("table", { name: /Discounts by category/ })).toContainText("Instruments10%");

  await sales.getByLabel("Part number").fill("NO-SUCH-PART");
  await sales.getByLabel("Company price (USD)").fill("38");
  await sales.getByRole("button", { name: "Save price" }).click();
  await expect(sales.getByLabel("Part number")).toHaveAccessibleDescription(/No active product has the part number/);
  await expect(sales.getByLabel("Company price (USD)")).toHaveValue("38");
  await sales.getByLabel("Part number").fill(GAUGE.toLowerCase());
  await sales.getByRole("button", { name: "Save price" }).click();
  await expect(sales.getByRole("status")).toHaveText("Price saved: the company’s buyers see it now.");
  await expect(sales.getByRole("table", { name: /Fixed prices/ })).toContainText(`${GAUGE}`);
  await expect(sales.getByRole("table", { name: /Fixed prices/ })).toContainText("$42.00$38.00");
  await expectNoSeriousAxeViolations(sales);

  // The buyer: the fixed price on the gauge's page, 10% off its neighbours on the listing.
  await buyer.goto(`/products/${gauge.slug}`);
  await expect(buyer.locator(".buy-box .price")).toHaveText("Your price $38.00 list $42.00");
  await buyer.goto("/categories/pressure-gauges");
  const row = buyer.getByRole("listitem").filter({ hasText: GAUGE });
  await expect(row.locator(".price")).toHaveText("Your price $38.00 list $42.00");
  const other = queryRow<{ part_number: string; price_cents: number }>(
    `SELECT p.part_number, p.price_cents FROM products p JOIN categories c ON c.id = p.category_id
     WHERE c.slug = 'pressure-gauges' AND p.status = 'active' AND p.price_cents IS NOT NULL AND p.part_number <> ?
     ORDER BY p.id LIMIT 1`,
    GAUGE,
  )!;
  const dollars = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
  await expect(buyer.getByRole("listitem").filter({ hasText: other.part_number }).locator(".price")).toHaveText(
    `Your price ${dollars(Math.floor((other.price_cents * 9000 + 5000) / 10000))} list ${dollars(other.price_cents)}`,
  );

  // The cart and checkout charge the company's price.
  await buyer.goto(`/products/${gauge.slug}`);
  await buyer.getByLabel("Quantity").fill("20");
  await buyer.getByRole("button", { name: "Add to cart" }).click();
  await expect(buyer.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await buyer.goto("/cart");
  await expect(buyer.getByText("$38.00 each")).toBeVisible();
  await expect(buyer.getByTestId("cart-total")).toHaveText("$760.00");
  await buyer.goto("/checkout");
  await expect(buyer.getByRole("region", { name: "Your order" })).toContainText("Goods: $760.00");

  // A guest sees the list price.
  const guest = await buyerPage(browser);
  await guest.goto(`/products/${gauge.slug}`);
  await expect(guest.locator(".buy-box .price")).toHaveText("$42.00");

  // Removing the fixed price leaves the category's 10%.
  await sales.getByRole("button", { name: `Remove the price of ${GAUGE}` }).click();
  await expect(sales.getByRole("status")).toHaveText("Removed from the price list.");
  await buyer.goto(`/products/${gauge.slug}`);
  await expect(buyer.locator(".buy-box .price")).toHaveText("Your price $37.80 list $42.00");
  // And without the discount, the list price.
  await sales.getByRole("button", { name: "Remove the discount on Instruments" }).click();
  // The status is already there from the removal before: wait for the change itself first.
  await expect(sales.getByText("No category discounts.")).toBeVisible();
  await expect(sales.getByRole("status")).toHaveText("Removed from the price list.");
  await buyer.goto(`/products/${gauge.slug}`);
  await expect(buyer.locator(".buy-box .price")).toHaveText("$42.00");
});
